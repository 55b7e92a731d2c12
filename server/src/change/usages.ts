// How a file uses what it imports, in one walk per file content (memoised by the workspace index):
// its imports and re-exports, calls (argument counts, spreads, keywords, whether the result is awaited
// or used, which fields of it are read), `x.y` reads, and object literals declared with a type. The
// reach of a breaking change is read off these; nothing here depends on which name changed.
import { ts } from '../core/ts';
import type { Range } from '../core/types';
import { keyText } from '../analysis/lower-js-util';

export interface Import {
  /** The module as written: `./date`, `@acme/utils`, `.helpers`, `pkg.mod`. */
  specifier: string;
  /** The exported name: a name, `default`, or `*` for a namespace (`import * as ns`, `require`, `import mod`). */
  imported: string;
  /** The local name (`*` for `export * from`). */
  local: string;
  /** A re-export (`export { a as b } from`, `export * from`): the name it is exported under. */
  reexport?: string;
  range: Range;
}

export interface Call {
  /** `f`, `ns.f`, `obj.method`: identifiers and dots only. */
  callee: string;
  isNew: boolean;
  /** Positional arguments. */
  args: number;
  /** A spread (`...xs`, `*xs`) or `**kw`: the count is unknown. */
  spread: boolean;
  keywords: string[];
  /** Awaited, chained with `.then`, or returned: a promise is handled. */
  awaited: boolean;
  /** The result is used (not a statement of its own). */
  used: boolean;
  /** The variable the result is assigned to. */
  result?: string;
  /** Fields of the result read at once: `f().x`, `const { x } = f()`. */
  fields: string[];
  range: Range;
}

export interface MemberRead {
  object: string;
  member: string;
  range: Range;
}

export interface TypedLiteral {
  type: string;
  keys: string[];
  range: Range;
}

export interface Usages {
  imports: Import[];
  calls: Call[];
  members: MemberRead[];
  literals: TypedLiteral[];
}

const unparen = (n: ts.Node): ts.Node => {
  let p = n.parent;
  while (p && (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isNonNullExpression(p))) p = p.parent;
  return p;
};

function dotted(e: ts.Expression): string | undefined {
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.name)) {
    const left = dotted(e.expression);
    return left && `${left}.${e.name.text}`;
  }
  return e.kind === ts.SyntaxKind.ThisKeyword ? 'this' : undefined;
}

