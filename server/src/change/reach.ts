// The reach of a breaking change: which workspace files import the changed name (directly, through a
// namespace, `require`, or re-exports in barrel files up to three deep), which of their uses the
// change breaks (calls that no longer bind, reads of removed fields or members, promises no longer
// awaited, literals missing a newly required member) and which tests touch the name. Imports are
// resolved by the workspace index (relative paths, npm workspace packages, Python modules).
import { parseJs, parsePython } from '../core/parsers';
import { languageOf } from '../core/languages';
import { isTestPath } from '../core/paths';
import type { ProjectService, WorkspaceIndex } from '../core/services';
import type { Confidence, Range } from '../core/types';
import { copyTree } from '../analysis/py-tree';
import type { Callable } from './surface';
import { surfaceLanguage, type SurfaceLanguage } from './surface';
import type { Change } from './compare';
import { jsUsages, type Call, type Usages } from './usages';
import { pyUsages } from './usages-python';

export interface Site {
  file: string;
  range: Range;
  message: string;
  effect: 'broken' | 'affected';
}

export interface Reach {
  sites: Site[];
  /** Other files that use the name (broken or not). */
  users: Set<string>;
  /** Test files among them. */
  tests: string[];
  confidence: Confidence;
}

export interface ReachContext {
  path: string;
  lang: SurfaceLanguage;
  /** Usages in the changed file itself, now. */
  current: Usages;
  workspace: WorkspaceIndex;
  project: ProjectService;
  tick: () => void;
}

/** How many levels of re-exports (`export … from`) are followed from the changed file. */
const BARREL_DEPTH = 3;
const KEYS = { js: {}, python: {} };

/** Usages of another workspace file, memoised per path and content by the workspace index. */
function usagesOf(rc: ReachContext, path: string): Usages | undefined {
  return rc.workspace.derived(path, KEYS[rc.lang], (text, p) => {
    if (rc.lang === 'js') return jsUsages(parseJs(text, p, languageOf(p) ?? 'typescript'));
    const tree = parsePython(text);
    if (!tree) return undefined;
    try {
      return pyUsages(copyTree(tree, text).root, text);
    } finally {
      tree.delete();
    }
  });
}

/** Whether a call binds to a signature (an unknown count — a spread — always may). */
function binds(sig: Callable, call: Call, python: boolean): boolean {
  if (call.spread) return true;
  if (!python) {
    const min = sig.params.reduce((n, p, i) => (p.optional ? n : i + 1), 0);
    const max = sig.params.some((p) => p.variadic === 'rest') ? Infinity : sig.params.length;
    return call.args >= min && call.args <= max;
  }
  const positional = sig.params.filter((p) => !p.variadic && p.pass !== 'keyword');
  if (call.args > positional.length && !sig.params.some((p) => p.variadic === 'rest')) return false;
  const filled = new Set(positional.slice(0, call.args).map((p) => p.name));
  for (const k of call.keywords) {
    const p = sig.params.find((x) => x.name === k && !x.variadic && x.pass !== 'positional');
    if (!p) {
      if (!sig.params.some((x) => x.variadic === 'keywords')) return false;
    } else if (filled.has(k)) return false;
    else filled.add(k);
  }
  return sig.params.every((p) => p.optional || filled.has(p.name));
}

/** The word an import of this file contains: its name, or its folder's for an index or `__init__` file. */
function moduleWord(path: string): string {
  const parts = path.split('/');
  const base = parts[parts.length - 1].replace(/\.[^.]+$/, '');
  return (base === 'index' || base === '__init__') && parts.length > 1 ? parts[parts.length - 2] : base;
}

const plural = (n: number, one: string, many = one + 's') => `${n} ${n === 1 ? one : many}`;

