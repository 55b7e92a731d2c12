// package.json dependency entries with the offsets of their names, for references, the "declared"
// set and quick fixes that add or rename an entry.
import { parseTree, findNodeAtLocation, type Node as JsonNode } from 'jsonc-parser';

export const NPM_SECTIONS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;
export type NpmSection = (typeof NPM_SECTIONS)[number];

export interface ManifestEntry {
  name: string;
  /** Offsets of the name inside the manifest text. */
  start: number;
  end: number;
  spec: string;
  section: string;
  /** Not from the registry (workspace:, file:, git, URL, alias): never looked up. */
  local: boolean;
}

export interface NpmManifest {
  name?: string;
  entries: ManifestEntry[];
  /** `workspaces` globs (array or `{ packages }`). */
  workspaces: string[];
  /** Module names the bundler supplies: keys of `browserify-shim` (globals) and of an object `browser` field. */
  bundled: string[];
  /**
   * No name, no workspaces and no dependency section: a marker for Node's module loader (a build's
   * `dist/esm/package.json` holding `{"type": "module"}`), not the project's manifest.
   */
  marker: boolean;
  root?: JsonNode;
}

// Specs that do not name a registry version: protocols, paths, URLs, GitHub shorthands.
const NON_REGISTRY = /^(?:workspace:|file:|link:|portal:|patch:|npm:|git|github:|gitlab:|bitbucket:|https?:|\.{0,2}\/|~\/)|^[^@\s]+\/[^\s]+$/;

export function parseNpmManifest(text: string): NpmManifest | undefined {
  const root = parseTree(text, [], { allowTrailingComma: true });
  if (!root || root.type !== 'object') return undefined;
  const entries: ManifestEntry[] = [];
  for (const section of NPM_SECTIONS) {
    const obj = findNodeAtLocation(root, [section]);
    if (obj?.type !== 'object') continue;
    for (const prop of obj.children ?? []) {
      const [key, value] = prop.children ?? [];
      if (!key || typeof key.value !== 'string') continue;
      const spec = typeof value?.value === 'string' ? value.value : '';
      entries.push({ name: key.value, start: key.offset + 1, end: key.offset + key.length - 1, spec, section, local: NON_REGISTRY.test(spec.trim()) });
    }
  }
  // A peer named only in peerDependenciesMeta declares an optional peer of any version (pnpm reads it so; before
  // npm 7 it was the way to say so; uploadthing lists `next` and `fastify` there alone): declared, never looked up.
  const meta = findNodeAtLocation(root, ['peerDependenciesMeta']);
  for (const prop of meta?.type === 'object' ? meta.children ?? [] : []) {
    const key = prop.children?.[0];
    if (key && typeof key.value === 'string' && !entries.some((e) => e.name === key.value)) entries.push({ name: key.value, start: key.offset + 1, end: key.offset + key.length - 1, spec: '*', section: 'peerDependenciesMeta', local: true });
  }
  const name = findNodeAtLocation(root, ['name'])?.value;
  const ws = findNodeAtLocation(root, ['workspaces']);
  const wsList = ws?.type === 'array' ? ws : findNodeAtLocation(root, ['workspaces', 'packages']);
  const workspaces = wsList?.type === 'array' ? (wsList.children ?? []).map((c) => c.value).filter((v): v is string => typeof v === 'string') : [];
  const keysOf = (key: string) => {
    const obj = findNodeAtLocation(root, [key]);
    return obj?.type === 'object' ? (obj.children ?? []).map((p) => p.children?.[0]?.value).filter((k): k is string => typeof k === 'string' && !/^[./]/.test(k)) : [];
  };
  const marker = typeof name !== 'string' && !ws && !NPM_SECTIONS.some((section) => findNodeAtLocation(root, [section]));
  return { name: typeof name === 'string' ? name : undefined, entries, workspaces, bundled: [...keysOf('browserify-shim'), ...keysOf('browser')], marker, root };
}

/** Offset edit adding `"name": "^version"` to a section of package.json (creating the section if needed). */
export function addNpmDependency(text: string, manifest: NpmManifest, section: NpmSection, name: string, version: string): { start: number; end: number; newText: string } | undefined {
  const root = manifest.root;
  if (!root) return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  // Walked back by hand: /[ \t]*$/ over a line prefix is quadratic in a long run of blanks.
  const indentOf = (offset: number) => {
    let i = offset;
    while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--;
    return text.slice(i, offset);
  };
  const entry = `"${name}": "^${version}"`;
  const obj = findNodeAtLocation(root, [section]);
  if (obj?.type === 'object') {
    const props = obj.children ?? [];
    if (!props.length) {
      const outer = indentOf(obj.parent?.offset ?? obj.offset);
      return { start: obj.offset + 1, end: obj.offset + obj.length - 1, newText: `${eol}${outer}  ${entry}${eol}${outer}` };
    }
    // Keep the section sorted when it already is, as npm writes it.
    const sorted = props.every((p, i) => i === 0 || String(props[i - 1].children?.[0]?.value) <= String(p.children?.[0]?.value));
    const after = sorted ? [...props].reverse().find((p) => String(p.children?.[0]?.value) < name) : props[props.length - 1];
    if (!after) {
      const first = props[0];
      return { start: first.offset, end: first.offset, newText: `${entry},${eol}${indentOf(first.offset)}` };
    }
    const end = after.offset + after.length;
    return { start: end, end, newText: `,${eol}${indentOf(after.offset)}${entry}` };
  }
  const props = root.children ?? [];
  const last = props[props.length - 1];
  if (!last) return { start: root.offset + 1, end: root.offset + 1, newText: `${eol}  "${section}": {${eol}    ${entry}${eol}  }${eol}` };
  const indent = indentOf(last.offset);
  const end = last.offset + last.length;
  return { start: end, end, newText: `,${eol}${indent}"${section}": {${eol}${indent}${indent}${entry}${eol}${indent}}` };
}
