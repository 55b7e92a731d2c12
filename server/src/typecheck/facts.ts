// Turns the checker's diagnostics on the edited file into API facts, keeping only those that mean
// "this API is not real" for an API declared in installed typings (never the user's own code or `any`).
import { ts } from '../core/ts';
import type { ApiFact } from '../core/services';
import { LIB_DIR, isBareSpecifier, packageOfFile } from './resolve';
import type { CheckedFile } from './host';

const MISSING_MEMBER = new Set([2339, 2551]);
const MISSING_EXPORT = new Set([2305, 2614, 2724]);
const ARITY = new Set([2554, 2555, 2575]);
const OPTION = new Set([2353, 2561]);
const NO_OVERLOAD = 2769;
const DEPRECATED = new Set([6385, 6387]);

export function apiFacts(checked: CheckedFile, aborted: () => boolean): ApiFact[] | undefined {
  const { program, sourceFile: sf, languageService } = checked;
  const checker = program.getTypeChecker();
  const facts: ApiFact[] = [];
  const ctx = { checker, sf };
  const semantic = languageService.getSemanticDiagnostics(sf.fileName);
  for (const d of semantic) {
    if (d.start === undefined || d.file?.fileName !== sf.fileName) continue;
    const node = nodeAt(sf, d.start);
    if (!node) continue;
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    const fact = MISSING_MEMBER.has(d.code) ? missingMember(ctx, node, text)
      : MISSING_EXPORT.has(d.code) ? missingExport(node, text)
        : ARITY.has(d.code) ? arity(ctx, node, text)
          : OPTION.has(d.code) ? unknownOption(ctx, node, text)
            : d.code === NO_OVERLOAD ? overloadOption(ctx, node, text)
              : undefined;
    if (fact) facts.push(fact);
  }
  // JS object literals get no excess-property check from TypeScript: compare keys with the typings.
  if (/\.[cm]?jsx?$/i.test(sf.fileName)) facts.push(...jsOptionKeys(ctx));
  if (aborted()) return undefined;
  for (const d of languageService.getSuggestionDiagnostics(sf.fileName)) {
    if (!DEPRECATED.has(d.code) || d.start === undefined) continue;
    const node = nodeAt(sf, d.start);
    const fact = node && deprecated(ctx, node, d.code);
    if (fact) facts.push(fact);
  }
  return facts;
}

interface Ctx { checker: ts.TypeChecker; sf: ts.SourceFile }

/** The innermost node that starts at `pos`. */
function nodeAt(sf: ts.SourceFile, pos: number): ts.Node | undefined {
  let found: ts.Node | undefined;
  const visit = (n: ts.Node): void => {
    if (n.getStart(sf) <= pos && pos < n.end) {
      if (n.getStart(sf) === pos) found = n;
      ts.forEachChild(n, visit);
    }
  };
  visit(sf);
  return found;
}

function isExternalFile(file: ts.SourceFile | undefined): boolean {
  if (!file || file.fileName.startsWith(LIB_DIR)) return false;
  return file.isDeclarationFile && packageOfFile(file.fileName) !== undefined;
}

/** The module a declaration belongs to: the `declare module "x"` around it, else its package. */
function moduleOfDecl(decl: ts.Node): string | undefined {
  for (let n: ts.Node | undefined = decl; n; n = n.parent) {
    if (ts.isModuleDeclaration(n) && ts.isStringLiteral(n.name)) return n.name.text.replace(/^node:/, '');
  }
  return packageOfFile(decl.getSourceFile().fileName);
}

/** Module of a type when all its declarations are in installed typings; undefined otherwise. */
function externalModuleOfType(ctx: Ctx, type: ts.Type): string | undefined {
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Never)) return undefined;
  const parts = type.isUnion() ? type.types : [type];
  let module: string | undefined;
  for (const t of parts) {
    const decls = (t.aliasSymbol ?? t.getSymbol())?.declarations ?? [];
    if (!decls.length) {
      if (t.flags & ts.TypeFlags.Object) return undefined;
      continue;
    }
    if (!decls.every((d) => isExternalFile(d.getSourceFile()))) return undefined;
    module ??= moduleOfDecl(decls[0]);
  }
  return module;
}

/** The bare module an imported binding comes from (`import * as fs from 'fs'`, `const fs = require('fs')`). */
function importedFrom(ctx: Ctx, id: ts.Node): string | undefined {
  if (!ts.isIdentifier(id)) return undefined;
  const decl = ctx.checker.getSymbolAtLocation(id)?.declarations?.[0];
  if (!decl) return undefined;
  let spec: ts.Node | undefined;
  if (ts.isImportSpecifier(decl) || ts.isNamespaceImport(decl) || ts.isImportClause(decl)) {
    spec = ts.findAncestor(decl, ts.isImportDeclaration)?.moduleSpecifier;
  } else if (ts.isImportEqualsDeclaration(decl) && ts.isExternalModuleReference(decl.moduleReference)) {
    spec = decl.moduleReference.expression;
  } else if (ts.isVariableDeclaration(decl) && decl.initializer && ts.isCallExpression(decl.initializer)) {
    const call = decl.initializer;
    if (ts.isIdentifier(call.expression) && call.expression.text === 'require') spec = call.arguments[0];
  }
  return spec && ts.isStringLiteralLike(spec) && isBareSpecifier(spec.text) ? spec.text.replace(/^node:/, '') : undefined;
}

