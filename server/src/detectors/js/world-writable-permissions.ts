// Flags `fs.chmod(p, 0o777)`-style modes that let every user write the file, and `process.umask(0)`.
// Assistants "fix" EACCES this way. Creation modes (mkdir/open/writeFile) are masked by umask: hint only.
import { ts } from '../../core/ts';
import type { Detector, DetectorContext, Fix } from '../../core/types';
import { JS_LIKE } from '../../core/languages';
import { walkJsKinds } from '../shared/js-nodes';
import { RULE_META } from '../shared/rule-meta';

const CHMOD = /^[fl]?chmod(Sync)?$/;
/** Function name -> index of its mode argument (number, or object with `mode`). */
const CREATE: Record<string, number> = { mkdir: 1, mkdirSync: 1, writeFile: 2, writeFileSync: 2, open: 2, openSync: 2, appendFile: 2, appendFileSync: 2 };

function modeOf(e: ts.Expression | undefined): number | undefined {
  if (!e) return undefined;
  if (ts.isNumericLiteral(e)) return Number(e.text);
  if (ts.isStringLiteralLike(e) && /^0?[0-7]{3,4}$/.test(e.text)) return parseInt(e.text, 8);
  if (ts.isObjectLiteralExpression(e)) {
    for (const p of e.properties) if (ts.isPropertyAssignment(p) && p.name.getText() === 'mode') return modeOf(p.initializer);
  }
  return undefined;
}

function literalOf(e: ts.Expression): ts.Expression {
  if (!ts.isObjectLiteralExpression(e)) return e;
  const p = e.properties.find((q) => ts.isPropertyAssignment(q) && q.name.getText() === 'mode') as ts.PropertyAssignment;
  return p.initializer;
}

/** Same literal without group/other write (0o777 -> 0o755), in the literal's own notation. */
function tightenFix(lit: ts.Expression, mode: number, sf: ts.SourceFile): Fix {
  const oct = (mode & ~0o022).toString(8).padStart(3, '0');
  const newText = ts.isStringLiteralLike(lit) ? `${lit.getText(sf)[0]}${oct}${lit.getText(sf)[0]}` : `0o${oct}`;
  return { title: `Vouch: Use mode ${oct}`, edits: [{ start: lit.getStart(sf), end: lit.end, newText }] };
}

/** Inside `if (options.unixsocket777)`: a switch named for the permissive mode is the user's explicit opt-in. */
function optedIn(node: ts.Node, sf: ts.SourceFile): boolean {
  for (let p: ts.Node | undefined = node.parent; p && !ts.isSourceFile(p) && !ts.isFunctionLike(p); p = p.parent) {
    if (ts.isIfStatement(p) && p.thenStatement.pos <= node.pos && node.end <= p.thenStatement.end && /777|world_?writable|insecure/i.test(p.expression.getText(sf))) return true;
  }
  return false;
}

const DELETE = /^(?:unlink|rm|rmdir|remove|rimraf|del)(?:Sync)?$/;
/** Awaited, or yielded as TypeScript's down-levelled async code does (`yield ioUtil.unlink(file)` in an `__awaiter`). */
const awaited = (e: ts.Node | undefined): e is ts.AwaitExpression | ts.YieldExpression => !!e && (ts.isAwaitExpression(e) || ts.isYieldExpression(e));
/** A call that deletes `target` (`fs.unlinkSync(file)`, `await fs.promises.rm(file)`), as a statement or an arrow's body. */
function deletes(n: ts.Node | undefined, target: string, sf: ts.SourceFile): boolean {
  let e = n && ts.isExpressionStatement(n) ? n.expression : n;
  if (awaited(e)) e = e.expression;
  if (!e || !ts.isCallExpression(e)) return false;
  const c = e.expression;
  const fn = ts.isPropertyAccessExpression(c) ? c.name.text : ts.isIdentifier(c) ? c.text : '';
  return DELETE.test(fn) && e.arguments[0]?.getText(sf) === target;
}

