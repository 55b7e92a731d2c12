// Which npm registry a package name is looked up on, read the way npm reads it: the Vouch setting,
// then `npm_config_*` environment variables, the project's `.npmrc` files, the user's `.npmrc`
// (`npm_config_userconfig` moves it), with `@scope:registry` for scoped names and `${VAR}`
// expansion. Auth (`//host/path/:_authToken`, `:_auth`, `:username`+`:_password`) is attached only
// to requests under that same host and path, as npm does. No registry host is written here: when
// nothing is configured the caller asks npm itself for its default (see `askNpmForRegistry`).
//
// Unlike npm, project `.npmrc` files (the workspace folder and its parents) are repository input,
// untrusted by default: only their registry locations (`registry`, `@scope:registry`) count, read
// literally. Their auth keys are ignored and `${VAR}` is never expanded in them — otherwise a pull
// request could name its own host and have a CI secret sent there (issue 7). Auth comes only from
// the user's `.npmrc` and the environment. `trustProjectFiles` restores npm's behaviour.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export type Env = Record<string, string | undefined>;

export interface ConfigContext {
  /** Workspace folder (project `.npmrc` is searched from here up to the file-system root). */
  workspaceRoot?: string;
  env: Env;
  homedir: string;
  /** Read project `.npmrc` files as npm does: auth and `${VAR}` too (`--trust-workspace-config`). */
  trustProjectFiles?: boolean;
}

export interface NpmConfig {
  /** Default registry (with a trailing slash), if configured anywhere. */
  registry?: string;
  /** `@scope` → registry URL. */
  scopes: Map<string, string>;
  /** Every key read, later layers overriding earlier ones (auth keys included). */
  values: Map<string, string>;
  /** Files that contributed, for the log. */
  files: string[];
  /** Project files whose auth or `${VAR}` values were ignored (untrusted), for the log. */
  untrusted: string[];
}

/** The keys an untrusted project file may set: where names are looked up, never credentials. */
const LOCATION_KEY = /^(?:registry|@[^:/]+:registry)$/;

/** Keeps the registry locations of an untrusted project file; anything else, or a `${VAR}`, is dropped. */
function locationsOnly(values: Map<string, string>): { kept: Map<string, string>; dropped: boolean } {
  const kept = new Map<string, string>();
  let dropped = false;
  for (const [k, v] of values) {
    if (LOCATION_KEY.test(k) && !v.includes('${')) kept.set(k, v);
    else if (/_auth|_password|username|\$\{|certfile|keyfile/.test(k + v)) dropped = true;
  }
  return { kept, dropped };
}

/** npm's `${VAR}` / `${VAR?}` expansion; `\${VAR}` stays literal. */
export function envReplace(s: string, env: Env): string {
  return s.replace(/(?<!\\)(\\*)\$\{([^${}?]+)(\?)?\}/g, (orig, esc: string, name: string, modifier?: string) => {
    const fallback = modifier === '?' ? '' : `\${${name}}`;
    const val = env[name] !== undefined ? (env[name] as string) : fallback;
    if (esc.length % 2) return orig.slice((esc.length + 1) / 2);
    return esc.slice(esc.length / 2) + val;
  });
}

function unquote(v: string): string {
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) {
    try {
      return JSON.parse(v) as string;
    } catch {
      return v.slice(1, -1);
    }
  }
  if (v.length >= 2 && v.startsWith("'") && v.endsWith("'")) return v.slice(1, -1);
  return v;
}

/** The top-level `key = value` pairs of an ini-style `.npmrc`, with `${VAR}` expanded (none without `env`). */
export function parseNpmrc(text: string, env: Env | undefined): Map<string, string> {
  const out = new Map<string, string>();
  let inSection = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith(';') || line.startsWith('#')) continue;
    if (/^\[.*\]$/.test(line)) {
      inSection = true; // npm ignores section contents
      continue;
    }
    if (inSection) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = env ? envReplace(unquote(line.slice(0, eq).trim()), env) : unquote(line.slice(0, eq).trim());
    const value = env ? envReplace(unquote(line.slice(eq + 1).trim()), env) : unquote(line.slice(eq + 1).trim());
    if (key.endsWith('[]')) continue;
    out.set(key, value);
  }
  return out;
}

function readNpmrc(file: string, env: Env | undefined): Map<string, string> | undefined {
  try {
    return parseNpmrc(readFileSync(file, 'utf8'), env);
  } catch {
    return undefined;
  }
}

/** `npm_config_foo_bar` → `foo-bar`; keys starting with `//` keep their underscores (npm's rule). */
function envConfig(env: Env): Map<string, string> {
  const out = new Map<string, string>();
  // Upper-case first so the lower-case spelling (what npm sets for scripts) wins.
  const keys = Object.keys(env).filter((k) => /^npm_config_/i.test(k)).sort((a, b) => (a < b ? -1 : 1));
  for (const envKey of keys) {
    const v = env[envKey];
    if (!v) continue;
    let key = envKey.slice('npm_config_'.length);
    if (!key.startsWith('//')) key = key.replace(/(?!^)_/g, '-').toLowerCase();
    out.set(key, v);
  }
  return out;
}

