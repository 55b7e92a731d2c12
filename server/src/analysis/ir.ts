// The small intermediate representation both languages lower into. Rules of the IR:
// - One `Func` per function, method, lambda and arrow, plus `FileIR.top` for module code; statements
//   keep source order and nesting (if/loop/try), so guards and early exits stay visible.
// - Every identifier read is a `name` with the `Binding` it resolves to (scopes, shadowing, hoisting
//   and closures are settled during lowering); `binding: null` means a global or an undeclared name.
// - Parentheses, `await`, type assertions and non-null marks are dropped: they do not change values.
// - Anything the lowering does not model becomes `other` with its sub-expressions, so nothing inside
//   is lost; code that does not parse is skipped, never guessed.
// Offsets are UTF-16 offsets into the analysed text.

export interface Span {
  readonly start: number;
  readonly end: number;
}

export type BindingKind = 'param' | 'var' | 'function' | 'class' | 'import' | 'catch';

/** Where an imported binding comes from: `module` as written (`node:` dropped), `name` the export ('*' for the module object). */
export interface ImportRef {
  readonly module: string;
  readonly name: string;
}

export interface Binding {
  readonly id: number;
  readonly name: string;
  readonly kind: BindingKind;
  /** The function whose scope declares it (`FileIR.top` for module scope). */
  readonly scope: Func;
  readonly span: Span;
  import?: ImportRef;
  /** Type annotation as written (TypeScript or Python), without the colon. */
  annotation?: string;
  /** JS: made by an assignment to a name nothing declares (`location = url`): the global object's property. */
  implicit?: true;
}

export interface Kwarg {
  /** null for `**kwargs` spreads. */
  readonly name: string | null;
  readonly value: Expr;
}

export interface Prop {
  /** null when computed or a spread. */
  readonly key: string | null;
  readonly keyExpr: Expr | null;
  readonly value: Expr;
  readonly spread: boolean;
  readonly span: Span;
}

export type Expr =
  | { readonly k: 'name'; readonly span: Span; readonly name: string; readonly binding: Binding | null }
  | { readonly k: 'member'; readonly span: Span; readonly object: Expr; readonly prop: string | null; readonly key: Expr | null }
  | {
      readonly k: 'call'; readonly span: Span; readonly callee: Expr; readonly args: readonly Expr[];
      readonly kwargs: readonly Kwarg[]; readonly isNew: boolean; readonly tagged: boolean;
    }
  | { readonly k: 'lit'; readonly span: Span; readonly value: string | number | boolean | null; readonly regex?: string }
  | { readonly k: 'concat'; readonly span: Span; readonly parts: readonly Expr[]; readonly how: ConcatKind }
  | { readonly k: 'object'; readonly span: Span; readonly props: readonly Prop[] }
  | { readonly k: 'array'; readonly span: Span; readonly items: readonly Expr[] }
  | { readonly k: 'func'; readonly span: Span; readonly fn: Func }
  /** `a ? b : c`, `a || b`, `a ?? b`, `b if a else c`: the value is one of `options`. */
  | { readonly k: 'cond'; readonly span: Span; readonly test: Expr | null; readonly options: readonly Expr[] }
  /** Operators whose result is a number or a boolean: comparisons, arithmetic, `!`, `typeof`, `in`, `not`. */
  | { readonly k: 'op'; readonly span: Span; readonly op: string; readonly operands: readonly Expr[] }
  | { readonly k: 'spread'; readonly span: Span; readonly expr: Expr }
  /** An assignment used as an expression (`while ((m = re.exec(s)))`, `:=`). */
  | { readonly k: 'assign'; readonly span: Span; readonly target: Pattern; readonly value: Expr }
  /** Evaluated in order; the value is the last part's (comma operator, comprehension bodies). */
  | { readonly k: 'seq'; readonly span: Span; readonly parts: readonly Expr[] }
  | { readonly k: 'other'; readonly span: Span; readonly parts: readonly Expr[] };

