// The public surface of a JS/TS file: ES exports (declarations, `export { a as b }`, re-exports,
// `export default`), CommonJS (`module.exports = …`, `exports.x = …`) and TypeScript's `export =`;
// for each, its parameters, async-ness and returned object keys, a class's constructor and public
// methods, an interface's or object type's members, an enum's members.
import { ts } from '../core/ts';
import { hasModifier, K, keyText } from '../analysis/lower-js-util';
import { jsLimits } from './limits';
import { squash, type Callable, type Entry, type Param, type Surface } from './surface';

type Decl = ts.FunctionDeclaration | ts.ClassDeclaration | ts.InterfaceDeclaration | ts.TypeAliasDeclaration | ts.EnumDeclaration | ts.VariableDeclaration;

const unparen = (e: ts.Expression): ts.Expression => {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isAwaitExpression(e)) e = e.expression;
  return e;
};

function params(list: ts.NodeArray<ts.ParameterDeclaration>, sf: ts.SourceFile): Param[] {
  const out: Param[] = [];
  for (const p of list) {
    const name = ts.isIdentifier(p.name) ? p.name.text : squash(p.name.getText(sf));
    if (name === 'this') continue;
    out.push({
      name,
      optional: !!p.questionToken || !!p.initializer || !!p.dotDotDotToken,
      ...(p.dotDotDotToken ? { variadic: 'rest' as const } : {}),
      ...(p.initializer ? { default: squash(p.initializer.getText(sf)) } : {}),
    });
  }
  return out;
}

/** Keys of the object literal every return gives, or undefined (a non-literal return, a spread, no return). */
function returnedKeys(fn: ts.SignatureDeclaration): string[] | undefined {
  const body = (fn as ts.FunctionLikeDeclarationBase).body;
  if (!body) return undefined;
  const values: ts.Expression[] = [];
  let open = false;
  if (!ts.isBlock(body)) values.push(body as ts.Expression);
  else {
    const visit = (n: ts.Node): void => {
      if (ts.isFunctionLike(n)) return;
      if (ts.isReturnStatement(n)) {
        if (n.expression) values.push(n.expression);
        else open = true;
      }
      ts.forEachChild(n, visit);
    };
    ts.forEachChild(body, visit);
  }
  if (open || !values.length) return undefined;
  const keys = new Set<string>();
  for (const v of values) {
    const e = unparen(v);
    if (!ts.isObjectLiteralExpression(e)) return undefined;
    for (const p of e.properties) {
      const k = ts.isSpreadAssignment(p) ? null : keyText(p.name);
      if (k === null) return undefined;
      keys.add(k);
    }
  }
  return [...keys];
}

function callable(fn: ts.SignatureDeclaration, sf: ts.SourceFile): Callable {
  const returns = returnedKeys(fn);
  return { params: params(fn.parameters, sf), async: hasModifier(fn, K.AsyncKeyword), ...(returns ? { returns } : {}) };
}

const isPublicMember = (m: ts.ClassElement): boolean =>
  !!m.name && !ts.isPrivateIdentifier(m.name) && !hasModifier(m, K.PrivateKeyword) && !hasModifier(m, K.ProtectedKeyword) && !(keyText(m.name) ?? '_').startsWith('_');

function members(list: ts.NodeArray<ts.TypeElement>, sf: ts.SourceFile): Record<string, { optional: boolean; start: number; end: number }> {
  const out: Record<string, { optional: boolean; start: number; end: number }> = {};
  for (const m of list) {
    const k = m.name && keyText(m.name);
    if (k) out[k] = { optional: !!m.questionToken, start: m.name!.getStart(sf), end: m.name!.end };
  }
  return out;
}

