// What Python's standard library (and a few common packages) really has, from typeshed's stubs:
// rules/data/python-api.json.gz, built by scripts/python-api-facts.mjs. Read once per process, like
// the registry snapshots (an 80 KB gzip, a few milliseconds); a missing or damaged file leaves the
// pack empty, so the rule stays silent instead of guessing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { defaultDataDir } from '../../registry/snapshot';
import { editDistance } from '../deps/shared/typosquat';
import pythonRemovedApis from '../../../../rules/python-removed-apis.json';

interface RawPack {
  modules: Record<string, string>;
  open: string[];
  classes: Record<string, string>;
  openClasses: string[];
  returns: Record<string, string>;
}

export interface PythonApi {
  /** Public names of a module (submodules included); undefined when unknown or open (`__getattr__`). */
  names(module: string): ReadonlySet<string> | undefined;
  isModule(name: string): boolean;
  /** Public members of a class (`builtins.list`, `pathlib.Path`), inherited ones included; undefined when open. */
  members(cls: string): ReadonlySet<string> | undefined;
  isClass(name: string): boolean;
  /** The class `module.func` or `module.Class.method` certainly returns. */
  returns(key: string): string | undefined;
}

let loaded: PythonApi | undefined;

function load(): PythonApi {
  let raw: RawPack = { modules: {}, open: [], classes: {}, openClasses: [], returns: {} };
  try {
    raw = JSON.parse(gunzipSync(readFileSync(join(defaultDataDir(), 'python-api.json.gz'))).toString('utf8')) as RawPack;
  } catch {
    // No pack: nothing is known, nothing is reported.
  }
  const open = new Set([...raw.open, ...raw.openClasses]);
  const cache = new Map<string, ReadonlySet<string>>();
  const split = (key: string, table: Record<string, string>) => {
    let set = cache.get(key);
    if (!set) cache.set(key, (set = new Set(table[key].split(' '))));
    return set;
  };
  return {
    names: (m) => (Object.hasOwn(raw.modules, m) && !open.has(m) ? split(m, raw.modules) : undefined),
    isModule: (m) => Object.hasOwn(raw.modules, m),
    members: (c) => (Object.hasOwn(raw.classes, c) && !open.has(c) ? split(c, raw.classes) : undefined),
    isClass: (c) => Object.hasOwn(raw.classes, c),
    returns: (k) => (Object.hasOwn(raw.returns, k) ? raw.returns[k] : undefined),
  };
}

export function pythonApi(): PythonApi {
  return (loaded ??= load());
}

/** Python 2 names an assistant still writes, with what Python 3 has instead. */
const PYTHON2: Record<string, string> = {
  'dict.iteritems': '`items()`', 'dict.iterkeys': '`keys()`', 'dict.itervalues': '`values()`',
  'dict.viewitems': '`items()`', 'dict.viewkeys': '`keys()`', 'dict.viewvalues': '`values()`',
  'dict.has_key': 'the `in` operator', 'str.decode': '`bytes.decode` (a `str` is already text)',
  'os.getcwdu': '`os.getcwd()`', 'sys.maxint': '`sys.maxsize`', 'string.letters': '`string.ascii_letters`',
  'string.lowercase': '`string.ascii_lowercase`', 'string.uppercase': '`string.ascii_uppercase`',
  'string.maketrans': '`str.maketrans`', 'itertools.izip': 'the built-in `zip()`',
  'itertools.imap': 'the built-in `map()`', 'itertools.ifilter': 'the built-in `filter()`',
  'itertools.izip_longest': '`itertools.zip_longest`', 'urllib.urlencode': '`urllib.parse.urlencode`',
  'urllib.quote': '`urllib.parse.quote`', 'urllib.unquote': '`urllib.parse.unquote`', 'urllib.quote_plus': '`urllib.parse.quote_plus`',
  'urllib.urlopen': '`urllib.request.urlopen`', 'os.errno': 'the `errno` module', 'types.StringType': '`str`',
  'types.UnicodeType': '`str`', 'types.IntType': '`int`', 'types.ListType': '`list`', 'types.DictType': '`dict`',
  'os.path.walk': '`os.walk` (a generator, not a callback)', 'operator.div': '`operator.truediv` or `operator.floordiv`',
  // The string module's functions became str methods.
  ...Object.fromEntries(['atoi', 'atof', 'capitalize', 'center', 'count', 'expandtabs', 'find', 'index', 'join', 'joinfields', 'ljust', 'lower',
    'lstrip', 'replace', 'rfind', 'rindex', 'rjust', 'rstrip', 'split', 'splitfields', 'strip', 'swapcase', 'translate', 'upper', 'zfill']
    .map((f) => [`string.${f}`, /^ato/.test(f) ? `\`${f === 'atoi' ? 'int' : 'float'}()\`` : `the \`str.${f.replace('fields', '')}\` method`])),
};

