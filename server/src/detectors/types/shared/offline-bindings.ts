// The syntax side of the offline API check: which local names soundly hold a package's export (an
// import, a `require`, the result of calling, awaiting or `new`-ing one, `await fetch(…)`) and which
// member reads and named imports to check. Anything that could change the value makes the name
// unknown: a second declaration of the name anywhere in the file (shadowing), an assignment, a
// member written on it, passing it to a call (plugins such as `expressWs(app)` add members),
// `in` / `typeof` probes and `X.mixin`, and `declare module` augmentations in the file.
import { ts } from '../../../core/ts';
import { rootPkg } from './api-pack-lookup';
import { isProbe, requireOf, bareSpecifier } from './offline-syntax';

/** What a name holds: a package's namespace/default (`ns`), a named export, or a result of one. */
export type Shape =
  | { kind: 'ns' | 'named'; pkg: string; name?: string }
  | { kind: 'call' | 'await' | 'new'; of: Shape }
  | { kind: 'fetch' };

export interface MemberUse { shape: Shape; name: string; start: number; end: number; subject: string }
export interface ImportUse { pkg: string; name: string; start: number; end: number }
export interface OfflineUses { members: MemberUse[]; imports: ImportUse[]; augmented: Set<string> }

/** Calls that add members to a package's values (`_.mixin`, `dayjs.extend`, Fastify's `register`/`decorate`). */
const PLUGIN_HOOKS = new Set(['mixin', 'extend', 'plugin', 'register', 'decorate']);
/** Calls that take an app and add nothing to it. */
const SAFE_CALLEES = new Set(['createServer', 'listen', 'log', 'info', 'debug', 'error', 'warn']);

