// Visiting the IR: every expression of a function's own body (nested functions are visited as their
// own `Func`, not through their parent), in source order (an expression before its parts).
// `exprsOf`/`callsOf` list them once per body and keep the list with it: a function's body is an
// array the lowering makes once and never changes after (a unit an edit left alone keeps its
// functions, bodies and expressions, moved in place), so every pass over the same body, in this
// version or the next, reads one flat list instead of walking the tree again. The lists are held
// weakly by the body they describe and go when it goes.
import type { Expr, Func, Pattern, Stmt } from './ir';

export function forEachExpr(stmts: readonly Stmt[], visit: (e: Expr) => void): void {
  const expr = (e: Expr | null | undefined): void => {
    if (!e) return;
    visit(e);
    switch (e.k) {
      case 'member': expr(e.object); expr(e.key); return;
      case 'call': expr(e.callee); e.args.forEach(expr); e.kwargs.forEach((k) => expr(k.value)); return;
      case 'concat': case 'seq': case 'other': e.parts.forEach(expr); return;
      case 'object': e.props.forEach((p) => { expr(p.keyExpr); expr(p.value); }); return;
      case 'array': e.items.forEach(expr); return;
      case 'cond': expr(e.test); e.options.forEach(expr); return;
      case 'op': e.operands.forEach(expr); return;
      case 'spread': expr(e.expr); return;
      case 'assign': pattern(e.target); expr(e.value); return;
    }
  };
  const pattern = (p: Pattern): void => {
    if (p.k === 'member') expr(p.target);
    else if (p.k === 'object') p.props.forEach((q) => { pattern(q.value); expr(q.dflt); });
    else if (p.k === 'array') p.items.forEach((q) => { if (q) { pattern(q.value); expr(q.dflt); } });
  };
  const stmt = (s: Stmt): void => {
    switch (s.k) {
      case 'let': pattern(s.target); expr(s.value); return;
      case 'expr': expr(s.expr); return;
      case 'return': case 'throw': expr(s.value); return;
      case 'if': expr(s.test); s.then.forEach(stmt); s.else.forEach(stmt); return;
      case 'loop': s.head.forEach(stmt); expr(s.test); s.body.forEach(stmt); return;
      case 'try': s.body.forEach(stmt); if (s.catchParam) pattern(s.catchParam); s.handler.forEach(stmt); s.finalizer.forEach(stmt); return;
      case 'block': s.body.forEach(stmt); return;
    }
  };
  stmts.forEach(stmt);
}

export type CallExpr = Expr & { k: 'call' };

interface Listed {
  readonly all: readonly Expr[];
  readonly calls: readonly CallExpr[];
}

const listed = new WeakMap<readonly Stmt[], Listed>();

function list(fn: Func): Listed {
  let l = listed.get(fn.body);
  if (!l) {
    const all: Expr[] = [];
    const calls: CallExpr[] = [];
    forEachExpr(fn.body, (e) => {
      all.push(e);
      if (e.k === 'call') calls.push(e);
    });
    listed.set(fn.body, (l = { all, calls }));
  }
  return l;
}

/** The expressions `forEachExpr(fn.body, …)` visits, in its order. */
export const exprsOf = (fn: Func): readonly Expr[] => list(fn).all;

/** The calls among them, in the same order. */
export const callsOf = (fn: Func): readonly CallExpr[] => list(fn).calls;