/** Whether a call is hit by the change, and how to say so. */
function judgeCall(change: Change, call: Call, python: boolean, fieldReads: (result: string) => string[]): Omit<Site, 'file' | 'range'> | undefined {
  const c = change.check;
  switch (c.type) {
    case 'call':
      return binds(c.was, call, python) && !binds(c.now, call, python) ? { effect: 'broken', message: `passes ${plural(call.args, 'argument')}${call.keywords.length ? ` and ${call.keywords.map((k) => k + '=').join(', ')}` : ''}` } : undefined;
    case 'omits':
      return !call.spread && (c.index < 0 || call.args <= c.index) && !call.keywords.includes(c.name) ? { effect: 'affected', message: `relies on the default of \`${c.name}\`` } : undefined;
    case 'reorder':
      return call.spread || call.args > c.from ? { effect: 'broken', message: `passes ${plural(call.args, 'argument')} by position` } : undefined;
    case 'keyword': {
      const k = call.keywords.filter((x) => c.names.includes(x));
      return k.length ? { effect: 'broken', message: `passes ${k.map((x) => `\`${x}=\``).join(', ')}` } : undefined;
    }
    case 'unawaited':
      if (call.awaited) return undefined;
      return call.used ? { effect: 'broken', message: 'uses the result without awaiting it' } : { effect: 'affected', message: 'calls it without awaiting it' };
    case 'fields': {
      const read = [...call.fields, ...(call.result ? fieldReads(call.result) : [])].filter((f) => c.fields.includes(f));
      return read.length ? { effect: 'broken', message: `reads \`${[...new Set(read)].join('`, `')}\` of the result` } : undefined;
    }
    default:
      return undefined;
  }
}

/** Every workspace file that exports the changed file's names (itself, and barrels re-exporting them): file → exported name → original name. */
function exporters(rc: ReachContext, files: readonly string[]): Map<string, (name: string) => string | undefined> {
  const out = new Map<string, (name: string) => string | undefined>([[rc.path, (n) => n]]);
  const resolve = (from: string, spec: string) => rc.workspace.resolve(from, spec, rc.lang === 'js' ? 'js' : 'python');
  for (let depth = 0; depth < BARREL_DEPTH; depth++) {
    let grew = false;
    for (const file of files) {
      if (out.has(file)) continue;
      const reexports = usagesOf(rc, file)?.imports.filter((i) => i.reexport) ?? [];
      const via = reexports.map((i) => ({ i, from: out.get(resolve(file, i.specifier) ?? '') })).filter((x) => x.from);
      if (!via.length) continue;
      out.set(file, (n) => {
        for (const { i, from } of via) {
          if (i.reexport === '*') {
            const o = from!(n);
            if (o) return o;
          } else if (i.reexport === n) return from!(i.imported);
        }
        return undefined;
      });
      grew = true;
    }
    if (!grew) break;
  }
  return out;
}

