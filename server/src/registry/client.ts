// RegistryService over HTTP: npm packuments and PyPI's JSON API, with time-outs, bounded
// concurrency, one request per name however many callers ask at once, an on-disk cache, and the
// bundled snapshot whenever look-ups are off or the registry cannot be reached. A failure is never
// turned into "does not exist": only a 404/410 answer is.
import type { Ecosystem, PackageFacts, RegistryService } from '../core/services';
import { DEFAULT_TTL, DiskCache, type CacheTtl, type CachedFacts } from './cache';
import { summarise, type DocKind, type FullSummary, type Summary } from './packument';
import { normalizeName, type Snapshot } from './snapshot';

/** Where and how to ask about one name; built by the host from npm/pip configuration. */
export interface Endpoint {
  url: string;
  /** Registry identity (base URL) for the cache key and the unreachable cool-down. */
  registry: string;
  /** Authorization (only ever for this registry's own host) and nothing else sensitive. */
  headers: Record<string, string>;
}

export type EndpointResolver = (ecosystem: Ecosystem, name: string) => Promise<Endpoint | undefined>;

export interface RegistryClientOptions {
  resolve: EndpointResolver;
  snapshot: Snapshot;
  /** `vouch.registry.enabled`. */
  enabled?: boolean;
  /** Workspace trust; untrusted → snapshot only. */
  trusted?: boolean;
  /** Folder of the on-disk cache; none → memory only. */
  cacheDir?: string;
  ttl?: Partial<CacheTtl>;
  /** Per request, body included (default 4000 ms). */
  timeoutMs?: number;
  /** Requests in flight at once (default 6). */
  concurrency?: number;
  /** After a network failure or time-out, use the snapshot for this long (default 60 s). */
  cooldownMs?: number;
  /**
   * npm's abbreviated packument has no creation time; the full one (large for busy packages) is
   * fetched only when the package changed within this many days (default 90) — an older
   * last-modified date already proves the name is not new — and it is neither popular in the
   * snapshot nor has more than 200 versions.
   */
  fullDocWindowDays?: number;
  /**
   * Largest answer read (default 32 MB; a busy package's full packument is tens of MB, but the
   * abbreviated one is fetched first). A larger body is abandoned mid-stream and the answer is unknown.
   */
  maxBodyBytes?: number;
  /**
   * Where answers of OFF_THREAD_BYTES or more are parsed and summarised (the language server: a worker
   * thread, doc-thread.ts; parsing a busy package's 20 MB packument holds a thread for a quarter of a
   * second). Absent, or when it gives no answer: on this thread.
   */
  docs?: DocParser;
  fetch?: typeof fetch;
  now?: () => number;
  log?: (msg: string) => void;
}

const NPM_ABBREVIATED = 'application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8';
const MAX_VERSIONS_FOR_FULL_DOC = 200;

/** Answers this large are parsed by `docs` when there is one. */
export const OFF_THREAD_BYTES = 1024 * 1024;

/** Parses and summarises an answer elsewhere: its summary, `invalid` (not JSON), or undefined (no answer: parse here). */
export interface DocParser {
  summarise<K extends DocKind>(kind: K, body: Buffer): Promise<{ data?: Summary<K>; invalid?: boolean } | undefined>;
}

class Unreachable extends Error {}

type Answer = { facts?: CachedFacts; status: number };
type FullFacts = FullSummary;

const VALID_NAME: Record<Ecosystem, RegExp> = {
  npm: /^(?:@[a-z0-9][\w.~-]*\/)?[a-z0-9_.~-][\w.~-]*$/i,
  pypi: /^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?$/i,
};

export class RegistryClient implements RegistryService {
  private enabled: boolean;
  private trusted: boolean;
  private readonly caches = new Map<Ecosystem, DiskCache>();
  private readonly inflight = new Map<string, Promise<PackageFacts | undefined>>();
  private readonly fullRead = new Map<string, Promise<FullFacts | undefined>>();
  private readonly cooldown = new Map<string, number>();
  private readonly logged = new Set<string>();
  private active = 0;
  private readonly queue: Array<() => void> = [];
  private readonly fetchFn: typeof fetch;
  private readonly now: () => number;
  private readonly log: (msg: string) => void;