export function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The merged npm configuration (without the Vouch setting, which `registryFor` applies). */
export function loadNpmConfig(ctx: ConfigContext): NpmConfig {
  const env = ctx.env;
  const envValues = envConfig(env);
  const userFile = resolve(envValues.get('userconfig') ?? join(ctx.homedir, '.npmrc'));
  const layers: Array<[string, Map<string, string>]> = [];
  const user = readNpmrc(userFile, env);
  if (user) layers.push([userFile, user]);
  // Project files: nearest folder wins, so push the farthest first.
  const project: Array<[string, Map<string, string>]> = [];
  const untrusted: string[] = [];
  if (ctx.workspaceRoot) {
    let dir = resolve(ctx.workspaceRoot);
    for (;;) {
      const file = join(dir, '.npmrc');
      if (file !== userFile) {
        const values = readNpmrc(file, ctx.trustProjectFiles ? env : undefined);
        if (values && ctx.trustProjectFiles) project.unshift([file, values]);
        else if (values) {
          const { kept, dropped } = locationsOnly(values);
          project.unshift([file, kept]);
          if (dropped) untrusted.unshift(file);
        }
      }
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  layers.push(...project, ['environment', envValues]);
  const values = new Map<string, string>();
  const files: string[] = [];
  for (const [file, layer] of layers) {
    if (layer.size && file !== 'environment') files.push(file);
    for (const [k, v] of layer) values.set(k, v);
  }
  const scopes = new Map<string, string>();
  for (const [k, v] of values) {
    const m = /^(@[^:/]+):registry$/.exec(k);
    if (m && isHttpUrl(v)) scopes.set(m[1].toLowerCase(), withSlash(v));
  }
  const reg = values.get('registry');
  return { registry: reg && isHttpUrl(reg) ? withSlash(reg) : undefined, scopes, values, files, untrusted };
}

/**
 * The registry for one package name: its scope's registry when configured, else the Vouch setting,
 * else the configured default, else `fallback` (npm's own default, asked once). Like npm's
 * `--registry`, the setting does not override a scope's registry.
 */
export function registryFor(config: NpmConfig, name: string, settingUrl?: string, fallback?: string): string | undefined {
  if (name.startsWith('@')) {
    const scoped = config.scopes.get(name.slice(0, name.indexOf('/')).toLowerCase());
    if (scoped) return scoped;
  }
  if (settingUrl && isHttpUrl(settingUrl)) return withSlash(settingUrl);
  return config.registry ?? (fallback && isHttpUrl(fallback) ? withSlash(fallback) : undefined);
}

/** The packument URL: npm escapes the slash of a scoped name. */
export function packumentUrl(registry: string, name: string): string {
  const escaped = name.startsWith('@') ? `@${encodeURIComponent(name.slice(1))}` : encodeURIComponent(name);
  return withSlash(registry) + escaped;
}

/** `//host[:port]/path/` of a URL's folder, the form `.npmrc` auth keys use. */
export function nerfDart(url: string): string {
  const u = new URL('.', url);
  return `//${u.host}${u.pathname}`;
}

/**
 * The Authorization header for a request URL, from the longest configured `//host/path/` prefix of
 * that same URL; never a credential of another host.
 */
export function authHeaderFor(config: NpmConfig, url: string): string | undefined {
  let key = nerfDart(url);
  while (key.length > 2 && key.includes('/', 2)) {
    const v = config.values;
    const token = v.get(`${key}:_authToken`);
    if (token) return `Bearer ${token}`;
    const basic = v.get(`${key}:_auth`);
    if (basic) return `Basic ${basic}`;
    const user = v.get(`${key}:username`);
    const pass = v.get(`${key}:_password`);
    if (user && pass) return `Basic ${Buffer.from(`${user}:${Buffer.from(pass, 'base64').toString('utf8')}`).toString('base64')}`;
    // `//host/a/b/` → `//host/a/` → `//host/`
    const next = key.replace(/[^/]+\/$/, '');
    if (next === key) break;
    key = next;
  }
  return undefined;
}

/**
 * npm's own default registry (its global config or built-in default), asked only when nothing is
 * configured. Runs in the home folder so no project file is involved; undefined when npm is absent.
 */
export function askNpmForRegistry(env: Env, homedir: string, timeoutMs = 5000): Promise<string | undefined> {
  return new Promise((done) => {
    const win = process.platform === 'win32';
    execFile(win ? 'npm.cmd' : 'npm', ['config', 'get', 'registry'], { cwd: homedir, env: env as NodeJS.ProcessEnv, timeout: timeoutMs, shell: win, windowsHide: true }, (err, stdout) => {
      const url = String(stdout ?? '').trim();
      done(!err && isHttpUrl(url) ? withSlash(url) : undefined);
    });
  });
}
