// Per-file results kept between report runs in the editor, keyed by the file's content hash. A result
// also depends on what its slow tier read besides the file: manifests (imports missing from
// package.json), imported workspace files (cross-file flows), folder listings. Those reads are
// recorded through wrapped services while the file is analysed and replayed before a reuse: any
// different answer means the file is analysed again. What cannot be replayed cheaply (installed
// typings, registry answers) is covered by the owner clearing the cache (`clear`) when dependencies
// change, and by the registry's own cache lifetime. Bounded: least recently used entries go first.
import { createHash } from 'node:crypto';
import type { AnalyzeResult } from '../core/session';
import type { ProjectService, WorkspaceIndex } from '../core/services';
import type { Services } from '../core/types';
import type { FileResultReuse } from './scan';

/**
 * A read the result depends on, and the answer it got: `read` path → hash, `version` (the project's stat of a file
 * something was derived from), `exists`, `list`, `resolve`, `files` (the source listing).
 */
type Dep = readonly ['read' | 'version' | 'exists' | 'list' | 'resolve' | 'files', string, string];
/** One recorded read (plain data: a scan worker posts them to the thread that keeps the cache). */
export type Read = Dep;

interface Entry {
  hash: string;
  config: string;
  deps: readonly Dep[];
  result: AnalyzeResult;
}

export const MAX_REUSED_FILES = 10_000;

const digest = (s: string): string => createHash('sha256').update(s, 'utf8').digest('base64');
const answerOf = (text: string | undefined): string => (text === undefined ? '-' : digest(text));
/** What a derived value depends on: the file's version where the project has one (a stat, not a read), else its text. */
function sourceOf(project: ProjectService, rel: string): Dep {
  if (!project.version) return ['read', rel, answerOf(project.readFile(rel))];
  const v = project.version(rel);
  return ['version', rel, v ? digest(v.key) : '-'];
}

/** Services whose project and workspace reads are appended to `deps`. */
export function recordReads(base: Services, deps: Dep[]): Services {
  const project = base.project;
  const workspace = base.workspace;
  const out: Services = { ...base };
  if (project) {
    const p: ProjectService = {
      readFile: (rel) => {
        const text = project.readFile(rel);
        deps.push(['read', rel, answerOf(text)]);
        return text;
      },
      exists: (rel) => {
        const yes = project.exists(rel);
        deps.push(['exists', rel, yes ? '1' : '0']);
        return yes;
      },
      list: (rel) => {
        const names = project.list(rel);
        deps.push(['list', rel, names ? digest(names.join('\0')) : '-']);
        return names;
      },
      rootName: project.rootName,
    };
    out.project = p;
  }
  if (workspace) {
    const w: WorkspaceIndex = {
      resolve: (from, specifier, language) => {
        const hit = workspace.resolve(from, specifier, language);
        deps.push(['resolve', `${language}\0${from}\0${specifier}`, hit ?? '-']);
        return hit;
      },
      ...(workspace.files
        ? {
            files: () => {
              const names = workspace.files!();
              deps.push(['files', '', names ? digest(names.join('\0')) : '-']);
              return names;
            },
          }
        : {}),
      derived: (rel, key, derive) => {
        // The derived value is a function of the file's text: its version or hash stands for it.
        if (project) deps.push(sourceOf(project, rel));
        return workspace.derived(rel, key, derive);
      },
    };
    out.workspace = w;
  }
  return out;
}

/** Whether every recorded read still gets the answer it got. */
function stillHolds(deps: readonly Dep[], base: Services): boolean {
  const { project, workspace } = base;
  for (const [kind, key, answer] of deps) {
    let now: string;
    if (kind === 'read') now = project ? answerOf(project.readFile(key)) : '-';
    else if (kind === 'version') now = project ? sourceOf(project, key)[2] : '-';
    else if (kind === 'exists') now = project?.exists(key) ? '1' : '0';
    else if (kind === 'list') {
      const names = project?.list(key);
      now = names ? digest(names.join('\0')) : '-';
    } else if (kind === 'files') {
      const names = workspace?.files?.();
      now = names ? digest(names.join('\0')) : '-';
    } else {
      const [language, from, specifier] = key.split('\0');
      now = workspace?.resolve(from, specifier, language as 'js' | 'python') ?? '-';
    }
    if (now !== answer) return false;
  }
  return true;
}

export class ResultCache {
  private readonly entries = new Map<string, Entry>();
  /**
   * One tuple per distinct read and answer, shared by every entry that recorded it: the files of a
   * package read the same manifests and folders, and reads posted by scan workers arrive as fresh
   * copies (on a 3,000-file workspace, about 80 reads a file held 40 MB as separate copies).
   */
  private readonly reads = new Map<string, Dep>();

  constructor(private readonly maxEntries = MAX_REUSED_FILES) {}

  get size(): number {
    return this.entries.size;
  }

  /** Distinct recorded reads held for all entries (tests, benches). */
  get distinctReads(): number {
    return this.reads.size;
  }

  clear(): void {
    this.entries.clear();
    this.reads.clear();
  }

  /**
   * The hooks for one run over `root` with `services`. `config` stands for everything else a result
   * depends on (settings, workspace trust, engine): a different config never reuses a result.
   */
  forRun(root: string, config: string, services: Services): FileResultReuse {
    const pending = new Map<string, Dep[]>();
    const key = (rel: string): string => `${root}\0${rel}`;
    const keep = (file: { rel: string; text: string }, result: AnalyzeResult, deps: readonly Dep[]): void => {
      // A detector that ran out of time may not next time: such results are not worth keeping.
      if (result.skipped || result.notices.some((n) => n.kind === 'detector-timeout')) return;
      const k = key(file.rel);
      this.entries.delete(k);
      this.entries.set(k, { hash: digest(file.text), config, deps: this.shared(dedupe(deps)), result: structuredClone(result) });
      while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    };
    return {
      get: (file) => {
        const k = key(file.rel);
        const e = this.entries.get(k);
        if (!e || e.config !== config || e.hash !== digest(file.text) || !stillHolds(e.deps, services)) return undefined;
        this.entries.delete(k);
        this.entries.set(k, e);
        return structuredClone(e.result);
      },
      services: (rel, base) => {
        const deps: Dep[] = [];
        pending.set(rel, deps);
        return recordReads(base, deps);
      },
      set: (file, result) => {
        const deps = pending.get(file.rel) ?? [];
        pending.delete(file.rel);
        keep(file, result, deps);
      },
      setRecorded: (file, result, reads) => keep(file, result, reads),
    };
  }

  private shared(deps: Dep[]): Dep[] {
    // Answers change between runs: a pool far larger than what entries can hold starts again.
    if (this.reads.size > this.maxEntries * 100) this.reads.clear();
    for (let i = 0; i < deps.length; i++) {
      const d = deps[i];
      const k = `${d[0]}\0${d[1]}\0${d[2]}`;
      const kept = this.reads.get(k);
      if (kept) deps[i] = kept;
      else this.reads.set(k, d);
    }
    return deps;
  }
}

function dedupe(deps: readonly Dep[]): Dep[] {
  const seen = new Map<string, Dep>();
  for (const d of deps) seen.set(`${d[0]}\0${d[1]}`, d);
  return [...seen.values()];
}
