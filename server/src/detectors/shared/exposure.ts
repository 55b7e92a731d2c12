// The shape shared by the exposure rules (error details or whole records in responses, secrets and
// personal data in logs): candidates are extracted per language from the syntax (snippets, files the
// analysis skips) and from the flow analysis (aliases, helpers, callbacks, renamed values), merged
// per sink, and each rule decides once over both. A sink the syntax already explains keeps the
// syntax's hits: they are exact about the expression and about dev-only guards.
import { analysis, type Flow } from '../../analysis';
import type { Tree } from 'web-tree-sitter';
import type { ts } from '@ts-morph/common';
import type { DetectorContext, RelatedStep } from '../../core/types';
import { jsExposureNodes } from './js-nodes';
import { pyNodesOf, type PyNodeType } from './py-nodes';
import type { Node as PyNode } from 'web-tree-sitter';

/** The shared Python walk's nodes of some types (py-nodes.ts), asked for only by the extractor that reads them. */
export type PyNodesOf = (...types: PyNodeType[]) => readonly PyNode[];

export interface ExposureHit {
  start: number;
  end: number;
  /** Rule-specific grade: `stack`/`whole`/`message`, an exposure kind (`secret`, `body`…). */
  level: string;
  text: string;
  /** Inside a development-only branch (`if DEBUG:`, `isDev ? err.stack : undefined`). */
  devOnly?: boolean;
  /** A caught error whose `try` called a database or ORM (`query`, `save`, `commit`…): its message names tables, columns and values. */
  store?: boolean;
  /** A caught error that can only be a built-in one (JSON.parse's SyntaxError): sent whole, it is `{}`. */
  builtIn?: boolean;
  /** The error a validation call hands its callback (`validator.validate(body, (err) => …)`): field messages meant for the client. */
  validation?: boolean;
  /** The path from where the value came to the sink, for flow hits. */
  related?: RelatedStep[];
  /** Through a helper's summary or an unknown call: lower confidence. */
  indirect?: boolean;
  /** For flow hits: the expression the value came from, when it is not the reported one. */
  from?: string;
  /** The key or keyword the value is written under, when that name (not the value's) made it sensitive. */
  key?: string;
}

/** One sink (a response or log call) and what it sends. */
export interface ExposureSink {
  start: number;
  end: number;
  /** Literal HTTP status when the code states one. */
  status?: number;
  hits: ExposureHit[];
}

const code = (s: string) => '`' + s.replace(/\s+/g, ' ').replace(/`/g, "'").slice(0, 60) + '`';

/** Sinks of the given kinds reached by origins with the given labels, graded by `level` (null: ignore). */
export function flowExposures(ctx: DetectorContext, kinds: readonly string[], level: (f: Flow) => string | null, describeOrigin: (f: Flow) => string): ExposureSink[] {
  const result = ctx.get(analysis);
  if (!result) return [];
  const bySink = new Map<number, ExposureSink>();
  for (const f of result.flows) {
    if (!kinds.includes(f.sink.kind)) continue;
    const grade = level(f);
    if (!grade) continue;
    const { origin, sink } = f;
    // Point at the value inside the sent payload when the source is there, else at the payload.
    const inside = origin.source.start >= sink.span.start && origin.source.end <= sink.span.end;
    const at = inside ? origin.source : sink.span;
    const related: RelatedStep[] = [
      { start: origin.source.start, end: origin.source.end, message: `${describeOrigin(f)} ${code(origin.sourceText)}` },
      ...origin.steps.map((s) => ({ start: s.span.start, end: s.span.end, message: `flows into ${code(s.text)}` })),
      { start: sink.span.start, end: sink.span.end, message: `reaches ${code(sink.callee)}` },
    ];
    let entry = bySink.get(sink.call.start);
    if (!entry) bySink.set(sink.call.start, (entry = { start: sink.call.start, end: sink.call.end, status: sink.status, hits: [] }));
    if (entry.hits.some((h) => h.start === at.start && h.level === grade)) continue;
    entry.hits.push({
      start: at.start, end: at.end, level: grade, text: ctx.text.slice(at.start, at.end), related: inside && !origin.steps.length ? undefined : related,
      indirect: origin.via !== 'direct', from: inside ? undefined : origin.sourceText, devOnly: sink.guards.some((g) => DEV_GUARD.test(ctx.text.slice(g.start, g.end))),
    });
  }
  return [...bySink.values()];
}

/** Conditions that keep a branch to development builds. */
export const DEV_GUARD = /NODE_ENV|isDev|isProd|development|production|\bdebug\b|\bDEBUG\b|is_dev|FLASK_ENV/i;

/** Syntax sinks first; a flow sink is kept only where no syntax sink overlaps it. */
export function mergeExposures(syntax: readonly ExposureSink[], flows: readonly ExposureSink[]): ExposureSink[] {
  const overlaps = (a: ExposureSink, b: ExposureSink) => a.start < b.end && b.start < a.end;
  return [...syntax, ...flows.filter((f) => !syntax.some((s) => overlaps(s, f)))];
}

/** The syntax's sinks for this file: the JS/TS extractor (over the nodes the three rules share) or the Python one. */
export function syntaxSinks(
  ctx: DetectorContext,
  js: (sf: ts.SourceFile, nodes: readonly ts.Node[], checkBudget: () => void) => ExposureSink[],
  python: (tree: Tree, text: string, checkBudget: () => void, nodes: PyNodesOf) => ExposureSink[],
): ExposureSink[] {
  if (ctx.languageId === 'python') {
    const tree = ctx.python();
    return tree ? python(tree, ctx.text, ctx.checkBudget, (...types) => pyNodesOf(ctx, ...types)) : [];
  }
  const sf = ctx.js();
  const nodes = sf && ctx.get(jsExposureNodes);
  return sf && nodes ? js(sf, nodes, ctx.checkBudget) : [];
}
