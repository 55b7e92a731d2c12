// One walk of a file for removed-package-api: declarations (to tell shadowing), assignments, bindings
// of the packages' imports, relative imports, the file's exports, and the calls, functions and member
// reads the bindings are then resolved over (removed-bindings.ts).
import { ts } from '../../../core/ts';
import { bareSpecifier, requireOf } from './offline-syntax';
import { exportStatement, isAssignment, isRelative, relativeRequire, unparen, type FnLike, type Held, type PackageShape } from './removed-syntax';

export interface Scan {
  /** Declaration positions per name; parameters' positions also in `paramAt`. */
  declared: Map<string, number[]>;
  paramAt: Set<number>;
  assigned: Map<string, number[]>;
  /** Names bound to a package's module or named export. */
  bound: Map<string, Held>;
  inits: Array<{ name: string; init: ts.Expression }>;
  calls: ts.CallExpression[];
  accesses: ts.PropertyAccessExpression[];
  /** `name.member` pairs the file assigns. */
  written: Set<string>;
  functions: Map<string, ts.FunctionDeclaration>;
  /** Named imports of the packages (`import { query } from 'express'`). */
  named: Array<{ pkg: string; name: ts.Identifier }>;
  fns: FnLike[];
  /** Every bare package the file imports. */
  imported: Set<string>;
  /** Names bound to another workspace module's export. */
  relative: Map<string, { spec: string; name: string }>;
  exportsAt: Array<{ name: string; value: ts.Expression }>;
}

