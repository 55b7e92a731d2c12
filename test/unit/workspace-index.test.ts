// The workspace index behind cross-file summaries: which file an import names (JS/TS and Python), and
// the memo per path, content and key, with big files skipped.
import assert from 'node:assert/strict';
import type { ProjectService, WorkspaceIndex } from '../../server/src/core/services';
import { folderFacts } from '../../server/src/detectors/shared/folder-facts';
import { MemoryProject } from '../../server/src/project/memory-project';
import { jsCandidates, MAX_INDEXED_BYTES, ProjectIndex, pyCandidates } from '../../server/src/project/workspace-index';

export function memoryProject(files: Record<string, string>): ProjectService & { reads: number } {
  const p = {
    reads: 0,
    readFile(rel: string) {
      p.reads++;
      return files[rel];
    },
    exists: (rel: string) => rel in files,
    list: () => undefined,
  };
  return p;
}

describe('project/workspace-index: resolution', () => {
  const index = new ProjectIndex(memoryProject({
    'src/util.ts': '', 'src/lib/db/index.js': '', 'src/esm.ts': '', 'src/a.mjs': '', 'src/view.tsx': '', 'lib/shared.js': '',
    'app/__init__.py': '', 'app/helpers.py': '', 'app/utils/__init__.py': '', 'app/api/routes.py': '', 'app/api/clean.py': '',
    'backend/svc/core.py': '', 'backend/main.py': '',
  }));
  const js = (from: string, spec: string) => index.resolve(from, spec, 'js');
  const py = (from: string, spec: string) => index.resolve(from, spec, 'python');

  it('resolves relative JS/TS specifiers: extensions, index files, the TS file of a .js specifier', () => {
    assert.equal(js('src/app.js', './util'), 'src/util.ts');
    assert.equal(js('src/routes/users.js', '../lib/db'), 'src/lib/db/index.js');
    assert.equal(js('src/app.ts', './esm.js'), 'src/esm.ts');
    assert.equal(js('src/app.js', './a.mjs'), 'src/a.mjs');
    assert.equal(js('src/app.ts', './view'), 'src/view.tsx');
    assert.equal(js('src/app.js', '../lib/shared.js'), 'lib/shared.js');
  });

  it('does not resolve packages, missing files or paths outside the workspace', () => {
    assert.equal(js('src/app.js', 'express'), undefined);
    assert.equal(js('src/app.js', './missing'), undefined);
    assert.equal(js('app.js', '../outside'), undefined);
    assert.deepEqual(jsCandidates('a.js', '../../etc/passwd'), []);
  });

  it('resolves Python relative and absolute modules, packages by __init__.py', () => {
    assert.equal(py('app/routes.py', '.helpers'), 'app/helpers.py');
    assert.equal(py('app/api/routes.py', '.clean'), 'app/api/clean.py');
    assert.equal(py('app/api/routes.py', '..helpers'), 'app/helpers.py');
    assert.equal(py('app/api/routes.py', '..utils'), 'app/utils/__init__.py');
    assert.equal(py('main.py', 'app.helpers'), 'app/helpers.py');
    assert.equal(py('main.py', 'app.utils'), 'app/utils/__init__.py');
    // A folder above the file is a root too (src layouts, one service of a monorepo).
    assert.equal(py('backend/main.py', 'svc.core'), 'backend/svc/core.py');
  });

  it('does not resolve Python modules that are not workspace files, nor relative ones above the root', () => {
    assert.equal(py('app/routes.py', 'flask'), undefined);
    assert.equal(py('app/routes.py', '.missing'), undefined);
    assert.deepEqual(pyCandidates('app/routes.py', '...x'), []);
  });
});

describe('project/workspace-index: derived data', () => {
  it('memoises per path, content and key, and recomputes when the content changes', () => {
    const files: Record<string, string> = { 'a.js': 'one' };
    const index = new ProjectIndex(memoryProject(files));
    const key = {};
    let runs = 0;
    const derive = (text: string) => (runs++, text.toUpperCase());
    assert.equal(index.derived('a.js', key, derive), 'ONE');
    assert.equal(index.derived('a.js', key, derive), 'ONE');
    assert.equal(runs, 1);
    assert.equal(index.derived('a.js', {}, derive), 'ONE');
    assert.equal(runs, 2);
    files['a.js'] = 'two';
    assert.equal(index.derived('a.js', key, derive), 'TWO');
    assert.equal(runs, 3);
  });

  it('skips files over the size limit and missing files; a derive that throws yields undefined', () => {
    const index = new ProjectIndex(memoryProject({ 'big.js': 'x'.repeat(MAX_INDEXED_BYTES + 1), 'bad.js': 'x' }));
    let runs = 0;
    assert.equal(index.derived('big.js', {}, () => ++runs), undefined);
    assert.equal(index.derived('none.js', {}, () => ++runs), undefined);
    assert.equal(runs, 0);
    assert.equal(index.derived('bad.js', {}, () => {
      throw new Error('boom');
    }), undefined);
  });
});