function subjectText(ctx: Ctx, n: ts.Node): string {
  const t = n.getText(ctx.sf).replace(/\s+/g, ' ');
  return t.length > 60 ? `${t.slice(0, 57)}…` : t;
}

function suggestionIn(text: string): string | undefined {
  return /Did you mean (?:to write )?'([^']+)'/.exec(text)?.[1];
}

function missingMember(ctx: Ctx, node: ts.Node, text: string): ApiFact | undefined {
  const parent = node.parent;
  let receiver: ts.Expression | undefined;
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) receiver = parent.expression;
  else if (ts.isBindingElement(parent) && ts.isObjectBindingPattern(parent.parent) && ts.isVariableDeclaration(parent.parent.parent)) {
    receiver = parent.parent.parent.initializer;
  }
  if (!receiver) return undefined;
  const type = ctx.checker.getTypeAtLocation(receiver);
  const module = externalModuleOfType(ctx, type);
  if (!module) return undefined;
  const name = node.getText(ctx.sf);
  const label = importedFrom(ctx, receiver) ?? module;
  const owner = ts.isIdentifier(receiver) ? receiver.text : subjectText(ctx, receiver);
  return { kind: 'missing-member', start: node.getStart(ctx.sf), end: node.end, subject: `${owner}.${name}`, module: label, suggestion: suggestionIn(text) };
}

function missingExport(node: ts.Node, text: string): ApiFact | undefined {
  const spec = ts.findAncestor(node, ts.isImportDeclaration)?.moduleSpecifier;
  if (!spec || !ts.isStringLiteral(spec) || !isBareSpecifier(spec.text) || !ts.isIdentifier(node)) return undefined;
  const suggestion = suggestionIn(text) ?? (/import .* from/.test(text) ? 'default import' : undefined);
  return { kind: 'missing-export', start: node.getStart(), end: node.end, subject: node.text, module: spec.text.replace(/^node:/, ''), suggestion };
}

/** The module of an external callee (`fs.readFileSync`, `new Buffer`), with the call; undefined for user code. */
function externalCallee(ctx: Ctx, call: ts.CallExpression | ts.NewExpression): { module: string; name: string } | undefined {
  const callee = call.expression;
  const target = ts.isPropertyAccessExpression(callee) ? callee.name : callee;
  let sym = ctx.checker.getSymbolAtLocation(target);
  if (sym && sym.flags & ts.SymbolFlags.Alias) sym = ctx.checker.getAliasedSymbol(sym);
  const decls = sym?.declarations ?? [];
  if (!decls.length || !decls.every((d) => isExternalFile(d.getSourceFile()))) return undefined;
  const root = ts.isPropertyAccessExpression(callee) ? callee.expression : callee;
  const module = importedFrom(ctx, root) ?? moduleOfDecl(decls[0]);
  return module ? { module, name: (ts.isNewExpression(call) ? 'new ' : '') + subjectText(ctx, callee) } : undefined;
}

function enclosingCall(node: ts.Node): ts.CallExpression | ts.NewExpression | undefined {
  return ts.findAncestor(node, (n) => ts.isCallExpression(n) || ts.isNewExpression(n)) as ts.CallExpression | ts.NewExpression | undefined;
}

function arity(ctx: Ctx, node: ts.Node, text: string): ApiFact | undefined {
  const call = enclosingCall(node);
  const callee = call && externalCallee(ctx, call);
  if (!call || !callee) return undefined;
  const m = /Expected (at least \d+|[\d-]+) arguments?, but got (\d+)/.exec(text)
    ?? /No overload expects (\d+) arguments?, but overloads do exist that expect either (\d+ or \d+)/.exec(text);
  if (!m) return undefined;
  const [expected, got] = m[0].startsWith('No overload') ? [m[2], m[1]] : [m[1], m[2]];
  return {
    kind: 'arity', start: call.getStart(ctx.sf), end: call.expression.end, subject: callee.name, module: callee.module,
    expected: expected.replace('-', '–'), got: Number(got),
  };
}

function unknownOption(ctx: Ctx, node: ts.Node, text: string): ApiFact | undefined {
  const name = ts.isIdentifier(node) || ts.isStringLiteral(node) ? node.text : undefined;
  const call = enclosingCall(node);
  const callee = call && externalCallee(ctx, call);
  if (!name || !call || !callee || !call.arguments?.some((a) => a.pos <= node.pos && node.end <= a.end)) return undefined;
  return { kind: 'unknown-option', start: node.getStart(ctx.sf), end: node.end, subject: name, module: callee.module, callee: callee.name, suggestion: suggestionIn(text) };
}

