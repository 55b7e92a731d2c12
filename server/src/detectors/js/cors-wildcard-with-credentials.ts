// Flags CORS set-ups that send credentials to any origin: `cors({ origin: true|'*', credentials: true })`,
// reflecting origin callbacks, and hand-written `Access-Control-Allow-Origin: *|req.headers.origin` + credentials.
import { ts } from '../../core/ts';
import type { Detector, DetectorContext } from '../../core/types';
import { JS_LIKE } from '../../core/languages';
import { walkJsKinds } from '../shared/js-nodes';
import { RULE_META } from '../shared/rule-meta';
import { originKind, type Origin } from '../shared/cors-origins';

function keyOf(n: ts.Node): string | undefined {
  return ts.isIdentifier(n) || ts.isStringLiteralLike(n) ? n.text : undefined;
}

const isTrue = (v: ts.Expression) => v.kind === ts.SyntaxKind.TrueKeyword || (ts.isStringLiteralLike(v) && v.text === 'true');

const within = (n: ts.Node, outer: ts.Node | undefined) => !!outer && n.pos >= outer.pos && n.end <= outer.end;

/**
 * Whether two header calls sit in branches of one `if` that never both run (`if (cors === '*') set
 * origin '*'; else if (allowed) { set credentials; reflect }`, payload's headersWithCors).
 */
function exclusive(a: ts.Node, b: ts.Node): boolean {
  for (let p = a.parent; p; p = p.parent) {
    if (!within(b, p)) continue;
    if (ts.isIfStatement(p) && p.elseStatement) {
      const [inThen, inElse] = [within(a, p.thenStatement), within(a, p.elseStatement)];
      if ((inThen && within(b, p.elseStatement)) || (inElse && within(b, p.thenStatement))) return true;
    }
    if (ts.isConditionalExpression(p) && ((within(a, p.whenTrue) && within(b, p.whenFalse)) || (within(a, p.whenFalse) && within(b, p.whenTrue)))) return true;
  }
  return false;
}

/**
 * Whether `a` sits under a condition of its own that `b` is not under (an `if`, `?:` or `&&` holding `a` but not `b`). A
 * CORS library builds its headers apart, each gated by the caller's options (h3's `createOriginHeaders` answers `*` when
 * so configured, `createCredentialsHeaders` adds credentials when asked, and h3 warns about the pair): the flaw is in a
 * configuration, not in this code, so a `*` and credentials gated each on its own are info at low confidence (a reflected
 * origin keeps the rule's level: that pair works, and is the flaw).
 */
function gatedApart(a: ts.Node, b: ts.Node): boolean {
  for (let p = a.parent; p && !within(b, p); p = p.parent) {
    if (ts.isIfStatement(p) && !within(a, p.expression)) return true;
    if (ts.isConditionalExpression(p) && !within(a, p.condition)) return true;
    if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && within(a, p.right)) return true;
  }
  return false;
}

