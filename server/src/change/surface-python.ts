// The public surface of a Python module: module-level `def`s and classes whose names have no leading
// underscore (with their parameters: positional-only, keyword-only, defaults, `*args`, `**kwargs`),
// public methods and the constructor (`__init__`, or a dataclass's / pydantic model's fields),
// public module-level names, re-exports of a package's `__init__.py`, and `__all__`.

/**
 * What the surface reads of a node: the copied tree of analysis/py-tree.ts (the detector has it) or
 * web-tree-sitter's own nodes (the baseline's files: copying whole trees only to read their top level
 * cost more than parsing them).
 */
export interface PyNode {
  readonly type: string;
  readonly text: string;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly children: readonly PyNode[];
  readonly namedChildren: readonly PyNode[];
  childForFieldName(name: string): PyNode | null;
  childrenForFieldName(name: string): readonly PyNode[];
  /** web-tree-sitter only: the descendants of a type, in one call. */
  descendantsOfType?(type: string): Array<PyNode | null>;
  readonly parent?: PyNode | null;
}
import { pyLimits } from './limits';
import { squash, type Callable, type Entry, type Param, type Surface } from './surface';

const isPublic = (name: string): boolean => !name.startsWith('_');

/** A string literal's value (prefixes and quotes dropped), or undefined when it is not a plain string. */
export function stringValue(n: PyNode | null | undefined): string | undefined {
  if (!n || n.type !== 'string' || n.children.some((c) => c.type === 'interpolation')) return undefined;
  return n.children.filter((c) => c.type === 'string_content').map((c) => c.text).join('');
}

function params(list: PyNode | null, dropFirst: boolean): Param[] {
  const out: Param[] = [];
  let keywordOnly = false;
  const seen = list?.namedChildren ?? [];
  // Parameters before `/` are positional-only; `*` or `*args` start the keyword-only ones.
  const slash = seen.findIndex((c) => c.type === 'positional_separator');
  seen.forEach((c, i) => {
    if (c.type === 'positional_separator') return;
    if (c.type === 'keyword_separator') {
      keywordOnly = true;
      return;
    }
    // A typed parameter's name (or splat) comes first; its `type` field after.
    const inner = c.type === 'typed_parameter' ? c.namedChildren[0] ?? c : c;
    const pass = i < slash ? 'positional' : keywordOnly ? 'keyword' : 'either';
    if (inner.type === 'list_splat_pattern') {
      keywordOnly = true;
      out.push({ name: inner.text.replace(/^\*/, ''), optional: true, variadic: 'rest' });
    } else if (inner.type === 'dictionary_splat_pattern') {
      out.push({ name: inner.text.replace(/^\*\*/, ''), optional: true, variadic: 'keywords' });
    } else if (c.type === 'default_parameter' || c.type === 'typed_default_parameter') {
      out.push({ name: c.childForFieldName('name')?.text ?? '?', optional: true, default: squash(c.childForFieldName('value')?.text ?? ''), pass });
    } else if (inner.type === 'identifier') {
      out.push({ name: inner.text, optional: false, pass });
    }
  });
  return dropFirst ? out.slice(1) : out;
}

/** Keys of the dict literal every `return` gives, or undefined. */
function returnedKeys(body: PyNode | null): string[] | undefined {
  const values: Array<PyNode | undefined> = [];
  const nested = (n: PyNode) => n.type === 'function_definition' || n.type === 'class_definition' || n.type === 'lambda';
  if (body?.descendantsOfType) {
    for (const r of body.descendantsOfType('return_statement')) {
      // Returns of functions nested inside are theirs, not this one's.
      let p = r?.parent;
      while (p && p.startIndex >= body.startIndex && !nested(p)) p = p.parent;
      if (r && !(p && p.startIndex >= body.startIndex && nested(p))) values.push(r.namedChildren[0]);
    }
  } else {
    const visit = (n: PyNode): void => {
      if (nested(n)) return;
      if (n.type === 'return_statement') values.push(n.namedChildren[0]);
      for (const c of n.children) visit(c);
    };
    if (body) for (const c of body.children) visit(c);
  }
  if (!values.length) return undefined;
  const keys = new Set<string>();
  for (const v of values) {
    if (!v || v.type !== 'dictionary') return undefined;
    for (const p of v.namedChildren) {
      const k = p.type === 'pair' ? stringValue(p.childForFieldName('key')) : undefined;
      if (k === undefined) return undefined;
      keys.add(k);
    }
  }
  return [...keys];
}

