// In-code suppressions: `vouch-ignore-next-line <ids> -- reason` and `vouch-ignore-file <ids> -- reason`,
// in whatever comment syntax the language has. Ids may be rule ids or family ids; none means all.
import type { Family, Suppression } from './types';

export interface SuppressionComment extends Suppression {
  ids: string[];
  /** Offsets of the directive, for the "missing reason" hint. */
  start: number;
  end: number;
}

const DIRECTIVE = /vouch-ignore-(next-line|file)\b[ \t]*([^\r\n]*)/g;

const CLOSERS = ['-->', '*/', '%>', '--}}', '}}', '#}'];

/** The directive's text less a trailing comment closer; by hand, as `/\s*(…)\s*$/` is quadratic in blanks. */
function withoutCloser(s: string): string {
  const t = s.trimEnd();
  const closer = CLOSERS.find((c) => t.endsWith(c));
  return closer ? t.slice(0, -closer.length).trimEnd() : t;
}

export function parseSuppressions(text: string): SuppressionComment[] {
  if (text.indexOf('vouch-ignore-') === -1) return [];
  const out: SuppressionComment[] = [];
  let line = 0;
  let scanned = 0;
  for (const m of text.matchAll(DIRECTIVE)) {
    for (let i = scanned; i < m.index; i++) if (text.charCodeAt(i) === 10) line++;
    scanned = m.index;
    // Strip comment closers (`-->`, `*/`, `%>`, `--}}`, `#}`) before reading ids and reason.
    const rest = withoutCloser(m[2]);
    const [idPart, ...reasonParts] = rest.split(/\s--\s?|^--\s?/);
    const reason = reasonParts.join(' -- ').trim();
    out.push({
      kind: m[1] === 'file' ? 'file' : 'line',
      ids: idPart.split(/[\s,]+/).filter(Boolean),
      reason: reason || undefined,
      line,
      start: m.index,
      end: m.index + m[0].length,
    });
  }
  return out;
}

function covers(s: SuppressionComment, ruleId: string, family: Family): boolean {
  return s.ids.length === 0 || s.ids.includes(ruleId) || s.ids.includes(family) || s.ids.includes('*');
}

/** The suppression that applies to a finding starting on `line`, if any. */
export function findSuppression(
  all: readonly SuppressionComment[],
  ruleId: string,
  family: Family,
  line: number,
): SuppressionComment | undefined {
  for (const s of all) {
    if (!covers(s, ruleId, family)) continue;
    if (s.kind === 'file' || s.line === line - 1) return s;
  }
  return undefined;
}