/** A switch named for CORS itself (`cors`, `opts.enableCors`, `options.get('cors')`), tested as it is: not `!opts.noCors`. */
const CORS_SWITCH = /^(?:[\w$]+\.)*(?:enable|allow|use|with)?[-_]?cors$|\.get\((['"])cors\1\)$/i;

/**
 * Inside `if (cors)`: the operator's own switch for cross-origin access (live-server's `--cors`, which documents
 * the reflection with credentials) turned it on, as a chmod 777 behind `options.unixsocket777`: info at low confidence.
 * So is the code of a function the file calls only there (browser-sync's `getCorsMiddlewware()`, one level deep).
 */
function optedIn(node: ts.Node, sf: ts.SourceFile, calls: readonly ts.CallExpression[], depth = 0): boolean {
  for (let p: ts.Node | undefined = node.parent; p && !ts.isSourceFile(p); p = p.parent) {
    if (ts.isIfStatement(p) && within(node, p.thenStatement) && CORS_SWITCH.test(p.expression.getText(sf).replace(/\s+/g, ''))) return true;
    const name = depth === 0 && ts.isFunctionLike(p) ? functionName(p) : undefined;
    const uses = name ? calls.filter((c) => calleeName(c.expression) === name) : [];
    if (uses.length) return uses.every((c) => optedIn(c, sf, calls, depth + 1));
  }
  return false;
}

const calleeName = (e: ts.Expression) => (ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : undefined);

/** `function f() {}`, `f() {}`, `f: function () {}`, `const f = () => {}`. */
function functionName(fn: ts.Node): string | undefined {
  const named = (fn as ts.FunctionLikeDeclaration).name;
  if (named && ts.isIdentifier(named)) return named.text;
  const parent = fn.parent;
  return (ts.isPropertyAssignment(parent) || ts.isVariableDeclaration(parent)) && ts.isIdentifier(parent.name) ? parent.name.text : undefined;
}

export const corsWildcardWithCredentials: Detector = {
  id: 'cors-wildcard-with-credentials',
  meta: { ...RULE_META['cors-wildcard-with-credentials'], needs: ['js', 'js-nodes'] },
  languages: JS_LIKE,
  keywords: ['credentials'],
  run(ctx: DetectorContext) {
    const sf = ctx.js();
    if (!sf) return;
    const headerOrigins: Array<{ node: ts.Node; kind: Origin }> = [];
    const headerCredentials: ts.Node[] = [];
    const found: Array<{ node: ts.Node; kind: Origin; gated?: boolean }> = [];
    const calls: ts.CallExpression[] = [];
    const message = (kind: Origin) => kind === 'reflect'
      ? 'CORS reflects any request origin while allowing credentials, so any website can make authenticated requests and read the responses.'
      : 'CORS allows any origin (`*`) together with credentials; browsers refuse this pair, and the usual workaround (reflecting the origin) lets any site read authenticated responses.';
    const report = (node: ts.Node, kind: Origin, gated = false) => {
      const low = gated || optedIn(node, sf, calls);
      ctx.report({
        start: node.getStart(sf), end: node.end, message: message(kind),
        severity: low ? 'info' : kind === 'wildcard' ? 'warning' : undefined, confidence: low ? 'low' : kind === 'wildcard' ? 'medium' : undefined,
      });
    };
    const header = (name: string, value: ts.Expression, node: ts.Node) => {
      const n = name.toLowerCase();
      if (n === 'access-control-allow-credentials' && isTrue(value)) headerCredentials.push(node);
      if (n === 'access-control-allow-origin') {
        const kind = originKind(value, sf);
        if (kind !== 'other') headerOrigins.push({ node, kind });
      }
    };
    walkJsKinds(ctx, [ts.SyntaxKind.ObjectLiteralExpression, ts.SyntaxKind.CallExpression], (node) => {
      if (ts.isObjectLiteralExpression(node)) {
        let origin: ts.PropertyAssignment | undefined;
        let credentials = false;
        for (const p of node.properties) {
          if (!ts.isPropertyAssignment(p)) continue;
          const k = keyOf(p.name);
          if (k === 'origin') origin = p;
          else if (k === 'credentials' && p.initializer.kind === ts.SyntaxKind.TrueKeyword) credentials = true;
          else if (k) header(k, p.initializer, p);
        }
        const kind = origin ? originKind(origin.initializer, sf) : 'other';
        if (origin && credentials && kind !== 'other') found.push({ node: origin, kind });
      } else if (ts.isCallExpression(node)) {
        calls.push(node);
        if (!ts.isPropertyAccessExpression(node.expression) || !/^(setHeader|header|set|append|writeHead)$/.test(node.expression.name.text) || node.arguments.length < 2) return;
        const [name, value] = node.arguments;
        if (ts.isStringLiteralLike(name)) header(name.text, value, node);
      }
    });
    for (const h of headerOrigins) {
      const pairs = headerCredentials.filter((c) => !exclusive(h.node, c));
      if (pairs.length) found.push({ ...h, gated: h.kind === 'wildcard' && pairs.every((c) => gatedApart(h.node, c) && gatedApart(c, h.node)) });
    }
    for (const { node, kind, gated } of found) report(node, kind, gated);
  },
};