const decoratorNames = (n: PyNode): string[] =>
  n.type === 'decorated_definition' ? n.namedChildren.filter((c) => c.type === 'decorator').map((d) => d.text.replace(/^@\s*/, '').replace(/\(.*$/s, '')) : [];

const definitionOf = (n: PyNode): PyNode | undefined => (n.type === 'decorated_definition' ? n.childForFieldName('definition') ?? undefined : n);

function callable(fn: PyNode, dropFirst: boolean): Callable {
  const returns = returnedKeys(fn.childForFieldName('body'));
  return { params: params(fn.childForFieldName('parameters'), dropFirst), async: fn.children.some((c) => c.type === 'async'), ...(returns ? { returns } : {}) };
}

function classEntry(name: PyNode, cls: PyNode, decorators: string[]): Entry {
  const methods: Record<string, { name: string; start: number; end: number; sig: Callable }> = {};
  let ctor: Callable | undefined;
  const fields: Param[] = [];
  const bases = cls.childForFieldName('superclasses')?.text ?? '';
  const model = /\bBaseModel\b/.test(bases);
  for (const stmt of cls.childForFieldName('body')?.children ?? []) {
    const def = definitionOf(stmt);
    if (def?.type === 'function_definition') {
      const n = def.childForFieldName('name')!;
      const deco = decoratorNames(stmt);
      if (deco.some((d) => /(^|\.)(property|setter|getter|deleter)$/.test(d))) continue;
      const sig = callable(def, !deco.includes('staticmethod'));
      if (n.text === '__init__') ctor = sig;
      else if (isPublic(n.text)) methods[n.text] = { name: n.text, start: n.startIndex, end: n.endIndex, sig };
    }
    const a = stmt.type === 'expression_statement' ? stmt.namedChildren[0] : undefined;
    if (a?.type === 'assignment' && a.childForFieldName('type') && a.childForFieldName('left')?.type === 'identifier') {
      const right = a.childForFieldName('right');
      fields.push({ name: a.childForFieldName('left')!.text, optional: !!right, ...(right ? { default: squash(right.text) } : {}), pass: model ? 'keyword' : 'either' });
    }
  }
  // A dataclass or pydantic model is constructed from its annotated fields.
  if (!ctor && (model || decorators.some((d) => /(^|\.)dataclass$/.test(d)))) ctor = { params: fields, async: false };
  return { name: name.text, start: name.startIndex, end: name.endIndex, kind: 'class', ...(ctor ? { ctor } : {}), methods };
}

export function pySurface(root: PyNode, _text: string, options: { packageInit?: boolean } = {}): Surface {
  const exports: Record<string, Entry> = {};
  let all: Surface['all'];
  const add = (e: Entry) => {
    if (isPublic(e.name)) exports[e.name] = e;
  };
  for (const stmt of root.children) {
    const def = definitionOf(stmt);
    const name = def?.childForFieldName('name');
    if (def?.type === 'function_definition' && name) add({ name: name.text, start: name.startIndex, end: name.endIndex, kind: 'function', sig: callable(def, false) });
    else if (def?.type === 'class_definition' && name) add(classEntry(name, def, decoratorNames(stmt)));
    else if (stmt.type === 'expression_statement' && stmt.namedChildren[0]?.type === 'assignment') {
      const left = stmt.namedChildren[0].childForFieldName('left');
      const right = stmt.namedChildren[0].childForFieldName('right');
      if (left?.text === '__all__' && (right?.type === 'list' || right?.type === 'tuple')) {
        all = { names: right.namedChildren.map(stringValue).filter((s): s is string => s !== undefined), start: left.startIndex, end: left.endIndex };
      } else if (left?.type === 'identifier') {
        const limits = pyLimits(left.text, right, stringValue);
        add({ name: left.text, start: left.startIndex, end: left.endIndex, kind: 'value', ...(limits ? { limits } : {}) });
      }
    } else if (options.packageInit && stmt.type === 'import_from_statement') {
      for (const n of stmt.childrenForFieldName('name')) {
        const local = n.type === 'aliased_import' ? n.childForFieldName('alias') : n;
        if (local) add({ name: local.text, start: local.startIndex, end: local.endIndex, kind: 'value' });
      }
    }
  }
  return { exports, ...(all ? { all } : {}) };
}