export function jsUsages(sf: ts.SourceFile, tick: () => void = () => {}): Usages {
  const out: Usages = { imports: [], calls: [], members: [], literals: [] };
  const range = (n: ts.Node): Range => ({ start: sf.getLineAndCharacterOfPosition(n.getStart(sf)), end: sf.getLineAndCharacterOfPosition(n.end) });
  const imp = (specifier: string, imported: string, local: string, at: ts.Node, reexport?: string) =>
    out.imports.push({ specifier, imported, local, range: range(at), ...(reexport ? { reexport } : {}) });
  let visited = 0;
  const visit = (n: ts.Node): void => {
    if ((++visited & 1023) === 0) tick();
    if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier)) {
      const spec = n.moduleSpecifier.text;
      const c = n.importClause;
      if (c?.name) imp(spec, 'default', c.name.text, c.name);
      if (c?.namedBindings && ts.isNamespaceImport(c.namedBindings)) imp(spec, '*', c.namedBindings.name.text, c.namedBindings.name);
      if (c?.namedBindings && ts.isNamedImports(c.namedBindings)) for (const el of c.namedBindings.elements) imp(spec, (el.propertyName ?? el.name).text, el.name.text, el);
    } else if (ts.isExportDeclaration(n) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) {
      const spec = n.moduleSpecifier.text;
      if (!n.exportClause) imp(spec, '*', '*', n, '*');
      else if (ts.isNamedExports(n.exportClause)) for (const el of n.exportClause.elements) imp(spec, (el.propertyName ?? el.name).text, el.name.text, el, el.name.text);
    } else if (ts.isVariableDeclaration(n) && n.initializer && ts.isCallExpression(n.initializer) && ts.isIdentifier(n.initializer.expression) && n.initializer.expression.text === 'require' && n.initializer.arguments[0] && ts.isStringLiteral(n.initializer.arguments[0])) {
      const spec = n.initializer.arguments[0].text;
      if (ts.isIdentifier(n.name)) imp(spec, '*', n.name.text, n.name);
      else if (ts.isObjectBindingPattern(n.name)) for (const el of n.name.elements) if (ts.isIdentifier(el.name)) imp(spec, keyText(el.propertyName ?? el.name) ?? el.name.text, el.name.text, el);
    }
    // `var isAbsolute = require('./utils').isAbsolute`: one export of a CommonJS module, by name.
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer && ts.isPropertyAccessExpression(n.initializer) && ts.isIdentifier(n.initializer.name)) {
      const call = n.initializer.expression;
      if (ts.isCallExpression(call) && ts.isIdentifier(call.expression) && call.expression.text === 'require' && call.arguments[0] && ts.isStringLiteral(call.arguments[0])) {
        imp(call.arguments[0].text, n.initializer.name.text, n.name.text, n.name);
      }
    }
    if ((ts.isCallExpression(n) || ts.isNewExpression(n)) && !(ts.isIdentifier(n.expression) && n.expression.text === 'require')) {
      const callee = dotted(n.expression);
      if (callee) {
        const parent = unparen(n);
        const outer = parent && ts.isAwaitExpression(parent) ? unparen(parent) : parent;
        const chained = parent && ts.isPropertyAccessExpression(parent) && ['then', 'catch', 'finally'].includes(parent.name.text);
        const fields: string[] = [];
        let result: string | undefined;
        if (parent && ts.isPropertyAccessExpression(parent) && !chained) fields.push(parent.name.text);
        if (outer && ts.isVariableDeclaration(outer)) {
          if (ts.isIdentifier(outer.name)) result = outer.name.text;
          else if (ts.isObjectBindingPattern(outer.name)) for (const el of outer.name.elements) fields.push(keyText(el.propertyName ?? el.name) ?? '');
        }
        out.calls.push({
          callee, isNew: ts.isNewExpression(n), args: n.arguments?.length ?? 0, spread: !!n.arguments?.some(ts.isSpreadElement), keywords: [],
          awaited: !!parent && (ts.isAwaitExpression(parent) || !!chained || ts.isReturnStatement(parent) || ts.isArrowFunction(parent)),
          used: !!parent && !ts.isExpressionStatement(parent) && !ts.isVoidExpression(parent),
          ...(result ? { result } : {}), fields: fields.filter(Boolean), range: range(n),
        });
      }
    }
    if (ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.expression) && ts.isIdentifier(n.name)) out.members.push({ object: n.expression.text, member: n.name.text, range: range(n.name) });
    if (ts.isElementAccessExpression(n) && ts.isIdentifier(n.expression) && ts.isStringLiteral(n.argumentExpression)) out.members.push({ object: n.expression.text, member: n.argumentExpression.text, range: range(n.argumentExpression) });
    // `const o: Options = { … }` and `{ … } satisfies Options`: the keys a literal of that type has.
    const typed = ts.isVariableDeclaration(n) && n.type && n.initializer ? { type: n.type, value: n.initializer } : ts.isSatisfiesExpression(n) ? { type: n.type, value: n.expression } : undefined;
    if (typed && ts.isTypeReferenceNode(typed.type) && ts.isIdentifier(typed.type.typeName) && ts.isObjectLiteralExpression(typed.value) && !typed.value.properties.some(ts.isSpreadAssignment)) {
      out.literals.push({ type: typed.type.typeName.text, keys: typed.value.properties.map((p) => keyText(p.name) ?? ''), range: range(typed.value) });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}
