// Fixture markers: a line `expect: <ids>` says the next code line has a finding of each id; `ok: <ids>`
// says it has none; `todo-expect: <ids>` marks a known gap. Comment styles: `//`, `#`, `<!-- -->`, `//-`.
const MARKER = /(?:\/\/-?|#|<!--)\s*(todo-expect|expect|ok):\s*([a-z0-9, -]+?)\s*(?:-->)?\s*$/;

export interface Expectation {
  kind: 'expect' | 'ok' | 'todo-expect';
  ids: string[];
  /** 1-based line the marker refers to. */
  line: number;
}

export function parseMarkers(text: string): Expectation[] {
  const lines = text.split('\n');
  const out: Expectation[] = [];
  const pending: Array<Omit<Expectation, 'line'>> = [];
  lines.forEach((l, i) => {
    const m = MARKER.exec(l);
    if (m && l.trim().startsWith(m[0].trim().slice(0, 2))) {
      pending.push({ kind: m[1] as Expectation['kind'], ids: m[2].split(/[\s,]+/).filter(Boolean) });
      return;
    }
    if (!l.trim() || !pending.length) return;
    for (const p of pending.splice(0)) out.push({ ...p, line: i + 1 });
  });
  return out;
}

