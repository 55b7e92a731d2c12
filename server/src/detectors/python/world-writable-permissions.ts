// Flags `os.chmod(path, 0o777)`, `Path.chmod(0o666)`, `stat.S_IWOTH` modes and `os.umask(0)`: assistants
// "fix" PermissionError this way. Creation modes (makedirs/mkdir/os.open) are masked by umask: hint only.
import type { Node } from 'web-tree-sitter';
import type { Detector, DetectorContext, Fix } from '../../core/types';
import { RULE_META } from '../shared/rule-meta';
import { pyArgs, pyCallee, pyNodes, pyNodesOf } from '../shared/py-nodes';

const CHMOD = /^(os\.)?[fl]?chmod$/;
const CREATE = /^(os\.)?(mkdir|makedirs|open)$/;

/** Numeric mode of a literal or `stat.S_*` expression; undefined when not statically known. */
function modeOf(n: Node | undefined): number | undefined {
  if (!n) return undefined;
  if (n.type === 'integer') {
    const t = n.text.toLowerCase().replace(/_/g, '');
    if (t.startsWith('0o')) return parseInt(t.slice(2), 8);
    if (/^0[0-7]+$/.test(t)) return parseInt(t, 8);
    return /^\d+$/.test(t) ? Number(t) : undefined;
  }
  // Only `|`/`+` add bits: `st_mode & ~stat.S_IWOTH` and `st_mode ^ stat.S_IRWXO` take them away or toggle them.
  if (n.type === 'binary_operator') {
    const op = n.childForFieldName('operator')?.text;
    if (op !== '|' && op !== '+') return undefined;
    const l = modeOf(n.childForFieldName('left') ?? undefined), r = modeOf(n.childForFieldName('right') ?? undefined);
    return l === undefined && r === undefined ? undefined : (l ?? 0) | (r ?? 0);
  }
  if (n.type === 'parenthesized_expression') return modeOf(n.namedChildren[0] ?? undefined);
  if ((n.type === 'attribute' || n.type === 'identifier') && /\bS_(IWOTH|IRWXO)$/.test(n.text)) return 0o002;
  return undefined;
}

function tightenFix(n: Node, mode: number): Fix | undefined {
  if (n.type !== 'integer') return undefined;
  const oct = (mode & ~0o022).toString(8).padStart(3, '0');
  return { title: `Vouch: Use mode 0o${oct}`, edits: [{ start: n.startIndex, end: n.endIndex, newText: `0o${oct}` }] };
}

const DELETE = /^(?:os\.(?:remove|unlink|rmdir|removedirs)|shutil\.rmtree|func)$/;
/**
 * The mode only lets the next statement delete the path (`os.chmod(path, 0o777)` then `os.remove(path)`, or a
 * `shutil.rmtree` onerror handler's `func(path)`: Windows refuses to delete a read-only file).
 */
function beforeDelete(ctx: DetectorContext, call: Node, target: Node | undefined): boolean {
  const st = call.parent;
  const next = st?.type === 'expression_statement' ? st.nextNamedSibling : null;
  const del = next?.type === 'expression_statement' ? next.firstNamedChild : null;
  return !!target && del?.type === 'call' && DELETE.test(pyCallee(ctx, del)) && pyArgs(del).positional[0]?.text === target.text;
}

export const pyWorldWritablePermissions: Detector = {
  id: 'world-writable-permissions',
  meta: { ...RULE_META['world-writable-permissions'], needs: ['python', pyNodes.id] },
  languages: ['python'],
  keywords: ['chmod', 'mode', 'umask'],
  run(ctx: DetectorContext) {
    const tree = ctx.python();
    if (!tree) return;
    for (const call of pyNodesOf(ctx, 'call')) {
      ctx.checkBudget();
      if (!call) continue;
      const callee = pyCallee(ctx, call);
      // Only these callees matter: the others' arguments are not read (WASM calls).
      if (callee !== 'os.umask' && !CHMOD.test(callee) && !/\.chmod$/.test(callee) && !(CREATE.test(callee) && callee !== 'open')) continue;
      const { keywords, positional } = pyArgs(call);
      const kw = keywords.get('mode');
      if (callee === 'os.umask') {
        const mode = modeOf(positional[0]);
        // `mask = os.umask(0); os.umask(mask)` only reads the umask.
        if (mode !== undefined && !(mode & 0o002) && call.parent?.type === 'expression_statement') {
          ctx.report({ start: call.startIndex, end: call.endIndex, message: `\`os.umask(${positional[0].text})\` makes every file this process creates world-writable.` });
        }
        continue;
      }
      const chmod = CHMOD.test(callee) || (/\.chmod$/.test(callee) && positional.length === 1);
      const create = !chmod && CREATE.test(callee) && callee !== 'open';
      if (!chmod && !create) continue;
      const modeNode = kw ?? (chmod ? positional[positional.length === 1 ? 0 : 1] : positional[callee.endsWith('open') ? 2 : 1]);
      const mode = modeOf(modeNode);
      // Creation modes: 0o666 is os.open's default; only an explicit rwx-for-all is worth a hint.
      // The sticky bit (0o1777, as on /tmp) is a shared scratch folder: each user may only delete their own files.
      if (!modeNode || mode === undefined || !(mode & 0o002) || (mode & 0o1000) || (create && (mode & 0o777) !== 0o777)) continue;
      const deleting = chmod && CHMOD.test(callee) && beforeDelete(ctx, call, positional[0]);
      ctx.report({
        start: modeNode.startIndex, end: modeNode.endIndex,
        severity: chmod ? (deleting ? 'info' : undefined) : 'hint', confidence: chmod && !deleting ? undefined : 'low',
        message: chmod
          ? `Mode ${mode.toString(8)} lets every local user and process modify this path; grant write access only to its owner (e.g. 0o755 or 0o644).`
          : `Mode ${mode.toString(8)} asks for a world-writable path; the umask usually trims it, but a umask of 0 would leave it writable by everyone.`,
        fix: tightenFix(modeNode, mode),
      });
    }
  },
};
