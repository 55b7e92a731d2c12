// Idempotent setup, cached in bench/.work: the build, the npm corpus, Django's sources, the peers,
// and the synthetic files for the latency runs. Each step records a stamp and is skipped when it matches.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { CLI, CORPUS, FILES, PEERS, REPO, SERVER, WORK, gnuTime, listTree, log, run, shippedServer, which } from './common.mjs';
import { makeSyntheticFiles } from './synthetic.mjs';

// Big published JS/TS packages: ~3,800 files, ~39 MB once declarations and minified files are dropped.
export const CORPUS_PACKAGES = [
  '@babel/core@7.29.13', '@babel/parser@7.29.15', '@babel/traverse@7.29.15', '@babel/generator@7.29.15',
  '@babel/types@7.29.15', 'webpack@5.113.0', 'rxjs@7.8.2', 'eslint@10.15.0', 'prettier@3.10.1',
  'three@0.187.0', '@angular/core@21.2.26',
];
// secretlint is pinned to 13: 12.0.0 has a quadratic slowdown. The SDL plugin needs ESLint 9.
export const PEER_PACKAGES = [
  'eslint@9.39.5', 'eslint-plugin-security@4.1.0', '@microsoft/eslint-plugin-sdl@1.1.0', 'typescript-eslint@8.74.0',
  'typescript@5.9.3', 'secretlint@13.0.6', '@secretlint/secretlint-rule-preset-recommend@13.1.0',
];
const CORPUS_VERSION = 3; // bump when the file selection below changes
const QUICK_JS = 300;
const QUICK_PY = 100;

const CODE_EXT = /\.(js|mjs|cjs|jsx|ts|mts|cts|tsx)$/;
const DECLARATION = /\.d\.[mc]?ts$/;
// Vouch's built-in excludes (generated/minified names) — such files are dropped for every tool alike.
const GENERATED_NAME = /\.(min|bundle)\.js$|\.generated\.|\.g\.ts$/;
// Folder names Vouch's walker never enters; renamed (prefixed with "_") so the copy keeps them.
const EXCLUDED_DIRS = new Set(['node_modules', 'dist', 'build', 'out', 'coverage', 'vendor', 'third_party', '.venv', 'venv',
  '__pycache__', '.next', '.git', '.hg', '.svn', '.tox', '.mypy_cache', '.e2e-cache']);

function readStamp(name) {
  try {
    return readFileSync(join(WORK, 'stamps', name), 'utf8');
  } catch {
    return undefined;
  }
}
function writeStamp(name, value) {
  mkdirSync(join(WORK, 'stamps'), { recursive: true });
  writeFileSync(join(WORK, 'stamps', name), value);
}

/** Same limits as Vouch's input checks: too large, binary, invalid UTF-8 or minified files are left out. */
function usable(abs) {
  const bytes = readFileSync(abs);
  if (bytes.length > 2_000_000 || bytes.includes(0)) return false;
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  if (text.length > 20_000) {
    let lines = 1;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lines++;
    if (text.length / lines > 500) return false;
  }
  return true;
}

function plainRel(rel) {
  const parts = rel.split(sep);
  return parts.map((p, i) => (i < parts.length - 1 && EXCLUDED_DIRS.has(p) ? `_${p}` : p)).join('/');
}

/** Copies the files of `from` accepted by `keep` into `to`, renaming excluded folder names. */
function copyTree(from, to, keep) {
  let n = 0;
  for (const abs of listTree(from)) {
    const rel = relative(from, abs);
    if (rel.split(sep).includes('node_modules') || !keep(abs) || !usable(abs)) continue;
    const dest = join(to, plainRel(rel));
    mkdirSync(dirname(dest), { recursive: true });
    copyFileSync(abs, dest);
    n++;
  }
  return n;
}

function subset(fromDir, toDir, count) {
  rmSync(toDir, { recursive: true, force: true });
  const all = listTree(fromDir);
  const step = Math.max(1, Math.floor(all.length / count));
  for (let i = 0; i < all.length; i += step) {
    const dest = join(toDir, relative(fromDir, all[i]));
    mkdirSync(dirname(dest), { recursive: true });
    copyFileSync(all[i], dest);
  }
}

