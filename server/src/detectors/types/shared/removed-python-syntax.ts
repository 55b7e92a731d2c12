// Syntax helpers of removed-package-api's Python half (removed-python.ts): compatibility code that is not
// judged, how often a file binds a name, the rename fix, and which `request` is a Django view's.
import type { Node } from 'web-tree-sitter';
import type { Fix } from '../../../core/types';

/** Imports are compatibility code in a `try` that catches the failed import (or anything); uses only where it catches AttributeError. */
const CAUGHT_IMPORT = /\b(?:ImportError|ModuleNotFoundError|Exception|BaseException)\b/;
const CAUGHT_USE = /\bAttributeError\b/;
/** A check of Django's (or Python's) version: `django.VERSION`, `DJ_VERSION`, `django.__version__`, `django_version`, `sys.version_info`; not any `*_version` (an `api_version` branch is the app's own). */
const VERSION_CHECK = /\bVERSION\b|_VERSION\b|__version__|get_version\(|version_info|[Dd]jango_?[Vv]ersion|DJANGO_\w*\d|\b[Dd]jango\w*\d\d/;

/**
 * Code written for several releases: inside a `try` that catches the failure (a bare `except` for an import;
 * a `try … except Exception: pass` around ordinary code is no fallback), or a branch of a version check.
 */
export function guarded(node: Node, isImport = false): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'try_statement') {
      const handlers = p.namedChildren.filter((c) => c?.type === 'except_clause');
      const caught = isImport ? CAUGHT_IMPORT : CAUGHT_USE;
      if (handlers.some((h) => (isImport && (!h!.namedChildren[0] || h!.namedChildren[0].type === 'block')) || caught.test(h!.namedChildren[0]?.text ?? ''))) return true;
    } else if (p.type === 'if_statement' || p.type === 'elif_clause' || p.type === 'conditional_expression' || p.type === 'boolean_operator') {
      const cond = p.type === 'conditional_expression' ? p.namedChildren[1]?.text : p.type === 'boolean_operator' ? p.text : p.childForFieldName('condition')?.text;
      if (cond && (VERSION_CHECK.test(cond) || /\bhasattr\(/.test(cond))) return true;
      if (p.type === 'if_statement' && p.namedChildren.some((c) => c?.type === 'elif_clause' && VERSION_CHECK.test(c.childForFieldName('condition')?.text ?? ''))) return true;
    }
  }
  return false;
}

/** `name = Field(…)` in a class body: a model field declared with it (what Django's checks reject for fields kept only for migrations). */
export function declaresField(call: Node | null | undefined): boolean {
  const assignment = call?.type === 'call' ? call.parent : undefined;
  const block = assignment?.type === 'assignment' && assignment.childForFieldName('right')?.id === call!.id ? assignment.parent?.parent : undefined;
  return block?.type === 'block' && block.parent?.type === 'class_definition';
}

/** How many statements of the file bind `name` (imports, assignments, defs, parameters aside). */
export const bindings = (text: string, name: string) =>
  (text.match(new RegExp(`(?:^|\\n)[ \\t]*(?:def|class)[ \\t]+${name}\\b|(?:^|[^.\\w])${name}[ \\t]*=(?!=)|\\bas[ \\t]+${name}\\b|\\bimport[^\\n#]*[ ,(]${name}\\b(?![ \\t]+as\\b)`, 'g')) ?? []).length;

/**
 * Whether this occurrence binds the name without an `=` (what `bindings` cannot count): a parameter (of a def or a lambda,
 * with or without a default or annotation), a `for` or comprehension target, `global`/`nonlocal`. Renaming such a
 * parameter would break callers that pass it by keyword.
 */