  constructor(private readonly opts: RegistryClientOptions) {
    this.enabled = opts.enabled ?? true;
    this.trusted = opts.trusted ?? true;
    this.fetchFn = opts.fetch ?? fetch;
    this.now = opts.now ?? Date.now;
    this.log = opts.log ?? (() => {});
    if (this.offline) this.logOnce('offline', `registry look-ups are off (${this.offlineReason()}); answers come from the bundled snapshot`);
  }

  get offline(): boolean {
    return !this.enabled || !this.trusted;
  }

  private offlineReason(): string {
    return !this.trusted ? 'untrusted workspace' : 'vouch.registry.enabled is false';
  }

  /** Settings or trust changed; cached answers stay valid. */
  update(change: { enabled?: boolean; trusted?: boolean }): void {
    if (change.enabled !== undefined) this.enabled = change.enabled;
    if (change.trusted !== undefined) this.trusted = change.trusted;
    this.logged.delete('offline');
    if (this.offline) this.logOnce('offline', `registry look-ups are off (${this.offlineReason()}); answers come from the bundled snapshot`);
  }

  popular(ecosystem: Ecosystem): ReadonlyMap<string, number> {
    return this.opts.snapshot.popular(ecosystem);
  }

  async lookup(ecosystem: Ecosystem, name: string, signal?: AbortSignal): Promise<PackageFacts | undefined> {
    if (signal?.aborted || !VALID_NAME[ecosystem].test(name) || name.length > 214) return undefined;
    if (this.offline) return this.fromSnapshot(ecosystem, name);
    const key = `${ecosystem}:${normalizeName(ecosystem, name)}`;
    let shared = this.inflight.get(key);
    if (!shared) {
      shared = this.resolveOnce(ecosystem, name).finally(() => this.inflight.delete(key));
      this.inflight.set(key, shared);
    }
    const facts = await (signal ? raceAbort(shared, signal) : shared);
    return facts && { ...facts, name };
  }

  /**
   * The registry's owners of an existing package. npm's abbreviated answer has none: the full
   * packument is asked for once (its owners then live in the cached answer); offline, unknown or
   * snapshot answers ask nothing more.
   */
  async owners(ecosystem: Ecosystem, name: string, signal?: AbortSignal): Promise<readonly string[] | undefined> {
    const facts = await this.lookup(ecosystem, name, signal);
    if (!facts?.exists || facts.source === 'snapshot' || signal?.aborted) return undefined;
    if (facts.owners || ecosystem !== 'npm') return facts.owners;
    return (await this.npmFull(name, signal))?.owners;
  }

  /**
   * When an existing package was first published. npm's abbreviated answer has no times, and the
   * look-up reads the full packument only for names changed lately: for an older one it is read
   * here, once (the same read as its owners), and the time is kept with the cached answer.
   */
  async firstPublished(ecosystem: Ecosystem, name: string, signal?: AbortSignal): Promise<string | undefined> {
    const facts = await this.lookup(ecosystem, name, signal);
    if (!facts?.exists || facts.source === 'snapshot' || signal?.aborted) return undefined;
    if (facts.created || ecosystem !== 'npm') return facts.created;
    return (await this.npmFull(name, signal))?.created;
  }

  /** One read of a full packument per name and process (an answer without times is not asked again). */
  private npmFull(name: string, signal?: AbortSignal): Promise<FullFacts | undefined> {
    const key = normalizeName('npm', name);
    let shared = this.fullRead.get(key);
    if (!shared) {
      // A failed read (time-out, cool-down) is asked again next time.
      shared = this.readFull(name).then((full) => (full || this.fullRead.delete(key), full));
      this.fullRead.set(key, shared);
    }
    return signal ? raceAbort(shared, signal) : shared;
  }

  private async readFull(name: string): Promise<FullFacts | undefined> {
    const endpoint = await this.opts.resolve('npm', name);
    const until = endpoint && this.cooldown.get(endpoint.registry);
    if (!endpoint || (until !== undefined && this.now() < until)) return undefined;
    try {
      const res = await this.limited(() => this.get(endpoint.url, { ...endpoint.headers, accept: 'application/json' }, 'npm-full'));
      if (res.status !== 200) return undefined;
      // A registry that keeps no owner list (Verdaccio strips it) answers [] once, not on every run.
      const full: FullFacts = { owners: res.data?.owners ?? [] };
      if (res.data?.created) full.created = res.data.created;
      this.cache('npm').patch(endpoint.registry, normalizeName('npm', name), full);
      return full;
    } catch (e) {
      this.logOnce(`owners:${name}`, `registry look-up of the full packument of ${name} failed: ${describe(e)}`);
      return undefined;
    }
  }

