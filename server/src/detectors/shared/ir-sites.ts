// Call sites of a lowered file (JS/TS or Python) with what surrounds them: the `if` tests they sit
// under (an environment or DEBUG check makes a registration dev-only), the call they are an argument
// of (`app.use('/x', auth, serveIndex(dir))`: the route chain), and the function they are in.
import type { Expr, FileIR, Func, Stmt } from '../../analysis/ir';
import { forEachExpr } from '../../analysis/walk';

export type Call = Expr & { k: 'call' };

export interface CallSite {
  readonly call: Call;
  readonly fn: Func;
  /** Tests of the enclosing `if` statements, outermost first (both branches count). */
  readonly guards: readonly Expr[];
  /** The call this one is a direct argument of, if any. */
  readonly parent?: Call;
}

/** Every call of the file, in source order per function, with its guards and parent call. */
export function callSites(lowered: FileIR, tick: () => void): CallSite[] {
  const out: CallSite[] = [];
  for (const fn of lowered.funcs) {
    tick();
    const parents = new Map<Call, Call>();
    const exprs = (stmts: readonly Stmt[], guards: readonly Expr[]) => forEachExpr(stmts, (e) => {
      if (e.k !== 'call') return;
      for (const a of e.args) if (a.k === 'call') parents.set(a, e);
      out.push({ call: e, fn, guards, parent: parents.get(e) });
    });
    const walk = (stmts: readonly Stmt[], guards: readonly Expr[]): void => {
      for (const s of stmts) {
        if (s.k === 'if') {
          exprs([{ k: 'expr', span: s.test.span, expr: s.test }], guards);
          walk(s.then, [...guards, s.test]);
          walk(s.else, [...guards, s.test]);
        } else if (s.k === 'loop') { walk(s.head, guards); if (s.test) exprs([{ k: 'expr', span: s.test.span, expr: s.test }], guards); walk(s.body, guards); }
        else if (s.k === 'try') { walk(s.body, guards); walk(s.handler, guards); walk(s.finalizer, guards); }
        else if (s.k === 'block') walk(s.body, guards);
        else exprs([s], guards);
      }
    };
    walk(fn.body, []);
  }
  return out;
}

/** Words of an environment, debug or deployment check: `process.env.NODE_ENV !== 'production'`, `settings.DEBUG`, `isDev`. */
const ENV_CHECK = /\b(?:process\.env|import\.meta\.env|os\.environ|getenv|NODE_ENV|DEBUG|debug|isDev\w*|isDevelopment|isProd\w*|IS_PROD\w*|development|production|app\.debug|app\.testing|TESTING|ENABLE_\w+|env)\b/;

/** Whether one of the guards is an environment or debug check. */
export function envGuarded(guards: readonly Expr[], text: string): boolean {
  return guards.some((g) => ENV_CHECK.test(text.slice(g.span.start, g.span.end)));
}

/** Identifier words: `LOG_DIR` → log, dir; `logsDir` → logs, dir. */
export function wordsOf(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

/** The text of an expression, whitespace collapsed and cut for a message. */
export function shortText(text: string, e: { span: { start: number; end: number } }, max = 50): string {
  const t = text.slice(e.span.start, e.span.end).replace(/\s+/g, ' ');
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}
