#!/usr/bin/env node
// Builds rules/data/python-api.json.gz: which names Python's standard library (and a few common
// third-party packages) really have, read from typeshed's stubs as pyright ships them, for the
// Python phantom-member rule (server/src/detectors/python/phantom-member.ts).
//
// Usage: node scripts/python-api-facts.mjs <typeshed-dir> [--out <dir>]
//   <typeshed-dir> holds typeshed's `stdlib/` (with its VERSIONS file), `stubs/` and `commit.txt`:
//   the `dist/typeshed-fallback` folder of the `pyright` npm package (install it anywhere outside
//   the repository, e.g. `npm install --prefix <scratch> pyright`). Nothing here reaches a network.
//
// What it records (every branch of `if sys.version_info …` / `sys.platform …` counts: a name is
// present if some supported Python 3 version, 3.8 or later, on some platform, has it):
//   modules  module → its public names (definitions, assignments, imports, star imports resolved,
//            `__all__`) and its public submodules; modules last shipped before 3.8 are left out
//   open     modules with a module-level `__getattr__` (any name may exist: never judged)
//   classes  `module.Class` → public members, inherited ones included (bases resolved through the
//            stubs' imports; a base that cannot be resolved marks the class open)
//   openClasses classes with `__getattr__` or an unresolved base
//   returns  `module.func` / `module.Class.method` → the class of interest it certainly returns
//            (a plain class or `Self` annotation, never Optional/Union), for receivers such as
//            `re.compile(p)` or `datetime.now()`
// Private names (leading `_`) are never recorded: the rule does not judge them.
import { readFileSync, readdirSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Language, Parser } from 'web-tree-sitter';

const require = createRequire(import.meta.url);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Third-party stub packages of typeshed worth shipping: common, and with a stable public API. */
const THIRD_PARTY = ['requests', 'PyYAML', 'six', 'python-dateutil', 'pytz', 'toml', 'simplejson'];

/** Classes whose instances the rule can recognise from syntax (literals, constructors, factories). */
const CLASSES = [
  'builtins.object', 'builtins.list', 'builtins.dict', 'builtins.str', 'builtins.set', 'builtins.frozenset',
  'builtins.tuple', 'builtins.bytes', 'builtins.bytearray', 'builtins.int', 'builtins.float', 'builtins.complex',
  'pathlib.Path', 'pathlib.PurePath', 'datetime.datetime', 'datetime.date', 'datetime.time', 'datetime.timedelta',
  're.Match', 're.Pattern', 'collections.OrderedDict', 'collections.defaultdict', 'collections.Counter',
  'collections.deque', 'io.StringIO', 'io.BytesIO', 'decimal.Decimal', 'fractions.Fraction',
  'argparse.ArgumentParser', 'logging.Logger', 'threading.Thread', 'threading.Event', 'subprocess.Popen',
  'socket.socket', 'queue.Queue', 'uuid.UUID', 'json.JSONEncoder', 'json.JSONDecoder',
  'csv.DictReader', 'csv.DictWriter', 'zipfile.ZipFile', 'tarfile.TarFile', 'sqlite3.Connection', 'sqlite3.Cursor',
  // The short public name last: returned classes are named by it.
  'requests.models.Response', 'requests.sessions.Session', 'requests.Session', 'requests.Response',
];
/** Bases that carry no members of their own in the stubs (special forms). */
const IGNORED_BASES = new Set(['builtins.object']);
const SPECIAL_BASES = /^(typing\.|typing_extensions\.)?(Generic|Protocol)$/;
const unresolved = new Set();

function args() {
  const argv = process.argv.slice(2);
  const out = argv.includes('--out') ? argv[argv.indexOf('--out') + 1] : join(ROOT, 'rules', 'data');
  const dir = argv.find((a, i) => !a.startsWith('--') && argv[i - 1] !== '--out');
  if (!dir || !existsSync(join(dir, 'stdlib', 'VERSIONS'))) {
    console.error('usage: node scripts/python-api-facts.mjs <typeshed-dir> [--out <dir>]');
    process.exit(2);
  }
  return { dir, out };
}

/** VERSIONS: module → [min, max] as minor versions of Python 3 (max Infinity when still shipped). */
function versions(dir) {
  const map = new Map();
  for (const line of readFileSync(join(dir, 'stdlib', 'VERSIONS'), 'utf8').split('\n')) {
    const m = /^([\w.]+):\s*3\.(\d+)-(?:3\.(\d+))?/.exec(line.replace(/#.*/, '').trim());
    if (m) map.set(m[1], [Number(m[2]), m[3] ? Number(m[3]) : Infinity]);
  }
  return map;
}

/** Every .pyi file under `root` as [module name, path, isPackage]. */
function stubFiles(root) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) { if (!name.startsWith('@') && name !== 'tests') walk(p); continue; }
      if (!name.endsWith('.pyi')) continue;
      const parts = relative(root, p).slice(0, -4).split(sep);
      const pkg = parts[parts.length - 1] === '__init__';
      if (pkg) parts.pop();
      out.push([parts.join('.'), p, pkg]);
    }
  };
  walk(root);
  return out;
}

