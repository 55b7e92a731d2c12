// Which parameters a function checks for its callers, kept in its summary: `asserted`, checked before it goes on
// (`if (!/^\d+-\d+$/.test(range)) throw …`), and `tested`, its result is the check (`return UP_PATH.test(str)`,
// whistle's `existsUpPath`). A call then validates its argument as the check written inline would: after an
// asserting call, and in a condition on a testing call. A check that neither exits nor is returned
// (`if (!ok(x)) log(x)`) vouches for nothing, as inline.
import { checkedTargets, targetOf, validation } from './guards';
import { importedCallee } from './imported';
import type { Analyzer, Frame } from './interpret';
import type { Expr, Func, Stmt } from './ir';
import type { Target } from './values';

export interface ParamChecks {
  readonly asserted: readonly number[];
  readonly tested: readonly number[];
}

/** A branch that ends by leaving the function. */
const exits = (body: readonly Stmt[]): boolean => {
  const last = body[body.length - 1];
  return !!last && (last.k === 'throw' || last.k === 'return' || (last.k === 'block' && exits(last.body)));
};

/** The checks `fn` makes on its parameters (`f`: its frame at the end of its walk), or undefined when none. */
export function paramChecks(a: Analyzer, fn: Func, f: Frame): ParamChecks | undefined {
  const index = new Map<number, number>();
  for (const p of fn.params) if (p.pattern.k === 'bind' && !p.rest) index.set(p.pattern.binding.id, p.index);
  if (!index.size) return undefined;
  const params = (ts: readonly Target[]) => ts.flatMap((t) => ('binding' in t && !t.path.length && index.has(t.binding) ? [index.get(t.binding)!] : []));
  // A top-level `if` whose branch leaves holds for everything after it: what the test checks where it goes on.
  const asserted = new Set<number>();
  for (const s of fn.body) if (s.k === 'if' && exits(s.then) && !s.else.length) for (const i of params(checkedTargets(a, s.test, f).else)) asserted.add(i);
  // Every return a boolean constant or a check of the same parameter.
  const returns: Array<Expr | null> = [];
  const walk = (body: readonly Stmt[]): void => {
    for (const s of body) {
      if (s.k === 'return') returns.push(s.value);
      else if (s.k === 'if') (walk(s.then), walk(s.else));
      else if (s.k === 'block') walk(s.body);
    }
  };
  walk(fn.body);
  const checks = returns.filter((r) => !(r?.k === 'lit' && typeof r.value === 'boolean')).map((r) => {
    if (!r) return new Set<number>();
    const t = checkedTargets(a, r, f);
    return new Set(params([...t.then, ...t.else]));
  });
  const tested = checks.length ? [...checks[0]].filter((i) => checks.every((c) => c.has(i))) : [];
  return asserted.size || tested.length ? { asserted: [...asserted], tested } : undefined;
}

/** The checks of the function a call names: one of the file's, or an imported workspace function's. */
export function calleeChecks(a: Analyzer, e: Expr & { k: 'call' }, f: Frame): ParamChecks | undefined {
  const c = e.callee;
  const fn = c.k === 'name' ? a.peek(c, f).fn : undefined;
  if (fn) return fn.owner ? undefined : a.summary(fn, f.env)?.checks;
  if (!a.importer) return undefined;
  for (const [module, name] of importedCallee(a.ir.language, c, a.siteOf(e, f).path)) {
    const imported = a.importer(module, name);
    if (imported) return imported.checks;
  }
  return undefined;
}

/** After a call to an asserting function, its checked arguments are validated. */
export function assertArgs(a: Analyzer, f: Frame, checks: ParamChecks | undefined, e: Expr & { k: 'call' }): void {
  for (const i of checks?.asserted ?? []) {
    const arg = e.args[i];
    if (arg && arg.k !== 'spread') for (const t of targetOf(arg)) validation(a, t).apply(f.env);
  }
}