/** "No overload matches this call" where an overload rejects an unknown key of an options literal. */
function overloadOption(ctx: Ctx, node: ts.Node, text: string): ApiFact | undefined {
  const key = /Object literal may only specify known properties, (?:but|and) '([^']+)' does not exist/.exec(text)?.[1];
  const call = enclosingCall(node) ?? (ts.isCallExpression(node.parent) ? node.parent : undefined);
  if (!key || !call) return undefined;
  let prop: ts.Node | undefined;
  for (const arg of call.arguments ?? []) {
    if (!ts.isObjectLiteralExpression(arg)) continue;
    prop ??= arg.properties.find((p) => p.name && ts.isIdentifier(p.name) && p.name.text === key)?.name;
  }
  return prop ? unknownOption(ctx, prop, text) : undefined;
}

function deprecated(ctx: Ctx, node: ts.Node, code: number): ApiFact | undefined {
  let sym = ctx.checker.getSymbolAtLocation(node);
  if (sym && sym.flags & ts.SymbolFlags.Alias) sym = ctx.checker.getAliasedSymbol(sym);
  const decls = sym?.declarations ?? [];
  if (!sym || !decls.length || !decls.every((d) => isExternalFile(d.getSourceFile()))) return undefined;
  let tags = sym.getJsDocTags(ctx.checker);
  const call = node.parent && (ts.isCallExpression(node.parent) || ts.isNewExpression(node.parent)) ? node.parent
    : node.parent?.parent && ts.isPropertyAccessExpression(node.parent) && (ts.isCallExpression(node.parent.parent) || ts.isNewExpression(node.parent.parent)) ? node.parent.parent : undefined;
  if (code === 6387 || !tags.some((t) => t.name === 'deprecated')) {
    const sig = call ? ctx.checker.getResolvedSignature(call) : undefined;
    tags = sig?.getJsDocTags() ?? tags;
  }
  const tag = tags.find((t) => t.name === 'deprecated');
  if (!tag) return undefined;
  const owner = ts.isPropertyAccessExpression(node.parent) && node.parent.name === node ? node.parent : node;
  const root = ts.isPropertyAccessExpression(owner) ? owner.expression : owner;
  const module = importedFrom(ctx, root) ?? importedFrom(ctx, node) ?? moduleOfDecl(decls[0]) ?? 'the package';
  const subject = (call && ts.isNewExpression(call) ? 'new ' : '') + subjectText(ctx, owner);
  return { kind: 'deprecated', start: node.getStart(ctx.sf), end: node.end, subject, module, deprecation: ts.displayPartsToString(tag.text) };
}

/** Object types a parameter position accepts across every overload; undefined when any is open-ended. */
function acceptedObjects(ctx: Ctx, sigs: readonly ts.Signature[], index: number): ts.Type[] | undefined {
  const out: ts.Type[] = [];
  for (const sig of sigs) {
    const param = sig.getParameters()[index];
    if (!param || (sig.getDeclaration() && ts.isFunctionLike(sig.getDeclaration()) && sig.getDeclaration().parameters[index]?.dotDotDotToken)) continue;
    const type = ctx.checker.getTypeOfSymbol(param);
    for (const t of type.isUnion() ? type.types : type.isIntersection() ? [type] : [type]) {
      if (t.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.TypeParameter | ts.TypeFlags.NonPrimitive)) return undefined;
      if (!(t.flags & ts.TypeFlags.Object) && !t.isIntersection()) continue;
      if (t.getStringIndexType() || !ctx.checker.getPropertiesOfType(t).length || t.getCallSignatures().length) return undefined;
      out.push(t);
    }
  }
  return out.length ? out : undefined;
}

function jsOptionKeys(ctx: Ctx): ApiFact[] {
  const facts: ApiFact[] = [];
  const visit = (n: ts.Node): void => {
    if ((ts.isCallExpression(n) || ts.isNewExpression(n)) && n.arguments?.some(ts.isObjectLiteralExpression)) {
      const callee = externalCallee(ctx, n);
      const type = callee && ctx.checker.getTypeAtLocation(n.expression);
      const sigs = type ? (ts.isNewExpression(n) ? type.getConstructSignatures() : type.getCallSignatures()) : [];
      n.arguments!.forEach((arg, i) => {
        if (!callee || !ts.isObjectLiteralExpression(arg)) return;
        const accepted = acceptedObjects(ctx, sigs, i);
        if (!accepted) return;
        const known = new Set(accepted.flatMap((t) => ctx.checker.getPropertiesOfType(t).map((p) => p.name)));
        for (const p of arg.properties) {
          if (!ts.isPropertyAssignment(p) && !ts.isShorthandPropertyAssignment(p) && !ts.isMethodDeclaration(p)) continue;
          const name = p.name;
          if (!name || !(ts.isIdentifier(name) || ts.isStringLiteral(name)) || known.has(name.text)) continue;
          const suggestion = [...known].find((k) => nearby(k, name.text));
          facts.push({ kind: 'unknown-option', start: name.getStart(ctx.sf), end: name.end, subject: name.text, module: callee.module, callee: callee.name, suggestion });
        }
      });
    }
    ts.forEachChild(n, visit);
  };
  visit(ctx.sf);
  return facts;
}

/** Edit distance of at most 2 (and the words not too short to compare). */
function nearby(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 2 || Math.min(a.length, b.length) < 3) return false;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length] <= 2;
}
