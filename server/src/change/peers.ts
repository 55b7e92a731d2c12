// Peer dependencies as part of a package's surface: a peer range narrowed (versions it accepted at the
// baseline it no longer does) or a new required peer. Their reach is the workspace packages that depend
// on the package: one whose own range of the peer reaches outside the new range is broken, one that
// does not declare the peer is affected. Ranges are compared with semver (`subset`); a range semver
// cannot read (`workspace:`, a URL, a tag) is never called narrowed.
import { findNodeAtLocation, type Node as JsonNode } from 'jsonc-parser';
import semver from 'semver';
import type { ProjectService } from '../core/services';
import type { Change, Check } from './compare';
import type { Reach, Site } from './reach';

export type Peers = Record<string, { range: string; optional: boolean }>;

const DEP_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;
const code = (s: string) => '`' + s + '`';
const valid = (range: string): boolean => semver.validRange(range) !== null;

export function peersOf(m: Record<string, unknown>): Peers {
  const out: Peers = {};
  const peers = m.peerDependencies;
  const meta = (m.peerDependenciesMeta ?? {}) as Record<string, { optional?: boolean } | undefined>;
  if (!peers || typeof peers !== 'object') return out;
  for (const [name, range] of Object.entries(peers)) if (typeof range === 'string') out[name] = { range, optional: !!meta?.[name]?.optional };
  return out;
}

/** A range as semver reads it, with the `-0` bounds of `^`/`~` dropped: releases are what people install. */
const releases = (range: string): string => (semver.validRange(range) ?? range).replace(/-0\b/g, '');
/** Whether every release `inner` accepts is accepted by `outer`. */
const within = (inner: string, outer: string): boolean => semver.subset(releases(inner), releases(outer));
/** Whether every version `was` accepted is still accepted by `now`; unreadable ranges count as kept. */
const keeps = (was: string, now: string): boolean => !valid(was) || !valid(now) || within(was, now);

export function peerChanges(pkg: string, was: Peers, now: Peers, tree: JsonNode | undefined, text: string): Change[] {
  const at = (peer: string) => {
    const n = tree && findNodeAtLocation(tree, ['peerDependencies', peer]);
    const prop = n?.parent;
    return prop ? { start: prop.offset, end: prop.offset + prop.length } : { start: 0, end: Math.min(1, text.length) };
  };
  const out: Change[] = [];
  for (const [peer, p] of Object.entries(now)) {
    const before = was[peer];
    const check = { type: 'peer' as const, peer, range: p.range };
    if (before && !keeps(before.range, p.range)) {
      out.push({ kind: 'peer-narrowed', name: pkg, target: 'name', at: at(peer), what: `${code(pkg)} now needs ${code(`${peer}@${p.range}`)} (was ${code(before.range)})`, check });
    } else if (!before && !p.optional) {
      out.push({ kind: 'peer-added', name: pkg, target: 'name', at: at(peer), what: `${code(pkg)} now needs the peer dependency ${code(`${peer}@${p.range}`)}`, check });
    }
  }
  return out;
}

/** Workspace packages depending on `pkg`, judged by their own declaration of the peer. */
export function peerReach(pkg: string, c: Extract<Check, { type: 'peer' }>, manifests: readonly string[], project: ProjectService): Reach {
  const sites: Site[] = [];
  const users = new Set<string>();
  for (const file of manifests) {
    const text = project.readFile(file);
    if (!text || !text.includes(JSON.stringify(pkg))) continue;
    let m: Record<string, Record<string, string> | undefined>;
    try {
      m = JSON.parse(text);
    } catch {
      continue;
    }
    if (!DEP_FIELDS.some((f) => typeof m?.[f]?.[pkg] === 'string')) continue;
    users.add(file);
    const own = DEP_FIELDS.map((f) => m[f]?.[c.peer]).find((r): r is string => typeof r === 'string');
    const line = (needle: string) => {
      const before = text.slice(0, Math.max(0, text.indexOf(needle))).split('\n');
      const character = before[before.length - 1].length;
      return { start: { line: before.length - 1, character }, end: { line: before.length - 1, character } };
    };
    if (own === undefined) sites.push({ file, range: line(JSON.stringify(pkg)), message: `depends on ${code(pkg)} without declaring ${code(c.peer)}`, effect: 'affected' });
    else if (valid(own) && valid(c.range) && !within(own, c.range)) sites.push({ file, range: line(JSON.stringify(c.peer)), message: `depends on ${code(`${c.peer}@${own}`)}`, effect: 'broken' });
  }
  return { sites, users, tests: [], confidence: 'high' };
}
