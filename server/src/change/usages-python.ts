// Python's side of usages.ts: `from m import a as b`, `import pkg.mod as m`, calls with their
// positional count, keywords and splats, `await`, fields read off a result (`f().x`, `f()["x"]`),
// and `x.y` / `x["y"]` reads.
import type { PyNode } from '../analysis/py-tree';
import { LineIndex } from '../core/text';
import { stringValue } from './surface-python';
import type { Usages } from './usages';

function dotted(n: PyNode | null | undefined): string | undefined {
  if (!n) return undefined;
  if (n.type === 'identifier') return n.text;
  if (n.type === 'attribute') {
    const left = dotted(n.childForFieldName('object'));
    const attr = n.childForFieldName('attribute');
    return left && attr ? `${left}.${attr.text}` : undefined;
  }
  return undefined;
}

/** The key read off a value: `.x` or `["x"]`. */
function readKey(parent: PyNode | undefined, child: PyNode): string | undefined {
  if (!parent) return undefined;
  if (parent.type === 'attribute' && parent.childForFieldName('object') === child) return parent.childForFieldName('attribute')?.text;
  if (parent.type === 'subscript' && parent.childForFieldName('value') === child) return stringValue(parent.childForFieldName('subscript'));
  return undefined;
}

export function pyUsages(root: PyNode, text: string, tick: () => void = () => {}): Usages {
  const out: Usages = { imports: [], calls: [], members: [], literals: [] };
  const index = new LineIndex(text);
  const range = (n: PyNode) => ({ start: index.positionAt(n.startIndex), end: index.positionAt(n.endIndex) });
  let visited = 0;
  const visit = (n: PyNode, parent: PyNode | undefined): void => {
    if ((++visited & 1023) === 0) tick();
    if (n.type === 'import_from_statement') {
      const spec = n.childForFieldName('module_name')?.text.replace(/\s+/g, '') ?? '';
      if (n.children.some((c) => c.type === 'wildcard_import')) out.imports.push({ specifier: spec, imported: '*', local: '*', reexport: '*', range: range(n) });
      for (const c of n.childrenForFieldName('name')) {
        const name = c.type === 'aliased_import' ? c.childForFieldName('name') : c;
        const alias = c.type === 'aliased_import' ? c.childForFieldName('alias') : c;
        if (name && alias) out.imports.push({ specifier: spec, imported: name.text, local: alias.text, range: range(c) });
      }
    } else if (n.type === 'import_statement') {
      for (const c of n.childrenForFieldName('name')) {
        const name = c.type === 'aliased_import' ? c.childForFieldName('name') : c;
        const alias = c.type === 'aliased_import' ? c.childForFieldName('alias') : c;
        if (name && alias) out.imports.push({ specifier: name.text, imported: '*', local: alias.text, range: range(c) });
      }
    } else if (n.type === 'call') {
      const callee = dotted(n.childForFieldName('function'));
      const args = n.childForFieldName('arguments');
      if (callee && args?.type === 'argument_list') {
        const list = args.namedChildren.filter((a) => a.type !== 'comment');
        const awaited = parent?.type === 'await';
        const outer = awaited ? undefined : parent;
        const fields: string[] = [];
        const key = readKey(parent, n);
        if (key) fields.push(key);
        const assigned = (awaited ? undefined : parent)?.type === 'assignment' ? parent : undefined;
        const left = assigned?.childForFieldName('left');
        out.calls.push({
          callee, isNew: false,
          args: list.filter((a) => a.type !== 'keyword_argument' && a.type !== 'list_splat' && a.type !== 'dictionary_splat').length,
          spread: list.some((a) => a.type === 'list_splat' || a.type === 'dictionary_splat'),
          keywords: list.filter((a) => a.type === 'keyword_argument').map((a) => a.childForFieldName('name')?.text ?? ''),
          awaited: awaited || outer?.type === 'return_statement',
          used: outer?.type !== 'expression_statement',
          ...(left?.type === 'identifier' ? { result: left.text } : {}),
          fields, range: range(n),
        });
      }
    } else if (n.type === 'attribute' || n.type === 'subscript') {
      const object = n.childForFieldName(n.type === 'attribute' ? 'object' : 'value');
      const member = n.type === 'attribute' ? n.childForFieldName('attribute')?.text : stringValue(n.childForFieldName('subscript'));
      if (object?.type === 'identifier' && member) out.members.push({ object: object.text, member, range: range(n) });
    }
    for (const c of n.children) visit(c, n);
  };
  visit(root, undefined);
  return out;
}
