// The slow tier's half of `secret-sinks`: values a sink reads from another workspace module
// (`jwt.sign(p, config.secret)` where config.js exports `{ secret: 'dev' }`, `app.secret_key =
// settings.SECRET_KEY`). The imported file is lowered and its exported string constants read once per
// content (the workspace index memoises the table). Rules:
// - One level deep: the imported module's own imports are not followed; only literals count (a value
//   computed or read from the environment there is not a hardcoded secret).
// - Exports: CommonJS `module.exports = {…}` / `exports.x = …` (also as `default`, which is what an
//   ES default import of a CommonJS module gets), ES `export const X = …`, Python module-level
//   constants; object literals are read member by member, a few levels down.
// - Modules are the workspace's own files (the index resolves relative specifiers and, in a
//   monorepo, its packages); installed packages are not followed.
import type { Expr } from '../../analysis/ir';
import { lowerFile } from '../../analysis/lowered';
import type { AsyncDetectorContext, Range } from '../../core/types';
import { FileValues } from './secret-sink-values';
import type { ImportedSink } from './secret-sink-types';

/** A string constant another module exports: its text (inside the quotes) and where it is there. */
export interface ExportedLiteral { readonly value: string; readonly range: Range }

/** A sink's value found in another file. */
export interface ImportedSecret { readonly sink: ImportedSink; readonly file: string; readonly literal: ExportedLiteral }

const MAX_DEPTH = 3;
/** What the tables depend on besides the text: nothing (the workspace index keys its memo by it). */
const TABLES = {};

function rangeOf(text: string, start: number, end: number): Range {
  const pos = (offset: number) => {
    const before = text.slice(0, offset);
    const line = before.split('\n').length - 1;
    return { line, character: offset - (before.lastIndexOf('\n') + 1) };
  };
  return { start: pos(start), end: pos(end) };
}

/** The string constants a module exports, by member path (`secret`, `default.jwt.key`, `SECRET_KEY`). */
export function exportedLiterals(text: string, path: string): ReadonlyMap<string, ExportedLiteral> {
  const out = new Map<string, ExportedLiteral>();
  const lowered = lowerFile(undefined, text, path, () => {}, false);
  if (!lowered) return out;
  const { ir } = lowered;
  const values = new FileValues(ir, text);
  const add = (key: string, e: Expr | undefined, depth = 0): void => {
    const v = values.resolve(e);
    if (!v || depth > MAX_DEPTH || out.has(key)) return;
    if (v.k === 'lit' && typeof v.value === 'string') {
      const raw = text.slice(v.span.start, v.span.end);
      const open = /^([A-Za-z]{0,2})("""|'''|"|'|`)/.exec(raw);
      if (!open || /\$\{|\{\{/.test(raw)) return;
      const start = v.span.start + open[0].length;
      const end = v.span.end - open[2].length;
      if (end > start) out.set(key, { value: text.slice(start, end), range: rangeOf(text, start, end) });
    } else if (v.k === 'object') {
      for (const p of v.props) if (p.key !== null && !p.spread) add(key ? `${key}.${p.key}` : p.key, p.value, depth + 1);
    }
  };
  const moduleVar = (name: string) => ir.bindings.find((b) => b.scope === ir.top && b.kind === 'var' && b.name === name);
  if (ir.language === 'python') {
    for (const b of ir.bindings) if (b.scope === ir.top && b.kind === 'var') add(b.name, values.only(b));
    return out;
  }
  for (const s of ir.top.body) {
    if (s.k !== 'let' || (s.op && s.op !== '=') || !s.value || s.target.k !== 'member') continue;
    const target = text.slice(s.target.span.start, s.target.span.end).replace(/\s+/g, '');
    const m = /^(?:module\.)?exports\.([\w$]+)$/.exec(target);
    for (const prefix of ['', 'default']) {
      if (target === 'module.exports') add(prefix, s.value);
      else if (m) add(prefix ? `${prefix}.${m[1]}` : m[1], s.value);
    }
  }
  for (const m of text.matchAll(/^export\s+(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=\n]+)?=/gm)) {
    const b = moduleVar(m[1]);
    if (b) add(m[1], values.only(b));
  }
  return out;
}

/** The sinks of the run whose value is a string constant of another workspace module. */
export function importedSecrets(ctx: AsyncDetectorContext, sinks: readonly ImportedSink[]): ImportedSecret[] {
  const workspace = ctx.services.workspace;
  const language = ctx.languageId === 'python' ? 'python' : 'js';
  const out: ImportedSecret[] = [];
  if (!workspace) return out;
  for (const sink of sinks) {
    if (ctx.signal?.aborted) break;
    const file = workspace.resolve(ctx.path, sink.module, language);
    const table = file && file !== ctx.path ? workspace.derived(file, TABLES, exportedLiterals) : undefined;
    const literal = table?.get(sink.path.join('.'));
    if (literal && literal.value.trim()) out.push({ sink, file: file!, literal });
  }
  return out;
}
