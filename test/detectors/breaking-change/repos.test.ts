// breaking-change on real git repositories (made by the git CLI, read back without it), through the
// same scan the CLI runs: a JavaScript project, a TypeScript monorepo with npm workspaces, a Python
// package. Each commit holds breaking and compatible edits; only the breaking ones are reported, with
// their reach across files and packages.
import assert from 'node:assert/strict';
import { mergeSettings } from '../../../server/src/core/config';
import type { Finding } from '../../../server/src/core/types';
import { FolderServices, runScan } from '../../../server/src/scan/compose';
import { GitBaseline } from '../../../server/src/vcs/baseline';
import { changeScope } from '../../../server/src/vcs/changes';
import { testEngine } from '../../engine';
import { tempRepo, type TempRepo } from '../../fixtures/git-repo';

interface Shown { at: string; kind?: string; severity: string; related: string[] }

/** Breaking-change findings of a scan against `rev`: `file:line:col`, kind, severity, related `file:line`. */
async function scan(repo: TempRepo, rev = 'HEAD', changedOnly = false): Promise<Array<Shown & { message: string }>> {
  const baseline = await GitBaseline.open(repo.dir, rev);
  const settings = mergeSettings({ registry: { enabled: false } });
  const folder = new FolderServices({ trusted: true, log: () => {}, snapshot: true, baseline: () => baseline });
  try {
    const result = await runScan({
      engine: await testEngine(), root: repo.dir, settings, services: folder.for(repo.dir, settings),
      ...(changedOnly ? { change: { scope: await changeScope(baseline) } } : {}),
    });
    const out: Array<Shown & { message: string }> = [];
    for (const file of result.files) {
      for (const f of file.findings.filter((x: Finding) => x.ruleId === 'breaking-change')) {
        out.push({
          at: `${file.path}:${f.range.start.line + 1}:${f.range.start.character + 1}`, kind: f.kind, severity: f.severity,
          related: (f.related ?? []).map((r) => `${r.file}:${r.range.start.line + 1}`), message: f.message,
        });
      }
    }
    return out;
  } finally {
    folder.dispose();
  }
}

const strip = (xs: Array<Shown & { message: string }>): Shown[] => xs.map(({ message: _m, ...rest }) => rest);

