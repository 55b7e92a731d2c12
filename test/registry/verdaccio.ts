// A real npm registry (Verdaccio) on 127.0.0.1 for the registry tests: random free port, temp
// storage, no uplinks (nothing leaves the machine), a user created through the CouchDB user API,
// and fixture packages published with the real `npm publish` against a temp user config — the
// developer's own ~/.npmrc and npm cache are never touched.
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => done(port));
    });
  });
}

/** Installs Verdaccio into the test cache once (see setup-verdaccio.sh); returns its executable. */
export function installVerdaccio(): string {
  const out = execFileSync('bash', [join(ROOT, 'test', 'registry', 'setup-verdaccio.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return out.trim().split('\n').pop() as string;
}

export interface FixturePackage {
  name: string;
  versions: string[];
  deprecate?: string;
}

export class Verdaccio {
  readonly dir = mkdtempSync(join(tmpdir(), 'vouch-verdaccio-'));
  url = '';
  port = 0;
  token = '';
  private proc: ChildProcess | undefined;

  /** Env for npm commands: temp user config and cache, this registry only. */
  get npmEnv(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
    return {
      ...env,
      npm_config_userconfig: join(this.dir, 'npmrc'),
      npm_config_cache: join(this.dir, 'npm-cache'),
      npm_config_registry: this.url,
      npm_config_fund: 'false',
      npm_config_audit: 'false',
      npm_config_update_notifier: 'false',
    };
  }

  async start(bin: string, extraPackages = ''): Promise<void> {
    this.port = await freePort();
    this.url = `http://127.0.0.1:${this.port}/`;
    const config = [
      `storage: ${JSON.stringify(join(this.dir, 'storage'))}`,
      'auth:',
      '  htpasswd:',
      `    file: ${JSON.stringify(join(this.dir, 'htpasswd'))}`,
      '    max_users: 10',
      'uplinks: {}',
      'packages:',
      extraPackages,
      "  '**':",
      '    access: $all',
      '    publish: $authenticated',
      '    unpublish: $authenticated',
      'web:',
      '  enable: false',
      'log: { type: stdout, format: pretty, level: error }',
      '',
    ].join('\n');
    writeFileSync(join(this.dir, 'config.yaml'), config);
    // Own process group, so `stop` ends Verdaccio and anything it started.
    this.proc = spawn(process.execPath, [bin, '--config', join(this.dir, 'config.yaml'), '--listen', `127.0.0.1:${this.port}`], {
      cwd: this.dir,
      env: { ...process.env, NODE_NO_WARNINGS: '1' },
      detached: true,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        const res = await fetch(`${this.url}-/ping`);
        if (res.ok) break;
      } catch {
        // not listening yet
      }
      if (this.proc.exitCode !== null) throw new Error(`verdaccio exited with ${this.proc.exitCode}`);
      if (Date.now() > deadline) throw new Error('verdaccio did not answer /-/ping within 30 s');
      await new Promise((r) => setTimeout(r, 150));
    }
    await this.addUser('vouch', 'vouch-test-password');
  }

  private async addUser(name: string, password: string): Promise<void> {
    const res = await fetch(`${this.url}-/user/org.couchdb.user:${name}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ _id: `org.couchdb.user:${name}`, name, password, type: 'user', roles: [], date: new Date().toISOString() }),
    });
    const body = (await res.json()) as { token?: string };
    if (!body.token) throw new Error(`verdaccio adduser failed: HTTP ${res.status} ${JSON.stringify(body)}`);
    this.token = body.token;
    writeFileSync(join(this.dir, 'npmrc'), `registry=${this.url}\n//127.0.0.1:${this.port}/:_authToken=${this.token}\n`);
  }

  async publish(pkg: FixturePackage): Promise<void> {
    const dir = join(this.dir, 'packages', pkg.name.replace('/', '__'));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'index.js'), 'module.exports = {};\n');
    for (const version of pkg.versions) {
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: pkg.name, version, main: 'index.js', license: 'MIT' }));
      await run('npm', ['publish', '--registry', this.url, '--access', 'public', '--tag', 'latest', '--ignore-scripts'], { cwd: dir, env: this.npmEnv });
    }
    if (pkg.deprecate) {
      await run('npm', ['deprecate', `${pkg.name}@*`, pkg.deprecate, '--registry', this.url], { cwd: this.dir, env: this.npmEnv });
    }
  }

  /**
   * Rewrites a published package's history in the registry's storage as if its versions had been
   * published from `since` on, one a year: Verdaccio reads the stored document on every request, so
   * fixtures can stand for long-established packages (a registry that answers only what was
   * published today would make every package look new).
   */
  backdate(name: string, since: string): void {
    const file = join(this.dir, 'storage', name, 'package.json');
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { time?: Record<string, string>; versions?: Record<string, unknown> };
    const start = Date.parse(since);
    const year = 365 * 24 * 3600_000;
    const time: Record<string, string> = { created: new Date(start).toISOString() };
    Object.keys(doc.versions ?? {}).forEach((v, i) => (time[v] = new Date(start + i * year).toISOString()));
    time.modified = new Date(start + Math.max(0, Object.keys(doc.versions ?? {}).length - 1) * year).toISOString();
    writeFileSync(file, JSON.stringify({ ...doc, time }));
  }

  /** Ends Verdaccio's whole process group and waits for it. */
  async stop(): Promise<void> {
    const p = this.proc;
    this.proc = undefined;
    if (!p || p.exitCode !== null || p.pid === undefined) return;
    const exited = new Promise((r) => p.once('exit', r));
    try {
      process.kill(-p.pid, 'SIGTERM');
    } catch {
      p.kill('SIGTERM');
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-(p.pid as number), 'SIGKILL');
      } catch {
        // already gone
      }
    }, 5000);
    await exited;
    clearTimeout(timer);
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
