// Which functions a file exports, by the name importers use: ES exports (`export function`, `export
// const f = …`, `export { a as b }`, `export default`), CommonJS (`module.exports = f`, `= { a, b: c }`,
// `exports.x = …`, `module.exports.x = …`) and Python module-level `def`s. Others (classes, re-exports
// from another module, computed names) are not followed.
import { ts } from '../core/ts';
import type { FileIR, Func } from './ir';
import { hasModifier, K, keyText, unwrap } from './lower-js-util';

export function pythonExports(ir: FileIR): Map<string, Func> {
  const out = new Map<string, Func>();
  for (const f of ir.funcs) if (f.parent === ir.top && !f.owner && f.name && !out.has(f.name)) out.set(f.name, f);
  return out;
}

export function jsExports(sf: ts.SourceFile, ir: FileIR): Map<string, Func> {
  const top = ir.funcs.filter((f) => f.parent === ir.top);
  const byName = (name: string) => top.find((f) => f.binding?.name === name && f.binding.scope === ir.top) ?? top.find((f) => f.name === name && !f.owner);
  const byNode = (n: ts.Node): Func | undefined => {
    const e = ts.isExpression(n) ? unwrap(n) : n;
    if (ts.isIdentifier(e)) return byName(e.text);
    return ts.isFunctionLike(e) ? top.find((f) => f.span.end === e.end) : undefined;
  };
  const out = new Map<string, Func>();
  const add = (name: string | null, fn: Func | undefined) => {
    if (name && fn && !out.has(name)) out.set(name, fn);
  };
  const objectExports = (o: ts.ObjectLiteralExpression) => {
    for (const p of o.properties) {
      if (ts.isShorthandPropertyAssignment(p)) add(p.name.text, byName(p.name.text));
      else if (ts.isPropertyAssignment(p)) add(keyText(p.name), byNode(p.initializer));
      else if (ts.isMethodDeclaration(p)) add(keyText(p.name), byNode(p));
    }
  };
  for (const s of sf.statements) {
    if (ts.isFunctionDeclaration(s) && hasModifier(s, K.ExportKeyword)) {
      add(hasModifier(s, K.DefaultKeyword) ? 'default' : s.name?.text ?? null, byNode(s));
    } else if (ts.isVariableStatement(s) && hasModifier(s, K.ExportKeyword)) {
      for (const d of s.declarationList.declarations) if (ts.isIdentifier(d.name)) add(d.name.text, byName(d.name.text));
    } else if (ts.isExportDeclaration(s) && !s.moduleSpecifier && s.exportClause && ts.isNamedExports(s.exportClause)) {
      for (const el of s.exportClause.elements) add(el.name.text, byName((el.propertyName ?? el.name).text));
    } else if (ts.isExportAssignment(s)) {
      add('default', byNode(s.expression));
    } else if (ts.isExpressionStatement(s) && ts.isBinaryExpression(s.expression) && s.expression.operatorToken.kind === K.EqualsToken) {
      const target = s.expression.left.getText(sf).replace(/\s+/g, '');
      const value = unwrap(s.expression.right);
      if (target === 'module.exports') {
        if (ts.isObjectLiteralExpression(value)) objectExports(value);
        else add('default', byNode(value));
      } else {
        const m = /^(?:module\.)?exports\.([\w$]+)$/.exec(target);
        if (m) add(m[1], byNode(value));
      }
    }
  }
  return out;
}
