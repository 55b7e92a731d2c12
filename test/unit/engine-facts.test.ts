// The engine's fact memo: shared facts computed once per file version (both tiers of one run),
// asynchronous facts for the slow tier, failures as one notice, and meta.needs enforced.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { Engine } from '../../server/src/core/engine';
import type { AsyncDetectorContext, Detector, DetectorContext, Fact, SlowFact } from '../../server/src/core/types';

const meta = { title: 'Fact user', family: 'phantom-api', severity: 'warning', confidence: 'high' } as const;
const input = { text: 'import x from "y";\n', languageId: 'javascript' as const, path: 'src/a.js' };

function counted<T>(id: string, value: () => T): Fact<T> & { calls: number } {
  const fact = { id, calls: 0, compute: () => (fact.calls++, value()) };
  return fact;
}

function slowCounted<T>(id: string, value: (ctx: AsyncDetectorContext) => Promise<T>): SlowFact<T> & { calls: number } {
  const fact = { id, calls: 0, compute: (ctx: AsyncDetectorContext) => (fact.calls++, value(ctx)) };
  return fact;
}

const fast = (id: string, needs: string[], run: (ctx: DetectorContext) => void): Detector => ({ id, meta: { ...meta, needs }, languages: ['javascript'], run });
const slow = (id: string, needs: string[], runAsync: (ctx: AsyncDetectorContext) => Promise<void>): Detector => ({ id, meta: { ...meta, needs }, languages: ['javascript'], runAsync });
const problems = (r: { notices: Array<{ kind: string; ruleId?: string }> }) => r.notices.map((n) => `${n.kind} ${n.ruleId}`);

describe('core/engine: facts', () => {
  it('computes a fact once per run for every detector of both tiers', async () => {
    const words = counted('words', () => 3);
    const seen: Array<number | undefined> = [];
    const engine = new Engine([
      fast('fast-a', ['words'], (ctx) => void seen.push(ctx.get(words))),
      fast('fast-b', ['words'], (ctx) => void seen.push(ctx.get(words))),
      slow('slow-c', ['words'], async (ctx) => void seen.push(ctx.get(words))),
    ]);
    const r = await engine.analyzeTiers(input, {});
    assert.deepEqual(problems(r), []);
    assert.deepEqual(seen, [3, 3, 3]);
    assert.equal(words.calls, 1);
    // A new file version is a new run: the fact is computed again.
    await engine.analyzeTiers({ ...input, text: input.text + '\n' }, {});
    assert.equal(words.calls, 2);
  });

  it('refuses a parser or fact the detector did not declare in meta.needs', () => {
    const words = counted('words', () => 3);
    const engine = new Engine([fast('undeclared-fact', [], (ctx) => void ctx.get(words)), fast('undeclared-js', ['words'], (ctx) => void ctx.js())]);
    const r = engine.analyze(input);
    assert.deepEqual(problems(r), ['detector-error undeclared-fact', 'detector-error undeclared-js']);
    assert.match(r.notices[0].message, /'words' without declaring it in meta.needs/);
    assert.equal(words.calls, 0);
  });

  it('reports each need a detector asks for to onNeed, declared or not', () => {
    const used: string[] = [];
    const words = counted('words', () => 3);
    const engine = new Engine([fast('asks', ['js', 'words'], (ctx) => void (ctx.js(), ctx.get(words), ctx.yaml()))]);
    engine.analyze(input, { onNeed: (d, need) => used.push(`${d.id}:${need}`) });
    assert.deepEqual(used, ['asks:js', 'asks:words', 'asks:yaml']);
  });

  it('lets a fact use parsers and other facts whatever the asking detector declared', () => {
    const words = counted('words', () => 3);
    const parsed: Fact<number> = { id: 'parsed', compute: (ctx) => (ctx.js()?.statements.length ?? 0) + ctx.get(words)! };
    let got: number | undefined;
    const r = new Engine([fast('uses-parsed', ['parsed'], (ctx) => void (got = ctx.get(parsed)))]).analyze(input);
    assert.deepEqual(problems(r), []);
    assert.equal(got, 4);
  });

  it('turns a failing fact into one notice and undefined for every detector', () => {
    const broken = counted<number>('broken', () => {
      throw new Error('boom');
    });
    const seen: Array<number | undefined> = [];
    const engine = new Engine([fast('f1', ['broken'], (ctx) => void seen.push(ctx.get(broken))), fast('f2', ['broken'], (ctx) => void seen.push(ctx.get(broken)))]);
    const r = engine.analyze(input);
    assert.deepEqual(problems(r), ['detector-error broken']);
    assert.deepEqual(seen, [undefined, undefined]);
    assert.equal(broken.calls, 1);
  });
});