describe('breaking-change on real repositories', function () {
  this.timeout(120_000);
  let repo: TempRepo;
  afterEach(() => repo?.remove());

  it('JavaScript (ES modules and CommonJS): breaking edits reported with their callers; compatible ones not', async () => {
    repo = tempRepo({
      'package.json': '{ "name": "app", "type": "module" }\n',
      'src/date.js': "function pad(n) {\n  return String(n).padStart(2, '0');\n}\n\nexport function formatDate(d) {\n  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}`;\n}\n\nexport function parseDate(s, strict = false) {\n  return new Date(s);\n}\n",
      'src/header.js': "import { formatDate } from './date.js';\n\nexport function header(d) {\n  return 'Today: ' + formatDate(d);\n}\n",
      'src/footer.js': "import * as dates from './date.js';\n\nexport const footer = (d) => dates.formatDate(d);\nexport const parsed = dates.parseDate('2020-01-01');\n",
      'lib/totals.js': "function total(items) {\n  return { sum: items.length, count: items.length };\n}\nmodule.exports = { total };\n",
      'lib/report.js': "const { total } = require('./totals');\nconst t = total([]);\nconsole.log(t.sum);\n",
      'test/date.test.js': "import { formatDate } from '../src/date.js';\nformatDate(new Date(), 'en');\n",
    });
    repo.write({
      // Breaking: a required parameter. Compatible: an optional one, a renamed private helper, comments.
      'src/date.js': "// Dates, formatted for people.\nfunction twoDigits(n) {\n  return String(n).padStart(2, '0');\n}\n\nexport function formatDate(d, locale) {\n  return d.toLocaleDateString(locale);\n}\n\nexport function parseDate(s, strict = false, zone = 'UTC') {\n  return new Date(s);\n}\n",
      // Breaking: a returned field renamed.
      'lib/totals.js': "function total(items) {\n  return { total: items.length, count: items.length };\n}\nmodule.exports = { total };\n",
      // Whitespace only.
      'src/header.js': "import { formatDate } from './date.js';\n\n\nexport function header(d) {\n    return 'Today: ' + formatDate(d);\n}\n",
    });
    const found = await scan(repo);
    assert.deepEqual(strip(found), [
      { at: 'lib/totals.js:1:10', kind: 'return-fields', severity: 'error', related: ['lib/report.js:2'] },
      { at: 'src/date.js:6:17', kind: 'param-required', severity: 'error', related: ['src/footer.js:3', 'src/header.js:5'] },
    ]);
    assert.match(found[1].message, /^`formatDate\(d\)` now requires `locale`; 2 call sites in 2 files still pass one argument — src\/footer\.js:3, src\/header\.js:5; tests: test\/date\.test\.js\.$/);
    assert.match(found[0].message, /no longer returns `sum` \(renamed to `total`\?\)/);
  });

  it('a TypeScript monorepo with npm workspaces: callers in another package, through the package name and a barrel', async () => {
    repo = tempRepo({
      'package.json': JSON.stringify({ name: 'acme', private: true, workspaces: ['packages/*', 'apps/*'] }),
      'packages/utils/package.json': JSON.stringify({ name: '@acme/utils', main: 'dist/index.js', types: 'dist/index.d.ts' }),
      'packages/utils/src/index.ts': "export * from './date';\nexport { Options } from './options';\n",
      'packages/utils/src/date.ts': "export function formatDate(d: Date): string {\n  return d.toISOString();\n}\n",
      'packages/utils/src/options.ts': "export interface Options {\n  retries?: number;\n  verbose?: boolean;\n}\n",
      'packages/utils/test/date.test.ts': "import { formatDate } from '../src/date';\nformatDate(new Date(), 'en');\n",
      'apps/calendar/package.json': JSON.stringify({ name: '@acme/calendar', dependencies: { '@acme/utils': '*' } }),
      'apps/calendar/src/header.ts': "import { formatDate, Options } from '@acme/utils';\n\nexport const title = formatDate(new Date());\nexport const subtitle = formatDate(new Date(0));\nexport const opts: Options = { verbose: true };\n",
      'apps/web/package.json': JSON.stringify({ name: '@acme/web', dependencies: { '@acme/utils': '*' } }),
      'apps/web/src/footer.ts': "import { formatDate } from '@acme/utils';\n\nexport const footer = formatDate(new Date(), 'de');\n",
    });
    repo.commit({
      'packages/utils/src/date.ts': "export function formatDate(d: Date, locale: string): string {\n  return d.toLocaleDateString(locale);\n}\n",
      // Compatible: a new optional member. Breaking: a member made required.
      'packages/utils/src/options.ts': "export interface Options {\n  retries: number;\n  verbose?: boolean;\n  timeoutMs?: number;\n}\n",
    }, 'utils: locale, retries');
    const found = await scan(repo, 'HEAD~1');
    assert.deepEqual(strip(found), [
      { at: 'packages/utils/src/date.ts:1:17', kind: 'param-required', severity: 'error', related: ['apps/calendar/src/header.ts:3', 'apps/calendar/src/header.ts:4'] },
      { at: 'packages/utils/src/options.ts:2:3', kind: 'member-required', severity: 'error', related: ['apps/calendar/src/header.ts:5'] },
    ]);
    assert.match(found[0].message, /2 call sites in 1 file still pass one argument — apps\/calendar\/src\/header\.ts:3, apps\/calendar\/src\/header\.ts:4; tests: packages\/utils\/test\/date\.test\.ts\.$/);
  });

  it('Python: public defs, dataclass fields and __all__; private helpers and keyword additions are compatible', async () => {
    repo = tempRepo({
      'app/__init__.py': '',
      'app/dates.py': "__all__ = ['format_date', 'parse_date']\n\n\ndef _pad(n):\n    return str(n).zfill(2)\n\n\ndef format_date(d):\n    return _pad(d.day)\n\n\ndef parse_date(s, strict=False):\n    return s\n",
      'app/models.py': "from dataclasses import dataclass\n\n\n@dataclass\nclass Event:\n    title: str\n    place: str = ''\n",
      'app/views.py': "from app.dates import format_date, parse_date\nfrom .models import Event\n\nformat_date(now)\nparse_date('x', strict=True)\nEvent('party')\n",
      'tests/test_dates.py': "from app.dates import format_date\n\n\ndef test_format():\n    assert format_date(d, 'en')\n",
    });
    repo.write({
      'app/dates.py': "__all__ = ['format_date', 'parse_date']\n\n\ndef _two_digits(n):\n    return str(n).zfill(2)\n\n\ndef format_date(d, locale):\n    return _two_digits(d.day) + locale\n\n\ndef parse_date(s, strict=False, tz=None):\n    return s\n",
      'app/models.py': "from dataclasses import dataclass\n\n\n@dataclass\nclass Event:\n    title: str\n    place: str\n",
    });
    const found = await scan(repo, 'HEAD', true);
    assert.deepEqual(strip(found), [
      { at: 'app/dates.py:8:5', kind: 'param-required', severity: 'error', related: ['app/views.py:4'] },
      { at: 'app/models.py:5:7', kind: 'param-required', severity: 'error', related: ['app/views.py:6'] },
    ]);
    assert.match(found[0].message, /; tests: tests\/test_dates\.py\.$/);
    assert.match(found[1].message, /^`Event\(title, place=…\)` now requires `place`/);
  });

  it('nothing to report when the baseline is the working tree', async () => {
    repo = tempRepo({ 'src/a.ts': 'export function a(x: number) { return x; }\n', 'src/b.ts': "import { a } from './a';\na(1);\n" });
    assert.deepEqual(await scan(repo), []);
  });
});
