// The slow tier: async detectors with injected services, budgets, cancellation and policy.
import assert from 'node:assert/strict';
import { Engine } from '../../server/src/core/engine';
import type { AsyncDetectorContext, Detector } from '../../server/src/core/types';

const meta = { title: 'Slow', family: 'hallucinated-dependency', severity: 'error', confidence: 'high' } as const;

function slowDetector(id: string, body: (ctx: AsyncDetectorContext) => Promise<void>, keywords?: string[]): Detector {
  return { id, meta, languages: ['javascript'], keywords, runAsync: body };
}

const input = { text: 'import x from "left-padd";\n', languageId: 'javascript' as const, path: 'src/a.js' };

describe('core/engine: slow tier', () => {
  it('runs async detectors with the injected services, and not in the fast tier', async () => {
    let calls = 0;
    const engine = new Engine([slowDetector('slow-lookup', async (ctx) => {
      calls++;
      const exists = await (ctx.services.exists as (n: string) => Promise<boolean>)('left-padd');
      if (!exists) ctx.report({ start: 15, end: 25, message: 'Package left-padd does not exist.' });
    })]);
    assert.equal(engine.analyze(input).findings.length, 0);
    assert.equal(calls, 0);
    const r = await engine.analyzeAsync(input, { exists: async () => false });
    assert.equal(calls, 1);
    assert.deepEqual(r.findings.map((f) => [f.ruleId, f.range.start.character]), [['slow-lookup', 15]]);
  });

  it('hasSlowWork honours languages, keywords and rules set to off', () => {
    const engine = new Engine([slowDetector('slow-kw', async () => {}, ['import'])]);
    assert.equal(engine.hasSlowWork(input), true);
    assert.equal(engine.hasSlowWork({ ...input, text: 'const a = 1;' }), false);
    assert.equal(engine.hasSlowWork({ ...input, languageId: 'python' }), false);
    assert.equal(engine.hasSlowWork(input, { rules: { 'slow-kw': 'off' } }), false);
  });

  it('turns a hung detector into a timeout notice and a throwing one into an error notice', async () => {
    const engine = new Engine([
      slowDetector('slow-hangs', () => new Promise(() => {})),
      slowDetector('slow-throws', async () => {
        throw new Error('boom');
      }),
      slowDetector('slow-ok', async (ctx) => ctx.report({ start: 0, end: 6, message: 'Reported after the bad ones.' })),
    ]);
    const r = await engine.analyzeAsync(input, {}, { slowBudgetMs: 50 });
    assert.deepEqual(r.notices.map((n) => [n.kind, n.ruleId]), [['detector-timeout', 'slow-hangs'], ['detector-error', 'slow-throws']]);
    assert.deepEqual(r.findings.map((f) => f.ruleId), ['slow-ok']);
  });

  it('stops scheduling detectors once the signal aborts, without error notices', async () => {
    const controller = new AbortController();
    const ran: string[] = [];
    const engine = new Engine([
      slowDetector('slow-first', async () => {
        ran.push('first');
        controller.abort();
        throw new Error('aborted');
      }),
      slowDetector('slow-second', async () => {
        ran.push('second');
      }),
    ]);
    const r = await engine.analyzeAsync(input, {}, {}, controller.signal);
    assert.deepEqual(ran, ['first']);
    assert.deepEqual(r.notices, []);
  });

  it('applies suppressions and severity overrides to slow findings too', async () => {
    const text = '// vouch-ignore-next-line slow-sup -- vendored name\nimport x from "a";\nimport y from "b";\n';
    const engine = new Engine([slowDetector('slow-sup', async (ctx) => {
      for (const m of ctx.text.matchAll(/import \w/g)) ctx.report({ start: m.index!, end: m.index! + 8, message: 'Slow finding here.' });
    })]);
    const r = await engine.analyzeAsync({ ...input, text }, {}, { rules: { 'slow-sup': 'warning' } });
    assert.deepEqual(r.findings.map((f) => [f.range.start.line, f.severity, !!f.suppressed]), [[1, 'warning', true], [2, 'warning', false]]);
  });
});