function bindsWithoutAssignment(id: Node): boolean {
  let n: Node = id;
  while (n.parent && /^(?:tuple_pattern|list_pattern|pattern_list|list_splat_pattern|dictionary_splat_pattern)$/.test(n.parent.type)) n = n.parent;
  const p = n.parent;
  if (!p) return false;
  if (p.type === 'parameters' || p.type === 'lambda_parameters' || p.type === 'global_statement' || p.type === 'nonlocal_statement') return true;
  if (/^(?:default_parameter|typed_parameter|typed_default_parameter)$/.test(p.type)) return p.namedChildren[0]?.id === n.id;
  return (p.type === 'for_statement' || p.type === 'for_in_clause') && p.childForFieldName('left')?.id === n.id;
}

/** Rename a name the import binds, and every read of it in the file, when the import is its only binding. */
export function renameFix(root: Node, text: string, name: Node, local: string, to: string, aliased: boolean, move?: { from: Node; to: string; names: number }): Fix | undefined {
  const edits = [{ start: name.startIndex, end: name.endIndex, newText: to }];
  if (move) {
    // The statement moves to the new module: only when it imports nothing else from the old one.
    if (move.names !== 1) return undefined;
    edits.push({ start: move.from.startIndex, end: move.from.endIndex, newText: move.to });
  }
  if (!aliased) {
    if (bindings(text, local) !== 1) return undefined;
    for (const id of root.descendantsOfType('identifier')) {
      if (!id || id.text !== local || id.startIndex === name.startIndex) continue;
      const parent = id.parent;
      if (parent?.type === 'attribute' && parent.childForFieldName('attribute')?.id === id.id) continue;
      if (parent?.type === 'keyword_argument' && parent.childForFieldName('name')?.id === id.id) continue;
      if (bindsWithoutAssignment(id)) return undefined;
      edits.push({ start: id.startIndex, end: id.endIndex, newText: to });
    }
  }
  return { title: `Vouch: Use ${to}`, verify: true, edits };
}

/** The request a view certainly receives: `request` as a function's first parameter (after `self`), or `self.request` in a view class. */
export function isViewRequest(receiver: Node): boolean {
  let fn: Node | null = receiver.parent;
  while (fn && fn.type !== 'function_definition') fn = fn.parent;
  if (!fn) return false;
  const params = (fn.childForFieldName('parameters')?.namedChildren ?? []).map((p) => (p?.type === 'identifier' ? p.text : p?.namedChildren[0]?.text ?? ''));
  const cls = fn.parent?.parent?.type === 'class_definition' ? fn.parent.parent : undefined;
  if (receiver.text === 'self.request') return !!cls && /View|Mixin/.test(cls.childForFieldName('superclasses')?.text ?? '');
  const first = cls && (params[0] === 'self' || params[0] === 'cls') ? params[1] : params[0];
  return first === 'request' && !new RegExp(`(?:^|[^.\\w])request[ \\t]*=(?!=)`).test(fn.childForFieldName('body')?.text ?? '');
}


/** Settings that name a class by its dotted path: a cache's `'BACKEND'`, `*_STORAGE`, `*_SERIALIZER`, `*_BACKEND`, `PASSWORD_HASHERS`. */
const SETTING = /^[A-Z][A-Z0-9_]*(?:STORAGE|SERIALIZER|BACKEND)$/;

/** The string contents that configure Django with a dotted path (not a list of supported names, a comparison, a docstring). */
export function settingPaths(pairs: readonly Node[], assignments: readonly Node[]): Node[] {
  const content = (s: Node | null | undefined) => (s?.type === 'string' ? s.namedChildren.find((c) => c?.type === 'string_content') ?? undefined : undefined);
  const out: Array<Node | undefined> = [];
  for (const p of pairs) if (/^['"]BACKEND['"]$/.test(p.childForFieldName('key')?.text ?? '')) out.push(content(p.childForFieldName('value')));
  for (const a of assignments) {
    const left = a.childForFieldName('left')?.text ?? '';
    const right = a.childForFieldName('right');
    if (SETTING.test(left)) out.push(content(right));
    else if (left === 'PASSWORD_HASHERS' && (right?.type === 'list' || right?.type === 'tuple')) out.push(...right.namedChildren.map(content));
  }
  return out.filter((n): n is Node => !!n);
}