describe('core/engine: slow-tier facts', () => {
  it('shares one asynchronous computation between the slow detectors of a run', async () => {
    const lookups = slowCounted('lookups', async (ctx) => {
      await sleep(5);
      return (ctx.services.answer as number) + 1;
    });
    const seen: Array<number | undefined> = [];
    const engine = new Engine([
      slow('s1', ['lookups'], async (ctx) => void seen.push(await ctx.get(lookups))),
      slow('s2', ['lookups'], async (ctx) => void seen.push(await ctx.get(lookups))),
    ]);
    const r = await engine.analyzeAsync(input, { answer: 41 });
    assert.deepEqual(problems(r), []);
    assert.deepEqual(seen, [42, 42]);
    assert.equal(lookups.calls, 1);
  });

  it('turns a rejected asynchronous fact into one notice and undefined for every detector', async () => {
    const broken = slowCounted<number>('broken-lookups', async () => {
      throw new Error('registry on fire');
    });
    const seen: Array<number | undefined> = [];
    const engine = new Engine([
      slow('s1', ['broken-lookups'], async (ctx) => void seen.push(await ctx.get(broken))),
      slow('s2', ['broken-lookups'], async (ctx) => void seen.push(await ctx.get(broken))),
    ]);
    const r = await engine.analyzeAsync(input, {});
    assert.deepEqual(problems(r), ['detector-error broken-lookups']);
    assert.deepEqual(seen, [undefined, undefined]);
  });

  it('times out a hung asynchronous fact once, under the slow budget', async () => {
    const hung = slowCounted<number>('hung', () => new Promise(() => {}));
    const seen: Array<number | undefined> = [];
    const engine = new Engine([slow('s1', ['hung'], async (ctx) => void seen.push(await ctx.get(hung))), slow('s2', ['hung'], async (ctx) => void seen.push(await ctx.get(hung)))]);
    const r = await engine.analyzeAsync(input, {}, { slowBudgetMs: 40 });
    assert.deepEqual(problems(r), ['detector-timeout hung']);
    assert.deepEqual(seen, [undefined, undefined]);
  });

  it('stops the work of a fact that ran out of time (its signal aborts), and only then', async () => {
    const signals: AbortSignal[] = [];
    const hung = slowCounted<number>('hung', (ctx) => (signals.push(ctx.signal!), new Promise(() => {})));
    const quick = slowCounted<number>('quick', async (ctx) => (signals.push(ctx.signal!), 1));
    const engine = new Engine([slow('s1', ['hung', 'quick'], async (ctx) => void (await ctx.get(hung), await ctx.get(quick)))]);
    const r = await engine.analyzeAsync(input, {}, { slowBudgetMs: 40 });
    assert.deepEqual(problems(r), ['detector-timeout hung']);
    assert.deepEqual(signals.map((s) => s.aborted), [true, false]);
  });

  it('does not charge a detector for the time it awaits a fact', async () => {
    const lookups = slowCounted('lookups', async () => (await sleep(450), 1));
    let got: number | undefined;
    // 250 ms of its own plus 450 ms awaiting the fact: over a 600 ms budget only if the wait counted
    // (each part alone leaves 150 ms or more for timers running late on a busy machine).
    const engine = new Engine([slow('patient', ['lookups'], async (ctx) => {
      await sleep(250);
      got = await ctx.get(lookups);
    })]);
    const r = await engine.analyzeAsync(input, {}, { slowBudgetMs: 600 });
    assert.deepEqual(problems(r), []);
    assert.equal(got, 1);
  });

  it('still times out a slow detector that spends its own budget', async () => {
    const engine = new Engine([slow('dawdles', [], () => sleep(200))]);
    const r = await engine.analyzeAsync(input, {}, { slowBudgetMs: 50 });
    assert.deepEqual(problems(r), ['detector-timeout dawdles']);
  });

  it('refuses an asynchronous fact in the fast tier', () => {
    const lookups = slowCounted('lookups', async () => 1);
    // The compiler refuses it (`npm run typecheck` fails if this line compiles)…
    // @ts-expect-error a fast-tier context cannot ask for a slow-tier fact
    void ((ctx: DetectorContext) => ctx.get(lookups));
    // …and a cast that gets past the compiler does not get past the engine.
    const engine = new Engine([fast('too-eager', ['lookups'], (ctx) => void ctx.get(lookups as unknown as Fact<number>))]);
    const r = engine.analyze(input);
    assert.deepEqual(problems(r), ['detector-error lookups']);
  });
});
