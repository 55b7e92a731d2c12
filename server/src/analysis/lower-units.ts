// Incremental lowering, one top-level statement (a "unit") at a time. Rules:
// - A unit of the new text is reused from the last lowering of the same path when it lies wholly
//   inside the text both versions share (before the edit, or after it), with the same kind and extent,
//   when the module scope declares the same names as before (then its bindings are the same objects),
//   and when every name the unit resolved at module scope resolves to the same binding now. Anything
//   else is lowered again.
// - A reused unit after the edit is moved in place: its spans shift by the edit's length and its
//   function and binding ids follow on from the units before it, exactly as a fresh lowering numbers them.
// - Module-scope effects replay in order: the bindings a unit declared there (implicit globals) and the
//   imports that turned a module-level name into an import (Python).
// The last lowering is consumed: its reused units now belong to the new one (the memo keeps one per path).
import type { Binding, Expr, FileIR, Func, ImportRef, Pattern, Span, Stmt } from './ir';
import type { Scope } from './scope';
import type { Edit } from '../core/text';

/** One top-level statement's lowering and what it depended on outside itself. */
export interface Unit {
  start: number;
  end: number;
  readonly kind: string | number;
  readonly stmts: Stmt[];
  readonly funcs: Func[];
  readonly bindings: Binding[];
  /** What each name first resolved to at module scope while the unit was lowered (null: a global). */
  readonly seen: ReadonlyMap<string, Binding | null>;
  /** Bindings the unit declared at module scope, in order. */
  readonly declared: readonly Binding[];
  /** Module-level names the unit made imports (Python `import x` at module level), in order. */
  readonly imports: ReadonlyArray<readonly [Binding, ImportRef]>;
  /** Syntax errors inside the unit (Python counts them per node). */
  readonly errors: number;
  /** Names the unit adds to the module's locals (Python), and names it declares global. */
  readonly locals?: readonly string[];
  readonly globals?: readonly string[];
}

/** What a lowering leaves for the next version of the same path. */
export interface UnitState {
  readonly text: string;
  readonly top: Func;
  /** The module-scope bindings declared before any unit (hoisted), in order. */
  readonly hoisted: readonly Binding[];
  readonly units: readonly Unit[];
}

/** The last version's units by where they start, for look-up from the new text. */
export class UnitIndex {
  private readonly byStart = new Map<number, Unit>();
  private readonly newLength: number;

  constructor(units: readonly Unit[], private readonly edit: Edit, newText: string) {
    for (const u of units) this.byStart.set(u.start, u);
    this.newLength = newText.length;
  }

  /** The old unit that the new unit [start, end) of this kind can be, or undefined; and how far it moved. */
  find(start: number, end: number, kind: string | number): { unit: Unit; shift: number } | undefined {
    const { prefix, suffix, delta } = this.edit;
    let at: number;
    let shift: number;
    if (end <= prefix) {
      at = start;
      shift = 0;
    } else if (start >= this.newLength - suffix) {
      at = start - delta;
      shift = delta;
    } else return undefined;
    const u = this.byStart.get(at);
    return u && u.end + shift === end && u.kind === kind ? { unit: u, shift } : undefined;
  }
}

/** Whether every module-scope name the unit resolved resolves to the same binding in `scope` now. */
export function sameContext(unit: Unit, scope: Scope): boolean {
  for (const [name, b] of unit.seen) if ((scope.own(name) ?? null) !== b) return false;
  return true;
}

/** Moves a reused unit by `shift` characters (ids are renumbered by Builder.adopt). */
export function shiftUnit(unit: Unit, shift: number): void {
  unit.start += shift;
  unit.end += shift;
  if (!shift) return;
  const seen = new Set<Span>();
  const sp = (s: Span) => {
    if (seen.has(s)) return;
    seen.add(s);
    (s as { start: number }).start += shift;
    (s as { end: number }).end += shift;
  };
  const owners = new Set<object>();
  const expr = (e: Expr | null | undefined): void => {
    if (!e) return;
    sp(e.span);
    switch (e.k) {
      case 'member': expr(e.object); expr(e.key); return;
      case 'call': expr(e.callee); e.args.forEach(expr); for (const k of e.kwargs) expr(k.value); return;
      case 'concat': case 'seq': case 'other': e.parts.forEach(expr); return;
      case 'object': for (const p of e.props) { sp(p.span); expr(p.keyExpr); expr(p.value); } return;
      case 'array': e.items.forEach(expr); return;
      case 'cond': expr(e.test); e.options.forEach(expr); return;
      case 'op': e.operands.forEach(expr); return;
      case 'spread': expr(e.expr); return;
      case 'assign': pattern(e.target); expr(e.value); return;
      // 'func': its function is moved from the unit's list; 'name', 'lit': the span only.
    }
  };
  const pattern = (p: Pattern | null): void => {
    if (!p) return;
    sp(p.span);
    switch (p.k) {
      case 'object': for (const q of p.props) { pattern(q.value); expr(q.dflt); } return;
      case 'array': for (const q of p.items) if (q) { pattern(q.value); expr(q.dflt); } return;
      case 'member': expr(p.target); return;
    }
  };
  const stmts = (list: readonly Stmt[]): void => {
    for (const s of list) {
      sp(s.span);
      switch (s.k) {
        case 'let': pattern(s.target); expr(s.value); break;
        case 'expr': expr(s.expr); break;
        case 'return': case 'throw': expr(s.value); break;
        case 'if': expr(s.test); stmts(s.then); stmts(s.else); break;
        case 'loop': stmts(s.head); expr(s.test); stmts(s.body); break;
        case 'try': stmts(s.body); pattern(s.catchParam); stmts(s.handler); stmts(s.finalizer); break;
        case 'block': stmts(s.body); break;
      }
    }
  };
  stmts(unit.stmts);
  for (const f of unit.funcs) {
    sp(f.span);
    for (const p of f.params) {
      sp(p.span);
      pattern(p.pattern);
      expr(p.dflt);
      p.decorators.forEach(expr);
    }
    f.decorators.forEach(expr);
    if (f.owner && !owners.has(f.owner)) {
      owners.add(f.owner);
      f.owner.decorators.forEach(expr);
    }
    stmts(f.body);
  }
  for (const b of unit.bindings) sp(b.span);
}

/** The units of a new lowering, as the file IR lists them. */
export function assemble(language: FileIR['language'], top: Func, hoisted: readonly Binding[], units: readonly Unit[], syntaxErrors: number): FileIR {
  const funcs: Func[] = [top];
  const bindings: Binding[] = [...hoisted];
  const body: Stmt[] = [];
  for (const u of units) {
    for (const f of u.funcs) funcs.push(f);
    for (const b of u.bindings) bindings.push(b);
    for (const s of u.stmts) body.push(s);
  }
  top.body = body;
  return { language, top, funcs, bindings, syntaxErrors };
}