  /** Writes the on-disk cache now; call when the host shuts down. */
  dispose(): void {
    for (const c of this.caches.values()) c.flush();
  }

  private fromSnapshot(ecosystem: Ecosystem, name: string): PackageFacts | undefined {
    return this.opts.snapshot.lookup(ecosystem, name);
  }

  private cache(ecosystem: Ecosystem): DiskCache {
    let c = this.caches.get(ecosystem);
    if (!c) {
      c = new DiskCache(this.opts.cacheDir, ecosystem, { ...DEFAULT_TTL, ...this.opts.ttl }, this.now, this.log);
      this.caches.set(ecosystem, c);
    }
    return c;
  }

  private logOnce(key: string, msg: string): void {
    if (this.logged.has(key)) return;
    this.logged.add(key);
    this.log(msg);
  }

  private async resolveOnce(ecosystem: Ecosystem, name: string): Promise<PackageFacts | undefined> {
    const endpoint = await this.opts.resolve(ecosystem, name);
    if (!endpoint) return this.fromSnapshot(ecosystem, name);
    const norm = normalizeName(ecosystem, name);
    const cached = this.cache(ecosystem).get(endpoint.registry, norm);
    if (cached) return { ...cached, source: 'cache' };
    const until = this.cooldown.get(endpoint.registry);
    if (until !== undefined && this.now() < until) return this.fromSnapshot(ecosystem, name);
    let answer: Answer;
    try {
      answer = await this.limited(() => (ecosystem === 'npm' ? this.npm(endpoint, name) : this.pypi(endpoint, name)));
    } catch (e) {
      if (!(e instanceof Unreachable)) {
        this.log(`registry look-up of ${name} failed: ${describe(e)}`);
        return this.fromSnapshot(ecosystem, name);
      }
      const ms = this.opts.cooldownMs ?? 60_000;
      this.cooldown.set(endpoint.registry, this.now() + ms);
      // Look-ups already in flight fail together, and again after each cool-down: say it once, until
      // the registry has answered again.
      this.logOnce(`unreachable:${endpoint.registry}`, `registry ${endpoint.registry} unreachable (${describe(e)}); using the bundled snapshot, trying again every ${Math.round(ms / 1000)} s`);
      return this.fromSnapshot(ecosystem, name);
    }
    this.cooldown.delete(endpoint.registry);
    this.logged.delete(`unreachable:${endpoint.registry}`);
    if (!answer.facts) {
      if (answer.status === 401 || answer.status === 403) {
        this.logOnce(`auth:${endpoint.registry}`, `registry ${endpoint.registry} refused the look-up (HTTP ${answer.status}); check the auth token in your npm/pip configuration`);
      }
      return this.fromSnapshot(ecosystem, name);
    }
    this.cache(ecosystem).set(endpoint.registry, norm, answer.facts);
    return { ...answer.facts, source: 'registry' };
  }

