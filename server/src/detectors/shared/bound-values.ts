// What a local variable holds, read from its assignments in the scope that declares it: rules use it to tell a value
// the code made itself (`const request = new OrdersCreateRequest()`, `req = session.request(headers)`) from input
// of the same name. Assignments inside nested functions are not looked at.
import type { Binding, Expr, FileIR, Func, Stmt } from '../../analysis/ir';
import { exprsOf } from '../../analysis/walk';

/** Every value assigned to a local variable in its scope (declaration and reassignments); undefined for parameters and imports. */
export function assignedValues(b: Binding): Expr[] | undefined {
  if (b.kind !== 'var') return undefined;
  const out: Expr[] = [];
  const visit = (stmts: readonly Stmt[]) => {
    for (const s of stmts) {
      if (s.k === 'let' && s.target.k === 'bind' && s.target.binding.id === b.id && s.value) out.push(s.value);
      if (s.k === 'if') { visit(s.then); visit(s.else); }
      if (s.k === 'block' || s.k === 'loop') visit(s.body);
      if (s.k === 'try') { visit(s.body); visit(s.handler); visit(s.finalizer); }
    }
  };
  visit(b.scope.body);
  return out;
}

/** Is the variable assigned at least once, and only values `made` accepts? */
export function onlyAssigned(b: Binding | null | undefined, made: (e: Expr) => boolean): boolean {
  const values = b ? assignedValues(b) : undefined;
  return !!values?.length && values.every(made);
}

/** The binding of the name written at `start` (`request` of `request.body`), if the lowering has one there. */
export function bindingAt(lowered: FileIR, start: number, name: string): Binding | undefined {
  let found: Binding | undefined;
  for (const fn of new Set([lowered.top, ...lowered.funcs])) {
    if (found) break;
    if (fn.span.start > start || fn.span.end < start) continue;
    exprsOf(fn).forEach((e) => { if (!found && e.k === 'name' && e.span.start === start && e.name === name && e.binding) found = e.binding; });
  }
  return found;
}

/**
 * What a function hands back: the value of every `return` in its own body (an expression-bodied arrow's
 * expression is one); undefined when one of them returns nothing, or when there is none.
 */
export function returnedValues(fn: Func): Expr[] | undefined {
  const out: Expr[] = [];
  let bare = false;
  const visit = (stmts: readonly Stmt[]) => {
    for (const s of stmts) {
      if (s.k === 'return') {
        if (s.value) out.push(s.value);
        else bare = true;
      }
      if (s.k === 'if') { visit(s.then); visit(s.else); }
      if (s.k === 'block' || s.k === 'loop') visit(s.body);
      if (s.k === 'try') { visit(s.body); visit(s.handler); visit(s.finalizer); }
    }
  };
  visit(fn.body);
  return out.length && !bare ? out : undefined;
}

/**
 * The function of this file a call runs, where the file says which: a name bound to a function (`sign(body)`),
 * or a method of the caller's own class (`this.sign(body)`, `self._sign(body)`) from inside one of its methods.
 */
export function calledHelper(lowered: FileIR, call: Expr, from: Func): Func | undefined {
  if (call.k !== 'call') return undefined;
  const c = call.callee;
  if (c.k === 'name') return c.binding ? lowered.funcs.find((f) => f.binding?.id === c.binding!.id) : undefined;
  if (c.k !== 'member' || c.object.k !== 'name' || !/^(?:this|self|cls)$/.test(c.object.name) || !c.prop) return undefined;
  let owner: Func | null = from;
  while (owner && !owner.owner) owner = owner.parent;
  const cls = owner?.owner?.name;
  return cls ? lowered.funcs.find((f) => f.owner?.name === cls && f.name === c.prop) : undefined;
}
