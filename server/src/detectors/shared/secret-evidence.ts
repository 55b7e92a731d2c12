// What the file's own writes show a secret-named log value to be, for sensitive-data-in-logs' policy. The name is the
// rule's first evidence (`token`, `password`, `client.secret`); the file's data flow can overrule it. A variable or
// field the file only ever sets to inert values (literals, numbers, boolean tests, times, random numbers, a thing's
// `.name`: iobroker.mqtt's connection nonce `client.__secret = `${Date.now()}_${Math.random()…}``) holds no
// credential; an object whose secret fields were overwritten with literals or deleted before the line (a token
// response copied and masked, `token.access_token = "unknown"`) is a masked copy. Values the file does not show
// (parameters, reads from elsewhere, responses) keep the name's verdict, unless the last write before the read in
// its own block sets it plainly (reaching-write.ts): that value is the one logged.
import { ir } from '../../analysis';
import type { Expr, FileIR, Func, Pattern, Stmt } from '../../analysis/ir';
import type { DetectorContext, Fact } from '../../core/types';
import { exprsOf } from '../../analysis/walk';
import { classifyName } from './sensitive-names';
import { mayHaveEvidence } from './secret-evidence-gate';
import { reachingValue } from './reaching-write';

export type SecretEvidence = 'inert' | 'masked';

interface Write { fn: Func; at: number; target: Pattern; value: Expr | null }

/** Calls whose result is a number, a boolean or a time (also one formatted as text: a lock stamp `time.strftime(…)`), whatever they are given. */
const SCALAR_CALL = /^(?:Date\.now|Math\.\w+|performance\.now|process\.hrtime(?:\.bigint)?|Number|parseInt|parseFloat|Boolean|isNaN|len|bool|int|float|time\.(?:time|monotonic|perf_counter|strftime|ctime|asctime)|random\.(?:random|randint))$/;
/** Operators whose result is a boolean or a type name, whatever the operands. */
const TEST_OP = new Set(['==', '===', '!=', '!==', '<', '>', '<=', '>=', '!', 'not', 'typeof', 'instanceof', 'in', 'not in', 'is', 'is not']);

function stmtsOf(stmts: readonly Stmt[], visit: (s: Stmt) => void): void {
  for (const s of stmts) {
    visit(s);
    if (s.k === 'if') { stmtsOf(s.then, visit); stmtsOf(s.else, visit); }
    else if (s.k === 'loop') { stmtsOf(s.head, visit); stmtsOf(s.body, visit); }
    else if (s.k === 'try') { stmtsOf(s.body, visit); stmtsOf(s.handler, visit); stmtsOf(s.finalizer, visit); }
    else if (s.k === 'block') stmtsOf(s.body, visit);
  }
}

/** Every write of the file: declarations, assignment statements and assignments inside expressions; `delete x.y` as a write of nothing. */
function writesOf(lowered: FileIR): Write[] {
  const out: Write[] = [];
  for (const fn of new Set([lowered.top, ...lowered.funcs])) {
    stmtsOf(fn.body, (s) => { if (s.k === 'let') out.push({ fn, at: s.span.start, target: s.target, value: s.value }); });
    exprsOf(fn).forEach((e) => {
      if (e.k === 'assign') out.push({ fn, at: e.span.start, target: e.target, value: e.value });
      else if (e.k === 'op' && e.op === 'delete' && e.operands[0]?.k === 'member') out.push({ fn, at: e.span.start, target: { k: 'member', span: e.operands[0].span, target: e.operands[0] }, value: null });
    });
  }
  return out;
}

const UNKNOWN: Expr = { k: 'other', span: { start: 0, end: 0 }, parts: [] };

function binds(p: Pattern, id: number): boolean {
  if (p.k === 'bind') return p.binding.id === id;
  if (p.k === 'object') return p.props.some((q) => binds(q.value, id));
  if (p.k === 'array') return p.items.some((q) => !!q && binds(q.value, id));
  return false;
}

/** The property a member expression reads: `x.token`, `x["token"]`. */
function propOf(e: Expr): string | undefined {
  if (e.k !== 'member') return undefined;
  return e.prop ?? (e.key?.k === 'lit' && typeof e.key.value === 'string' ? e.key.value : undefined);
}

const isEmpty = (e: Expr) => (e.k === 'lit' && (e.value === null || e.value === '')) || (e.k === 'name' && (e.name === 'undefined' || e.name === 'None'));