export function scanFile(sf: ts.SourceFile, shapes: Readonly<Record<string, PackageShape>>, checkBudget: () => void): Scan {
  const declared = new Map<string, number[]>();
  const paramAt = new Set<number>();
  const assigned = new Map<string, number[]>();
  const bound = new Map<string, Held>();
  const inits: Array<{ name: string; init: ts.Expression }> = [];
  const calls: ts.CallExpression[] = [];
  const accesses: ts.PropertyAccessExpression[] = [];
  const written = new Set<string>();
  const functions = new Map<string, ts.FunctionDeclaration>();
  const named: Array<{ pkg: string; name: ts.Identifier }> = [];
  const fns: FnLike[] = [];
  const imported = new Set<string>();
  /** Names bound to another workspace module's export, resolved only when a removed member is read on them. */
  const relative = new Map<string, { spec: string; name: string }>();
  const exportsAt: Array<{ name: string; value: ts.Expression }> = [];
  const add = (m: Map<string, number[]>, n: ts.Identifier) => m.set(n.text, [...(m.get(n.text) ?? []), n.pos]);

  const visit = (n: ts.Node): void => {
    checkBudget();
    if (ts.isImportDeclaration(n)) {
      const pkg = bareSpecifier(n.moduleSpecifier);
      if (pkg) imported.add(pkg);
      const clause = n.importClause;
      const nb = clause?.namedBindings;
      if (clause?.name) add(declared, clause.name);
      if (nb && ts.isNamespaceImport(nb)) add(declared, nb.name);
      if (nb && ts.isNamedImports(nb)) for (const el of nb.elements) add(declared, el.name);
      if (isRelative(n.moduleSpecifier) && clause && !clause.isTypeOnly) {
        if (clause.name) relative.set(clause.name.text, { spec: n.moduleSpecifier.text, name: 'default' });
        if (nb && ts.isNamedImports(nb)) for (const el of nb.elements) relative.set(el.name.text, { spec: n.moduleSpecifier.text, name: (el.propertyName ?? el.name).text });
      }
      if (!pkg || !shapes[pkg] || !clause || clause.isTypeOnly) return;
      if (clause.name) bound.set(clause.name.text, { pkg, value: 'module' });
      if (nb && ts.isNamespaceImport(nb)) bound.set(nb.name.text, { pkg, value: 'module' });
      if (nb && ts.isNamedImports(nb)) {
        for (const el of nb.elements) {
          const key = el.propertyName ?? el.name;
          if (el.isTypeOnly || !ts.isIdentifier(key)) continue;
          bound.set(el.name.text, { pkg, value: 'named', member: key.text });
          named.push({ pkg, name: key });
        }
      }
      return;
    }
    if (ts.isVariableDeclaration(n) && n.initializer) {
      const rel = relativeRequire(n.initializer);
      if (ts.isIdentifier(n.name)) {
        if (rel) relative.set(n.name.text, { spec: rel, name: 'default' });
        else inits.push({ name: n.name.text, init: n.initializer });
        if (exportStatement(n.parent.parent)) exportsAt.push({ name: n.name.text, value: n.name });
      } else if (ts.isObjectBindingPattern(n.name)) {
        const pkg = requireOf(n.initializer);
        for (const el of n.name.elements) {
          const key = el.propertyName ?? el.name;
          if (rel && ts.isIdentifier(key) && ts.isIdentifier(el.name) && !el.dotDotDotToken) relative.set(el.name.text, { spec: rel, name: key.text });
          if (!pkg || !shapes[pkg] || el.dotDotDotToken || !ts.isIdentifier(key)) continue;
          named.push({ pkg, name: key });
          if (ts.isIdentifier(el.name)) bound.set(el.name.text, { pkg, value: 'named', member: key.text });
        }
      }
    }
    if ((ts.isVariableDeclaration(n) || ts.isParameter(n) || ts.isBindingElement(n)) && ts.isIdentifier(n.name)) add(declared, n.name);
    if (ts.isParameter(n) && ts.isIdentifier(n.name)) paramAt.add(n.name.pos);
    if ((ts.isFunctionDeclaration(n) || ts.isClassDeclaration(n) || ts.isFunctionExpression(n) || ts.isClassExpression(n)) && n.name) add(declared, n.name);
    if (ts.isFunctionDeclaration(n) && n.name) functions.set(n.name.text, n);
    // `module.exports = …`, `exports.X = …`, `export default …`, `export { A as B }`
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isExpressionStatement(n.parent)) {
      const target = n.left.getText(sf);
      const m = /^(?:module\.exports|exports)(?:\.([A-Za-z_$][\w$]*))?$/.exec(target);
      if (m && (m[1] || target === 'module.exports')) {
        const value = unparen(n.right);
        if (!m[1] && ts.isObjectLiteralExpression(value)) {
          for (const p of value.properties) {
            if (ts.isShorthandPropertyAssignment(p)) exportsAt.push({ name: p.name.text, value: p.name });
            else if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name)) exportsAt.push({ name: p.name.text, value: p.initializer });
          }
        } else exportsAt.push({ name: m[1] ?? 'default', value });
      }
    }
    if (ts.isExportAssignment(n) && !n.isExportEquals) exportsAt.push({ name: 'default', value: n.expression });
    if (ts.isExportSpecifier(n) && !n.parent.parent.moduleSpecifier) exportsAt.push({ name: n.name.text, value: (n.propertyName ?? n.name) as ts.Identifier });
    if (ts.isImportEqualsDeclaration(n)) {
      add(declared, n.name);
      if (ts.isExternalModuleReference(n.moduleReference)) {
        const pkg = bareSpecifier(n.moduleReference.expression);
        if (pkg && shapes[pkg]) bound.set(n.name.text, { pkg, value: 'module' });
      }
    }
    if (ts.isIdentifier(n) && (isAssignment(n.parent, n) || ((ts.isPrefixUnaryExpression(n.parent) || ts.isPostfixUnaryExpression(n.parent)) && n.parent.operator !== ts.SyntaxKind.ExclamationToken))) add(assigned, n);
    if (ts.isCallExpression(n)) {
      calls.push(n);
      const pkg = requireOf(n);
      if (pkg) imported.add(pkg);
    }
    if (ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n)) fns.push(n);
    if (ts.isPropertyAccessExpression(n) && !ts.isPrivateIdentifier(n.name)) {
      accesses.push(n);
      if (isAssignment(n.parent, n) && ts.isIdentifier(n.expression)) written.add(`${n.expression.text}.${n.name.text}`);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return { declared, paramAt, assigned, bound, inits, calls, accesses, written, functions, named, fns, imported, relative, exportsAt };
}
