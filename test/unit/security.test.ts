// SECURITY.md held to its word: every test file it names exists and every promise names one; and the
// promises a look at the source can settle are checked here — nothing evaluates code, the only
// programs started are the fixed few (git only in trusted workspaces), and only the registry client
// touches the network.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';
import { osUser, reviewerFor } from '../../server/src/review/identity';

const ROOT = join(__dirname, '..', '..');
const SECURITY = readFileSync(join(ROOT, 'SECURITY.md'), 'utf8');
/** Sections whose every bullet is a promise that must name its test. */
const PROMISE_SECTIONS = ['What Vouch trusts', 'What Vouch never does', 'Limits it enforces'];
const TEST_PATH = /`(test\/[\w./-]+\.(?:ts|mjs))`/g;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : /\.tsx?$/.test(name) ? [p] : [];
  });
}
const rel = (p: string) => relative(ROOT, p).split(sep).join('/');
const SOURCES = ['server/src', 'cli/src', 'client/src'].flatMap((d) => walk(join(ROOT, d)));
const sourceFile = (p: string) => ts.createSourceFile(p, readFileSync(p, 'utf8'), ts.ScriptTarget.Latest, true);

/** Bullets ("- …", continued on indented lines) of one `## ` section. */
function bullets(section: string): string[] {
  const start = SECURITY.indexOf(`\n## ${section}\n`);
  assert.ok(start !== -1, `SECURITY.md has no section "${section}"`);
  const end = SECURITY.indexOf('\n## ', start + 1);
  const body = SECURITY.slice(start, end === -1 ? undefined : end);
  return body.split(/\n(?=- )/).slice(1).map((b) => b.split(/\n(?! )/)[0]);
}

/** Module names a file imports (declarations, `import()`, `require()`). */
const importsOf = (p: string) => ts.preProcessFile(readFileSync(p, 'utf8'), true, true).importedFiles.map((f) => f.fileName.replace(/^node:/, ''));

/** Calls and `new` expressions in a file whose callee is a bare identifier. */
function calledNames(p: string): Array<{ name: string; isNew: boolean }> {
  const out: Array<{ name: string; isNew: boolean }> = [];
  const visit = (n: ts.Node): void => {
    if ((ts.isCallExpression(n) || ts.isNewExpression(n)) && ts.isIdentifier(n.expression)) out.push({ name: n.expression.text, isNew: ts.isNewExpression(n) });
    ts.forEachChild(n, visit);
  };
  visit(sourceFile(p));
  return out;
}

/** Whether a file refers to the global `name` as a value (not as a member, a key or in a type). */
function usesGlobal(p: string, name: string): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n) && n.text === name) {
      const parent = n.parent;
      const member = (ts.isPropertyAccessExpression(parent) && parent.name === n) || ((ts.isPropertyAssignment(parent) || ts.isPropertySignature(parent) || ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent)) && parent.name === n);
      if (!member && !ts.isTypeQueryNode(parent)) found = true;
    }
    ts.forEachChild(n, visit);
  };
  visit(sourceFile(p));
  return found;
}

describe('SECURITY.md', () => {
  it('names only test files that exist', () => {
    const named = [...SECURITY.matchAll(TEST_PATH)].map((m) => m[1]);
    assert.ok(named.length > 10, 'SECURITY.md names its tests');
    assert.deepEqual([...new Set(named)].filter((p) => !existsSync(join(ROOT, p))), []);
  });

  it('every promise names the test that checks it', () => {
    for (const section of PROMISE_SECTIONS) {
      const list = bullets(section);
      assert.ok(list.length > 0, section);
      for (const b of list) assert.match(b, new RegExp(TEST_PATH.source), `${section}: "${b.slice(0, 80)}…" names no test`);
    }
  });

  it('is linked from the README', () => {
    assert.match(readFileSync(join(ROOT, 'README.md'), 'utf8'), /\]\(SECURITY\.md\)/);
  });
});

describe('security promises checked in the source', () => {
  it('nothing evaluates code: no eval, no new Function, and vm only to run its own bundle', () => {
    const found = SOURCES.flatMap((p) => [
      ...calledNames(p).filter((c) => c.name === 'eval' || (c.name === 'Function')).map((c) => `${rel(p)}: ${c.isNew ? 'new ' : ''}${c.name}`),
      ...importsOf(p).filter((m) => m === 'vm').map(() => `${rel(p)}: imports vm`),
    ]);
    assert.deepEqual(found, ['server/src/io/code-cache.ts: imports vm']);
    // What it runs: the launchers' own bundle, a fixed name beside them; nothing else calls it.
    const callers = SOURCES.filter((p) => calledNames(p).some((c) => c.name === 'runBundle')).map(rel).sort();
    assert.deepEqual(callers, ['cli/src/launch.ts', 'server/src/launch.ts']);
    for (const p of ['cli/src/launch.ts', 'server/src/launch.ts']) {
      assert.match(readFileSync(join(ROOT, p), 'utf8'), /runBundle\(join\(__dirname, '[\w-]+\.js'\), /, p);
    }
  });

  it('programs are started only by execFile(Sync), from four files, with fixed program names', () => {
    const starters = SOURCES.filter((p) => importsOf(p).includes('child_process')).map(rel).sort();
    assert.deepEqual(starters, ['server/src/registry/npm-config.ts', 'server/src/registry/pip-config.ts', 'server/src/review/attest.ts', 'server/src/review/identity.ts']);
    for (const p of starters) {
      const text = readFileSync(join(ROOT, p), 'utf8');
      // ssh-keygen signs inside the ledger's (synchronous) append, so attest.ts uses the sync form.
      const allowed = p.endsWith('attest.ts') ? ['execFileSync'] : ['execFile'];
      assert.deepEqual([...text.matchAll(/import \{([^}]*)\} from 'node:child_process'/g)].map((m) => m[1].trim()), allowed, p);
      const programs = [...text.matchAll(/execFile(?:Sync)?\(([^,]+),/g)].map((m) => m[1].trim());
      assert.ok(programs.length > 0 && programs.every((x) => /^(?:'git'|win \? 'npm\.cmd' : 'npm'|python|'ssh-keygen')$/.test(x)), `${p}: ${programs.join(', ')}`);
    }
    // npm and python run in the home folder, never in the workspace.
    for (const p of starters.filter((x) => x.includes('registry/'))) assert.match(readFileSync(join(ROOT, p), 'utf8'), /execFile\([^)]*\{ cwd: homedir,/, p);
  });

  it('git is not run in an untrusted workspace: the reviewer is the OS user', async () => {
    assert.deepEqual(await reviewerFor(ROOT, false), osUser());
  });

  it('only the registry client touches the network', () => {
    const net = new Set(['http', 'https', 'http2', 'net', 'tls', 'dgram', 'undici']);
    const importers = SOURCES.filter((p) => importsOf(p).some((m) => net.has(m))).map(rel);
    assert.deepEqual(importers, []);
    // The global `fetch` as a value (called, passed or stored), not a property or a word in a message.
    const fetchers = SOURCES.filter((p) => /\bfetch\b/.test(readFileSync(p, 'utf8')) && usesGlobal(p, 'fetch')).map(rel);
    assert.deepEqual(fetchers, ['server/src/registry/client.ts']);
  });
});
