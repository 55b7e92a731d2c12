// Horizontal bar charts as inline SVG for the HTML report and the editor's report view: drawn here,
// so the page loads nothing (no chart library, no CDN) and works under a CSP without inline styles.
// Colours come from CSS classes on the bars (`fill` in the report's stylesheet), so charts follow
// the report's theme and the editor's colour theme alike. All text is escaped.
import { escapeHtml as esc } from './markdown-html';

export interface BarSegment {
  value: number;
  /** CSS class of the segment's rect (e.g. `fill-error`); the stylesheet gives it a colour. */
  cls: string;
  /** Tooltip of the segment. */
  title?: string;
}

export interface Bar {
  label: string;
  /** One or more segments drawn end to end (a stacked bar). */
  segments: BarSegment[];
  /** Text after the bar; defaults to the sum of the segments. */
  note?: string;
  /** Tooltip of the whole row; defaults to `label: note`. */
  title?: string;
}

export interface BarChart {
  /** Unique within the page: ids of the chart's title elements derive from it. */
  id: string;
  title: string;
  bars: Bar[];
  /** Scale maximum; defaults to the largest bar. */
  max?: number;
  /** Shown instead of the chart when there are no bars. */
  empty: string;
}

// Drawn at about the size a chart gets on the page (a third of a wide window), so text stays legible.
const WIDTH = 400;
const LABEL = 160;
const NOTE = 70;
const ROW = 22;
const BAR = 14;
const MAX_LABEL_CHARS = 25;

/** Keeps the end of a long label (the file name of a path is what tells rows apart). */
export function shortLabel(s: string, max = MAX_LABEL_CHARS): string {
  return s.length <= max ? s : `…${s.slice(s.length - max + 1)}`;
}

const round = (n: number): string => String(Math.round(n * 10) / 10);

/** A `<figure>` with the chart (one `<g class="bar">` per bar) or the empty sentence. */
export function barChart(chart: BarChart): string {
  const head = `<figure class="chart" id="${chart.id}"><figcaption id="${chart.id}-t">${esc(chart.title)}</figcaption>`;
  if (!chart.bars.length) return `${head}<p class="chart-empty">${esc(chart.empty)}</p></figure>`;
  const total = (b: Bar): number => b.segments.reduce((s, x) => s + Math.max(0, x.value), 0);
  const max = Math.max(1, chart.max ?? Math.max(...chart.bars.map(total)));
  const span = WIDTH - LABEL - NOTE - 14;
  const height = chart.bars.length * ROW + 4;
  const rows = chart.bars.map((b, i) => {
    const y = i * ROW + 2;
    const note = b.note ?? String(total(b));
    let x = LABEL + 8;
    const rects = b.segments.map((s) => {
      const w = (Math.max(0, s.value) / max) * span;
      const r = `<rect class="${esc(s.cls)}" x="${round(x)}" y="${y + (ROW - BAR) / 2}" width="${round(w)}" height="${BAR}" rx="2">${s.title ? `<title>${esc(s.title)}</title>` : ''}</rect>`;
      x += w;
      return r;
    });
    return `<g class="bar"><title>${esc(b.title ?? `${b.label}: ${note}`)}</title>` +
      `<text class="label" x="${LABEL}" y="${y + ROW / 2}" text-anchor="end" dominant-baseline="middle">${esc(shortLabel(b.label))}</text>` +
      `<rect class="track" x="${LABEL + 8}" y="${y + (ROW - BAR) / 2}" width="${span}" height="${BAR}" rx="2"/>` +
      rects.join('') +
      `<text class="note" x="${round(Math.max(x, LABEL + 8) + 6)}" y="${y + ROW / 2}" dominant-baseline="middle">${esc(note)}</text></g>`;
  });
  return `${head}<svg class="bars" viewBox="0 0 ${WIDTH} ${height}" width="100%" preserveAspectRatio="xMinYMin meet" role="img" aria-labelledby="${chart.id}-t">` +
    `${rows.join('')}</svg></figure>`;
}
