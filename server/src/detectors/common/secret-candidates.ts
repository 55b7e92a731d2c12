// Where a literal is bound to a name in JS/TS: the candidates the generic secret rule judges, found in
// the file's shared walk (declarations, properties, assignments, defaults, JSX attributes).
import { deferred } from '../../core/deferred';
import { ts } from '../../core/ts';
import type { DetectorContext } from '../../core/types';
import { walkJsKinds } from '../shared/js-nodes';

export interface SecretCandidate {
  /** The name the value is bound to (variable, property, key, keyword argument, env var). */
  name: string;
  /** Offsets of the value inside its quotes. */
  start: number;
  end: number;
  /** A plain quoted literal that an environment read can replace. */
  fixable: boolean;
  /** The literal is a fallback after an environment read (`process.env.X || "…"`) of this variable. */
  fallbackFor?: string;
}

let K = deferred(() => ts.SyntaxKind, (kinds) => (K = kinds));

function jsName(n: ts.Node | undefined): string | undefined {
  if (!n) return undefined;
  if (ts.isIdentifier(n) || ts.isPrivateIdentifier(n) || ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return n.text;
  if (ts.isPropertyAccessExpression(n)) return n.name.text;
  if (ts.isElementAccessExpression(n)) return jsName(n.argumentExpression);
  if (ts.isComputedPropertyName(n)) return jsName(n.expression);
  return undefined;
}

/** `process.env.X`, `process.env["X"]`, `import.meta.env.X` → X. */
function jsEnvRead(n: ts.Expression): string | undefined {
  if (!ts.isPropertyAccessExpression(n) && !ts.isElementAccessExpression(n)) return undefined;
  const obj = n.expression.getText();
  return obj === 'process.env' || obj === 'import.meta.env' ? jsName(n) : undefined;
}

function jsValue(sf: ts.SourceFile, name: string | undefined, init: ts.Node | undefined, out: SecretCandidate[]): void {
  let e = init;
  while (e && (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e))) e = e.expression;
  if (!e) return;
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) {
    if (name) out.push({ name, start: e.getStart(sf) + 1, end: e.end - 1, fixable: true });
    return;
  }
  if (ts.isBinaryExpression(e) && (e.operatorToken.kind === K.BarBarToken || e.operatorToken.kind === K.QuestionQuestionToken)) {
    const r = e.right;
    if (!ts.isStringLiteral(r) && !ts.isNoSubstitutionTemplateLiteral(r)) return;
    const env = jsEnvRead(e.left);
    if (env === undefined) return;
    out.push({ name: name ?? '', start: r.getStart(sf) + 1, end: r.end - 1, fixable: false, fallbackFor: env });
  }
}

const HINT = /pass|pwd|secret|token|key|auth|cred/gi;
const NAME_CHAR = /[\w$#-]/;
/** How a language binds a name to a literal, read from the text: both patterns end at the value's opening quote. */
export interface BindingForms {
  /** What follows the name (anchored at its end). */
  readonly bound: RegExp;
  /** Environment reads with a literal fallback (global), whatever name they are bound to. */
  readonly fallbacks: RegExp;
}

/** JS/TS: `= '`, `: "`, `: string = '`, `'] = "`, `|| '`, `??= '`, `={'`, `: ('`; `process.env.X || '…'`. */
export const JS_FORMS: BindingForms = {
  bound: /^['"`]?\]?\??\s*(?::\s*[\w$.<>[\]| ]{1,60}?\s*=|[:=]|\|\|=?|\?\?=?)\s*[({]*\s*['"`]/,
  fallbacks: /\benv(?:\.[\w$]+|\[[^\]\n]{1,80}\])\s*(?:\|\||\?\?)\s*\(?\s*['"`]/g,
};

/**
 * The raw text inside the quotes that open at `open` (triple quotes too); undefined when they do not
 * close within 600 characters or the line (no value that long, nor an unterminated string, is a
 * reportable secret).
 */
function quoted(text: string, open: number): string | undefined {
  const q = text[open];
  const triple = text.startsWith(q.repeat(3), open);
  const from = triple ? open + 3 : open + 1;
  for (let i = from; i < text.length && i < open + 600; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === q && (!triple || text.startsWith(q.repeat(3), i))) return text.slice(from, i);
    else if (text[i] === '\n' && q !== '`' && !triple) return undefined;
  }
  return undefined;
}

/**
 * Whether the text can hold a candidate that `reportable(name, value)` accepts, read from the text
 * alone: a name right before a binding and a quoted value (`name` is undefined for an environment
 * fallback, whose name is the variable's). A necessary condition, never a sufficient one: most files
 * have no such pair and skip the parse (a secrets-only scan was two thirds TypeScript parsing).
 */
export function mayBindSecret(text: string, reportable: (name: string | undefined, value: string) => boolean, forms: BindingForms = JS_FORMS): boolean {
  const valueAt = (end: number) => quoted(text, end - 1);
  const fallbacks = forms.fallbacks;
  fallbacks.lastIndex = 0;
  for (let m = fallbacks.exec(text); m; m = fallbacks.exec(text)) {
    const v = valueAt(m.index + m[0].length);
    if (v !== undefined && reportable(undefined, v)) return true;
  }
  HINT.lastIndex = 0;
  for (let m = HINT.exec(text); m; m = HINT.exec(text)) {
    let s = m.index;
    while (s > 0 && NAME_CHAR.test(text[s - 1])) s--;
    let e = m.index + m[0].length;
    while (e < text.length && NAME_CHAR.test(text[e])) e++;
    HINT.lastIndex = e;
    const bound = forms.bound.exec(text.slice(e, e + 100));
    if (!bound) continue;
    const v = valueAt(e + bound[0].length);
    if (v !== undefined && reportable(text.slice(s, e), v)) return true;
  }
  return false;
}

/** Names bound to string values (declarations, properties, parameters, assignments, JSX attributes), from the shared walk. */
export function jsCandidates(ctx: DetectorContext, sf: ts.SourceFile): SecretCandidate[] {
  const out: SecretCandidate[] = [];
  walkJsKinds(ctx, [K.VariableDeclaration, K.PropertyAssignment, K.PropertyDeclaration, K.Parameter, K.BindingElement, K.BinaryExpression, K.JsxAttribute], (node) => {
    switch (node.kind) {
      case K.VariableDeclaration: case K.PropertyAssignment: case K.PropertyDeclaration: case K.Parameter: case K.BindingElement: {
        const d = node as ts.VariableDeclaration | ts.PropertyAssignment | ts.PropertyDeclaration | ts.ParameterDeclaration | ts.BindingElement;
        if (d.initializer) jsValue(sf, jsName(d.name), d.initializer, out);
        break;
      }
      case K.BinaryExpression: {
        const b = node as ts.BinaryExpression;
        const op = b.operatorToken.kind;
        if (op === K.EqualsToken || op === K.BarBarEqualsToken || op === K.QuestionQuestionEqualsToken) jsValue(sf, jsName(b.left), b.right, out);
        break;
      }
      case K.JsxAttribute: {
        const a = node as ts.JsxAttribute;
        const init = a.initializer && ts.isJsxExpression(a.initializer) ? a.initializer.expression : a.initializer;
        jsValue(sf, ts.isIdentifier(a.name) ? a.name.text : undefined, init, out);
        break;
      }
    }
  });
  return out;
}