  private async limited<T>(task: () => Promise<T>): Promise<T> {
    const max = Math.max(1, this.opts.concurrency ?? 6);
    if (this.active >= max) await new Promise<void>((go) => this.queue.push(go));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.queue.shift()?.();
    }
  }

  /**
   * GET with a time-out covering the body, following only same-origin redirects (so credentials
   * never travel to another host). Network failures and time-outs throw `Unreachable`.
   */
  private async get<K extends DocKind>(url: string, headers: Record<string, string>, kind: K): Promise<{ status: number; data?: Summary<K> }> {
    const signal = AbortSignal.timeout(this.opts.timeoutMs ?? 4000);
    let current = url;
    try {
      for (let hop = 0; hop < 4; hop++) {
        const res = await this.fetchFn(current, { headers, redirect: 'manual', signal });
        const location = res.headers.get('location');
        if (res.status >= 300 && res.status < 400 && location) {
          await res.body?.cancel();
          const next = new URL(location, current);
          if (next.origin !== new URL(current).origin) return { status: res.status };
          current = next.href;
          continue;
        }
        if (res.status !== 200) {
          await res.body?.cancel();
          return { status: res.status };
        }
        const body = await this.readCapped(res, current);
        if (body === undefined) return { status: 507 };
        const parsed = await this.parse(kind, body);
        return parsed.invalid ? { status: 502 } : { status: 200, data: parsed.data };
      }
      return { status: 310 };
    } catch (e) {
      if (e instanceof SyntaxError) return { status: 502 }; // not JSON: unknown, not unreachable
      throw new Unreachable(describe(e));
    }
  }

  /** The answer's summary (`invalid`: not JSON), parsed by `docs` when it is large, else here. */
  private async parse<K extends DocKind>(kind: K, body: Buffer): Promise<{ data?: Summary<K>; invalid?: boolean }> {
    const elsewhere = this.opts.docs && body.byteLength >= OFF_THREAD_BYTES ? await this.opts.docs.summarise(kind, body) : undefined;
    if (elsewhere) return elsewhere;
    let doc: unknown;
    try {
      doc = JSON.parse(body.toString('utf8'));
    } catch {
      return { invalid: true };
    }
    return { data: summarise(kind, doc) };
  }

  /** The body, or undefined (logged) once it passes maxBodyBytes: the rest is never read. */
  private async readCapped(res: Response, url: string): Promise<Buffer | undefined> {
    const max = this.opts.maxBodyBytes ?? 32 * 1024 * 1024;
    const tooLarge = async () => {
      await res.body?.cancel().catch(() => {});
      this.logOnce(`too-large:${url}`, `registry answer from ${url} is larger than ${Math.round(max / 1024 / 1024 * 10) / 10} MB; stopped reading it, the answer is unknown`);
      return undefined;
    };
    if (Number(res.headers.get('content-length') ?? 0) > max) return tooLarge();
    if (!res.body) return Buffer.alloc(0);
    const reader = res.body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > max) {
        await reader.cancel().catch(() => {});
        return tooLarge();
      }
      chunks.push(value);
    }
    return Buffer.concat(chunks);
  }

  private async npm(endpoint: Endpoint, name: string): Promise<Answer> {
    const res = await this.get(endpoint.url, { ...endpoint.headers, accept: NPM_ABBREVIATED }, 'npm');
    if (res.status === 404 || res.status === 410) return { status: res.status, facts: { ecosystem: 'npm', name, exists: false } };
    const doc = res.data;
    if (res.status !== 200 || !doc) return { status: res.status };
    // An unpublished package answers 200 with no versions: installing it fails, so it does not exist.
    if (!doc.count) return { status: 200, facts: { ecosystem: 'npm', name, exists: false } };
    const facts: CachedFacts = { ecosystem: 'npm', name, exists: true, versions: doc.count, latest: doc.latest };
    if (doc.deprecated) facts.deprecated = doc.deprecated;
    let created = doc.created;
    const modified = Date.parse(doc.modified ?? '');
    const windowMs = (this.opts.fullDocWindowDays ?? 90) * 86_400_000;
    const mayBeNew = Number.isNaN(modified) || this.now() - modified < windowMs;
    if (!created && mayBeNew && doc.count <= MAX_VERSIONS_FOR_FULL_DOC && !this.popular('npm').has(name.toLowerCase())) {
      try {
        const full = await this.get(endpoint.url, { ...endpoint.headers, accept: 'application/json' }, 'npm-full');
        created = full.data?.created;
        if (full.status === 200) facts.owners = full.data?.owners ?? [];
      } catch {
        // the abbreviated answer stands without a creation time
      }
    }
    if (created) facts.created = created;
    return { status: 200, facts };
  }

  private async pypi(endpoint: Endpoint, name: string): Promise<Answer> {
    const res = await this.get(endpoint.url, { ...endpoint.headers, accept: 'application/json' }, 'pypi');
    if (res.status === 404 || res.status === 410) return { status: res.status, facts: { ecosystem: 'pypi', name, exists: false } };
    if (res.status !== 200 || !res.data) return { status: res.status };
    return { status: 200, facts: { ecosystem: 'pypi', name, exists: true, ...res.data } };
  }
}

function describe(e: unknown): string {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') return 'timed out';
  return err?.cause?.code ?? err?.cause?.message ?? err?.message ?? String(e);
}

/** Resolves undefined as soon as the caller gives up; the shared request carries on for the others. */
function raceAbort<T>(p: Promise<T | undefined>, signal: AbortSignal): Promise<T | undefined> {
  return new Promise((done, fail) => {
    const onAbort = () => done(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(done, fail).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