const isPublic = (name) => !name.startsWith('_');

/** The statements of a block, with every branch of `if`/`try` flattened in (all versions, all platforms). */
function* statements(block) {
  for (const s of block.namedChildren) {
    if (s.type === 'if_statement' || s.type === 'try_statement') {
      for (const c of s.namedChildren) {
        if (c.type === 'block') yield* statements(c);
        else if (['elif_clause', 'else_clause', 'except_clause', 'finally_clause'].includes(c.type)) {
          for (const b of c.namedChildren) if (b.type === 'block') yield* statements(b);
        }
      }
    } else if (s.type === 'decorated_definition') yield s.childForFieldName('definition');
    else yield s;
  }
}

/** Names an assignment's left side binds (`a`, `a, b`; never attributes or subscripts). */
function targets(node, out = []) {
  if (!node) return out;
  if (node.type === 'identifier') out.push(node.text);
  else if (['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list'].includes(node.type)) for (const c of node.namedChildren) targets(c, out);
  return out;
}

/** `X`, `mod.X`, `X[T]` → the base's dotted name (undefined for calls and other shapes). */
function baseName(node) {
  if (node.type === 'subscript' || node.type === 'generic_type') node = node.childForFieldName('value') ?? node.namedChildren[0];
  if (node && (node.type === 'identifier' || node.type === 'attribute')) return node.text;
  return undefined;
}

