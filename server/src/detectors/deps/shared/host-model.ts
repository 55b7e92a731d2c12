// Host frameworks as data (rules/hosts/hosts.json): a plugin, theme or app of a host is compiled or loaded by it, and
// the host resolves some of its imports to its own copy (a Nuxt module's runtime/ imports vue and h3, a Docusaurus
// theme react, a VS Code extension vscode). Whether the plugin should also list them (as peers) its manifest cannot
// tell: such imports are shown, not alarmed about. A host's aliases (`@theme/…`) are no npm packages at all.
import { findNodeAtLocation } from 'jsonc-parser';
import pack from '../../../../../rules/hosts/hosts.json';
import type { Collected, Located } from './collect';
import type { NpmManifest } from './manifest-npm';

interface Supply { modules: readonly string[]; under?: readonly string[] }
export interface Host {
  id: string;
  plugin: { declares?: readonly string[]; names?: readonly string[]; keywords?: readonly string[]; engines?: readonly string[] };
  supplies?: readonly Supply[];
  aliases?: readonly string[];
}
export const HOSTS: readonly Host[] = pack.hosts;

/** `*` stands for any run of characters: the literal pieces in order, the first and last anchored (no regex). */
export function globMatch(glob: string, name: string): boolean {
  const parts = glob.split('*');
  if (parts.length === 1) return glob === name;
  const first = parts[0];
  const last = parts[parts.length - 1];
  if (name.length < first.length + last.length || !name.startsWith(first) || !name.endsWith(last)) return false;
  let at = first.length;
  const end = name.length - last.length;
  for (const p of parts.slice(1, -1)) {
    const i = name.indexOf(p, at);
    if (i < 0 || i + p.length > end) return false;
    at = i + p.length;
  }
  return true;
}

/** Whether the folders (`dirs`, outermost first) lie inside the pattern's folder: `*` one folder, `**` any number. */
export function inFolder(pattern: string, dirs: readonly string[]): boolean {
  const pat = pattern.split('/');
  const go = (i: number, j: number): boolean => {
    if (i === pat.length) return true;
    if (pat[i] === '**') return go(i + 1, j) || (j < dirs.length && go(i, j + 1));
    return j < dirs.length && (pat[i] === '*' || pat[i] === dirs[j]) && go(i + 1, j + 1);
  };
  return go(0, 0);
}

/** The string items of an array field, or the keys of an object field, of the manifest. */
function fieldNames(m: NpmManifest, field: string): string[] {
  const node = m.root && findNodeAtLocation(m.root, [field]);
  if (node?.type === 'array') return (node.children ?? []).map((c) => c.value).filter((v): v is string => typeof v === 'string').map((v) => v.toLowerCase());
  if (node?.type === 'object') return (node.children ?? []).map((p) => p.children?.[0]?.value).filter((v): v is string => typeof v === 'string');
  return [];
}

function builtOn(h: Host, m: NpmManifest): boolean {
  const { declares, names, keywords, engines } = h.plugin;
  if (names && m.name !== undefined && names.some((g) => globMatch(g, m.name as string))) return true;
  if (declares && m.entries.some((e) => declares.some((g) => globMatch(g, e.name)))) return true;
  if (keywords && fieldNames(m, 'keywords').some((k) => keywords.includes(k))) return true;
  return !!engines && fieldNames(m, 'engines').some((k) => engines.includes(k));
}

const MEMO = new WeakMap<NpmManifest, readonly Host[]>();
/** The hosts a manifest's package is a plugin, theme or app of (asked once per manifest). */
export function hostsOf(m: NpmManifest): readonly Host[] {
  let hosts = MEMO.get(m);
  if (!hosts) {
    hosts = HOSTS.filter((h) => builtOn(h, m));
    MEMO.set(m, hosts);
  }
  return hosts;
}

/** Whether one of the hosts supplies the module to a file at `rel` (relative to the package's folder). */
export function suppliedBy(hosts: readonly Host[], name: string, rel: string): boolean {
  const dirs = rel.split('/').slice(0, -1);
  return hosts.some((h) => (h.supplies ?? []).some((s) => s.modules.some((g) => globMatch(g, name)) && (!s.under || s.under.some((u) => inFolder(u, dirs)))));
}

/** Whether a host the package (any manifest up the tree) is built on supplies the import to this file. */
export function hostSupplied(c: Collected, r: Located, path: string): boolean {
  if (r.ecosystem !== 'npm' || !c.npm?.manifests.length) return false;
  const nearest = c.npm.manifests[0].path;
  const root = nearest.slice(0, nearest.lastIndexOf('/') + 1);
  const rel = path.startsWith(root) ? path.slice(root.length) : path;
  return c.npm.manifests.some((m) => suppliedBy(hostsOf(m.manifest), r.name, rel));
}

/** The aliases of every host the manifests' packages are built on (`@theme/*` in a Docusaurus theme). */
export function hostAliases(manifests: readonly { manifest: NpmManifest }[], out: { aliases: string[] }): void {
  const seen = new Set<Host>();
  for (const m of manifests) for (const h of hostsOf(m.manifest)) if (!seen.has(h) && h.aliases) out.aliases.push(...h.aliases), seen.add(h);
}
