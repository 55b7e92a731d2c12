// Package-registry look-ups for the slow tier (`services.registry`).
//
//   const registry = createRegistryService({
//     settings,            // VouchSettings (reads settings.registry: enabled, npmUrl, pypiUrl)
//     workspaceRoot,       // project .npmrc files are searched from here upwards (registry locations only)
//     trustWorkspaceConfig,// true → project .npmrc files as npm reads them: auth and ${VAR} too
//     cacheDir,            // on-disk cache: the extension's globalStorage path; CLI: defaultCacheDir()
//     trusted,             // workspace trust; false → snapshot only, no configuration is even read
//     env, homedir,        // default process.env / os.homedir(); tests pass their own
//     log,                 // one line per notable event (offline, unreachable, no registry configured)
//   });
//   const facts = await registry.lookup('npm', 'left-pad', signal);  // PackageFacts | undefined
//   registry.update({ settings, trusted });  // on configuration or trust change
//   registry.dispose();                      // flushes the on-disk cache
//
// Answers: `source: 'registry'` (fresh from the registry), `'cache'` (on-disk/in-memory cache within
// its TTL: 24 h for existing names, 6 h for missing ones), `'snapshot'` (bundled rules/data, used when
// look-ups are off, the workspace is untrusted, no registry is configured, or the registry is
// unreachable — retried after a 60 s cool-down). `undefined` means unknown (never "does not exist"):
// time-outs, 5xx, refused auth, and npm names outside the popular snapshot while offline.
// npm `created` is set only when the package could be new (see RegistryClientOptions.fullDocWindowDays):
// a missing `created` on an existing package means "not recent" or "unknown", never "new".
// `owners(ecosystem, name)`: the registry's owner list (npm `maintainers` of the full packument, asked
// once and then kept with the cached answer; PyPI `ownership` from the answer already fetched).
//
// Registry URLs come only from configuration (see npm-config.ts, pip-config.ts), or, when nothing is
// configured, from npm's / pip's own defaults asked at run time. Only package names (and an auth token
// from the user's own configuration, to its own host only) leave the machine: a repository's .npmrc
// may say where names are looked up, never which credentials go with them (issue 7).
import { homedir as osHomedir } from 'node:os';
import { join } from 'node:path';
import type { Ecosystem, RegistryService } from '../core/services';
import { RegistryClient, type Endpoint, type RegistryClientOptions } from './client';
import { askNpmForRegistry, authHeaderFor, loadNpmConfig, packumentUrl, registryFor, type Env, type NpmConfig } from './npm-config';
import { askPipForIndex, pipIndex, pypiJsonUrl, resolvePipIndex, type PipIndex } from './pip-config';
import { normalizePypiName, Snapshot } from './snapshot';

export { RegistryClient } from './client';
export { Snapshot, normalizePypiName, normalizeName } from './snapshot';

export interface RegistrySettings {
  registry: { enabled: boolean; npmUrl?: string; pypiUrl?: string };
}

export interface CreateRegistryOptions {
  settings: RegistrySettings;
  workspaceRoot?: string;
  /** Read project .npmrc files as npm does, auth and `${VAR}` included (default false: locations only). */
  trustWorkspaceConfig?: boolean;
  cacheDir?: string;
  trusted?: boolean;
  env?: Env;
  homedir?: string;
  log?: (msg: string) => void;
  /** Folder of the snapshot files (default: the shipped rules/data). */
  dataDir?: string;
  /** pip configuration files outside the home folder (default: the platform's); tests pass []. */
  pipSystemFiles?: string[];
  /**
   * How to learn npm's / pip's built-in default registry when nothing is configured (default: ask
   * the `npm` and `python3` on PATH). `false` → no default: look-ups use the snapshot only.
   */
  askDefaults?: false | { npm?: () => Promise<string | undefined>; pypi?: () => Promise<string | undefined> };
  /** Time-outs, concurrency, TTLs, fetch — see RegistryClientOptions. */
  client?: Partial<Omit<RegistryClientOptions, 'resolve' | 'snapshot' | 'enabled' | 'trusted' | 'cacheDir' | 'log'>>;
}

export interface RegistryHandle extends RegistryService {
  owners(ecosystem: Ecosystem, name: string, signal?: AbortSignal): Promise<readonly string[] | undefined>;
  firstPublished(ecosystem: Ecosystem, name: string, signal?: AbortSignal): Promise<string | undefined>;
  /** New settings or trust; npm/pip configuration is read again on the next look-up. */
  update(change: { settings?: RegistrySettings; trusted?: boolean }): void;
  /** Writes the on-disk cache. */
  dispose(): void;
}

