// One detector per flow rule, over the shared analysis: pick the flows into this rule's sink kinds
// from untrusted sources, let the rule's policy accept or refine each, and report one finding per
// sink with the path in its message and as related locations. Confidence follows the path: direct
// flows are high, flows through a helper's summary medium, through an unknown call low; input that
// the user controls anyway (argv, stdin, the environment) is low-trust: info, low confidence.
// The slow tier adds the sinks that only the analysis with imported summaries reaches (cross-file.ts):
// a sink the fast tier reported for this rule is never reported again. A flow whose input the file hands
// to a function from a relative import is held by the fast tier and decided by the slow one with that
// function's summary (it checks or cleans the input, or not); without summaries it is reported as it was.
import { analysis, type FileAnalysis, type Flow, type Value } from '../../analysis';
import { handedToImport, importedAnalysis, importTables, prepareImports, throughImport } from '../../analysis/cross-file';
import { JS_LIKE } from '../../core/languages';
import type { AsyncDetectorContext, Confidence, Detector, DetectorContext, DetectorMeta, Fix, LanguageId, RelatedStep, Severity } from '../../core/types';
import { describe, prefixOnly } from './flow-message';
import { lines } from './lines';

/**
 * One keyword list for every flow rule: words without which no source can appear. Shared lists cost
 * one text scan per word for all rules together (the analysis itself checks a stricter pattern).
 */
const SOURCE_KEYWORDS = ['req', 'ctx', 'argv', 'input', 'location', 'document.', 'window.', 'searchparams', 'formdata', 'use server',
  '@body', '@query', '@param', '@headers', 'addeventlistener', "'data'", '"data"', '.route(', '.get(', '.post(', '.put(', '.patch(', '.delete(',
  'function get', 'function post', 'function put', 'function patch', 'function delete'];

/** Input from outside. The environment is the operator's configuration, not input: it is left out. */
export const INPUT_LABELS = ['request', 'browser', 'argv', 'stdin'];
const LABEL_RANK = ['request', 'browser', 'argv', 'stdin', 'env'];

export interface FlowRule {
  id: string;
  /** `needs`: facts the rule's own `accept` or `fix` asks for, beside the analysis. */
  meta: DetectorMeta;
  kinds: readonly string[];
  languages?: readonly LanguageId[];
  /** Source labels this rule reports (default: every kind of input). */
  labels?: readonly string[];
  /** What happens, for the message: "runs shell commands an attacker writes". */
  impact: string;
  /** Extra policy per flow; return false to drop it. */
  accept?(flow: Flow, ctx: DetectorContext, result: FileAnalysis): boolean;
  /** Flows reported at low confidence (info): possible, but an attacker rarely controls them. */
  weak?(flow: Flow, ctx: DetectorContext): boolean;
  fix?(flow: Flow, ctx: DetectorContext, result: FileAnalysis): Fix | undefined;
}

function rank(f: Flow): number {
  const via = f.origin.via === 'direct' ? 0 : f.origin.via === 'summary' ? 1 : 2;
  // Of two paths into one sink, the one with no check at all is the one to report.
  return LABEL_RANK.indexOf(f.origin.label) * 10 + via + (prefixOnly(f) ? 5 : 0);
}

const CONFIDENCE: readonly Confidence[] = ['low', 'medium', 'high'];

/** From the path, capped at the rule's own confidence. */
export function confidenceOf(f: Flow, cap: Confidence = 'high'): Confidence {
  const path: Confidence = f.origin.trust === 'low' || f.origin.via === 'unknown' ? 'low' : f.origin.via === 'summary' ? 'medium' : 'high';
  return CONFIDENCE[Math.min(CONFIDENCE.indexOf(path), CONFIDENCE.indexOf(cap))];
}

export function flowRule(rule: FlowRule): Detector {
  const labels = new Set(rule.labels ?? INPUT_LABELS);
  const kinds = new Set(rule.kinds);
  /** The flow reported per sink (by where it is): the best-ranked one this rule accepts. */
  const bestFlows = (result: FileAnalysis, ctx: DetectorContext): Map<number, Flow> => {
    const best = new Map<number, Flow>();
    for (const f of result.flows) {
      if (!kinds.has(f.sink.kind) || !labels.has(f.origin.label)) continue;
      if (rule.accept && !rule.accept(f, ctx, result)) continue;
      const prev = best.get(f.sink.span.start);
      if (!prev || rank(f) < rank(prev)) best.set(f.sink.span.start, f);
    }
    return best;
  };
  const report = (ctx: DetectorContext, result: FileAnalysis, f: Flow) => {
    ctx.checkBudget();
    const { message, related } = describe(f, ctx, rule.impact);
    const low = f.origin.trust === 'low' || !!rule.weak?.(f, ctx);
    const severity: Severity | undefined = low ? 'info' : undefined;
    ctx.report({
      start: f.sink.span.start, end: f.sink.span.end, message, related,
      kind: `${f.origin.label}:${f.origin.via}${prefixOnly(f) ? ':prefix-only' : ''}`,
      // A sibling folder is reachable, not the whole disk: at most medium.
      severity, confidence: low ? 'low' : confidenceOf(f, prefixOnly(f) ? 'medium' : rule.meta.confidence),
      fix: rule.fix?.(f, ctx, result),
    });
  };
  return {
    id: rule.id,
    meta: { ...rule.meta, needs: ['analysis', lines.id, importTables.id, importedAnalysis.id, ...(rule.meta.needs ?? [])] },
    languages: rule.languages ?? [...JS_LIKE, 'python'],
    keywords: SOURCE_KEYWORDS,
    run(ctx: DetectorContext) {
      const result = ctx.get(analysis);
      if (!result) return;
      // Held: the slow tier decides them with the imported summaries (runAsync).
      for (const f of bestFlows(result, ctx).values()) if (!handedToImport(result, f)) report(ctx, result, f);
    },
    async runAsync(ctx: AsyncDetectorContext) {
      const fast = ctx.get(analysis);
      const published = fast ? bestFlows(fast, ctx) : new Map<number, Flow>();
      const held = new Map([...published].filter(([, f]) => handedToImport(fast!, f)));
      for (const at of held.keys()) published.delete(at);
      // Without the imported summaries (no workspace, nothing resolved or worth applying, out of time)
      // a held flow keeps the fast tier's verdict: the slow tier reports it instead.
      const fallback = () => { for (const f of held.values()) report(ctx, fast!, f); };
      if (!ctx.services.workspace) return fallback();
      await prepareImports(ctx);
      if (ctx.signal?.aborted) return;
      const crossing = ctx.get(importedAnalysis);
      if (!crossing) return fallback();
      for (const [at, f] of bestFlows(crossing, ctx)) if (held.has(at) || (!published.has(at) && throughImport(f))) report(ctx, crossing, f);
    },
  };
}

/**
 * Does the input decide where a URL points (scheme and host)? Yes when it is the whole value or
 * starts it, or when the literal before it stops inside the authority (`'http://' + host`); no when
 * a fixed origin or path comes first (`'https://api.example.com/users/' + id`, `'/users/' + id`).
 */
export function controlsTarget(v: Value): boolean {
  if (!v.built || v.head) return true;
  const prefix = v.prefix ?? '';
  // '/' + x becomes '//evil.example' (a protocol-relative URL).
  if (prefix === '/') return true;
  return /^([a-z][a-z0-9+.-]*:)?\/\/[^/?#]*$/i.test(prefix) || /^[a-z][a-z0-9+.-]*:\/{0,2}$/i.test(prefix);
}
