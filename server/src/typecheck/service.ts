// The `types` service for slow-tier detectors: one warm program per workspace root and the last check
// of each file (the base of the next, incremental one). The phantom-api detectors asking about the
// same edit share one check through the engine's `api-facts` fact, not through a cache here.
import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { ts } from '../core/ts';
import type { ApiFact, TypeService } from '../core/services';
import { apiFacts } from './facts';
import { WarmProgram } from './host';
import { parse, plan, type Snapshot } from './incremental';

const CHECKABLE = /\.(?:[cm]?[jt]s|[jt]sx)$/i;

/** JS/TS sources (not declaration files): the only paths a check answers for. */
export function isCheckable(path: string): boolean {
  return CHECKABLE.test(path) && !/\.d\.[cm]?ts$/i.test(path);
}

export class TypeCheckService implements TypeService {
  private readonly programs = new Map<string, WarmProgram>();
  private readonly registry = ts.createDocumentRegistry(true);
  /** The last completed check per file, the base of the next incremental one. */
  private readonly snapshots = new Map<string, Snapshot>();
  /** Counts of full, partial and reused checks (for the bench and tests). */
  readonly stats = { full: 0, partial: 0, reuse: 0 };

  /** `roots`: workspace folders, longest first; a relative path is looked up under each. */
  constructor(private readonly roots: () => readonly string[]) {}

  check(file: { path: string; text: string }, signal?: AbortSignal): Promise<readonly ApiFact[] | undefined> {
    return this.checkUntil(file, () => !!signal?.aborted);
  }

  /**
   * `check` with cancellation as a predicate, polled between steps and inside the checker: the worker
   * thread reads a flag the main thread sets (worker.ts), since no message reaches a busy thread.
   */
  checkUntil(file: { path: string; text: string }, aborted: () => boolean): Promise<readonly ApiFact[] | undefined> {
    if (!isCheckable(file.path)) return Promise.resolve(undefined);
    return this.run(file, aborted);
  }

  private async run(file: { path: string; text: string }, aborted: () => boolean): Promise<readonly ApiFact[] | undefined> {
    // Let a newer edit arrive (and abort this one) before spending CPU on it.
    await yieldToEventLoop();
    if (aborted()) return undefined;
    const located = this.locate(file.path);
    if (!located) return undefined;
    const sourceFile = parse(located.fileName, file.text);
    const p = plan(this.snapshots.get(located.fileName), file.text, sourceFile);
    this.stats[p.kind]++;
    let facts: ApiFact[] | undefined;
    if (p.kind === 'reuse') {
      facts = p.facts;
    } else {
      const checked = this.programFor(located.root).update(located.fileName, p.kind === 'partial' ? p.text : file.text, aborted);
      if (!checked || aborted()) return undefined;
      try {
        facts = apiFacts(checked, aborted);
      } catch (e) {
        if (e instanceof ts.OperationCanceledException) return undefined;
        throw e;
      }
      if (!facts) return undefined;
      if (p.kind === 'partial') facts = [...p.keep, ...facts.filter((f) => f.start >= p.from && f.end <= p.to)];
      facts.sort((a, b) => a.start - b.start || a.end - b.end);
    }
    this.snapshots.delete(located.fileName);
    this.snapshots.set(located.fileName, { text: file.text, sourceFile, facts });
    if (this.snapshots.size > 16) this.snapshots.delete(this.snapshots.keys().next().value!);
    return facts;
  }

  private locate(path: string): { root: string; fileName: string } | undefined {
    const norm = (p: string) => p.split('\\').join('/');
    if (isAbsolute(path)) {
      const root = this.roots().find((r) => norm(path).startsWith(norm(r) + '/'));
      return { root: root ?? norm(path).replace(/\/[^/]*$/, ''), fileName: norm(path) };
    }
    const roots = this.roots();
    const root = roots.find((r) => existsSync(join(r, path))) ?? roots[0];
    return root === undefined ? undefined : { root: norm(root), fileName: norm(join(root, path)) };
  }

  private programFor(root: string): WarmProgram {
    let p = this.programs.get(root);
    if (!p) {
      p = new WarmProgram(root, this.registry);
      this.programs.set(root, p);
    }
    return p;
  }

  /** Forget cached declarations (after an install changes node_modules). */
  clear(): void {
    for (const p of this.programs.values()) p.clear();
    this.snapshots.clear();
  }

  dispose(): void {
    for (const p of this.programs.values()) p.dispose();
    this.programs.clear();
    this.snapshots.clear();
  }
}
