// Whether a TypeScript value import (`import { ParsedQs } from 'qs'`) is used only in type positions: the
// compiler erases such an import, so nothing loads the package at run time (matrix-appservice-bridge's
// provisioning code names qs' `ParsedQs` in annotations alone).
import { ts } from '../../../core/ts';
import type { DetectorContext } from '../../../core/types';

const TS_SOURCE = /\.[cm]?tsx?$/;

/** The names an import declaration binds (default, namespace, named). */
function boundNames(decl: ts.ImportDeclaration): Set<string> {
  const names = new Set<string>();
  const clause = decl.importClause;
  if (!clause) return names;
  if (clause.name) names.add(clause.name.text);
  const nb = clause.namedBindings;
  if (nb && ts.isNamespaceImport(nb)) names.add(nb.name.text);
  if (nb && ts.isNamedImports(nb)) for (const e of nb.elements) names.add(e.name.text);
  return names;
}

/**
 * Whether the import whose specifier starts at `start` binds names that the file uses as types, and only so. Conservative:
 * any other occurrence of a bound name (a value, a property name, an `export { … }`) counts as a value use, and a
 * side-effect import (`import 'x'`) or a declaration the compiler keeps (`import x = require()`) is never type-only.
 */
export function usedOnlyAsTypes(ctx: DetectorContext, start: number): boolean {
  if (!TS_SOURCE.test(ctx.path)) return false;
  const sf = ctx.js();
  if (!sf) return false;
  const decl = sf.statements.find((s): s is ts.ImportDeclaration => ts.isImportDeclaration(s) && s.moduleSpecifier.getStart(sf) < start && start < s.moduleSpecifier.end);
  const names = decl ? boundNames(decl) : new Set<string>();
  if (!decl || !names.size) return false;
  let value = false;
  let typed = false;
  const jsxFactory = names.has('React') || names.has('h');
  const named = (n: ts.Node): boolean => {
    if (ts.isIdentifier(n) && names.has(n.text)) return true;
    return !!ts.forEachChild(n, named);
  };
  const visit = (n: ts.Node): void => {
    if (value || n === decl) return;
    // `class A extends B<T>`: B is a value (its type arguments, types); `implements`, an interface's `extends` and
    // every type node are types.
    const typeOnly = (ts.isHeritageClause(n) && (n.token === ts.SyntaxKind.ImplementsKeyword || ts.isInterfaceDeclaration(n.parent)))
      || (!ts.isExpressionWithTypeArguments(n) && (ts.isTypeNode(n) || ts.isInterfaceDeclaration(n) || ts.isTypeAliasDeclaration(n)));
    if (typeOnly) {
      typed ||= named(n);
      return;
    }
    // JSX compiled by the classic runtime calls `React.createElement` (or a pragma's `h`) with no identifier in sight.
    if ((ts.isIdentifier(n) && names.has(n.text)) || (jsxFactory && (ts.isJsxElement(n) || ts.isJsxSelfClosingElement(n) || ts.isJsxFragment(n)))) {
      value = true;
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  // An import with no use at all says nothing (a sample, a side effect): only one that annotates types is lowered.
  return typed && !value;
}
