// Limits in exported configuration: `export const TIMEOUT_MS = 30_000`, `module.exports = { http: {
// timeout: 5000 } }`, Python `MAX_RETRIES = 5` or `LIMITS = {'max_size': 1024 * 1024}`. A lower value for
// a name whose smaller value is stricter (timeouts, TTLs, limits, maxima, sizes, retries, concurrency)
// can break callers that relied on the old one: "tightened timeouts and limits". Names whose meaning
// runs the other way (minimums, intervals, thresholds) are never compared. Values are numeric literals
// and their products and sums (`30 * 1000`); anything else is not a limit here.
import { ts } from '../core/ts';
import type { PyNode } from './surface-python';

/** Where a limit is, and its value: `''` for the exported value itself, else a dotted key path. */
export type Limits = Record<string, { value: number; start: number; end: number }>;

const STRICTER_WHEN_SMALLER = new Set(['timeout', 'timeouts', 'ttl', 'limit', 'limits', 'max', 'maximum', 'retries', 'retry', 'size', 'concurrency', 'deadline', 'expiry', 'expires', 'expiration', 'quota', 'burst', 'maxage']);
const OTHER_WAY = new Set(['min', 'minimum', 'interval', 'threshold', 'delay', 'backoff', 'wait', 'rate']);
const MAX_DEPTH = 3;

/** Words of a name: `maxUploadSize`, `MAX_UPLOAD_SIZE`, `max-upload-size` → max, upload, size. */
const words = (name: string): string[] => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);

export const isLimitName = (name: string): boolean => {
  const w = words(name);
  return w.some((x) => STRICTER_WHEN_SMALLER.has(x)) && !w.some((x) => OTHER_WAY.has(x));
};

function jsNumber(e: ts.Expression): number | undefined {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  if (ts.isNumericLiteral(e)) return Number(e.text.replace(/_/g, ''));
  if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.AsteriskToken || e.operatorToken.kind === ts.SyntaxKind.PlusToken)) {
    const a = jsNumber(e.left);
    const b = jsNumber(e.right);
    return a === undefined || b === undefined ? undefined : e.operatorToken.kind === ts.SyntaxKind.AsteriskToken ? a * b : a + b;
  }
  return undefined;
}

/** The limits of an exported JS value named `name` (its initializer `init`). */
export function jsLimits(name: string, init: ts.Expression | undefined, sf: ts.SourceFile): Limits | undefined {
  if (!init) return undefined;
  const out: Limits = {};
  const walk = (e: ts.Expression, key: string, label: string, depth: number): void => {
    while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
    const n = jsNumber(e);
    if (n !== undefined) {
      if (isLimitName(label)) out[key] = { value: n, start: e.getStart(sf), end: e.end };
      return;
    }
    if (!ts.isObjectLiteralExpression(e) || depth >= MAX_DEPTH) return;
    for (const p of e.properties) {
      if (!ts.isPropertyAssignment(p) || !(ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) continue;
      walk(p.initializer, key ? `${key}.${p.name.text}` : p.name.text, p.name.text, depth + 1);
    }
  };
  walk(init, '', name, 0);
  return Object.keys(out).length ? out : undefined;
}

function pyNumber(n: PyNode): number | undefined {
  if (n.type === 'integer' || n.type === 'float') return Number(n.text.replace(/_/g, ''));
  if (n.type === 'parenthesized_expression' && n.namedChildren.length === 1) return pyNumber(n.namedChildren[0]);
  if (n.type === 'binary_operator') {
    const op = n.childForFieldName('operator')?.text;
    const l = n.childForFieldName('left');
    const r = n.childForFieldName('right');
    const a = l && pyNumber(l);
    const b = r && pyNumber(r);
    if (a == null || b == null) return undefined;
    return op === '*' ? a * b : op === '+' ? a + b : undefined;
  }
  return undefined;
}

/** The limits of a public Python module-level assignment `name = value`. */
export function pyLimits(name: string, value: PyNode | null, key: (n: PyNode | null) => string | undefined): Limits | undefined {
  if (!value) return undefined;
  const out: Limits = {};
  const walk = (v: PyNode, path: string, label: string, depth: number): void => {
    const n = pyNumber(v);
    if (n !== undefined) {
      if (isLimitName(label)) out[path] = { value: n, start: v.startIndex, end: v.endIndex };
      return;
    }
    if (v.type !== 'dictionary' || depth >= MAX_DEPTH) return;
    for (const p of v.namedChildren) {
      if (p.type !== 'pair') continue;
      const k = key(p.childForFieldName('key'));
      const val = p.childForFieldName('value');
      if (k !== undefined && val) walk(val, path ? `${path}.${k}` : k, k, depth + 1);
    }
  };
  walk(value, '', name, 0);
  return Object.keys(out).length ? out : undefined;
}