async function npmInstall(prefix, specs, stampName) {
  const stamp = JSON.stringify(specs);
  if (readStamp(stampName) === stamp && existsSync(join(prefix, 'node_modules'))) return false;
  mkdirSync(prefix, { recursive: true });
  writeFileSync(join(prefix, 'package.json'), JSON.stringify({ name: `vouch-bench-${stampName}`, private: true }, null, 2));
  log(`npm install into ${relative(REPO, prefix)}: ${specs.join(' ')}`);
  const r = await run('npm', ['install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', '--prefix', prefix, ...specs], { timeoutMs: 600_000 });
  if (r.code !== 0) throw new Error(`npm install failed: ${r.stderr.slice(-2000)}`);
  writeStamp(stampName, stamp);
  return true;
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

let aptUpdated = false;
async function aptInstall(pkgs) {
  if (!isRoot() || !which('apt-get')) return 'apt-get unavailable (needs root on Debian)';
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    await run('apt-get', ['update'], { env, timeoutMs: 300_000 });
    aptUpdated = true;
  }
  log(`apt-get install ${pkgs.join(' ')}`);
  const r = await run('apt-get', ['install', '-y', '--no-install-recommends', ...pkgs], { env, timeoutMs: 600_000 });
  return r.code === 0 ? undefined : `apt-get install ${pkgs.join(' ')} failed: ${r.stderr.trim().split('\n').pop()}`;
}

/** Django's sources from Debian's python3-django: the folder that holds django/__init__.py. */
async function djangoDir() {
  const find = () => {
    const r = spawnSync('dpkg', ['-L', 'python3-django'], { encoding: 'utf8' });
    const init = r.status === 0 ? r.stdout.split('\n').find((l) => l.endsWith('/django/__init__.py')) : undefined;
    return init ? dirname(init) : undefined;
  };
  let dir = find();
  if (!dir) {
    const err = await aptInstall(['python3-django']);
    dir = find();
    if (!dir) throw new Error(err ?? 'python3-django has no django/__init__.py');
  }
  return dir;
}

/**
 * gitleaks: on PATH, else Debian's package (apt), else — on a Debian release that lacks it (bookworm) —
 * the .deb of the next release fetched with apt from the mirror already configured, unpacked into .work.
 */
async function gitleaksBin() {
  const local = join(PEERS, 'gitleaks', 'usr', 'bin', 'gitleaks');
  const found = which('gitleaks') ?? (existsSync(local) ? local : undefined);
  if (found) return { bin: found };
  const err = await aptInstall(['gitleaks']);
  if (!err && which('gitleaks')) return { bin: which('gitleaks') };
  const sources = ['/etc/apt/sources.list.d/debian.sources', '/etc/apt/sources.list']
    .filter(existsSync).map((f) => readFileSync(f, 'utf8')).join('\n');
  const mirror = /^URIs:\s*(\S+)/m.exec(sources)?.[1] ?? /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+\S+\s+main/m.exec(sources)?.[1];
  if (!mirror || !isRoot()) return { error: 'gitleaks is not packaged for this Debian release and no apt mirror is usable' };
  const apt = join(WORK, 'apt-next');
  mkdirSync(join(apt, 'lists', 'partial'), { recursive: true });
  writeFileSync(join(apt, 'next.sources'),
    `Types: deb\nURIs: ${mirror}\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n`);
  const opts = ['-o', 'Dir::Etc::SourceList=/dev/null', '-o', `Dir::Etc::SourceParts=${apt}`, '-o', `Dir::State::Lists=${join(apt, 'lists')}`,
    '-o', `Dir::Cache=${join(apt, 'cache')}`, '-o', 'Debug::NoLocking=1'];
  log('gitleaks is not in this Debian release: fetching the trixie package with apt-get download');
  await run('apt-get', [...opts, 'update'], { timeoutMs: 300_000 });
  const dl = await run('apt-get', [...opts, 'download', 'gitleaks'], { cwd: apt, timeoutMs: 300_000 });
  const deb = listTree(apt).find((f) => /\/gitleaks_[^/]*\.deb$/.test(f));
  if (dl.code !== 0 || !deb) return { error: `apt-get download gitleaks failed: ${dl.stderr.trim().split('\n').pop()}` };
  const x = spawnSync('dpkg', ['-x', deb, join(PEERS, 'gitleaks')], { encoding: 'utf8' });
  if (x.status !== 0 || !existsSync(local)) return { error: `dpkg -x failed: ${x.stderr}` };
  return { bin: local };
}

function secretlintConfig() {
  const file = join(PEERS, '.secretlintrc.json');
  writeFileSync(file, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }, null, 2) + '\n');
  return file;
}

/**
 * Everything the measurements need. Returns the paths, the peers that are available (or why not),
 * and the seconds setup took. Never throws for a peer: its entry carries the reason instead.
 */
