import assert from 'node:assert/strict';
import { Engine, type AnalyzeOptions } from '../../server/src/core/engine';
import type { Detector, DetectorContext, DetectorMeta, Finding } from '../../server/src/core/types';

const META: DetectorMeta = { title: 'Needle', family: 'hardcoded-secret', severity: 'warning', confidence: 'medium' };

/** A detector that reports every occurrence of `word` and counts its runs. */
function finder(id: string, word: string, over: Partial<Detector> = {}, extra?: (ctx: DetectorContext) => void): Detector & { calls: number } {
  const d = {
    id, meta: META, languages: '*' as const, keywords: [word.toLowerCase()], calls: 0,
    run(ctx: DetectorContext) {
      d.calls++;
      for (let i = ctx.text.indexOf(word); i !== -1; i = ctx.text.indexOf(word, i + 1)) {
        ctx.report({ start: i, end: i + word.length, message: `${word} found` });
      }
      extra?.(ctx);
    },
    ...over,
  };
  return d;
}

const run = (e: Engine, text: string, options: AnalyzeOptions = {}, path = 'src/a.js') => e.analyze({ text, languageId: 'javascript', path }, options);
const active = (fs: Finding[]) => fs.filter((f) => !f.suppressed && f.ruleId !== 'suppression-missing-reason');

