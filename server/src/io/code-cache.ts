// Starts a bundle from V8's code cache, so a process (and each of its worker threads) does not compile
// the 17–18 MB bundle from scratch: for the CLI that compile was most of a small scan's CPU time
// (about 140 ms of a 0.7 s secrets-only scan, again in each scan worker). Node 22 has this built in
// (`module.enableCompileCache`); Node 20, which Vouch supports, does not, so the launchers
// (cli/src/launch.ts, server/src/launch.ts) call `runBundle` here.
//
// Rules:
// - The cache is a folder the user owns and no one else may write (`cacheFolder`); a folder someone
//   else owns or can write is not read or written: V8 trusts a code cache's bytecode, and checks
//   only the source's length and its own version and flags, so the file name carries a SHA-256 of
//   the source, and the folder must be the user's own.
// - A missing, unreadable or rejected cache is never an error: the bundle compiles from source.
// - A blob's name carries the flags it was made under; a build keeps one blob per set of flags (the three
//   most recently written), and a new build's first blob removes the earlier builds' blobs.
// - Only the main thread writes, once, when it had no usable cache: a while after start (1 s for the
//   CLI, 20 s for the server), or at exit when that comes first, so the blob holds the functions the run
//   compiled, not only the top level (and not a long run's last ones only: V8 drops the bytecode of
//   functions it stopped calling). The write goes to a temporary name and is renamed into place.
// - A chunk beside the bundle (`loadChunk`: esbuild.mjs writes TypeScript to one) is compiled the same way,
//   with a blob of its own, once per thread, and runs as a plain CommonJS module; without a launcher
//   (a bundle run by `node` itself, or code run from source) it is a plain `require`.
// - The bundle runs as a CommonJS main module: `require.main === module` holds in it, `__filename` is
//   the bundle's path, and `launcherOf(bundle)` tells a worker to start the launcher, not the bundle.
// - Node 20 loses the dynamic-import callback of a script compiled from a cache, so the bundles must
//   not call `import()`: esbuild.mjs rewrites the one dependency that did.
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { isMainThread } from 'node:worker_threads';

export interface RunOptions {
  /** The cache folder; undefined runs without a cache. */
  readonly folder: string | undefined;
  /**
   * When the main thread writes a new cache: this many ms after start, or at exit when that comes first.
   * Not only at exit: V8 drops the bytecode of functions a long run stopped calling, so a blob made at
   * the end of a long scan held 3 MB where one made a second in holds 10.
   */
  readonly writeAt: number;
  /** The launcher's own file: workers started for `bundle` start it instead (`launcherOf`). */
  readonly launcher?: string;
  /**
   * The V8 flags the launcher set (io/heap.ts `appliedHeapFlags`). V8 rejects a blob made under other flags,
   * so they name the blob with the process's own options: a CLI scan on worker threads and one on its own
   * thread (different flags) each keep theirs instead of replacing each other's.
   */
  readonly flags?: readonly string[];
}

/** Blobs kept per build, one per set of flags (a CLI scan on its own thread, one on worker threads, …). */
const MAX_FLAG_SETS = 3;

/** What happened, for tests and `VOUCH_CODE_CACHE_DEBUG`. */
export type CacheOutcome = 'off' | 'hit' | 'miss' | 'rejected';

const LAUNCHERS = Symbol.for('vouch.launchers');
const CHUNKS = Symbol.for('vouch.chunks');

/**
 * The cache folder from the environment: `VOUCH_CODE_CACHE` (a folder, or `off`), else the platform's
 * per-user cache folder.
 */
export function cacheFolder(env: NodeJS.ProcessEnv = process.env, platform = process.platform, home = safeHome()): string | undefined {
  const set = env.VOUCH_CODE_CACHE?.trim();
  if (set) return /^(?:off|0|false|no)$/i.test(set) ? undefined : set;
  if (platform === 'win32') return env.LOCALAPPDATA ? join(env.LOCALAPPDATA, 'vouch', 'Cache', 'v8') : undefined;
  if (!home) return undefined;
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'vouch', 'v8');
  return join(env.XDG_CACHE_HOME || join(home, '.cache'), 'vouch', 'v8');
}

/** Compiles `bundle` (from the cache when it holds a blob for exactly this source) and runs it as the main module. */
export function runBundle(bundle: string, options: RunOptions): CacheOutcome {
  if (options.launcher) launchers().set(bundle, options.launcher);
  // The bundle's chunks (loadChunk) come through the same cache, under the same options.
  const loaded = new Map<string, unknown>();
  chunkLoaders().set(dirname(bundle), (file) => (loaded.has(file) ? loaded.get(file) : loaded.set(file, runChunk(file, options)).get(file)));
  const { script, outcome } = compile(bundle, options);
  runAsMain(bundle, script);
  return outcome;
}

/**
 * A chunk of code beside the running bundle (esbuild.mjs writes TypeScript to one): loaded once, as a CommonJS module,
 * through the code cache when a launcher started the bundle (`runBundle`), else with a plain `require`.
 */
export function loadChunk(file: string): unknown {
  const viaCache = chunkLoaders().get(dirname(file));
  return viaCache ? viaCache(file) : createRequire(file)(file);
}

