// Package references in JS/TS: static and dynamic imports, `export … from`, `require`,
// `import x = require()` and `import('x')` types, in one walk of the syntax tree.
import { ts } from '../../../core/ts';
import type { DetectorContext } from '../../../core/types';
import { isNodeBuiltin } from './node-builtins';
export { isPhantomModule } from './node-builtins';
import { npmPackageOf, type PackageRef } from './references';
import { inFunction, underBranch } from './load-paths';

/** A bare module specifier with the offset of its first character in the text. */
export interface Specifier {
  text: string;
  start: number;
  typeOnly: boolean;
  optional: boolean;
  /** A `require()` inside a function: loaded only when that function runs (an optional driver or integration). */
  lazy?: boolean;
}

function isInTry(node: ts.Node): boolean {
  for (let n = node.parent; n; n = n.parent) {
    if (ts.isTryStatement(n) && n.catchClause && n.tryBlock.pos <= node.pos && node.end <= n.tryBlock.end) return true;
    if (ts.isFunctionLike(n)) return false;
  }
  return false;
}

/** `import('x').catch(…)`, also after `.then(…)`: the promise form of a `try`/`catch`, the module's absence handled. */
function caughtImport(node: ts.CallExpression): boolean {
  if (node.expression.kind !== ts.SyntaxKind.ImportKeyword) return false;
  for (let n: ts.Node = node; ts.isPropertyAccessExpression(n.parent) && ts.isCallExpression(n.parent.parent) && n.parent.parent.expression === n.parent; n = n.parent.parent) {
    const method = n.parent.name.text;
    if (method === 'catch' || (method === 'then' && n.parent.parent.arguments.length >= 2)) return true;
    if (method !== 'then' && method !== 'finally') return false;
  }
  return false;
}

/** `require.resolve('x', { paths: [dir] })` looks `x` up from those folders (another package's), not from this one. */
function resolvedElsewhere(call: ts.CallExpression): boolean {
  const opts = call.arguments[1];
  return !!opts && ts.isObjectLiteralExpression(opts) && opts.properties.some((p) => p.name !== undefined && ts.isIdentifier(p.name) && p.name.text === 'paths');
}

function isRequireLike(call: ts.CallExpression): boolean {
  const e = call.expression;
  if (e.kind === ts.SyntaxKind.ImportKeyword) return true;
  if (ts.isIdentifier(e)) return e.text === 'require';
  // require.resolve('x'), module.require('x')
  return ts.isPropertyAccessExpression(e) && ((ts.isIdentifier(e.expression) && e.expression.text === 'require' && e.name.text === 'resolve' && !resolvedElsewhere(call)) || (ts.isIdentifier(e.expression) && e.expression.text === 'module' && e.name.text === 'require'));
}

/** `import type { A }`, or `import { type A, type B }` with nothing else: erased when compiled. */
function typeOnlyImport(clause: ts.ImportClause | undefined): boolean {
  if (!clause) return false;
  if (clause.isTypeOnly) return true;
  const named = clause.namedBindings;
  return !clause.name && !!named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
}

export function jsSpecifiers(ctx: DetectorContext): Specifier[] {
  const sf = ctx.js();
  if (!sf) return [];
  const out: Specifier[] = [];
  // A declaration file only ever needs types: `@types/x` declares `x` for every import in it. TypeScript reads
  // `x.d.vue.ts` (vue-tsc's emit for `x.vue`, any `.d.<ext>.ts`) as one too.
  const declarations = /\.d\.(?:[cm]?ts|[\w-]+\.ts)$/.test(ctx.path);
  const add = (lit: ts.Node | undefined, typeOnly: boolean, optional = false, lazy = false) => {
    if (lit && (ts.isStringLiteral(lit) || ts.isNoSubstitutionTemplateLiteral(lit))) {
      out.push({ text: lit.text, start: lit.getStart(sf) + 1, typeOnly: typeOnly || declarations, optional, ...(lazy ? { lazy } : {}) });
    }
  };
  // Only subtrees containing `require`, `import` or `export` can hold a reference: skip the rest.
  const hits = [...ctx.text.matchAll(/\b(?:require|import|export)\b/g)].map((m) => m.index!);
  if (!hits.length) return out;
  const containsHit = (node: ts.Node): boolean => {
    let lo = 0;
    let hi = hits.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (hits[mid] < node.pos) lo = mid + 1;
      else hi = mid;
    }
    return lo < hits.length && hits[lo] < node.end;
  };
  const visit = (node: ts.Node): void => {
    if (!containsHit(node)) return;
    ctx.checkBudget();
    if (ts.isImportDeclaration(node)) {
      add(node.moduleSpecifier, typeOnlyImport(node.importClause));
      return;
    }
    if (ts.isExportDeclaration(node)) {
      add(node.moduleSpecifier, node.isTypeOnly);
      return;
    }
    if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression, node.isTypeOnly);
      return;
    }
    if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal, true);
    else if (ts.isCallExpression(node) && node.arguments.length >= 1 && isRequireLike(node)) add(node.arguments[0], false, isInTry(node) || caughtImport(node), ((node.expression.kind !== ts.SyntaxKind.ImportKeyword || underBranch(node)) && inFunction(node)) || underBranch(node, true));
    else if (ts.isModuleDeclaration(node) && ts.isStringLiteral(node.name)) return; // `declare module 'x'` declares, not imports
    ts.forEachChild(node, visit);
  };
  visit(sf);
  // `try { require.resolve('sqlite3') } catch { return }`: the file probes for the module, so every
  // require of it there is optional (@sap/cds's tracing of sqlite3).
  const probed = new Set(out.filter((s) => s.optional).map((s) => s.text));
  return probed.size ? out.map((s) => (probed.has(s.text) && !s.optional ? { ...s, optional: true } : s)) : out;
}

/** npm references among the specifiers; `isLocal` says whether a bare specifier is an alias or workspace path. */
export function jsReferences(specs: readonly Specifier[], isLocal: (specifier: string, pkg: string) => boolean): PackageRef[] {
  const refs: PackageRef[] = [];
  for (const s of specs) {
    if (isNodeBuiltin(s.text)) continue;
    const name = npmPackageOf(s.text);
    if (!name || isLocal(s.text, name)) continue;
    refs.push({ ecosystem: 'npm', name, start: s.start, end: s.start + name.length, kind: 'import', typeOnly: s.typeOnly, optional: s.optional, ...(s.lazy ? { lazy: true } : {}) });
  }
  return refs;
}

/**
 * Whether the file registers the module itself under that bare name and so provides it (AMD's `define('x', …)`,
 * `require.register('x', …)`, MeshAgent's `addModule('x', …)`): no package is needed for it.
 */
export function registeredModule(text: string, specifier: string): boolean {
  if (!text.includes(specifier)) return false;
  const name = specifier.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`\\b(?:define|register|addModule)\\(\\s*(['"\`])${name}\\1\\s*,`).test(text);
}
