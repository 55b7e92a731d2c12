// The value a variable holds where it is read, when straight-line code shows it: the last statement before the read,
// in the read's own block, that sets the variable as a whole (`token = time.strftime(…)` on the line above a log call
// that follows `result, token = dev.read()`). Earlier writes are overwritten on every path to the read.
import type { Expr, Func, Pattern, Stmt } from '../../analysis/ir';

const blocksOf = (s: Stmt): ReadonlyArray<readonly Stmt[]> =>
  s.k === 'if' ? [s.then, s.else] : s.k === 'loop' ? [s.head, s.body] : s.k === 'try' ? [s.body, s.handler, s.finalizer] : s.k === 'block' ? [s.body] : [];

/** Whether offset `at` lies in `s` or a block nested in it (an `elif`'s statement spans its own clause, its `else:` is after). */
const holds = (s: Stmt, at: number): boolean => (s.span.start <= at && at < s.span.end) || blocksOf(s).some((b) => b.some((c) => holds(c, at)));

/** The innermost statement list holding the statement at `at`, and that statement's index in it. */
function blockAt(stmts: readonly Stmt[], at: number): { list: readonly Stmt[]; i: number } | undefined {
  const i = stmts.findIndex((s) => holds(s, at));
  if (i < 0) return undefined;
  for (const b of blocksOf(stmts[i])) {
    const inner = blockAt(b, at);
    if (inner) return inner;
  }
  return { list: stmts, i };
}

/** The value a plain write of binding `id` stores: `x = v` as a statement (`let`, or an assignment expression alone). */
function plainWrite(s: Stmt, id: number): Expr | null | undefined {
  const w = s.k === 'let' && !s.op ? s : s.k === 'expr' && s.expr.k === 'assign' ? s.expr : undefined;
  const target: Pattern | undefined = w?.target;
  return target?.k === 'bind' && target.binding.id === id ? w!.value : undefined;
}

/**
 * The value the variable `id` read at offset `at` in `fn` holds, when the statements before the read in its block
 * set it plainly and nothing between sets it otherwise (`writesAt` are the offsets of every write of it); else undefined.
 */
export function reachingValue(fn: Func, id: number, at: number, writesAt: readonly number[]): Expr | undefined {
  const block = blockAt(fn.body, at);
  if (!block) return undefined;
  for (let j = block.i - 1; j >= 0; j--) {
    const s = block.list[j];
    const value = plainWrite(s, id);
    if (value) return value;
    if (writesAt.some((w) => holds(s, w))) return undefined;
  }
  return undefined;
}
