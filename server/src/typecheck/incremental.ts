// Per-edit planning: checking a 1,000-line file costs hundreds of ms, but typing touches one function.
// An edit inside one top-level function body re-checks only that statement, with every other
// outermost function body blanked (same offsets), and keeps the other facts from the last check.
import { ts } from '../core/ts';
import type { ApiFact } from '../core/services';

export interface Snapshot {
  text: string;
  sourceFile: ts.SourceFile;
  facts: readonly ApiFact[];
}

export type Plan =
  | { kind: 'full' }
  | { kind: 'reuse'; facts: ApiFact[] }
  | { kind: 'partial'; text: string; keep: ApiFact[]; from: number; to: number };

export function parse(fileName: string, text: string): ts.SourceFile {
  const kind = /\.tsx$/i.test(fileName) ? ts.ScriptKind.TSX : /\.[cm]?ts$/i.test(fileName) ? ts.ScriptKind.TS : /\.jsx$/i.test(fileName) ? ts.ScriptKind.JSX : ts.ScriptKind.JS;
  return ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, false, kind);
}

/** The changed span: [start, oldEnd) in the old text became [start, newEnd) in the new one. */
function changedSpan(a: string, b: string): { start: number; oldEnd: number; newEnd: number } {
  let start = 0;
  const min = Math.min(a.length, b.length);
  while (start < min && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let s = 0;
  while (s < min - start && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  return { start, oldEnd: a.length - s, newEnd: b.length - s };
}

/** The top-level statement whose full span (leading trivia included) holds [from, to]. */
function statementAround(sf: ts.SourceFile, from: number, to: number): ts.Statement | 'eof' | undefined {
  for (const st of sf.statements) {
    if (st.pos <= from && to <= st.end) return st;
  }
  const last = sf.statements[sf.statements.length - 1];
  return !last || from >= last.end ? 'eof' : undefined;
}

function inTrivia(sf: ts.SourceFile, from: number, to: number): boolean {
  const st = statementAround(sf, from, to);
  return st === 'eof' || (!!st && to <= st.getStart(sf) && from >= st.pos);
}

/** Outermost function bodies in a node (the node's own body if it is a function). */
function outerBodies(node: ts.Node, out: ts.Block[]): void {
  const body = ts.isFunctionLike(node) && 'body' in node ? (node.body as ts.Node | undefined) : undefined;
  if (body && ts.isBlock(body)) out.push(body);
  else ts.forEachChild(node, (n) => outerBodies(n, out));
}

export function plan(prev: Snapshot | undefined, text: string, sf: ts.SourceFile): Plan {
  if (!prev) return { kind: 'full' };
  const { start, oldEnd, newEnd } = changedSpan(prev.text, text);
  const delta = newEnd - oldEnd;
  const shifted = (f: ApiFact) => (f.start >= oldEnd ? { ...f, start: f.start + delta, end: f.end + delta } : f);
  // `@ts-ignore` and friends change which diagnostics exist anywhere below them.
  if (/@ts-|@type|@param|@returns|@typedef/.test(prev.text.slice(start, oldEnd) + text.slice(start, newEnd))) return { kind: 'full' };
  if (inTrivia(prev.sourceFile, start, oldEnd) && inTrivia(sf, start, newEnd)) {
    return { kind: 'reuse', facts: prev.facts.filter((f) => f.end <= start || f.start >= oldEnd).map(shifted) };
  }
  const dirty = statementAround(sf, start, newEnd);
  if (!dirty || dirty === 'eof') return { kind: 'full' };
  const bodies: ts.Block[] = [];
  outerBodies(dirty, bodies);
  const inBody = bodies.some((b) => b.getStart(sf) < start && newEnd < b.end);
  if (!inBody) return { kind: 'full' };
  const from = dirty.pos;
  const to = dirty.end;
  // Blank every other outermost function body, keeping line breaks so offsets and lines stay put.
  const masked: ts.Block[] = [];
  for (const st of sf.statements) if (st !== dirty) outerBodies(st, masked);
  let out = '';
  let at = 0;
  for (const b of masked) {
    const s = b.getStart(sf) + 1;
    const e = b.end - 1;
    if (e <= s) continue;
    out += text.slice(at, s) + text.slice(s, e).replace(/[^\n]/g, ' ');
    at = e;
  }
  out += text.slice(at);
  const keep = prev.facts.filter((f) => f.end <= start || f.start >= oldEnd).map(shifted).filter((f) => f.end <= from || f.start >= to);
  return { kind: 'partial', text: out, keep, from, to };
}