/** `nodes`: the file's nodes of `offlineKinds()` (offline-syntax.ts), in source order (identifiers inside imports change nothing here). */
export function collectOfflineUses(sf: ts.SourceFile, nodes: readonly ts.Node[], checkBudget: () => void): OfflineUses {
  const declared = new Map<string, number>();
  const bound = new Map<string, Shape>();
  const tainted = new Set<string>();
  const hooked = new Set<string>();
  const written = new Map<string, Set<string>>();
  const imports: ImportUse[] = [];
  const augmented = new Set<string>();
  const reads: Array<{ id: ts.Identifier; access: ts.PropertyAccessExpression; via?: 'call' | 'new' }> = [];
  const declare = (n: ts.Identifier) => declared.set(n.text, (declared.get(n.text) ?? 0) + 1);
  const shapeOf = (e: ts.Expression): Shape | undefined => {
    const pkg = requireOf(e);
    if (pkg) return { kind: 'ns', pkg };
    if (ts.isAwaitExpression(e)) {
      const inner = e.expression;
      if (!ts.isCallExpression(inner)) return undefined;
      const of = ts.isIdentifier(inner.expression) ? bound.get(inner.expression.text) : undefined;
      if (of?.kind === 'ns') return { kind: 'await', of };
      return ts.isIdentifier(inner.expression) && inner.expression.text === 'fetch' ? { kind: 'fetch' } : undefined;
    }
    if (ts.isCallExpression(e) || ts.isNewExpression(e)) {
      const callee = ts.isCallExpression(e) && requireOf(e.expression) ? undefined : e.expression;
      const of = callee && ts.isIdentifier(callee) ? bound.get(callee.text) : undefined;
      if (!of || (of.kind !== 'ns' && of.kind !== 'named')) return undefined;
      if (of.kind === 'named' && ts.isCallExpression(e)) return undefined;
      return { kind: ts.isNewExpression(e) ? 'new' : 'call', of };
    }
    return undefined;
  };
  let visited = 0;
  const visit = (n: ts.Node): void => {
    // The clock is read once every 64 nodes.
    if ((++visited & 63) === 0) checkBudget();
    if (ts.isModuleDeclaration(n) && ts.isStringLiteral(n.name)) augmented.add(n.name.text);
    if (ts.isImportDeclaration(n)) {
      const pkg = bareSpecifier(n.moduleSpecifier);
      const clause = n.importClause;
      if (clause?.name) declare(clause.name);
      const nb = clause?.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) declare(nb.name);
      if (nb && ts.isNamedImports(nb)) for (const el of nb.elements) declare(el.name);
      if (!pkg || !clause || clause.isTypeOnly) return;
      if (clause.name) bound.set(clause.name.text, { kind: 'ns', pkg });
      if (nb && ts.isNamespaceImport(nb)) bound.set(nb.name.text, { kind: 'ns', pkg });
      if (nb && ts.isNamedImports(nb)) {
        for (const el of nb.elements) {
          if (el.isTypeOnly) continue;
          const imported = el.propertyName ?? el.name;
          if (!ts.isIdentifier(imported)) continue;
          imports.push({ pkg, name: imported.text, start: imported.getStart(sf), end: imported.end });
          bound.set(el.name.text, { kind: 'named', pkg, name: imported.text });
        }
      }
      return;
    }
    if (ts.isImportEqualsDeclaration(n)) {
      declare(n.name);
      if (ts.isExternalModuleReference(n.moduleReference)) {
        const pkg = bareSpecifier(n.moduleReference.expression);
        if (pkg) bound.set(n.name.text, { kind: 'ns', pkg });
      }
      return;
    }
    if (ts.isVariableDeclaration(n) && n.initializer) {
      const constant = !!(n.parent.flags & ts.NodeFlags.Const);
      if (ts.isIdentifier(n.name)) {
        const shape = shapeOf(n.initializer);
        if (shape && (constant || shape.kind === 'ns')) bound.set(n.name.text, shape);
      } else if (ts.isObjectBindingPattern(n.name)) {
        const pkg = requireOf(n.initializer);
        for (const el of n.name.elements) {
          const key = el.propertyName ?? el.name;
          if (!pkg || el.dotDotDotToken || !ts.isIdentifier(key)) continue;
          imports.push({ pkg, name: key.text, start: key.getStart(sf), end: key.end });
          if (ts.isIdentifier(el.name)) bound.set(el.name.text, { kind: 'named', pkg, name: key.text });
        }
      }
    }
    if ((ts.isVariableDeclaration(n) || ts.isParameter(n) || ts.isBindingElement(n)) && ts.isIdentifier(n.name)) declare(n.name);
    if ((ts.isFunctionDeclaration(n) || ts.isClassDeclaration(n) || ts.isFunctionExpression(n) || ts.isClassExpression(n)) && n.name) declare(n.name);
    if (ts.isIdentifier(n)) {
      const p = n.parent;
      if (ts.isPropertyAccessExpression(p) && p.expression === n) {
        reads.push({ id: n, access: p });
        const outer = p.parent;
        if (ts.isBinaryExpression(outer) && outer.left === p && outer.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && outer.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
          if (!written.has(n.text)) written.set(n.text, new Set());
          written.get(n.text)!.add(p.name.text);
        }
        if (PLUGIN_HOOKS.has(p.name.text)) hooked.add(n.text);
      } else if (ts.isBinaryExpression(p) && (p.left === n ? p.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && p.operatorToken.kind <= ts.SyntaxKind.LastAssignment : p.operatorToken.kind === ts.SyntaxKind.InKeyword)) {
        tainted.add(n.text);
      } else if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && p.expression === n && ts.isPropertyAccessExpression(p.parent) && p.parent.expression === p) {
        // `express().configure`, `new Redis().fetch`: the result read at once.
        reads.push({ id: n, access: p.parent, via: ts.isNewExpression(p) ? 'new' : 'call' });
      } else if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && p.arguments?.includes(n)) {
        const callee = p.expression;
        const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
        if (!SAFE_CALLEES.has(name)) tainted.add(n.text);
      } else if (ts.isPrefixUnaryExpression(p) || ts.isPostfixUnaryExpression(p) || ts.isSpreadAssignment(p) || ts.isShorthandPropertyAssignment(p) || ts.isArrayLiteralExpression(p) || (ts.isPropertyAssignment(p) && p.initializer === n)) {
        tainted.add(n.text);
      }
    }
  };
  for (const n of nodes) visit(n);
  // A package value passed around or patched, or a plugin hook on any of its values: the whole package is unknown.
  const taintedPkgs = new Set<string>();
  for (const name of [...tainted, ...hooked]) {
    const shape = bound.get(name);
    if (shape && (shape.kind === 'ns' || hooked.has(name))) taintedPkgs.add(rootPkg(shape) ?? '');
  }
  const members: MemberUse[] = [];
  for (const { id, access, via } of reads) {
    const base = bound.get(id.text);
    const shape: Shape | undefined = via && base ? (base.kind === 'ns' || (base.kind === 'named' && via === 'new') ? { kind: via, of: base } : undefined) : base;
    if (!shape || tainted.has(id.text) || taintedPkgs.has(rootPkg(shape) ?? '') || (declared.get(id.text) ?? 0) !== 1) continue;
    // The global `fetch` only when the file does not bind that name itself.
    if (shape.kind === 'fetch' && declared.has('fetch')) continue;
    if (written.get(id.text)?.has(access.name.text) || isProbe(access) || ts.isPrivateIdentifier(access.name)) continue;
    const subject = `${id.text}${via ? '()' : ''}.${access.name.text}`;
    members.push({ shape, name: access.name.text, start: access.name.getStart(sf), end: access.name.end, subject });
  }
  return { members, imports, augmented };
}