export function reachOf(changes: readonly Change[], rc: ReachContext): Reach[] {
  const python = rc.lang === 'python';
  const names = new Set(changes.flatMap((c) => [c.name, ...(typeof c.target === 'object' ? [c.target.method] : [])]));
  // Files that name a changed name or the module (a barrel's `export * from './date'`, a default import) are read.
  const words = [...[...names].filter((n) => n !== 'default'), moduleWord(rc.path)];
  const files = (rc.workspace.files?.() ?? []).filter((f) => {
    if (f === rc.path || surfaceLanguage(languageOf(f) ?? 'plaintext') !== rc.lang) return false;
    const text = rc.project.readFile(f);
    return !!text && words.some((w) => text.includes(w));
  });
  const ex = exporters(rc, files);
  const reaches = changes.map((): Reach => ({ sites: [], users: new Set(), tests: [], confidence: 'high' }));
  const visit = (file: string, u: Usages, own: boolean) => {
    rc.tick();
    // Local names bound to each changed name, and namespaces (`import * as ns`, `require`, `import mod`).
    const local = new Map<string, string>();
    const spaces: string[] = [];
    const imports = new Map<string, Range>();
    // The file's own uses: by the declared name, and CommonJS's `exports.x(…)` / `module.exports.x(…)`.
    if (own) {
      for (const n of names) local.set(n, n);
      if (!python) spaces.push('exports', 'module.exports');
    }
    for (const i of u.imports) {
      if (i.reexport) continue;
      const from = ex.get(rc.workspace.resolve(file, i.specifier, python ? 'python' : 'js') ?? '');
      if (!from) continue;
      if (i.imported === '*') spaces.push(i.local);
      else {
        const original = from(i.imported);
        if (original) (local.set(i.local, original), imports.set(original, i.range));
        if (i.imported === 'default') spaces.push(i.local);
      }
    }
    const reads = (result: string) => u.members.filter((m) => m.object === result).map((m) => m.member);
    changes.forEach((change, k) => {
      const r = reaches[k];
      const push = (range: Range, s: Omit<Site, 'file' | 'range'>) => r.sites.push({ file, range, ...s });
      const locals = [...local].filter(([, o]) => o === change.name).map(([l]) => l);
      const refs = new Set([...locals, ...spaces.map((s) => `${s}.${change.name}`), ...(change.name === 'default' ? spaces : [])]);
      let used = imports.has(change.name) || u.members.some((m) => spaces.includes(m.object) && m.member === change.name);
      if (change.check.type === 'import' && !own) {
        const at = imports.get(change.name);
        if (at) push(at, { effect: 'broken', message: `imports \`${change.name}\`` });
        for (const m of u.members) if (spaces.includes(m.object) && m.member === change.name) push(m.range, { effect: 'broken', message: `reads \`${m.object}.${m.member}\`` });
      }
      if (change.check.type === 'value' && !own) {
        // A changed limit breaks nothing by itself: whoever imports it gets the new value.
        const at = imports.get(change.name);
        if (at) push(at, { effect: 'affected', message: `imports \`${change.name}\`` });
        for (const m of u.members) if (spaces.includes(m.object) && m.member === change.name) push(m.range, { effect: 'affected', message: `reads \`${m.object}.${m.member}\`` });
      }
      const target = change.target;
      for (const call of u.calls) {
        const hit = typeof target === 'object'
          ? (locals.length || spaces.length || own) && call.callee.endsWith(`.${target.method}`)
          // A JavaScript function may be called with `new` (constructors before classes); a class only is.
          : refs.has(call.callee) && (target === 'new' ? call.isNew : target === 'call' ? python ? !call.isNew : true : !call.isNew);
        if (!hit) continue;
        used = true;
        if (typeof target === 'object') r.confidence = 'medium';
        const verdict = judgeCall(change, call, python, reads);
        if (verdict) push(call.range, verdict);
      }
      if (change.check.type === 'member') {
        const members = change.check.members;
        for (const m of u.members) {
          const onName = locals.includes(m.object) || (own && m.object === change.name);
          // A removed interface member: any `.member` read in a file that imports the type (no types here).
          if (onName || (locals.length && change.kind === 'member-removed' && !own && members.includes(m.member))) {
            if (!members.includes(m.member)) continue;
            used = true;
            if (!onName) r.confidence = 'medium';
            push(m.range, { effect: 'broken', message: `reads \`${m.object}.${m.member}\`` });
          }
        }
      }
      for (const lit of u.literals) {
        if (!locals.includes(lit.type)) continue;
        used = true;
        const c = change.check;
        const missing = c.type === 'literal' ? c.required.filter((x) => !lit.keys.includes(x)) : [];
        const stale = c.type === 'member' ? c.members.filter((x) => lit.keys.includes(x)) : [];
        if (missing.length) push(lit.range, { effect: 'broken', message: `builds a \`${lit.type}\` without \`${missing.join('`, `')}\`` });
        if (stale.length) push(lit.range, { effect: 'broken', message: `builds a \`${lit.type}\` with \`${stale.join('`, `')}\`` });
      }
      if (!own && (used || locals.length)) {
        r.users.add(file);
        if (isTestPath(file)) r.tests.push(file);
      }
    });
  };
  visit(rc.path, rc.current, true);
  for (const file of files) {
    if (ex.has(file) && file !== rc.path && !usagesOf(rc, file)?.imports.some((i) => !i.reexport)) continue;
    const u = usagesOf(rc, file);
    if (u) visit(file, u, false);
  }
  return reaches;
}
