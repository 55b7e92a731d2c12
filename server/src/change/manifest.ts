// A package's public surface in its package.json — its name, the subpaths its `exports` map opens, the
// commands its `bin` installs and the ranges of its peer dependencies — compared with the baseline, and
// the reach of what was taken away: workspace files importing the old name or a closed subpath,
// workspace package.json scripts running a removed command, and workspace packages depending on it
// whose own version of a peer is outside the narrowed range (or who do not declare a new required peer).
import { findNodeAtLocation, parseTree, type Node as JsonNode } from 'jsonc-parser';
import type { ProjectService, WorkspaceIndex } from '../core/services';
import { isTestPath } from '../core/paths';
import { languageOf } from '../core/languages';
import { parseJs } from '../core/parsers';
import type { Range } from '../core/types';
import type { Change } from './compare';
import type { Reach, Site } from './reach';
import { jsUsages, type Usages } from './usages';
import { peerChanges, peerReach, peersOf, type Peers } from './peers';

interface Manifest {
  name?: string;
  /** Subpaths (`.`, `./utils`, `./*`) the exports map opens; undefined when there is none (every file is open). */
  subpaths?: string[];
  bins: string[];
  peers: Peers;
}

function manifestOf(text: string): Manifest | undefined {
  let m: Record<string, unknown>;
  try {
    m = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!m || typeof m !== 'object') return undefined;
  const name = typeof m.name === 'string' ? m.name : undefined;
  const exp = m.exports;
  let subpaths: string[] | undefined;
  if (typeof exp === 'string' || Array.isArray(exp)) subpaths = ['.'];
  else if (exp && typeof exp === 'object') {
    const keys = Object.keys(exp);
    subpaths = keys.some((k) => k.startsWith('.')) ? keys.filter((k) => (exp as Record<string, unknown>)[k] !== null) : ['.'];
  }
  const bin = m.bin;
  const bins = typeof bin === 'string' && name ? [name.replace(/^@[^/]+\//, '')] : bin && typeof bin === 'object' ? Object.keys(bin) : [];
  return { name, subpaths, bins, peers: peersOf(m) };
}

/** Whether `subpath` (`.` or `./x/y`) is opened by one of `open` (exact keys, or `*` patterns). */
function opens(open: string[] | undefined, subpath: string): boolean {
  if (!open) return true;
  return open.some((k) => {
    if (!k.includes('*')) return k === subpath || (k.endsWith('/') && subpath.startsWith(k));
    const [pre, post] = k.split('*');
    return subpath.startsWith(pre) && subpath.endsWith(post) && subpath.length >= pre.length + post.length;
  });
}

const KEY = {};

/** The breaking changes between two package.json texts, with where each is now. */
export function manifestChanges(before: string, after: string): Change[] {
  const was = manifestOf(before);
  const now = manifestOf(after);
  if (!was?.name || !now) return [];
  const tree = parseTree(after);
  const at = (key: string) => {
    const n: JsonNode | undefined = tree && findNodeAtLocation(tree, [key]);
    const prop = n?.parent;
    return prop ? { start: prop.offset, end: prop.offset + prop.length } : { start: 0, end: Math.min(1, after.length) };
  };
  const out: Change[] = [];
  const code = (s: string) => '`' + s + '`';
  if (now.name !== was.name) {
    out.push({ kind: 'package-renamed', name: was.name, target: 'name', at: at('name'), what: `the package ${code(was.name)} was renamed to ${code(now.name ?? '(none)')}`, check: { type: 'import' } });
  } else if (now.subpaths) {
    const closed = was.subpaths ? was.subpaths.filter((k) => !opens(now.subpaths, k.replace(/\*.*$/, 'x'))) : undefined;
    const what = closed ? `${closed.map(code).join(', ')} ${closed.length > 1 ? 'are' : 'is'} no longer exported by ${code(was.name)}` : `${code(was.name)} now has an ${code('exports')} map: subpaths it does not list can no longer be imported`;
    if (!closed || closed.length) out.push({ kind: 'subpath-removed', name: was.name, target: 'name', at: at('exports'), what, check: { type: 'subpaths', open: now.subpaths, was: was.subpaths } });
  }
  const gone = was.bins.filter((b) => !now.bins.includes(b));
  out.push(...peerChanges(was.name, was.peers, now.peers, tree, after));
  if (gone.length) out.push({ kind: 'bin-removed', name: gone[0], target: 'name', at: at('bin'), what: `${gone.map(code).join(', ')} ${gone.length > 1 ? 'are' : 'is'} no longer installed by ${code('bin')}`, check: { type: 'command', names: gone } });
  return out;
}

const subpathOf = (spec: string, name: string): string | undefined =>
  spec === name ? '.' : spec.startsWith(name + '/') ? `./${spec.slice(name.length + 1)}` : undefined;

/** Uses in the workspace that each change breaks. */
export function manifestReach(changes: Change[], path: string, workspace: WorkspaceIndex, project: ProjectService, tick: () => void): Reach[] {
  const files = workspace.files?.() ?? [];
  return changes.map((change): Reach => {
    const sites: Site[] = [];
    const users = new Set<string>();
    const c = change.check;
    if (c.type === 'peer') return peerReach(change.name, c, manifestsOf(files).filter((f) => f !== path), project);
    if (c.type === 'command') {
      // Other packages' scripts that run the command (a word of the script, between shell separators).
      for (const file of manifestsOf(files)) {
        const text = file !== path ? project.readFile(file) : undefined;
        let scripts: Record<string, unknown> = {};
        try {
          scripts = (text && JSON.parse(text).scripts) || {};
        } catch {
          scripts = {};
        }
        for (const [key, value] of Object.entries(scripts)) {
          const words = typeof value === 'string' ? value.split(/[\s;&|()]+/) : [];
          const name = c.names.find((n) => words.includes(n));
          if (!name) continue;
          const before = text!.slice(0, Math.max(0, text!.indexOf(JSON.stringify(key)))).split('\n');
          sites.push({ file, range: point(before.length - 1, before[before.length - 1].length), message: `script \`${key}\` runs \`${name}\``, effect: 'broken' });
          users.add(file);
        }
      }
      return { sites, users, tests: [], confidence: 'medium' };
    }
    for (const file of files) {
      tick();
      const lang = languageOf(file);
      if (!lang || !(lang.startsWith('javascript') || lang.startsWith('typescript')) || !project.readFile(file)?.includes(change.name)) continue;
      const u = workspace.derived(file, KEY, (text, p): Usages => jsUsages(parseJs(text, p, lang)));
      for (const i of u?.imports ?? []) {
        const sub = subpathOf(i.specifier, change.name);
        if (sub === undefined) continue;
        users.add(file);
        const broken = c.type === 'import' || (c.type === 'subpaths' && opens(c.was, sub) && !opens(c.open, sub));
        if (broken) sites.push({ file, range: i.range, message: `imports \`${i.specifier}\``, effect: 'broken' });
      }
    }
    return { sites, users, tests: [...users].filter(isTestPath), confidence: 'high' };
  });
}

/** The package.json of every folder holding workspace source files (and the root's). */
function manifestsOf(files: readonly string[]): string[] {
  const dirs = new Set(['']);
  for (const f of files) for (let d = f.replace(/\/?[^/]*$/, ''); d && !dirs.has(d); d = d.replace(/\/?[^/]*$/, '')) dirs.add(d);
  return [...dirs].map((d) => (d ? `${d}/package.json` : 'package.json'));
}

const point = (line: number, character: number): Range => ({ start: { line, character }, end: { line, character } });
