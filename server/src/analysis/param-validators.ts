// Express's `app.param('user', (req, res, next, user) => …)` and `router.param(…)`: a callback that runs before
// every route of that app or router naming `:user`. One that rejects a value failing a pattern test or an
// `isX`/`validateX` check (an early return, a throw or `next(err)` under the test) validates the parameter
// for those routes' handlers. A look-up that merely loads a record (`User.findById(id, …)`) does not.
import type { Expr, FileIR, Func, Stmt } from './ir';
import { forEachExpr, callsOf } from './walk';

const CHECKER = /^(?:is|validate|check|assert|valid)(?:[A-Z_]|$)/;

/** An expression that tests the value bound to `id`: `re.test(v)`, `v.match(re)`, `isSlug(v)`, `validator.isUUID(v)`. */
function testsValue(e: Expr, id: number): boolean {
  const isValue = (x: Expr | undefined) => x?.k === 'name' && x.binding?.id === id;
  let hit = false;
  forEachExpr([{ k: 'expr', span: e.span, expr: e }], (x) => {
    if (x.k !== 'call') return;
    const c = x.callee;
    const prop = c.k === 'member' ? c.prop ?? '' : '';
    if ((prop === 'test' && isValue(x.args[0])) || ((prop === 'match' || prop === 'exec') && c.k === 'member' && isValue(c.object))) hit = true;
    else if (CHECKER.test(c.k === 'name' ? c.name : prop) && x.args.some(isValue)) hit = true;
  });
  return hit;
}

/** A branch that leaves: a return, a throw or an error passed on (`next(err)`, a 4xx response). */
function leaves(stmts: readonly Stmt[]): boolean {
  return stmts.some((s) => s.k === 'return' || s.k === 'throw' || (s.k === 'block' && leaves(s.body)));
}

function validates(fn: Func): boolean {
  const value = fn.params[3]?.pattern;
  if (fn.params.length < 4 || value?.k !== 'bind') return false;
  const id = value.binding.id;
  const walk = (stmts: readonly Stmt[]): boolean => stmts.some((s) => (s.k === 'if' && testsValue(s.test, id) && (leaves(s.then) || leaves(s.else)))
    || (s.k === 'block' && walk(s.body)) || (s.k === 'try' && walk(s.body)));
  return walk(fn.body);
}

/** Route parameter names validated by a `.param(name, callback)` of the file, per receiver (`app`, `router`). */
export function paramValidators(ir: FileIR, byBinding: ReadonlyMap<number, Func>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const fn of ir.funcs) {
    callsOf(fn).forEach((e) => {
      if (e.callee.k !== 'member' || e.callee.prop !== 'param' || e.callee.object.k !== 'name') return;
      const [name, cb] = e.args;
      if (name?.k !== 'lit' || typeof name.value !== 'string') return;
      const handler = cb?.k === 'func' ? cb.fn : cb?.k === 'name' && cb.binding ? byBinding.get(cb.binding.id) : undefined;
      if (!handler || !validates(handler)) return;
      const recv = e.callee.object.name;
      if (!out.has(recv)) out.set(recv, new Set());
      out.get(recv)!.add(name.value);
    });
  }
  return out;
}

/** Whether every `:name` of a route path is validated for that receiver (a path with none: no). */
export function paramsValidated(validators: ReadonlyMap<string, ReadonlySet<string>>, recv: string, path: unknown): boolean {
  const names = typeof path === 'string' ? [...path.matchAll(/:(\w+)/g)].map((m) => m[1]) : [];
  const known = validators.get(recv);
  return !!known && names.length > 0 && names.every((n) => known.has(n));
}