/**
 * The mode only lets the next step delete the file (shelljs: `chmodSync(file, '0666')` on EPERM, then
 * `unlinkSync(file)`, as Windows refuses to delete a read-only file): the statement after the chmod, or the first
 * of its callback, deletes the same path.
 */
function beforeDelete(call: ts.CallExpression, sf: ts.SourceFile): boolean {
  const target = call.arguments[0]?.getText(sf);
  if (!target) return false;
  const cb = call.arguments[2];
  if (cb && (ts.isArrowFunction(cb) || ts.isFunctionExpression(cb))) {
    if (deletes(ts.isBlock(cb.body) ? cb.body.statements[0] : cb.body, target, sf)) return true;
  }
  let st: ts.Node = call.parent;
  if (awaited(st)) st = st.parent;
  const block = st.parent;
  if (!ts.isExpressionStatement(st) || !(ts.isBlock(block) || ts.isSourceFile(block))) return false;
  return deletes(block.statements[block.statements.indexOf(st) + 1], target, sf);
}

/** The path is a Unix socket (`target.socket`, `socketPath`, `'/run/app.sock'`): write permission on a socket only
 * lets local users connect, as they could to a loopback port; nobody can change what it serves. */
function socketPath(e: ts.Expression | undefined): boolean {
  if (!e) return false;
  if (ts.isStringLiteralLike(e)) return /\.sock$/.test(e.text);
  if (ts.isCallExpression(e)) return socketPath(e.arguments[e.arguments.length - 1]); // path.join(dir, 'app.sock')
  const name = ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : '';
  return /^(unix_?)?socket(_?path|_?file)?$/i.test(name);
}

export const worldWritablePermissions: Detector = {
  id: 'world-writable-permissions',
  meta: { ...RULE_META['world-writable-permissions'], needs: ['js', 'js-nodes'] },
  languages: JS_LIKE,
  keywords: ['chmod', 'mode', 'umask'],
  run(ctx: DetectorContext) {
    const sf = ctx.js();
    if (!sf) return;
    walkJsKinds(ctx, [ts.SyntaxKind.CallExpression], (node) => {
      if (ts.isCallExpression(node)) {
        const c = node.expression;
        const fn = ts.isPropertyAccessExpression(c) ? c.name.text : ts.isIdentifier(c) ? c.text : '';
        if (CHMOD.test(fn) || CREATE[fn] !== undefined) {
          const arg = node.arguments[CHMOD.test(fn) ? 1 : CREATE[fn]];
          const mode = modeOf(arg);
          const chmod = CHMOD.test(fn);
          // Creation modes: 0o666 is the API default for files; only an explicit rwx-for-all is worth a hint.
          if (arg && mode !== undefined && (mode & 0o002) && (chmod || (mode & 0o777) === 0o777)) {
            const lit = literalOf(arg);
            const explicit = chmod && (optedIn(node, sf) || beforeDelete(node, sf) || socketPath(node.arguments[0]));
            ctx.report({
              start: lit.getStart(sf), end: lit.end,
              severity: chmod ? (explicit ? 'info' : undefined) : 'hint', confidence: chmod && !explicit ? undefined : 'low',
              message: chmod
                ? `Mode ${mode.toString(8)} lets every local user and process modify this path; grant write access only to its owner (e.g. 755 or 644).`
                : `Mode ${mode.toString(8)} asks for a world-writable path; the umask usually trims it, but a umask of 0 would leave it writable by everyone.`,
              fix: tightenFix(lit, mode, sf),
            });
          }
        } else if (fn === 'umask' && ts.isPropertyAccessExpression(c) && c.expression.getText(sf) === 'process') {
          const mode = modeOf(node.arguments[0]);
          // `const old = process.umask(0); process.umask(old)` only reads the umask.
          if (mode !== undefined && !(mode & 0o002) && ts.isExpressionStatement(node.parent)) {
            ctx.report({ start: node.getStart(sf), end: node.end, message: `\`process.umask(${mode.toString(8).padStart(3, '0')})\` makes every file this process creates world-writable.` });
          }
        }
      }
    });
  },
};