/** The CLI's cache folder: `$XDG_CACHE_HOME/vouch`, `~/.cache/vouch`, or `%LOCALAPPDATA%\vouch\cache`. */
export function defaultCacheDir(env: Env = process.env, homedir: string = osHomedir()): string {
  if (process.platform === 'win32' && env.LOCALAPPDATA) return join(env.LOCALAPPDATA, 'vouch', 'cache');
  return join(env.XDG_CACHE_HOME || join(homedir, '.cache'), 'vouch');
}

export function createRegistryService(opts: CreateRegistryOptions): RegistryHandle {
  const env = opts.env ?? process.env;
  const home = opts.homedir ?? osHomedir();
  const log = opts.log ?? (() => {});
  let settings = opts.settings;
  const logged = new Set<string>();
  const logOnce = (key: string, msg: string) => {
    if (!logged.has(key)) {
      logged.add(key);
      log(msg);
    }
  };
  type Ask = { npm?: () => Promise<string | undefined>; pypi?: () => Promise<string | undefined> };
  const ask: Ask = opts.askDefaults === false ? {} : {
    npm: () => askNpmForRegistry(env, home),
    pypi: () => askPipForIndex(env, home),
    ...opts.askDefaults,
  };

  let npmState: Promise<{ config: NpmConfig; fallback?: string }> | undefined;
  let pipState: Promise<PipIndex | undefined> | undefined;

  const npmEndpoint = async (name: string): Promise<Endpoint | undefined> => {
    npmState ??= (async () => {
      const config = loadNpmConfig({ workspaceRoot: opts.workspaceRoot, env, homedir: home, trustProjectFiles: opts.trustWorkspaceConfig });
      if (config.untrusted.length) {
        log(`ignored auth and \${VAR} values in ${config.untrusted.join(', ')}: repository-provided configuration sends no credentials (only registry locations are used; \`vouch scan --trust-workspace-config\` reads it as npm does)`);
      }
      const fallback = !config.registry && !settings.registry.npmUrl && ask.npm ? await ask.npm() : undefined;
      const from = settings.registry.npmUrl ? 'setting vouch.registry.npmUrl' : config.registry ? `npm configuration (${config.files.join(', ') || 'environment'})` : "npm's default";
      const reg = registryFor(config, 'x', settings.registry.npmUrl, fallback);
      if (reg) log(`npm look-ups go to ${reg} (from ${from})`);
      return { config, fallback };
    })();
    const { config, fallback } = await npmState;
    const registry = registryFor(config, name, settings.registry.npmUrl, fallback);
    if (!registry) {
      logOnce('npm-none', 'no npm registry is configured (vouch.registry.npmUrl, npm_config_registry, .npmrc) and npm could not be asked; npm verdicts come from the bundled snapshot only');
      return undefined;
    }
    const url = packumentUrl(registry, name);
    const auth = authHeaderFor(config, url);
    return { url, registry, headers: auth ? { authorization: auth } : {} };
  };

  const pypiEndpoint = async (name: string): Promise<Endpoint | undefined> => {
    pipState ??= (async () => {
      let idx = resolvePipIndex({ env, homedir: home, systemFiles: opts.pipSystemFiles }, settings.registry.pypiUrl);
      if (!idx && ask.pypi) {
        const url = await ask.pypi();
        idx = url ? pipIndex(url, "pip's default") : undefined;
      }
      if (idx) log(`PyPI look-ups go to ${idx.jsonBase}pypi/<name>/json (from ${idx.source})`);
      return idx;
    })();
    const idx = await pipState;
    if (!idx) {
      logOnce('pypi-none', 'no Python package index is configured (vouch.registry.pypiUrl, PIP_INDEX_URL, pip.conf) and pip could not be asked; PyPI verdicts come from the bundled snapshot only');
      return undefined;
    }
    return { url: pypiJsonUrl(idx, normalizePypiName(name)), registry: idx.jsonBase, headers: idx.authorization ? { authorization: idx.authorization } : {} };
  };

  const client = new RegistryClient({
    ...opts.client,
    resolve: (ecosystem: Ecosystem, name: string) => (ecosystem === 'npm' ? npmEndpoint(name) : pypiEndpoint(name)),
    snapshot: new Snapshot(opts.dataDir, log),
    enabled: settings.registry.enabled,
    trusted: opts.trusted ?? true,
    cacheDir: opts.cacheDir,
    log,
  });

  return {
    get offline() {
      return client.offline;
    },
    lookup: (ecosystem, name, signal) => client.lookup(ecosystem, name, signal),
    owners: (ecosystem, name, signal) => client.owners(ecosystem, name, signal),
    firstPublished: (ecosystem, name, signal) => client.firstPublished(ecosystem, name, signal),
    popular: (ecosystem) => client.popular(ecosystem),
    update(change) {
      if (change.settings) {
        settings = change.settings;
        npmState = undefined;
        pipState = undefined;
        logged.clear();
      }
      client.update({ enabled: change.settings?.registry.enabled, trusted: change.trusted });
    },
    dispose: () => client.dispose(),
  };
}