describe('core/engine', () => {
  it('verifies fixes on the fixed text: one that clears its finding is kept, one that does not is refused', () => {
    const fixing = (newText: string): Detector => ({
      id: 'needle', meta: META, languages: '*', keywords: ['needle'],
      run(ctx) {
        const i = ctx.text.indexOf('needle');
        if (i >= 0) ctx.report({ start: i, end: i + 6, message: 'needle', fix: { title: 'fix', verify: true, edits: [{ start: i, end: i + 6, newText }] } });
      },
    });
    for (const [replacement, clears] of [['thread', true], ['needle2', false]] as const) {
      const e = new Engine([fixing(replacement)]);
      const input = { text: 'a needle here', languageId: 'javascript' as const, path: 'src/a.js' };
      const [f] = e.analyze(input).findings;
      assert.equal(f.fix?.verify, true, 'verification is left to the host');
      assert.equal(e.verifyFix(input, f), clears, replacement);
    }
  });

  it('refuses to verify a fix for a finding its rule\'s fast run does not report (the slow tier\'s), and still verifies a slow-only rule\'s', async () => {
    // The flow rules' shape: the fast run holds a finding the slow tier then reports with more facts.
    const held: Detector = {
      id: 'held', meta: META, languages: '*', keywords: ['needle'],
      run() {},
      async runAsync(ctx) {
        const i = ctx.text.indexOf('needle');
        if (i >= 0) ctx.report({ start: i, end: i + 6, message: 'needle', fix: { title: 'fix', verify: true, edits: [{ start: i, end: i + 6, newText: 'needle2' }] } });
      },
    };
    const input = { text: 'a needle here', languageId: 'javascript' as const, path: 'src/a.js' };
    const e = new Engine([held]);
    const [f] = (await e.analyzeAsync(input, {})).findings;
    assert.equal(f.fix?.verify, true);
    assert.equal(e.verifyFix(input, f), false, 'the fast run never reported it, so running it again proves nothing');
    // A rule with no fast run at all is trusted as before (nothing to run).
    const slowOnly = new Engine([{ ...held, run: undefined }]);
    const [g] = (await slowOnly.analyzeAsync(input, {})).findings;
    assert.equal(slowOnly.verifyFix(input, g), true);
  });

  it('skips a detector whose keywords are absent (case-insensitive prefilter)', () => {
    const d = finder('needle-rule', 'NEEDLE');
    const e = new Engine([d]);
    run(e, 'const hay = 1;\n');
    assert.equal(d.calls, 0);
    run(e, 'const x = "NEEDLE";\n');
    assert.equal(d.calls, 1);
  });

  it('runs a detector only for its languages', () => {
    const d = finder('py-only', 'needle', { languages: ['python'] });
    const e = new Engine([d]);
    run(e, 'needle');
    assert.equal(d.calls, 0);
    e.analyze({ text: 'needle', languageId: 'python', path: 'a.py' });
    assert.equal(d.calls, 1);
  });

  it('reports 0-based positions with UTF-16 columns', () => {
    const e = new Engine([finder('needle-rule', 'needle')]);
    const [f] = run(e, 'line one\n  "é😀" needle\n').findings;
    assert.deepEqual(f.range, { start: { line: 1, character: 8 }, end: { line: 1, character: 14 } });
  });

  it('turns a throwing detector into one detector-error notice; the others still report', () => {
    const bad: Detector = { id: 'bad-rule', meta: META, languages: '*', run: () => { throw new TypeError('boom'); } };
    const good = finder('needle-rule', 'needle');
    const r = run(new Engine([bad, good]), 'needle');
    assert.deepEqual(r.notices.map((n) => [n.kind, n.ruleId]), [['detector-error', 'bad-rule']]);
    assert.match(r.notices[0].message, /boom/);
    assert.deepEqual(r.findings.map((f) => f.ruleId), ['needle-rule']);
  });

  it('stops a detector at its time budget with a timeout notice and keeps what it reported before', () => {
    const slow = finder('slow-rule', 'needle', {}, (ctx) => {
      for (;;) ctx.checkBudget();
    });
    const started = Date.now();
    const r = run(new Engine([slow, finder('other-rule', 'needle')]), 'needle', { budgetMs: 20 });
    assert.ok(Date.now() - started < 5000);
    assert.deepEqual(r.notices.map((n) => [n.kind, n.ruleId]), [['detector-timeout', 'slow-rule']]);
    assert.deepEqual(r.findings.map((f) => f.ruleId).sort(), ['other-rule', 'slow-rule']);
    assert.ok(r.timings['slow-rule'] >= 20);
  });

  it('applies per-rule and per-family severity overrides; the rule id wins over its family', () => {
    const e = new Engine([finder('needle-rule', 'needle')]);
    assert.equal(run(e, 'needle').findings[0].severity, 'warning');
    assert.equal(run(e, 'needle', { rules: { 'needle-rule': 'error' } }).findings[0].severity, 'error');
    assert.equal(run(e, 'needle', { rules: { 'hardcoded-secret': 'hint' } }).findings[0].severity, 'hint');
    assert.equal(run(e, 'needle', { rules: { 'hardcoded-secret': 'hint', 'needle-rule': 'info' } }).findings[0].severity, 'info');
  });

  it('"off" by rule or family removes the findings and does not even run the detector', () => {
    const d = finder('needle-rule', 'needle');
    const e = new Engine([d]);
    assert.deepEqual(run(e, 'needle', { rules: { 'needle-rule': 'off' } }).findings, []);
    assert.deepEqual(run(e, 'needle', { rules: { 'hardcoded-secret': 'off' } }).findings, []);
    assert.equal(d.calls, 0);
    assert.equal(run(e, 'needle', { rules: { 'hardcoded-secret': 'off', 'needle-rule': 'warning' } }).findings.length, 1, 'a rule turned back on inside an off family');
  });

  it('a multi-rule detector keeps running while one of its rules is on', () => {
    const pack: Detector & { calls: number } = {
      id: 'pack-a', meta: META, languages: '*', ruleIds: ['pack-b'], calls: 0,
      ruleMeta: { 'pack-b': { ...META, family: 'insecure-default' } },
      run(ctx) {
        pack.calls++;
        ctx.report({ start: 0, end: 1, message: 'a' });
        ctx.report({ start: 2, end: 3, message: 'b', ruleId: 'pack-b' });
      },
    };
    const e = new Engine([pack]);
    assert.deepEqual(run(e, 'x y', { rules: { 'pack-a': 'off' } }).findings.map((f) => [f.ruleId, f.family]), [['pack-b', 'insecure-default']]);
    assert.deepEqual(run(e, 'x y', { rules: { 'insecure-default': 'off' } }).findings.map((f) => f.ruleId), ['pack-a']);
    run(e, 'x y', { rules: { 'pack-a': 'off', 'pack-b': 'off' } });
    assert.equal(pack.calls, 2);
    assert.ok(e.rule('pack-b'), 'extra rules are in the catalogue');
  });

  it('hides findings below minimumConfidence, using the per-finding confidence when given', () => {
    const d: Detector = {
      id: 'conf-rule', meta: META, languages: '*',
      run(ctx) {
        ctx.report({ start: 0, end: 1, message: 'low', confidence: 'low' });
        ctx.report({ start: 2, end: 3, message: 'default medium' });
        ctx.report({ start: 4, end: 5, message: 'high', confidence: 'high' });
      },
    };
    const e = new Engine([d]);
    const msgs = (c?: 'low' | 'medium' | 'high') => run(e, 'a b c', { minimumConfidence: c }).findings.map((f) => f.message);
    assert.deepEqual(msgs(), ['low', 'default medium', 'high']);
    assert.deepEqual(msgs('medium'), ['default medium', 'high']);
    assert.deepEqual(msgs('high'), ['high']);
  });

  it('gives stable finding ids across runs and after unrelated edits above', () => {
    const e = new Engine([finder('needle-rule', 'needle')]);
    const a = run(e, 'const x = 1;\nneedle\n').findings;
    const b = run(e, 'const x = 1;\nneedle\n').findings;
    const c = run(e, '// a new comment\n\nconst x = 1;\nneedle\n').findings;
    assert.equal(a[0].id, b[0].id);
    assert.equal(a[0].id, c[0].id);
    assert.notDeepEqual(a[0].range, c[0].range);
    const other = run(e, 'needle\n', {}, 'src/b.js').findings;
    assert.notEqual(other[0].id, a[0].id, 'the path is part of the id');
    const twice = run(e, 'needle\nneedle\n').findings;
    assert.equal(new Set(twice.map((f) => f.id)).size, 2, 'repeated text gets distinct ids');
  });

  it('skips binary (mostly control characters), huge and minified texts without running detectors', () => {
    const d = finder('needle-rule', 'needle');
    const e = new Engine([d]);
    const cases: Array<[string, RegExp, AnalyzeOptions]> = [
      [`needle${'\u0000'.repeat(100)}`, /binary/, {}],
      ['needle '.repeat(200), /MB/, { limits: { maxChars: 1000, minifiedAvgLine: 500 } }],
      [`var a="needle";`.repeat(3000), /minified/, {}],
    ];
    for (const [text, why, options] of cases) {
      const r = run(e, text, options);
      assert.match(r.skipped ?? '', why);
      assert.deepEqual(r.findings, []);
      assert.deepEqual(r.notices.map((n) => n.kind), ['skipped']);
    }
    assert.equal(d.calls, 0);
    assert.equal(run(e, 'short line\n'.repeat(5000)).skipped, undefined, 'many short lines are fine');
  });

  it('analyses a text with a stray NUL (Node runs it), read as U+FFFD', () => {
    const r = run(new Engine([finder('needle-rule', 'needle')]), '/* \u0000 */ needle\n');
    assert.equal(r.skipped, undefined);
    assert.equal(r.findings.length, 1);
  });

  it('marks suppressed findings and flags suppressions without a reason', () => {
    const e = new Engine([finder('pin-rule', 'needle')]);
    const r = run(e, '// vouch-ignore-next-line pin-rule\nneedle\n// vouch-ignore-next-line hardcoded-secret -- fixture\nneedle\nneedle\n');
    assert.deepEqual(r.findings.filter((f) => f.ruleId === 'pin-rule').map((f) => [f.range.start.line, f.suppressed?.line ?? null]), [[1, 0], [3, 2], [4, null]]);
    const hints = r.findings.filter((f) => f.ruleId === 'suppression-missing-reason');
    assert.deepEqual(hints.map((h) => [h.range.start.line, h.severity, h.confidence]), [[0, 'info', 'high']]);
    assert.equal(active(r.findings).length, 1);
  });

  // KNOWN GAP in core/engine.ts (not this suite's file): "off" turns this hint into severity "hint" instead of removing it.
  it('"off" removes the suppression-missing-reason hint', () => {
    const e = new Engine([finder('needle-rule', 'needle')]);
    const r = run(e, '// vouch-ignore-next-line needle-rule\nneedle\n', { rules: { 'suppression-missing-reason': 'off' } });
    assert.deepEqual(r.findings.filter((f) => f.ruleId === 'suppression-missing-reason'), []);
  });

  it('shows findings on a line marked `nosec` (reviewed for security linters) at low confidence, capped at info', () => {
    const e = new Engine([finder('needle', 'needle')]);
    const text = "const a = 'needle';\nconst b = 'needle'; // nosec: the appliance's login protocol\nconst c = 'nosecurity needle';\n";
    const shown = run(e, text).findings.map((f) => [f.range.start.line, f.confidence, f.severity]);
    assert.deepEqual(shown, [[0, 'medium', 'warning'], [1, 'low', 'info'], [2, 'medium', 'warning']]);
  });

  it('tells detectors whether the path is a test file', () => {
    const seen: boolean[] = [];
    const d: Detector = { id: 'probe-rule', meta: META, languages: '*', run: (ctx) => void seen.push(ctx.isTestFile) };
    const e = new Engine([d]);
    const paths = ['src/a.js', 'test/a.js', 'src/a.test.ts', 'tests/test_x.py', 'src/contest.js', 'tools/oidc-test-env/a.yml', 'pkg/api_tests/b.py', 'latest/a.js', 'contest-app/a.js', 'testimonials/a.js', 'guardian/testapp/models.py', 'pkg/testsettings.py', 'testament/a.py', 'app/settings.py', 'examples/typescript-server.ts', 'src/example.js', 'dist/server-dev.js', 'src/core/DevServer.js', 'src/devtools.js', 'types/index.tst.ts', 'types/index.test-d.ts', 'src/tstyche.ts', 'src/test-data.ts', 'src/test-helpers.ts', 'lib/testUtils.js', 'src/test-helper-cli.ts', 'src/attest-utils.ts', 'borg/testsuite/key.py', 'lib/testsuite.js', 'attestsuite/a.py', 'exampleConfig.js', 'config.sample.js', 'lib/sampleRate.js', 'src/config.js', 'src/example-client.js', 'oauth2example/app.js', 'express-example/a.js', 'samples/a.js', 'src/examplesdk/a.js', 'lib/sampler/a.js', 'src/resamples/a.js', 'ts-tests.ts', 'types/express-tests.tsx', 'src/contests.ts', 'src/ab-tests.js', '.env.example', 'api/.env.sample', '.env.template', '.env', '.env.production'];
    for (const p of paths) run(e, 'x', {}, p);
    assert.deepEqual(seen, [false, true, true, true, false, true, true, false, false, false, true, true, false, false, true, false, true, true, false, true, true, false, false, true, true, false, false, true, false, false, true, true, false, false, false, true, true, true, false, false, false, true, true, false, false, true, true, true, false, false]);
  });
});
