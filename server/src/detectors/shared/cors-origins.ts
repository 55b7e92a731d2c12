// What a CORS `origin` setting allows, read from its syntax: shared by cors-wildcard-with-credentials
// (origin open and credentials on) and cors-open-to-any-origin (origin open on an authenticated app).
import { ts } from '../../core/ts';

export type Origin = 'wildcard' | 'reflect' | 'other';

/** `'*'` is a wildcard; `true`, the request's own Origin header and callbacks that always say yes reflect it. */
export function originKind(v: ts.Expression, sf: ts.SourceFile): Origin {
  if (ts.isStringLiteralLike(v)) return v.text === '*' ? 'wildcard' : 'other';
  if (v.kind === ts.SyntaxKind.TrueKeyword) return 'reflect';
  const text = v.getText(sf).replace(/\s/g, '');
  if (/^(req|request|ctx|c)\.(headers\.origin|headers\[['"]origin['"]\]|header\(['"]origin['"]\)|get\(['"]origin['"]\)|origin)$/i.test(text)) return 'reflect';
  if (ts.isArrowFunction(v) || ts.isFunctionExpression(v)) {
    // `(origin, cb) => cb(null, true)` or `cb(null, origin)`: every origin allowed.
    if (/^\(?\w+,(\w+)\)?=>\{?(?:return)?\1\(null,(true|\w+)\);?\}?$/.test(text.replace(/^function\w*/, '').replace(/\)\{/, ')=>{'))) return 'reflect';
  }
  return 'other';
}

/** The value of property `name` in an object literal (plain or quoted key), if it is a plain assignment. */
export function propOf(o: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const p of o.properties) {
    if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteralLike(p.name)) && p.name.text === name) return p.initializer;
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === name) return p.name;
  }
  return undefined;
}

/** An object literal given inline or through a `const` bound once in the file to one. */
export function objectArg(e: ts.Expression | undefined, sf: ts.SourceFile): ts.ObjectLiteralExpression | undefined {
  if (!e) return undefined;
  if (ts.isObjectLiteralExpression(e)) return e;
  if (!ts.isIdentifier(e)) return undefined;
  let found: ts.ObjectLiteralExpression | undefined;
  let count = 0;
  const visit = (n: ts.Node): void => {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === e.text) {
      count++;
      if (n.initializer && ts.isObjectLiteralExpression(n.initializer)) found = n.initializer;
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return count === 1 ? found : undefined;
}