/** The surface entry of a local declaration (or expression) exported as `name`; `at` is where its name is. */
function entryOf(name: string, node: ts.Node, at: ts.Node, sf: ts.SourceFile): Entry {
  const own = name === 'default' && ts.isIdentifier(at) ? { local: at.text } : {};
  const span = { name, ...own, start: at.getStart(sf), end: at.end };
  let n: ts.Node = node;
  if (ts.isVariableDeclaration(n) && n.initializer) n = unparen(n.initializer);
  if (ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isMethodDeclaration(n)) return { ...span, kind: 'function', sig: callable(n, sf) };
  if (ts.isClassDeclaration(n) || ts.isClassExpression(n)) {
    const ctor = n.members.find((m): m is ts.ConstructorDeclaration => ts.isConstructorDeclaration(m) && !!m.body) ?? n.members.find(ts.isConstructorDeclaration);
    const methods: Record<string, { name: string; start: number; end: number; sig: Callable }> = {};
    for (const m of n.members) {
      if (!ts.isMethodDeclaration(m) || !isPublicMember(m)) continue;
      const k = keyText(m.name)!;
      // Overloads: the implementation (with a body) is what runs; the last one written wins.
      if (!methods[k] || m.body) methods[k] = { name: k, start: m.name.getStart(sf), end: m.name.end, sig: callable(m, sf) };
    }
    return { ...span, kind: 'class', ...(ctor ? { ctor: callable(ctor, sf) } : {}), methods };
  }
  if (ts.isInterfaceDeclaration(n)) return { ...span, kind: 'shape', members: members(n.members, sf) };
  if (ts.isTypeAliasDeclaration(n) && ts.isTypeLiteralNode(n.type)) return { ...span, kind: 'shape', members: members(n.type.members, sf) };
  if (ts.isEnumDeclaration(n)) return { ...span, kind: 'enum', members: n.members.map((m) => keyText(m.name) ?? m.name.getText(sf)) };
  const init = ts.isVariableDeclaration(node) ? node.initializer : ts.isExpression(node) ? node : undefined;
  const limits = jsLimits(name === 'default' ? '' : name, init, sf);
  return { ...span, kind: 'value', ...(limits ? { limits } : {}) };
}

export function jsSurface(sf: ts.SourceFile): Surface {
  const locals = new Map<string, Decl>();
  const declare = (name: string | undefined, d: Decl) => {
    // Overloads and declaration merging: the declaration with a body (or the first) stands.
    if (name && (!locals.has(name) || (ts.isFunctionDeclaration(d) && d.body))) locals.set(name, d);
  };
  for (const s of sf.statements) {
    if (ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s) || ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s) || ts.isEnumDeclaration(s)) declare(s.name?.text, s);
    else if (ts.isVariableStatement(s)) for (const d of s.declarationList.declarations) if (ts.isIdentifier(d.name)) declare(d.name.text, d);
  }
  const exports: Record<string, Entry> = {};
  const add = (name: string | null | undefined, node: ts.Node, at: ts.Node) => {
    if (name && !(name in exports)) exports[name] = entryOf(name, node, at, sf);
  };
  const byName = (name: string, at: ts.Node, exported: string) => {
    const d = locals.get(name);
    if (d) add(exported, d, d.name ?? at);
    else add(exported, at, at);
  };
  const byValue = (exported: string, value: ts.Expression, at: ts.Node) => {
    const v = unparen(value);
    if (ts.isIdentifier(v)) byName(v.text, at, exported);
    else add(exported, v, at);
  };
  for (const s of sf.statements) {
    if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s) || ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s) || ts.isEnumDeclaration(s)) && hasModifier(s, K.ExportKeyword)) {
      const name = hasModifier(s, K.DefaultKeyword) ? 'default' : s.name?.text;
      const d = s.name ? locals.get(s.name.text) ?? s : s;
      add(name, d, s.name ?? s);
    } else if (ts.isVariableStatement(s) && hasModifier(s, K.ExportKeyword)) {
      for (const d of s.declarationList.declarations) if (ts.isIdentifier(d.name)) add(d.name.text, d, d.name);
    } else if (ts.isExportDeclaration(s) && s.exportClause && ts.isNamedExports(s.exportClause)) {
      for (const el of s.exportClause.elements) {
        if (s.moduleSpecifier) add(el.name.text, el, el.name);
        else byName((el.propertyName ?? el.name).text, el.name, el.name.text);
      }
    } else if (ts.isExportAssignment(s)) {
      byValue('default', s.expression, s.expression);
    } else if (ts.isExpressionStatement(s) && ts.isBinaryExpression(s.expression) && s.expression.operatorToken.kind === K.EqualsToken) {
      const target = s.expression.left.getText(sf).replace(/\s+/g, '');
      const value = unparen(s.expression.right);
      if (target === 'module.exports') {
        if (!ts.isObjectLiteralExpression(value)) byValue('default', value, s.expression.left);
        else {
          for (const p of value.properties) {
            if (ts.isShorthandPropertyAssignment(p)) byName(p.name.text, p.name, p.name.text);
            else if (ts.isPropertyAssignment(p)) byValue(keyText(p.name) ?? '', p.initializer, p.name);
            else if (ts.isMethodDeclaration(p)) add(keyText(p.name), p, p.name);
          }
        }
      } else {
        const m = /^(?:module\.)?exports\.([\w$]+)$/.exec(target);
        if (m) byValue(m[1], value, (s.expression.left as ts.PropertyAccessExpression).name);
      }
    }
  }
  return { exports };
}
