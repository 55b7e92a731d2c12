// What a top-level statement (a unit of lower-units.ts) does to module scope, for replaying a walk
// around a unit that reads module names (reuse.ts). Rules:
// - A unit writes a module binding when it declares or imports it, defines a function held by it, or
//   assigns it or a member of it (`app.locals.x = …`) anywhere in its top-level statements (not inside
//   its functions: their writes stay in their own environments).
// - A unit is "plain" when its top-level statements only run expressions (calls like `app.get(…)`) and
//   define functions: it writes no module binding but the functions it defines, and makes no checks
//   at module scope (a top-level `if` or `try` could).
import type { Binding, Func, Pattern, Stmt } from './ir';
import type { Unit } from './lower-units';
import { forEachExpr } from './walk';

export interface UnitScope {
  /** Module bindings the unit's top-level statements write. */
  readonly writes: ReadonlySet<Binding>;
  /** Module bindings that hold the functions the unit defines. */
  readonly fns: ReadonlySet<Binding>;
  readonly plain: boolean;
}

const atModule = (b: Binding | null | undefined): b is Binding => !!b && !(b.scope as Func).parent;

function patternWrites(p: Pattern, out: Set<Binding>): void {
  if (p.k === 'bind') {
    if (atModule(p.binding)) out.add(p.binding);
  } else if (p.k === 'object') {
    for (const q of p.props) patternWrites(q.value, out);
  } else if (p.k === 'array') {
    for (const q of p.items) if (q) patternWrites(q.value, out);
  } else if (p.k === 'member') {
    let e = p.target;
    while (e.k === 'member') e = e.object;
    if (e.k === 'name' && atModule(e.binding)) out.add(e.binding);
  }
}

export function unitScope(u: Unit): UnitScope {
  const writes = new Set<Binding>(u.declared.filter(atModule));
  const fns = new Set<Binding>();
  for (const [b] of u.imports) writes.add(b);
  let plain = !u.imports.length && !u.globals?.length;
  const stmt = (s: Stmt): void => {
    switch (s.k) {
      case 'func':
        if (atModule(s.fn.binding)) {
          fns.add(s.fn.binding);
          writes.add(s.fn.binding);
        }
        return;
      case 'expr':
        return;
      case 'let':
        plain = false;
        patternWrites(s.target, writes);
        return;
      case 'if':
        plain = false;
        s.then.forEach(stmt);
        s.else.forEach(stmt);
        return;
      case 'loop':
        plain = false;
        s.head.forEach(stmt);
        s.body.forEach(stmt);
        return;
      case 'try':
        plain = false;
        s.body.forEach(stmt);
        if (s.catchParam) patternWrites(s.catchParam, writes);
        s.handler.forEach(stmt);
        s.finalizer.forEach(stmt);
        return;
      case 'block':
        plain = false;
        s.body.forEach(stmt);
        return;
      default:
        plain = false;
    }
  };
  u.stmts.forEach(stmt);
  forEachExpr(u.stmts, (e) => {
    if (e.k !== 'assign') return;
    plain = false;
    patternWrites(e.target, writes);
  });
  for (const b of writes) if (!fns.has(b)) plain = false;
  for (const name of u.locals ?? []) if (![...fns].some((b) => b.name === name)) plain = false;
  return { writes, fns, plain };
}
