// Which Python package index to ask, read the way pip reads it: the Vouch setting, then
// `PIP_INDEX_URL`, then `index-url` in pip's configuration files (lowest first: global, user, site,
// `PIP_CONFIG_FILE`; `[install]` overrides `[global]`). No index host is written here: when nothing
// is configured the caller may ask pip for its own default (see `askPipForIndex`).
//
// Assumption: the index also serves PyPI's JSON API next to its Simple API, i.e. for an index URL
// `<base>/simple` (or devpi's `<base>/+simple`) a project's metadata is at `<base>/pypi/<name>/json`
// — true for PyPI itself and for common mirrors/proxies (e.g. Artifactory, Nexus, bandersnatch's
// JSON export). A URL without that suffix is taken as `<base>` directly.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Env } from './npm-config';

export interface PipConfigContext {
  env: Env;
  homedir: string;
  platform?: NodeJS.Platform;
  /** System-wide files; defaults to the platform's. Tests pass []. */
  systemFiles?: string[];
}

export interface PipIndex {
  /** The index URL as configured, credentials removed. */
  indexUrl: string;
  /** Base for `<base>pypi/<name>/json`, with a trailing slash. */
  jsonBase: string;
  /** Basic auth from `https://user:pass@host/…`, sent only to that host. */
  authorization?: string;
  /** Where it came from, for the log. */
  source: string;
}

/** `index-url` per section of a pip ini file. */
export function parsePipConf(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let section = '';
  let lastKey: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s+$/, '');
    if (!line.trim() || /^\s*[#;]/.test(line)) continue;
    const sec = /^\s*\[([^\]]+)\]/.exec(line);
    if (sec) {
      section = sec[1].trim().toLowerCase();
      lastKey = undefined;
      continue;
    }
    // Continuation lines (indented) extend multi-value options such as extra-index-url; ignored.
    if (/^\s/.test(line) && lastKey) continue;
    const m = /^\s*([^=:\s]+)\s*[=:]\s*(.*)$/.exec(line);
    if (!m) continue;
    lastKey = m[1].toLowerCase().replace(/_/g, '-');
    out.set(`${section}.${lastKey}`, m[2].trim());
  }
  return out;
}

function configFiles(ctx: PipConfigContext): string[] {
  const { env, homedir } = ctx;
  const platform = ctx.platform ?? process.platform;
  const files: string[] = [];
  if (ctx.systemFiles) files.push(...ctx.systemFiles);
  else if (platform === 'win32') files.push(join(env.ProgramData ?? 'C:\\ProgramData', 'pip', 'pip.ini'));
  else {
    for (const d of (env.XDG_CONFIG_DIRS || '/etc/xdg').split(':').filter(Boolean).reverse()) files.push(join(d, 'pip', 'pip.conf'));
    files.push('/etc/pip.conf');
  }
  if (platform === 'win32') {
    files.push(join(homedir, 'pip', 'pip.ini'));
    if (env.APPDATA) files.push(join(env.APPDATA, 'pip', 'pip.ini'));
  } else {
    files.push(join(homedir, '.pip', 'pip.conf'));
    if (platform === 'darwin') files.push(join(homedir, 'Library', 'Application Support', 'pip', 'pip.conf'));
    files.push(join(env.XDG_CONFIG_HOME || join(homedir, '.config'), 'pip', 'pip.conf'));
  }
  if (env.VIRTUAL_ENV) files.push(join(env.VIRTUAL_ENV, platform === 'win32' ? 'pip.ini' : 'pip.conf'));
  if (env.PIP_CONFIG_FILE) files.push(env.PIP_CONFIG_FILE);
  return files;
}

/** `<base>/simple[/]` → `<base>/`; credentials move to a Basic header. Undefined for non-http URLs. */
export function pipIndex(url: string, source: string): PipIndex | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
  const authorization = u.username
    ? `Basic ${Buffer.from(`${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`).toString('base64')}`
    : undefined;
  u.username = '';
  u.password = '';
  u.search = '';
  u.hash = '';
  const indexUrl = u.href;
  const path = u.pathname.replace(/\/+$/, '');
  u.pathname = (/\/\+?simple$/.test(path) ? path.replace(/\+?simple$/, '') : `${path}/`).replace(/\/*$/, '/');
  return { indexUrl, jsonBase: u.href, authorization, source };
}

/** The configured index, or undefined when neither the setting, the environment nor a file names one. */
export function resolvePipIndex(ctx: PipConfigContext, settingUrl?: string): PipIndex | undefined {
  if (settingUrl) {
    const idx = pipIndex(settingUrl, 'setting vouch.registry.pypiUrl');
    if (idx) return idx;
  }
  if (ctx.env.PIP_INDEX_URL) {
    const idx = pipIndex(ctx.env.PIP_INDEX_URL, 'PIP_INDEX_URL');
    if (idx) return idx;
  }
  let found: PipIndex | undefined;
  // pip treats PIP_CONFIG_FILE=os.devnull as "no files at all".
  if (ctx.env.PIP_CONFIG_FILE === '/dev/null' || ctx.env.PIP_CONFIG_FILE === 'nul') return undefined;
  for (const file of configFiles(ctx)) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const conf = parsePipConf(text);
    const url = conf.get('install.index-url') ?? conf.get('global.index-url');
    if (url) found = pipIndex(url, file) ?? found;
  }
  return found;
}

/** The JSON API URL of one project. */
export function pypiJsonUrl(index: PipIndex, normalizedName: string): string {
  return `${index.jsonBase}pypi/${encodeURIComponent(normalizedName)}/json`;
}

/**
 * pip's own default index, asked only when nothing is configured, from the `python3` on PATH (its
 * pip's built-in value); undefined when Python or pip is absent.
 */
export function askPipForIndex(env: Env, homedir: string, timeoutMs = 5000): Promise<string | undefined> {
  const code = 'from pip._internal.models.index import PyPI; print(PyPI.simple_url)';
  const python = process.platform === 'win32' ? 'python' : 'python3';
  return new Promise((done) => {
    execFile(python, ['-c', code], { cwd: homedir, env: env as NodeJS.ProcessEnv, timeout: timeoutMs, windowsHide: true }, (err, stdout) => {
      const url = String(stdout ?? '').trim();
      done(!err && /^https?:\/\//.test(url) ? url : undefined);
    });
  });
}