/** How strings were put together: template literal, `+`, f-string, `%` formatting, `.format()`. */
export type ConcatKind = 'template' | 'plus' | 'fstring' | 'percent' | 'format';

export interface PatternProp {
  /** null for `...rest` and computed keys. */
  readonly key: string | null;
  readonly value: Pattern;
  readonly dflt: Expr | null;
  readonly rest: boolean;
}

export type Pattern =
  | { readonly k: 'bind'; readonly span: Span; readonly binding: Binding }
  | { readonly k: 'object'; readonly span: Span; readonly props: readonly PatternProp[] }
  | { readonly k: 'array'; readonly span: Span; readonly items: ReadonlyArray<PatternProp | null> }
  /** `obj.x = v`, `obj[k] = v`, `self.x = v`: `target` is a `member` expression. */
  | { readonly k: 'member'; readonly span: Span; readonly target: Expr }
  | { readonly k: 'other'; readonly span: Span };

export type Stmt =
  /** Declarations and assignments; `op` is the compound operator (`+=`) when there is one. */
  | { readonly k: 'let'; readonly span: Span; readonly target: Pattern; readonly value: Expr | null; readonly op?: string }
  | { readonly k: 'expr'; readonly span: Span; readonly expr: Expr }
  | { readonly k: 'return'; readonly span: Span; readonly value: Expr | null }
  | { readonly k: 'throw'; readonly span: Span; readonly value: Expr | null }
  | { readonly k: 'if'; readonly span: Span; readonly test: Expr; readonly then: readonly Stmt[]; readonly else: readonly Stmt[] }
  /** Loops: `head` runs once before the body (for-of/for-in bind their element there). */
  | { readonly k: 'loop'; readonly span: Span; readonly head: readonly Stmt[]; readonly test: Expr | null; readonly body: readonly Stmt[] }
  | {
      readonly k: 'try'; readonly span: Span; readonly body: readonly Stmt[]; readonly catchParam: Pattern | null;
      readonly handler: readonly Stmt[]; readonly finalizer: readonly Stmt[];
    }
  | { readonly k: 'block'; readonly span: Span; readonly body: readonly Stmt[] }
  /** A function declaration (hoisted): its binding holds `fn`. */
  | { readonly k: 'func'; readonly span: Span; readonly fn: Func }
  | { readonly k: 'jump'; readonly span: Span };

export interface Param {
  readonly index: number;
  readonly pattern: Pattern;
  /** Simple parameter name, or null when destructured. */
  readonly name: string | null;
  readonly dflt: Expr | null;
  readonly annotation: string | null;
  /** TypeScript parameter decorators (NestJS `@Body()`); Python has none. */
  readonly decorators: readonly Expr[];
  readonly rest: boolean;
  readonly span: Span;
}

export interface Func {
  readonly id: number;
  /** Declared name, the name it is assigned to, or the method name. */
  readonly name: string | null;
  readonly span: Span;
  readonly params: Param[];
  body: Stmt[];
  readonly parent: Func | null;
  /** Decorators of the function (Python, TypeScript methods). */
  decorators: Expr[];
  /** Enclosing class name and its decorators/bases, for methods. */
  owner?: { name: string; decorators: readonly Expr[]; bases: readonly string[] };
  readonly isAsync: boolean;
  exported: boolean;
  /** Binding that holds this function (declaration or `const f = () => …`). */
  binding: Binding | null;
  /** Directive prologue strings (`'use server'`). */
  directives: string[];
  /** Span of the returned expression for expression-bodied arrows and lambdas. */
  readonly expressionBody?: boolean;
}

export interface FileIR {
  readonly language: 'js' | 'python';
  readonly top: Func;
  readonly funcs: readonly Func[];
  readonly bindings: readonly Binding[];
  /** Syntax errors the parser recovered from (their regions are lowered as far as they parse). */
  readonly syntaxErrors: number;
}
