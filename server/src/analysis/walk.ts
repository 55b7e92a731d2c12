// Visiting the IR: every expression of a function's own body (nested functions are visited as their
// own `Func`, not through their parent), in source order.
import type { Expr, Pattern, Stmt } from './ir';

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