function compile(file: string, options: RunOptions): { script: Script; outcome: CacheOutcome } {
  const bytes = readFileSync(file);
  const folder = options.folder && ownFolder(options.folder, isMainThread) ? options.folder : undefined;
  const build = `${basename(file)}-${blobKey(bytes)}`;
  const blobFile = folder && join(folder, `${build}${flagsTag([...process.execArgv, ...(options.flags ?? [])])}.v8`);
  const cached = blobFile ? readIfAny(blobFile) : undefined;
  // A hashbang is valid only at the very start of a script; the wrapper moves it.
  const source = sourceText(bytes).replace(/^#!/, '//');
  const script = new Script(Module.wrap(source), { filename: file, cachedData: cached });
  const outcome: CacheOutcome = !blobFile ? 'off' : !cached ? 'miss' : script.cachedDataRejected ? 'rejected' : 'hit';
  if (blobFile && outcome !== 'hit' && isMainThread) scheduleWrite(() => save(blobFile, basename(file), build, script.createCachedData()), options.writeAt);
  if (process.env.VOUCH_CODE_CACHE_DEBUG) process.stderr.write(`vouch: code cache ${outcome} (${basename(file)}${isMainThread ? '' : ', worker'})\n`);
  return { script, outcome };
}

/**
 * The bundle's text. esbuild writes ASCII (its default charset escapes the rest), and an ASCII file read as Latin-1
 * is the same string made in half the time of a UTF-8 decode (about 100 ms of a start, for a 14 MB bundle).
 */
export function sourceText(bytes: Buffer): string {
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

/** The launcher that starts `bundle` through the cache, when this process was started by one. */
export function launcherOf(bundle: string): string | undefined {
  return launchers().get(bundle);
}

function launchers(): Map<string, string> {
  const g = globalThis as { [LAUNCHERS]?: Map<string, string> };
  return (g[LAUNCHERS] ??= new Map());
}

/** Per folder of a bundle a launcher runs, the loader of its chunks (shared by the launcher's and the bundle's copies of this module). */
function chunkLoaders(): Map<string, (file: string) => unknown> {
  const g = globalThis as { [CHUNKS]?: Map<string, (file: string) => unknown> };
  return (g[CHUNKS] ??= new Map());
}

function runAsMain(file: string, script: Script): void {
  const mod = moduleOf(file);
  (Module as unknown as { _cache: Record<string, Module> })._cache[file] = mod;
  const req = createRequire(file);
  req.main = mod;
  run(mod, script, req);
}

function runChunk(file: string, options: RunOptions): unknown {
  const mod = moduleOf(file);
  run(mod, compile(file, options).script, createRequire(file));
  return mod.exports;
}

function moduleOf(file: string): Module {
  const mod = new Module(file);
  mod.filename = file;
  (mod as unknown as { paths: string[] }).paths = (Module as unknown as { _nodeModulePaths(d: string): string[] })._nodeModulePaths(dirname(file));
  return mod;
}

function run(mod: Module, script: Script, req: NodeJS.Require): void {
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(mod.exports, mod.exports, req, mod, mod.filename, dirname(mod.filename));
  mod.loaded = true;
}

/** A short hash of the flags a blob was made under; none without flags. */
function flagsTag(flags: readonly string[]): string {
  return flags.length ? `-f${createHash('sha256').update(flags.join('\n')).digest('hex').slice(0, 8)}` : '';
}

function blobKey(bytes: Buffer): string {
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 24);
  return `${process.version}-${process.arch}-${hash}`;
}

/** Creates the folder (private) when missing; says whether it is the user's own and closed to others. */
export function ownFolder(folder: string, create: boolean): boolean {
  try {
    if (create) mkdirSync(folder, { recursive: true, mode: 0o700 });
    const st = statSync(folder);
    if (!st.isDirectory()) return false;
    if (process.platform === 'win32' || typeof process.getuid !== 'function') return true;
    return st.uid === process.getuid() && (st.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

function readIfAny(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

function scheduleWrite(write: () => void, afterMs: number): void {
  const timer = setTimeout(() => once(), afterMs).unref();
  const once = (): void => {
    clearTimeout(timer);
    process.off('exit', once);
    write();
  };
  process.on('exit', once);
}

/** Writes `file`, a blob of `build` (`<bundle>-<node version>-<arch>-<source hash>`) under some flags. */
function save(file: string, bundle: string, build: string, data: Buffer): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, data, { mode: 0o600 });
    renameSync(temp, file);
    // Blobs of earlier builds of the same bundle are never read again; this build's under other flags are,
    // the MAX_FLAG_SETS most recently written of them (a run under a profiler's flags must not leave 10 MB for good).
    const dir = dirname(file);
    const own: Array<{ name: string; at: number }> = [];
    for (const name of readdirSync(dir)) {
      if (!name.startsWith(`${bundle}-`) || !name.endsWith('.v8')) continue;
      if (name.startsWith(`${build}.`) || name.startsWith(`${build}-f`)) own.push({ name, at: name === basename(file) ? Infinity : statSync(join(dir, name)).mtimeMs });
      else rmSync(join(dir, name), { force: true });
    }
    for (const old of own.sort((a, b) => b.at - a.at).slice(MAX_FLAG_SETS)) rmSync(join(dir, old.name), { force: true });
  } catch {
    // A full disk or a read-only cache costs the next run its compile, nothing more.
  }
}

function safeHome(): string | undefined {
  try {
    return homedir() || undefined;
  } catch {
    return undefined;
  }
}