function inert(e: Expr, text: string): boolean {
  switch (e.k) {
    case 'lit': return true;
    case 'concat': return e.parts.every((p) => inert(p, text));
    case 'array': return e.items.every((p) => inert(p, text));
    case 'cond': return e.options.every((p) => inert(p, text));
    case 'op': return TEST_OP.has(e.op) || e.operands.every((p) => inert(p, text));
    case 'member': return e.prop === 'name' || e.prop === 'length';
    case 'name': return e.name === 'undefined' || e.name === 'None';
    case 'call': {
      const callee = text.slice(e.callee.span.start, e.callee.span.end).replace(/\s+/g, '');
      return SCALAR_CALL.test(callee) || (/^(?:Date|String|str|repr)$/.test(callee) && e.args.every((a) => inert(a, text)));
    }
    default: return false;
  }
}

/** The expression of the lowering spanning exactly `start`–`end`, in the function that holds it. */
function exprAt(lowered: FileIR, start: number, end: number): { fn: Func; e: Expr } | undefined {
  let found: { fn: Func; e: Expr } | undefined;
  for (const fn of new Set([lowered.top, ...lowered.funcs])) {
    if (fn.span.start > start || fn.span.end < end) continue;
    exprsOf(fn).forEach((e) => { if (e.span.start === start && e.span.end === end && (!found || found.fn.span.start <= fn.span.start)) found = { fn, e }; });
  }
  return found;
}

/** All values the file writes to what `e` names: its variable's assignments, or every write of its property. */
function valuesWritten(e: Expr, writes: readonly Write[]): Expr[] | undefined {
  if (e.k === 'name') {
    // A variable's declaration and every write of it in the file, nested functions included; one set by destructuring is unknown.
    const b = e.binding;
    if (b?.kind !== 'var') return undefined;
    const own = writes.filter((w) => w.target.k === 'bind' && w.target.binding.id === b.id && w.value).map((w) => w.value!);
    return writes.some((w) => w.target.k !== 'bind' && binds(w.target, b.id)) ? [...own, UNKNOWN] : own;
  }
  const prop = propOf(e);
  if (!prop) return undefined;
  return writes.filter((w) => w.target.k === 'member' && propOf(w.target.target) === prop && w.value).map((w) => w.value!);
}

/** Before the line and in its function, a secret field of the logged object set to a literal or deleted. */
function masked(e: Expr, fn: Func, writes: readonly Write[]): boolean {
  if (e.k !== 'name') return false;
  return writes.some((w) => {
    if (w.fn !== fn || w.at >= e.span.start || w.target.k !== 'member' || w.target.target.k !== 'member') return false;
    const owner = w.target.target.object;
    const same = owner.k === 'name' && owner.name === e.name && (!e.binding || owner.binding === e.binding);
    const prop = propOf(w.target.target);
    return same && !!prop && classifyName(prop) === 'secret' && (!w.value || w.value.k === 'lit');
  });
}

/** The file's writes (`writesOf`), once per file version for every logged value the rule weighs. */
export const fileWrites: Fact<{ lowered: FileIR; writes: readonly Write[] } | undefined> = {
  id: 'file-writes',
  compute(ctx) {
    const lowered = ctx.get(ir);
    return lowered && { lowered, writes: writesOf(lowered) };
  },
};

/** What the file shows the logged value at `start`–`end` to be, when it overrules its secret name. */
export function secretEvidence(ctx: DetectorContext, start: number, end: number, python = false): SecretEvidence | undefined {
  if (!mayHaveEvidence(ctx.text, start, end, python)) return undefined;
  const known = ctx.get(fileWrites);
  const at = known && exprAt(known.lowered, start, end);
  if (!at || (at.e.k !== 'name' && at.e.k !== 'member')) return undefined;
  const { writes } = known!;
  const text = ctx.text;
  if (masked(at.e, at.fn, writes)) return 'masked';
  // The write the straight-line code before the read shows it holds wins over the file's other writes of it.
  const b = at.e.k === 'name' && at.e.binding?.kind === 'var' ? at.e.binding : undefined;
  const reaching = b && reachingValue(at.fn, b.id, at.e.span.start, writes.filter((w) => binds(w.target, b.id)).map((w) => w.at));
  if (reaching) return inert(reaching, text) ? 'inert' : undefined;
  const values = valuesWritten(at.e, writes);
  return values?.length && values.some((v) => !isEmpty(v)) && values.every((v) => inert(v, text)) ? 'inert' : undefined;
}