/** The return annotation's plain class name: `Pattern[str]` → `Pattern`, `Self` → `Self`; unions and Optionals → undefined. */
function returnName(fn) {
  const t = fn.childForFieldName('return_type');
  if (!t) return undefined;
  if (/[|]|Optional|Union/.test(t.text)) return undefined;
  const text = t.text.replace(/\[.*$/s, '').trim();
  return /^[A-Za-z_][\w.]*$/.test(text) && text !== 'None' ? text : undefined;
}

function parseModule(parser, name, path, isPackage) {
  const tree = parser.parse(readFileSync(path, 'utf8'));
  const mod = { name, isPackage, names: new Set(), stars: [], imports: new Map(), classes: new Map(), funcs: new Map(), open: false };
  const absolute = (rel) => {
    const dots = /^\.*/.exec(rel)[0].length;
    if (!dots) return rel;
    const parts = name.split('.');
    const keep = parts.length - dots + (isPackage ? 1 : 0);
    return [...parts.slice(0, keep), rel.slice(dots)].filter(Boolean).join('.');
  };
  for (const s of statements(tree.rootNode)) {
    if (!s) continue;
    if (s.type === 'class_definition') {
      const cname = s.childForFieldName('name').text;
      mod.names.add(cname);
      const cls = mod.classes.get(cname) ?? { bases: new Set(), members: new Set(), returns: new Map(), open: false };
      mod.classes.set(cname, cls);
      for (const b of s.childForFieldName('superclasses')?.namedChildren ?? []) {
        if (b.type === 'keyword_argument') continue;
        const n = baseName(b);
        if (n) cls.bases.add(n); else cls.open = true;
      }
      for (const m of statements(s.childForFieldName('body'))) {
        if (!m) continue;
        if (m.type === 'function_definition' || m.type === 'class_definition') {
          const mname = m.childForFieldName('name').text;
          cls.members.add(mname);
          if (mname === '__getattr__') cls.open = true;
          const r = m.type === 'function_definition' ? returnName(m) : undefined;
          if (r || cls.returns.has(mname)) cls.returns.set(mname, cls.returns.has(mname) && cls.returns.get(mname) !== r ? null : r);
        } else if (m.type === 'expression_statement') {
          for (const a of m.namedChildren) if (a.type === 'assignment') for (const t of targets(a.childForFieldName('left'))) cls.members.add(t);
        }
      }
    } else if (s.type === 'function_definition') {
      const fname = s.childForFieldName('name').text;
      mod.names.add(fname);
      if (fname === '__getattr__') mod.open = true;
      const r = returnName(s);
      // Overloads that return different classes (`re.sub` on str or bytes) certainly return neither.
      if (r || mod.funcs.has(fname)) mod.funcs.set(fname, mod.funcs.has(fname) && mod.funcs.get(fname) !== r ? null : r);
    } else if (s.type === 'expression_statement') {
      for (const a of s.namedChildren) {
        if (a.type !== 'assignment' && a.type !== 'augmented_assignment') continue;
        const left = targets(a.childForFieldName('left'));
        for (const t of left) mod.names.add(t);
        // `__all__ = [...]` / `__all__ += [...]`: the stub's public names.
        if (left.includes('__all__')) for (const str of a.childForFieldName('right')?.descendantsOfType('string_content') ?? []) mod.names.add(str.text);
      }
    } else if (s.type === 'import_statement') {
      for (const c of s.namedChildren) {
        if (c.type === 'aliased_import') mod.imports.set(c.childForFieldName('alias').text, { module: c.childForFieldName('name').text });
        else if (c.type === 'dotted_name') mod.imports.set(c.text.split('.')[0], { module: c.text.split('.')[0] });
      }
      for (const k of mod.imports.keys()) mod.names.add(k);
    } else if (s.type === 'import_from_statement') {
      const from = absolute(s.childForFieldName('module_name').text);
      if (s.namedChildren.some((c) => c.type === 'wildcard_import')) { mod.stars.push(from); continue; }
      for (const c of s.childrenForFieldName('name')) {
        const [orig, alias] = c.type === 'aliased_import' ? [c.childForFieldName('name').text, c.childForFieldName('alias').text] : [c.text, c.text];
        mod.names.add(alias);
        mod.imports.set(alias, { module: from, name: orig });
      }
    }
  }
  tree.delete();
  return mod;
}

async function main() {
  const { dir, out } = args();
  await Parser.init();
  const parser = new Parser();
  parser.setLanguage(await Language.load(readFileSync(require.resolve('tree-sitter-python/tree-sitter-python.wasm'))));
  const vers = versions(dir);
  const shipped = (name) => {
    for (let n = name; n; n = n.includes('.') ? n.slice(0, n.lastIndexOf('.')) : '') if (vers.has(n)) return vers.get(n)[1] >= 8;
    return false;
  };
  const mods = new Map();
  for (const [name, path, pkg] of stubFiles(join(dir, 'stdlib'))) if (shipped(name)) mods.set(name, parseModule(parser, name, path, pkg));
  const thirdParty = [];
  for (const dist of THIRD_PARTY) {
    const root = join(dir, 'stubs', dist);
    if (!existsSync(root)) { console.error(`no stubs for ${dist}`); continue; }
    thirdParty.push(dist);
    for (const [name, path, pkg] of stubFiles(root)) mods.set(name, parseModule(parser, name, path, pkg));
  }
  // Submodules are attributes of their package once imported (`import os.path` → `os.path`).
  for (const name of mods.keys()) {
    const i = name.lastIndexOf('.');
    if (i > 0) mods.get(name.slice(0, i))?.names.add(name.slice(i + 1));
  }
  // Star imports: every public name of the other module (a superset of its `__all__`: the safe side).
  const starred = (m, seen = new Set()) => {
    if (seen.has(m.name)) return m.names;
    seen.add(m.name);
    m.starFrom ??= [...m.stars];
    for (const s of m.stars.splice(0)) {
      const other = mods.get(s);
      if (!other) { m.open = true; continue; }
      for (const n of starred(other, seen)) if (isPublic(n)) m.names.add(n);
      if (other.open) m.open = true;
    }
    return m.names;
  };
  for (const m of mods.values()) starred(m);

  /** A dotted name as seen from module `m` → [module, class] of the class it names, following imports. */
  const resolveClass = (m, dotted, depth = 0) => {
    if (!m || depth > 8) return undefined;
    const [head, ...rest] = dotted.split('.');
    if (!rest.length) {
      if (m.classes.has(head)) return [m.name, head];
      const imp = m.imports.get(head);
      if (imp?.name) return resolveClass(mods.get(imp.module), imp.name, depth + 1);
      for (const star of m.starFrom) {
        const r = resolveClass(mods.get(star), head, depth + 1);
        if (r) return r;
      }
      if (m.name !== 'builtins' && !m.imports.has(head)) return resolveClass(mods.get('builtins'), head, depth + 1);
      return undefined;
    }
    const imp = m.imports.get(head);
    const target = imp?.name ? `${imp.module}.${imp.name}` : imp?.module ?? head;
    const full = [target, ...rest];
    for (let i = full.length - 1; i > 0; i--) {
      const mm = mods.get(full.slice(0, i).join('.'));
      if (mm) return resolveClass(mm, full.slice(i).join('.'), depth + 1);
    }
    return undefined;
  };
  const memo = new Map();
  const members = (modName, cname, stack = new Set()) => {
    const key = `${modName}.${cname}`;
    if (memo.has(key)) return memo.get(key);
    if (stack.has(key)) return { names: new Set(), open: true };
    stack.add(key);
    const m = mods.get(modName);
    const cls = m.classes.get(cname);
    const res = { names: new Set([...cls.members].filter(isPublic)), open: cls.open, returns: new Map(cls.returns) };
    for (const b of cls.bases) {
      if (SPECIAL_BASES.test(b)) continue;
      const r = resolveClass(m, b);
      if (!r) { res.open = true; unresolved.add(`${key}: ${b}`); continue; }
      if (IGNORED_BASES.has(r.join('.'))) continue;
      const inherited = members(r[0], r[1], stack);
      for (const n of inherited.names) res.names.add(n);
      for (const [k, v] of inherited.returns ?? []) if (!res.returns.has(k)) res.returns.set(k, v);
      if (inherited.open) res.open = true;
    }
    if (key !== 'builtins.object') for (const n of members('builtins', 'object', stack).names) res.names.add(n);
    memo.set(key, res);
    return res;
  };

  const classes = {};
  const openClasses = [];
  const returns = {};
  const canonical = new Map();
  for (const c of CLASSES) {
    const i = c.lastIndexOf('.');
    const r = resolveClass(mods.get(c.slice(0, i)), c.slice(i + 1));
    if (!r) { console.error(`class not found: ${c}`); continue; }
    canonical.set(c, r.join('.'));
  }
  const reverse = new Map([...canonical].map(([k, v]) => [v, k]));
  /** An annotation inside `m` (or a method of class `self`) → the class of interest it names. */
  const named = (m, ann, self) => {
    if (ann === 'Self' || ann === 'typing_extensions.Self' || ann === 'typing.Self') return self;
    const r = resolveClass(m, ann);
    return r ? reverse.get(r.join('.')) : undefined;
  };
  for (const c of CLASSES) {
    const r = canonical.get(c);
    if (!r) continue;
    const i = r.lastIndexOf('.');
    const res = members(r.slice(0, i), r.slice(i + 1));
    classes[c] = [...res.names].sort().join(' ');
    if (res.open) openClasses.push(c);
    for (const [meth, ann] of res.returns) {
      const t = ann && isPublic(meth) && named(mods.get(r.slice(0, i)), ann, c);
      if (t) returns[`${c}.${meth}`] = t;
    }
  }
  const modules = {};
  const open = [];
  for (const [name, m] of [...mods].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!name.split('.').every(isPublic) || name === 'this') continue;
    modules[name] = [...m.names].filter(isPublic).sort().join(' ');
    if (m.open) open.push(name);
    for (const [fn, ann] of [...m.funcs].sort()) {
      const t = ann && isPublic(fn) && named(m, ann);
      if (t) returns[`${name}.${fn}`] = t;
    }
  }
  // Functions a module re-exports (`requests.get` is requests.api.get) return what they return there.
  for (let pass = 0; pass < 2; pass++) {
    for (const [name, m] of mods) {
      if (!modules[name]) continue;
      for (const [alias, imp] of m.imports) {
        const t = imp.name && returns[`${imp.module}.${imp.name}`];
        if (t && isPublic(alias) && !returns[`${name}.${alias}`]) returns[`${name}.${alias}`] = t;
      }
    }
  }
  if (unresolved.size) console.error(`open for an unresolved base: ${[...unresolved].join(', ')}`);
  const commit = existsSync(join(dir, 'commit.txt')) ? readFileSync(join(dir, 'commit.txt'), 'utf8').trim() : 'unknown';
  const sortedReturns = Object.fromEntries(Object.entries(returns).sort(([a], [b]) => (a < b ? -1 : 1)));
  const pack = { typeshed: commit, python: '3.8+', thirdParty, modules, open, classes, openClasses, returns: sortedReturns };
  const gz = gzipSync(Buffer.from(JSON.stringify(pack)), { level: 9 });
  // gzip's header carries no timestamp from Node (mtime 0), so the bytes depend only on the stubs.
  writeFileSync(join(out, 'python-api.json.gz'), gz);
  const manifestPath = join(out, 'manifest.json');
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    manifest.pythonApi = { typeshed: commit, modules: Object.keys(modules).length, classes: Object.keys(classes).length, bytes: gz.length };
    writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  }
  console.log(`python-api.json.gz: ${Object.keys(modules).length} modules (${open.length} open), ${Object.keys(classes).length} classes, ${Object.keys(returns).length} returns, ${gz.length} bytes`);
}

await main();
