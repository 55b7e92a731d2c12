// Scopes and ids shared by both lowerings. A scope maps names to bindings and belongs to a function;
// lookups walk outwards, so inner declarations shadow outer ones and closures see their parents.
import type { Binding, BindingKind, Func, Span } from './ir';

export class Scope {
  private readonly names = new Map<string, Binding>();
  /**
   * On the module scope while one top-level statement is lowered (lower-units.ts): what each name
   * first resolved to there (null: a global), and the bindings the statement declared there.
   */
  recording: { readonly seen: Map<string, Binding | null>; readonly declared: Binding[] } | null = null;

  constructor(readonly parent: Scope | null, readonly fn: Func, readonly kind: 'function' | 'block' | 'class' = 'function') {}

  lookup(name: string): Binding | null {
    let last: Scope = this;
    for (let s: Scope | null = this; s; s = s.parent) {
      last = s;
      // Python: names in a class body are not visible inside its methods.
      if (s.kind === 'class' && s !== this) continue;
      const b = s.names.get(name);
      if (b) {
        if (s.recording && !s.recording.seen.has(name)) s.recording.seen.set(name, b);
        return b;
      }
    }
    if (last.recording && !last.recording.seen.has(name)) last.recording.seen.set(name, null);
    return null;
  }

  own(name: string): Binding | undefined {
    return this.names.get(name);
  }

  set(b: Binding): void {
    this.names.set(b.name, b);
    this.recording?.declared.push(b);
  }

  /** The nearest function scope (where `var` and Python locals live). */
  functionScope(): Scope {
    let s: Scope = this;
    while (s.kind !== 'function' && s.parent) s = s.parent;
    return s;
  }
}

/** Counters and the flat lists a lowering fills. */
export class Builder {
  readonly funcs: Func[] = [];
  readonly bindings: Binding[] = [];
  private nextFunc = 0;
  private nextBinding = 0;

  /** Takes over functions and bindings lowered before (a reused top-level statement), renumbered to follow on. */
  adopt(funcs: readonly Func[], bindings: readonly Binding[]): void {
    for (const f of funcs) {
      (f as { id: number }).id = this.nextFunc++;
      this.funcs.push(f);
    }
    for (const b of bindings) {
      (b as { id: number }).id = this.nextBinding++;
      this.bindings.push(b);
    }
  }

  func(init: Omit<Func, 'id' | 'body' | 'decorators' | 'exported' | 'binding' | 'directives'> & Partial<Func>): Func {
    const fn: Func = { body: [], decorators: [], exported: false, binding: null, directives: [], ...init, id: this.nextFunc++ };
    this.funcs.push(fn);
    return fn;
  }

  /** Declares `name` in `scope` unless it already holds a binding of that name (redeclaration). */
  declare(scope: Scope, name: string, kind: BindingKind, span: Span, extra: Partial<Binding> = {}): Binding {
    const existing = scope.own(name);
    if (existing) return existing;
    const b: Binding = { id: this.nextBinding++, name, kind, scope: scope.fn, span, ...extra };
    this.bindings.push(b);
    scope.set(b);
    return b;
  }
}

/** `node:fs` → `fs`; `fs/promises` → `fs.promises` (one spelling for models to match). */
export function normalizeModule(spec: string): string {
  const bare = spec.startsWith('node:') ? spec.slice(5) : spec;
  return bare === 'fs/promises' ? 'fs.promises' : bare;
}
