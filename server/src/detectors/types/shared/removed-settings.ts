// removed-package-api's Django settings (`on: setting` in rules/removed-apis/pypi.json): settings a release
// removed, read as top-level assignments of a settings module, which Django then ignores without a word.
// Left alone: a module that also sets the replacement (it supports older releases on purpose), an empty
// value (it asked for nothing), an assignment in a function or class, or behind a version check.
import type { Node } from 'web-tree-sitter';
import type { PyNodes } from '../../shared/py-nodes';
import { guarded } from './removed-python-syntax';
import type { PyRemovedEntry } from './removed-python';

/** A Django settings module: named so, or setting what only settings set. */
const SETTINGS_PATH = /(?:^|[\\/])(?:settings|\w+_settings|settings_\w+)\.py$|(?:^|[\\/])settings[\\/][^\\/]+\.py$/;
const CORE_SETTING = /(?:^|\n)(?:INSTALLED_APPS|ROOT_URLCONF|MIDDLEWARE|DATABASES|TEMPLATES)[ \t]*\+?=(?!=)/;
const EMPTY = /^(?:\(\s*\)|\[\s*\]|\{\s*\}|None|''|"")$/;

const assigns = (text: string, name: string) => new RegExp(`(?:^|\\n)[ \\t]*${name}[ \\t]*\\+?=(?!=)`).test(text);

/** Outside any function or class: what the settings module itself sets. */
function atModuleLevel(n: Node): boolean {
  for (let p = n.parent; p; p = p.parent) if (p.type === 'function_definition' || p.type === 'class_definition') return false;
  return true;
}

export function settingUses(nodes: PyNodes, path: string, text: string, entries: readonly PyRemovedEntry[]): Array<{ node: Node; subject: string; entry: PyRemovedEntry }> {
  const settings = entries.filter((e) => e.on === 'setting');
  if (!settings.length || !(SETTINGS_PATH.test(path) || CORE_SETTING.test(text))) return [];
  const out: Array<{ node: Node; subject: string; entry: PyRemovedEntry }> = [];
  for (const s of nodes.of('assignment')) {
    const left = s.childForFieldName('left');
    const e = left?.type === 'identifier' ? settings.find((x) => x.member === left.text) : undefined;
    if (!e || EMPTY.test(s.childForFieldName('right')?.text ?? '') || !atModuleLevel(s) || guarded(s)) continue;
    if (!(e.replacedBy && assigns(text, e.replacedBy))) out.push({ node: left!, subject: e.member, entry: e });
  }
  return out;
}