export async function setup({ quick }) {
  const t0 = performance.now();
  mkdirSync(WORK, { recursive: true });
  const peers = {};

  if (!existsSync(SERVER) || !existsSync(CLI)) {
    log('server/out or cli/out missing: npm run build');
    const r = await run('npm', ['run', 'build'], { cwd: REPO, timeoutMs: 600_000 });
    if (r.code !== 0) throw new Error(`npm run build failed: ${r.stderr.slice(-2000)}`);
  }
  log('the shipped server: esbuild.mjs --production --out bench/.work/shipped');
  shippedServer();

  // JS/TS corpus from npm.
  const jsDir = join(CORPUS, 'src');
  await npmInstall(CORPUS, CORPUS_PACKAGES, 'corpus-npm');
  const jsStamp = JSON.stringify({ v: CORPUS_VERSION, p: CORPUS_PACKAGES });
  if (readStamp('corpus-js') !== jsStamp || !existsSync(jsDir)) {
    rmSync(jsDir, { recursive: true, force: true });
    for (const spec of CORPUS_PACKAGES) {
      const name = spec.slice(0, spec.lastIndexOf('@'));
      const n = copyTree(join(CORPUS, 'node_modules', name), join(jsDir, name),
        (abs) => CODE_EXT.test(abs) && !DECLARATION.test(abs) && !GENERATED_NAME.test(abs));
      log(`corpus: ${name} ${n} files`);
    }
    subset(jsDir, join(CORPUS, 'quick-src'), QUICK_JS);
    writeStamp('corpus-js', jsStamp);
  }

  // Python corpus: Django from Debian.
  const pyDir = join(CORPUS, 'py');
  let pyError;
  try {
    const django = await djangoDir();
    const pyStamp = JSON.stringify({ v: CORPUS_VERSION, django, mtime: statSync(join(django, '__init__.py')).mtimeMs });
    if (readStamp('corpus-py') !== pyStamp || !existsSync(pyDir)) {
      rmSync(pyDir, { recursive: true, force: true });
      const n = copyTree(django, join(pyDir, 'django'), (abs) => abs.endsWith('.py'));
      log(`corpus: django ${n} files`);
      subset(pyDir, join(CORPUS, 'quick-py'), QUICK_PY);
      writeStamp('corpus-py', pyStamp);
    }
  } catch (e) {
    pyError = `Django sources unavailable: ${e.message}`;
  }

  // Peers.
  try {
    await npmInstall(PEERS, PEER_PACKAGES, 'peers-npm');
    peers.eslint = { bin: join(PEERS, 'node_modules', 'eslint', 'bin', 'eslint.js'), config: join(REPO, 'bench', 'lib', 'eslint.config.mjs') };
    peers.secretlint = { bin: join(PEERS, 'node_modules', 'secretlint', 'bin', 'secretlint.js'), config: secretlintConfig() };
  } catch (e) {
    peers.eslint = { error: `npm install of the peers failed: ${e.message.split('\n')[0]}` };
    peers.secretlint = peers.eslint;
  }
  peers.gitleaks = await gitleaksBin().catch((e) => ({ error: e.message }));
  let bandit = which('bandit');
  if (!bandit) {
    const err = await aptInstall(['python3-bandit']);
    bandit = which('bandit');
    if (!bandit) peers.bandit = { error: err ?? 'bandit not found after installing python3-bandit' };
  }
  if (bandit) peers.bandit = { bin: bandit };

  // Peak RSS and CPU time of non-Node tools need GNU time; without it only Node tools get them.
  if (!gnuTime()) await aptInstall(['time']);

  const synthetic = makeSyntheticFiles(jsDir, pyError ? undefined : pyDir, FILES);
  const seconds = (performance.now() - t0) / 1000;
  return {
    seconds,
    peers,
    js: { dir: quick ? join(CORPUS, 'quick-src') : jsDir },
    py: pyError ? { error: pyError } : { dir: quick ? join(CORPUS, 'quick-py') : pyDir },
    synthetic,
    versions: installedVersions(peers.gitleaks),
  };
}

function debVersion(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Version}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout ? r.stdout : undefined;
}

function installedVersions(gitleaks) {
  const v = {};
  v['python3-django (deb)'] = debVersion('python3-django');
  v['python3-bandit (deb)'] = debVersion('python3-bandit');
  const deb = gitleaks?.bin?.startsWith(PEERS) ? listTree(join(WORK, 'apt-next')).find((f) => /\/gitleaks_[^/]*\.deb$/.test(f)) : undefined;
  v['gitleaks (deb)'] = deb ? /gitleaks_([^_]+)_/.exec(deb)[1] : debVersion('gitleaks');
  const read = (dir, name) => {
    try {
      return JSON.parse(readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8')).version;
    } catch {
      return undefined;
    }
  };
  for (const s of CORPUS_PACKAGES) v[`corpus:${s.slice(0, s.lastIndexOf('@'))}`] = read(CORPUS, s.slice(0, s.lastIndexOf('@')));
  for (const s of PEER_PACKAGES) v[s.slice(0, s.lastIndexOf('@'))] = read(PEERS, s.slice(0, s.lastIndexOf('@')));
  return v;
}