/** A project that versions its files (as FsProject does by a stat): counts whole reads and version asks. */
function versionedProject(files: Record<string, string>, versions: Record<string, number> = {}): ProjectService & { reads: number; stats: number } {
  const p = {
    reads: 0,
    stats: 0,
    readFile(rel: string) {
      p.reads++;
      return files[rel];
    },
    version(rel: string) {
      p.stats++;
      return rel in files ? { key: `v${versions[rel] ?? 0}`, size: files[rel].length } : undefined;
    },
    exists: (rel: string) => rel in files,
    list: () => undefined,
  };
  return p;
}

describe('project/workspace-index: a project that versions files', () => {
  it('keys the memo by version: reads a text only to derive from it, again only when the version changes', () => {
    const files: Record<string, string> = { 'a.js': 'one' };
    const versions: Record<string, number> = {};
    const project = versionedProject(files, versions);
    const index = new ProjectIndex(project);
    const key = {};
    const derive = (text: string) => text.toUpperCase();
    assert.equal(index.derived('a.js', key, derive), 'ONE');
    assert.equal(index.derived('a.js', key, derive), 'ONE');
    assert.deepEqual(index.cached('a.js', key), { value: 'ONE' });
    assert.equal(project.reads, 1);
    files['a.js'] = 'two';
    assert.equal(index.derived('a.js', key, derive), 'ONE', 'the same version: the memo answers');
    versions['a.js'] = 1;
    assert.equal(index.cached('a.js', key), undefined);
    assert.equal(index.derived('a.js', key, derive), 'TWO');
    assert.equal(project.reads, 2);
  });

  it('skips files whose size is over the limit without reading them', () => {
    const project = versionedProject({ 'big.js': 'x'.repeat(MAX_INDEXED_BYTES + 1) });
    assert.equal(new ProjectIndex(project).derived('big.js', {}, () => 1), undefined);
    assert.equal(project.reads, 0);
  });

  it('resolves imports by version, reading no file', () => {
    const project = versionedProject({ 'src/util.ts': 'export {}', 'app/helpers.py': '' });
    const index = new ProjectIndex(project);
    assert.equal(index.resolve('src/app.js', './util', 'js'), 'src/util.ts');
    assert.equal(index.resolve('app/routes.py', '.helpers', 'python'), 'app/helpers.py');
    assert.equal(index.resolve('src/app.js', './missing', 'js'), undefined);
    assert.equal(project.reads, 0);
    assert.ok(project.stats > 0);
  });
});

describe('project/workspace-index: folder facts', () => {
  const files: Record<string, string> = {
    'pkg/package.json': '{}', 'pkg/a.js': 'alpha', 'pkg/lib/b.ts': 'beta', 'pkg/c.py': 'gamma', 'other/d.js': 'delta',
  };
  const project = new MemoryProject(files);

  it('combines what is derived from each listed file under the folder that the pattern accepts, once per listing and key', () => {
    const index = new ProjectIndex(project);
    const key = {};
    let combines = 0;
    const derived: string[] = [];
    const ask = (dir: string) => index.folderFacts(dir, key, /\.[jt]s$/, (text, path) => (derived.push(path), text.length), (facts) => (combines++, facts));
    assert.deepEqual(ask('pkg/'), [['pkg/a.js', 5], ['pkg/lib/b.ts', 4]]);
    assert.deepEqual(ask('pkg/'), [['pkg/a.js', 5], ['pkg/lib/b.ts', 4]]);
    assert.equal(combines, 1);
    assert.deepEqual([...ask('')].sort(), [['other/d.js', 5], ['pkg/a.js', 5], ['pkg/lib/b.ts', 4]]);
    assert.equal(combines, 2);
    assert.deepEqual(derived.sort(), ['other/d.js', 'pkg/a.js', 'pkg/lib/b.ts'], 'each file derived once, for both folders');
    index.folderFacts('pkg/', {}, /\.js$/, () => 0, () => combines++);
    assert.equal(combines, 3, 'another key is another question');
  });

  it("is asked the same through the detectors' helper, which walks `derived` where an index has no folder memo (the report's recording index)", () => {
    const index = new ProjectIndex(project);
    const seen: string[] = [];
    const recording: WorkspaceIndex = {
      resolve: () => undefined,
      files: () => index.files(),
      derived: (rel, key, derive) => (seen.push(rel), index.derived(rel, key, derive)),
    };
    const key = {};
    const length = (t: string) => t.length;
    const sum = (facts: ReadonlyArray<readonly [string, number]>) => facts.reduce((n, [, v]) => n + v, 0);
    assert.equal(folderFacts(index, 'pkg/', key, /\.[jt]s$/, length, sum), 9);
    assert.equal(folderFacts(recording, 'pkg/', key, /\.[jt]s$/, length, sum), 9);
    assert.deepEqual(seen, ['pkg/a.js', 'pkg/lib/b.ts'], 'every file the answer depends on is read through the recording index');
  });

  it("asks a project's folders again once a listing is older than its lifetime; a scan's snapshot keeps its first", () => {
    const live = new MemoryProject({ 'a.js': '' });
    const editor = new ProjectIndex(live, { filesTtlMs: 0 });
    const snapshot = new ProjectIndex(live, { filesTtlMs: Infinity });
    assert.deepEqual([editor.files(), snapshot.files()], [['a.js'], ['a.js']]);
    live.set('b.js', '');
    assert.deepEqual([...editor.files()].sort(), ['a.js', 'b.js']);
    assert.deepEqual(snapshot.files(), ['a.js']);
  });

  it('leaves out files whose derived value is undefined', () => {
    const index = new ProjectIndex(project);
    assert.deepEqual(index.folderFacts('pkg/', {}, /\.[jt]s$/, (t) => (t === 'beta' ? undefined : t), (facts) => facts), [['pkg/a.js', 'alpha']]);
  });
});

