// express-session and cookie-session left at their defaults: neither sets `Secure` on the session cookie
// unless told to (cookie-session only when the connection itself is HTTPS, which behind a TLS-terminating
// proxy it is not). Used by insecure-cookie-flags (JS).
import { ts } from '../../core/ts';
import type { Confidence } from '../../core/types';

const MODULES: Record<string, 'express-session' | 'cookie-session'> = { 'express-session': 'express-session', 'cookie-session': 'cookie-session' };

export interface SessionDefaults { module: string; missing: string[]; confidence: Confidence }

const keyOf = (n: ts.Node): string | undefined => (ts.isIdentifier(n) || ts.isStringLiteralLike(n) ? n.text : undefined);

function requireOf(e: ts.Expression | undefined): string | undefined {
  if (!e || !ts.isCallExpression(e) || !ts.isIdentifier(e.expression)) return undefined;
  // Babel's and TypeScript's CommonJS output: `_interopRequireDefault(require('express-session'))`.
  if (/^_*interopRequire(Default|Wildcard)$/.test(e.expression.text)) return requireOf(e.arguments[0]);
  const arg = e.arguments[0];
  return e.expression.text === 'require' && arg && ts.isStringLiteralLike(arg) ? MODULES[arg.text] : undefined;
}

/** The called name, through compiled output's `(0, _session.default)(…)` and `_session["default"](…)`. */
function calleeName(e: ts.Expression): ts.Identifier | undefined {
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.CommaToken) e = e.right;
  if (ts.isPropertyAccessExpression(e) && e.name.text === 'default') e = e.expression;
  else if (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression) && e.argumentExpression.text === 'default') e = e.expression;
  return ts.isIdentifier(e) ? e : undefined;
}

/** Local names bound to the two modules at the top of the file (`require` or a default/namespace import). */
function moduleNames(sf: ts.SourceFile): Map<string, string> {
  const names = new Map<string, string>();
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier) && MODULES[st.moduleSpecifier.text]) {
      const clause = st.importClause;
      if (clause?.name) names.set(clause.name.text, st.moduleSpecifier.text);
      if (clause?.namedBindings && ts.isNamespaceImport(clause.namedBindings)) names.set(clause.namedBindings.name.text, st.moduleSpecifier.text);
    } else if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        const mod = requireOf(d.initializer);
        if (mod && ts.isIdentifier(d.name)) names.set(d.name.text, mod);
      }
    }
  }
  return names;
}

/** Whether a function or block between `node` and the file declares `name` again (a parameter or a local). */
function shadowed(node: ts.Node, name: string): boolean {
  for (let n = node.parent; n && !ts.isSourceFile(n); n = n.parent) {
    if (ts.isFunctionLike(n) && n.parameters.some((p) => ts.isIdentifier(p.name) && p.name.text === name)) return true;
    if (ts.isBlock(n) && n.statements.some((st) => ts.isVariableStatement(st) && st.declarationList.declarations.some((d) => ts.isIdentifier(d.name) && d.name.text === name))) return true;
  }
  return false;
}

/** The object literal a `const opts = {…}` in this file holds, for `session(opts)`. */
function declaredObject(sf: ts.SourceFile, name: string): ts.ObjectLiteralExpression | undefined {
  let found: ts.ObjectLiteralExpression | undefined;
  let count = 0;
  const visit = (n: ts.Node): void => {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === name) {
      count++;
      if (n.initializer && ts.isObjectLiteralExpression(n.initializer)) found = n.initializer;
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return count === 1 ? found : undefined;
}

/** The keys an options object sets, or undefined when it cannot be known (a spread, a computed key). */
function keys(obj: ts.ObjectLiteralExpression): Map<string, ts.Node> | undefined {
  const out = new Map<string, ts.Node>();
  for (const p of obj.properties) {
    const k = p.name && keyOf(p.name);
    if (!k) return undefined;
    out.set(k.toLowerCase(), ts.isPropertyAssignment(p) ? p.initializer : p);
  }
  return out;
}

/**
 * A checker for the calls of one file: for `session({...})` / `cookieSession({...})` that leave the
 * cookie's `secure` unset, what is missing; undefined for every other call and whenever the options
 * are not all visible. Any value of `secure` (env-driven, `'auto'`) counts as set; an explicit
 * `secure: false` is the rule's other finding.
 */
export function sessionDefaults(sf: ts.SourceFile, text: string): (call: ts.CallExpression) => SessionDefaults | undefined {
  if (!/express-session|cookie-session/.test(text)) return () => undefined;
  const names = moduleNames(sf);
  return (call) => {
    const callee = calleeName(call.expression);
    const module = requireOf(call.expression) ?? (callee && !shadowed(call, callee.text) ? names.get(callee.text) : undefined);
    if (!module || call.arguments.length > 1) return undefined;
    let opts = call.arguments[0];
    let name: string | undefined;
    if (opts && ts.isIdentifier(opts)) {
      name = opts.text;
      opts = declaredObject(sf, opts.text) as ts.Expression;
      if (!opts) return undefined;
    }
    if (opts && !ts.isObjectLiteralExpression(opts)) return undefined;
    const top = opts ? keys(opts) : new Map<string, ts.Node>();
    if (!top) return undefined;
    let flags: Map<string, ts.Node> | undefined = top;
    if (module === 'express-session') {
      const cookie = top.get('cookie');
      if (cookie && !ts.isObjectLiteralExpression(cookie)) return undefined;
      flags = cookie ? keys(cookie) : new Map();
      if (!flags) return undefined;
    }
    // Options completed later (the express-session README's `sess.cookie.secure = true` in a production
    // branch, `opts.cookie = {…}` from settings, `Object.assign(opts, …)`) are not all visible.
    const n = name?.replace(/\$/g, '\\$');
    if (n && new RegExp(`\\b${n}(?:\\.cookie\\s*=[^=]|(?:\\.cookie)?\\.secure\\s*=[^=]|\\[)|\\b(?:assign|merge|defaults|extend)\\(\\s*${n}\\b`).test(text)) return undefined;
    if (flags.has('secure')) return undefined;
    const prefix = module === 'express-session' ? 'cookie.' : '';
    const missing = [`${prefix}secure`, ...(flags.has('samesite') ? [] : [`${prefix}sameSite`])];
    return { module, missing, confidence: module === 'express-session' ? 'medium' : 'low' };
  };
}