/** APIs Python 3 removed before 3.8 (so no stub has them), with what replaced them. */
const REMOVED: Record<string, string> = {
  'platform.linux_distribution': 'the `distro` package or `platform.freedesktop_os_release()`',
  'platform.dist': 'the `distro` package or `platform.freedesktop_os_release()`',
};

/** Names from other languages (mostly JavaScript) an assistant carries over, per receiver class. */
const CARRIED: Record<string, Record<string, string>> = {
  list: { push: 'append', add: 'append', contains: 'the `in` operator', includes: 'the `in` operator', indexOf: 'index', forEach: 'a `for` loop', length: '`len()`', size: '`len()`', removeAt: 'pop', unshift: 'insert(0, …)', concat: 'extend', filter: 'a comprehension', map: 'a comprehension' },
  str: { trim: 'strip', trimStart: 'lstrip', trimEnd: 'rstrip', toLowerCase: 'lower', toUpperCase: 'upper', lowercase: 'lower', uppercase: 'upper', includes: 'the `in` operator', contains: 'the `in` operator', indexOf: 'find', length: '`len()`', substring: 'slicing', charAt: 'indexing', replaceAll: 'replace', startsWith: 'startswith', endsWith: 'endswith', toString: '`str()`' },
  dict: { has: 'the `in` operator', contains: 'the `in` operator', put: '`d[key] = value`', set: '`d[key] = value`', remove: 'pop', delete: 'pop', length: '`len()`', size: '`len()`', forEach: 'a `for` loop over `items()`', entries: 'items', add: '`d[key] = value`' },
  set: { push: 'add', append: 'add', has: 'the `in` operator', contains: 'the `in` operator', delete: 'discard', length: '`len()`', size: '`len()`' },
};

/** The one near name in `candidates` (case, a typo or two), if exactly one is nearest. */
export function nearest(name: string, candidates: Iterable<string>): string | undefined {
  const lower = name.toLowerCase().replace(/_/g, '');
  const max = name.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestD = max + 1;
  let tie = false;
  for (const c of candidates) {
    const d = c.toLowerCase().replace(/_/g, '') === lower ? 0 : editDistance(name, c, max);
    if (d < bestD) [best, bestD, tie] = [c, d, false];
    else if (d === bestD) tie = true;
  }
  return best && !tie ? best : undefined;
}

/**
 * What to write instead of `owner.name` (`owner` a module or a class's short name): the Python 3
 * name of a Python 2 API (kind `python2`), a carried-over name's Python spelling, or a near name.
 */
export function suggestion(owner: string, name: string, candidates: Iterable<string>): { text: string; python2?: 'Python 2' | 'Python 3.8' } | undefined {
  if (/^collections\.(OrderedDict|defaultdict|Counter)$/.test(owner)) owner = 'dict';
  const py2 = PYTHON2[`${owner}.${name}`];
  if (py2) return { text: py2, python2: 'Python 2' };
  const removed = REMOVED[`${owner}.${name}`];
  if (removed) return { text: removed, python2: 'Python 3.8' };
  const carried = CARRIED[owner]?.[name];
  if (carried) return { text: /[`\s]/.test(carried) ? carried : `\`${carried}\`` };
  const near = nearest(name, candidates);
  return near ? { text: `\`${near}\`` } : undefined;
}

/** The removed/deprecated-API data rules (rules/python-removed-apis.json): where they match, they report. */
const REMOVED_RULES = (pythonRemovedApis as { rules: Array<{ pattern: string; flags?: string }> }).rules.map(
  (r) => new RegExp(r.pattern, (r.flags ?? '').replace(/[gy]/g, '') + 'g'),
);

/** Whether a removed-API rule matches the line around [start, end) over that span (that rule wins). */
export function removedRuleCovers(text: string, start: number, end: number): boolean {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = text.indexOf('\n', end) < 0 ? text.length : text.indexOf('\n', end);
  const line = text.slice(lineStart, lineEnd);
  for (const re of REMOVED_RULES) {
    re.lastIndex = 0;
    for (let m = re.exec(line); m; m = re.exec(line)) {
      if (lineStart + m.index < end && lineStart + m.index + m[0].length > start) return true;
      if (m[0] === '') re.lastIndex++;
    }
  }
  return false;
}