describe('project/workspace-index: derived elsewhere (derivedAsync, cached)', () => {
  it('shares the memo with derived: an answer is kept per path, content and key, and read back by cached', async () => {
    const files: Record<string, string> = { 'a.js': 'one' };
    const index = new ProjectIndex(memoryProject(files));
    const key = {};
    let runs = 0;
    const derive = async (text: string) => (runs++, { value: text.toUpperCase() });
    assert.equal(index.cached('a.js', key), undefined);
    assert.equal(await index.derivedAsync('a.js', key, derive), 'ONE');
    assert.deepEqual(index.cached('a.js', key), { value: 'ONE' });
    assert.equal(index.derived('a.js', key, () => 'never'), 'ONE');
    assert.equal(await index.derivedAsync('a.js', key, derive), 'ONE');
    assert.equal(runs, 1);
    files['a.js'] = 'two';
    assert.equal(index.cached('a.js', key), undefined);
    assert.equal(await index.derivedAsync('a.js', key, derive), 'TWO');
    assert.equal(runs, 2);
  });

  it('does not keep an answer that gave up, nor one derived from a text that changed meanwhile; a throw keeps "nothing"', async () => {
    const files: Record<string, string> = { 'a.js': 'one', 'bad.js': 'x' };
    const index = new ProjectIndex(memoryProject(files));
    const key = {};
    assert.equal(await index.derivedAsync('a.js', key, async () => undefined), undefined);
    assert.equal(index.cached('a.js', key), undefined);
    const stale = await index.derivedAsync('a.js', key, async (text) => {
      files['a.js'] = 'changed';
      index.cached('a.js', key); // the index sees the new text while the answer is on its way
      return { value: text };
    });
    assert.equal(stale, 'one');
    assert.equal(index.cached('a.js', key), undefined);
    assert.equal(await index.derivedAsync('bad.js', key, async () => {
      throw new Error('boom');
    }), undefined);
    assert.deepEqual(index.cached('bad.js', key), { value: undefined });
    assert.equal(await index.derivedAsync('none.js', key, async () => ({ value: 1 })), undefined);
  });
});

describe('project/workspace-index: monorepo packages and the list of sources', () => {
  const files = {
    'package.json': JSON.stringify({ workspaces: ['packages/*', 'apps/web'] }),
    'packages/utils/package.json': JSON.stringify({ name: '@acme/utils', main: 'dist/index.js', types: 'dist/index.d.ts' }),
    'packages/utils/src/index.ts': '', 'packages/utils/src/date.ts': '',
    'packages/ui/package.json': JSON.stringify({ name: 'ui', exports: { '.': { import: './lib/main.mjs', types: './src/main.ts' }, './button': './src/button.tsx' } }),
    'packages/ui/src/main.ts': '', 'packages/ui/src/button.tsx': '',
    'apps/web/package.json': JSON.stringify({ name: 'web' }), 'apps/web/index.js': '',
    'apps/other/package.json': JSON.stringify({ name: 'other' }), 'apps/other/index.js': '',
    'node_modules/left-pad/index.js': '', 'packages/utils/dist/index.js': '', '.cache/x.js': '', 'py/app.py': '', 'README.md': '',
  };
  const index = new ProjectIndex(new MemoryProject(files));

  it('resolves workspace package names to their sources (manifest entry, dist → src, exports, subpaths)', () => {
    assert.equal(index.resolve('apps/web/index.js', '@acme/utils', 'js'), 'packages/utils/src/index.ts');
    assert.equal(index.resolve('apps/web/index.js', '@acme/utils/src/date', 'js'), 'packages/utils/src/date.ts');
    assert.equal(index.resolve('apps/web/index.js', 'ui', 'js'), 'packages/ui/src/main.ts');
    assert.equal(index.resolve('apps/web/index.js', 'ui/button', 'js'), 'packages/ui/src/button.tsx');
    assert.equal(index.resolve('packages/ui/src/main.ts', 'other', 'js'), undefined, 'apps/other is not a workspace');
    assert.equal(index.resolve('apps/web/index.js', 'left-pad', 'js'), undefined, 'dependencies are not workspace files');
  });

  it('lists JS/TS/Python sources, leaving out dependencies, build output and hidden folders', () => {
    assert.deepEqual([...index.files()].sort(), [
      'apps/other/index.js', 'apps/web/index.js', 'packages/ui/src/button.tsx', 'packages/ui/src/main.ts',
      'packages/utils/src/date.ts', 'packages/utils/src/index.ts', 'py/app.py',
    ]);
  });
});
