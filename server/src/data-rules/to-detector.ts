// Turns one data rule (rules/*.json) into a detector: keyword prefilter, one regex, context filters.
import { moveToEnvFix, envNameFor } from '../core/fixes';
import { shannonEntropy } from '../core/text';
import type { Detector, DetectorContext, Fix, LanguageId } from '../core/types';
import type { DataRule } from './types';
import { inBlockHeadedBy, afterInBlock, logicalLineAt } from './block-headers';
import { inExampleComment, inExampleDocstring } from './comment-example';
import { truncatedKey } from './key-body';
import { presenceGuarded } from './presence-guard';
import { ownMethodCall } from './own-method';

const DECLARATIONS = /\.d\.[cm]?ts$/;

function lineAt(text: string, offset: number): string {
  const le = text.indexOf('\n', offset);
  return text.slice(text.lastIndexOf('\n', offset - 1) + 1, le === -1 ? text.length : le);
}

export function redact(s: string): string {
  if (s.length <= 8) return '****';
  return `${s.slice(0, 4)}…${s.slice(-2)}`;
}

function compile(source: string, flags = ''): RegExp {
  return new RegExp(source, flags.includes('g') ? flags : flags + 'g');
}

export function toDetector(rule: DataRule): Detector {
  const pattern = compile(rule.pattern, (rule.flags ?? '') + 'd');
  const allow = (rule.allow ?? []).map((a) => new RegExp(a, 'i'));
  const notOnLine = (rule.notOnLine ?? []).map((a) => new RegExp(a));
  const lowOnLine = (rule.lowOnLine ?? []).map((a) => new RegExp(a));
  const notInBlock = (rule.notInBlock ?? []).map((a) => new RegExp(a));
  const lowInBlock = (rule.lowInBlock ?? []).map((a) => new RegExp(a));
  const lowAfterInBlock = (rule.lowAfterInBlock ?? []).map((a) => new RegExp(a));
  const lowInFileWith = (rule.lowInFileWith ?? []).map((a) => new RegExp(a, 'm'));
  const evidence = rule.lowUnlessInFileWith ?? [];
  const docPages = (rule.docPages ?? []).map((a) => new RegExp(a, 'i'));
  const testVectors = (rule.testVectors ?? []).map((a) => new RegExp(a));
  const group = rule.group ?? 0;
  return {
    id: rule.id,
    meta: {
      title: rule.title,
      family: rule.family,
      severity: rule.severity,
      confidence: rule.confidence,
      cwe: rule.cwe,
      fixable: !!rule.fix,
      // A data rule keeps its findings in tests unless it says otherwise (provider tokens leak from anywhere).
      testFiles: rule.testFiles ?? 'keep',
    },
    languages: rule.languages === '*' ? '*' : (rule.languages as LanguageId[]),
    keywords: rule.keywords,
    run(ctx: DetectorContext) {
      const { text } = ctx;
      // A declaration file's values are examples in its comments (a generated API schema's `@example` token).
      if (rule.family === 'hardcoded-secret' && DECLARATIONS.test(ctx.path)) return;
      const lineVerdict = { start: -1, skip: false };
      let matched = 0;
      let strings: Array<[number, number]> | undefined;
      let low: boolean | undefined;
      let docPage: boolean | undefined;
      const evidenceSeen = new Map<string, boolean>();
      for (const m of windowedMatches(pattern, text, rule.lines ?? 1, ctx.checkBudget)) {
        // A window may be one long line with thousands of matches: each match's own work is budgeted too
        // (after the first, so a rule always gets as far as its first finding).
        if (matched++) ctx.checkBudget();
        const span = m.indices?.[group];
        if (!span) continue;
        const [start, end] = span;
        const value = text.slice(start, end);
        if (rule.minEntropy !== undefined && shannonEntropy(value) < rule.minEntropy) continue;
        if (allow.some((a) => a.test(value))) continue;
        if (notOnLine.length) {
          const ls = text.lastIndexOf('\n', start - 1) + 1;
          // Matches on one line share the verdict: the line is searched once, not once per match.
          if (ls !== lineVerdict.start) {
            const le = text.indexOf('\n', end);
            const line = text.slice(ls, le === -1 ? text.length : le);
            lineVerdict.start = ls;
            lineVerdict.skip = notOnLine.some((n) => n.test(line));
          }
          if (lineVerdict.skip) continue;
        }
        if (notInBlock.length && inBlockHeadedBy(text, start, notInBlock)) continue;
        // A removed API behind a probe of its own name (`hasattr(inspect, "getargspec") and …`) runs only where it exists.
        // …and so does one on `self` in a file defining a method of that name (the project's own).
        if (rule.family === 'phantom-api' && ctx.languageId === 'python' && (presenceGuarded(text, start, end) || ownMethodCall(text, start, end))) continue;
        if (rule.notInString && inSpan((strings ??= pythonStrings(text)), start)) continue;
        low ??= !!rule.lowInLanguages?.includes(ctx.languageId) || lowInFileWith.some((r) => r.test(text));
        // Python's line is the statement's: a version switch split by a backslash (`… if PY3 \` / `else …`) is one line.
        const onLine = lowOnLine.length ? (ctx.languageId === 'python' ? logicalLineAt(text, start) : lineAt(text, start)) : '';
        const lowLine = lowOnLine.length > 0 && lowOnLine.some((r) => r.test(onLine));
        const unproven = evidence.length > 0 && !evidence.some((e) => hasEvidence(e, m, text, evidenceSeen));
        // A documentation page's sample (mountebank's API docs show example request bodies): shown, as information.
        docPage ??= docPages.some((r) => r.test(ctx.path));
        ctx.report({
          start,
          end,
          // A signing secret in a test is the vector its signatures are computed with (svix's webhook.test.ts).
          // A token past its `exp` is refused by any verifier that checks expiry (rsshub's 2020 App Store token).
          // A PEM key whose body is too short for its type is an example cut after the format's header (a CLI's help text).
          // A comment that shows what a token "looks like" (a plugin's set-up notes), or a Python docstring's `Example input:`: a made-up sample, as a rule.
          ...(low || lowLine || unproven || docPage || (rule.family === 'hardcoded-secret' && (inExampleComment(text, start) || (ctx.languageId === 'python' && inExampleDocstring(text, start, (strings ??= pythonStrings(text)))))) || (lowInBlock.length && inBlockHeadedBy(text, start, lowInBlock)) || (lowAfterInBlock.length && afterInBlock(text, start, lowAfterInBlock)) || (ctx.isTestFile && testVectors.some((r) => r.test(value))) || (rule.lowWhenExpired && expiredJwt(value)) || (rule.lowWhenShortKey && truncatedKey(value)) ? { confidence: 'low' as const } : {}),
          ...(docPage ? { severity: 'info' as const } : {}),
          message: rule.message.replace('{redacted}', redact(value)),
          fix: fixFor(rule, ctx, m, start, end),
        });
      }
    },
  };
}

/**
 * Whether `token` is a JWT whose payload, or header, carries an `exp` (seconds) that lies in the past. The header's
 * counts too: itsdangerous' timed serializer writes it there (rsshub's 1point3acres token).
 */
export function expiredJwt(token: string, now = Date.now()): boolean {
  return token.split('.').slice(0, 2).some((part) => {
    try {
      const exp: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))?.exp;
      return typeof exp === 'number' && exp * 1000 < now;
    } catch {
      return false;
    }
  });
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The dotted name that ends at `offset` (`self.pantry` before `.has_key(`), or '' (a call, a subscript). */
function receiverBefore(text: string, offset: number): string {
  let i = offset;
  while (i > 0 && offset - i < 200 && /[\w.]/.test(text[i - 1])) i--;
  return /^[A-Za-z_][\w.]*\w$|^[A-Za-z_]$/.test(text.slice(i, offset)) ? text.slice(i, offset) : '';
}

/**
 * Whether `text` matches the evidence regex `source` with `$1`…`$9` replaced by the match's groups and `$r` by the
 * receiver before the match (regex-escaped): `logger = logging.getLogger(` for the receiver `logger`. A group that
 * took no part, or no receiver, fails the regex. Verdicts are kept per substituted source, so a file with many calls
 * on one receiver searches it once.
 */
function hasEvidence(source: string, m: RegExpExecArray, text: string, seen: Map<string, boolean>): boolean {
  let missing = false;
  const filled = source.replace(/\$([1-9r])/g, (_, d: string) => {
    const g = d === 'r' ? receiverBefore(text, m.index) || undefined : m[Number(d)];
    if (g === undefined) missing = true;
    return escapeRegExp(g ?? '');
  });
  if (missing) return false;
  let verdict = seen.get(filled);
  if (verdict === undefined) seen.set(filled, (verdict = new RegExp(filled, 'm').test(text)));
  return verdict;
}

/** Python's string literals (triple-quoted ones first) and comments, in one pass; comments are skipped. */
const PY_TOKENS = /#[^\n]*|[rRbBuUfF]{0,2}(?:"""[^]*?(?:"""|$)|'''[^]*?(?:'''|$)|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')/g;

/** The spans of the text's Python string literals (docstrings, doctests, messages), in order. */
export function pythonStrings(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const m of text.matchAll(PY_TOKENS)) if (m[0][0] !== '#') out.push([m.index!, m.index! + m[0].length]);
  return out;
}

/** Whether `offset` lies inside one of the sorted spans. */
function inSpan(spans: ReadonlyArray<[number, number]>, offset: number): boolean {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid][1] <= offset) lo = mid + 1;
    else if (spans[mid][0] > offset) hi = mid - 1;
    else return true;
  }
  return false;
}

/** Lines per window, and characters after which a window closes early (it always holds one whole line). */
export const WINDOW_LINES = 64;
export const WINDOW_CHARS = 8192;

/** Offset just past the line terminator that ends the line containing `from` (or the text's end). */
function nextLine(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  return nl === -1 ? text.length : nl + 1;
}

/**
 * Matches of `pattern` (flags `gd`) over `text`, in text order, with indices relative to `text`.
 * One `exec` cannot be interrupted, so it never sees the whole file: the text is cut into windows of
 * whole lines (at most WINDOW_LINES lines or about WINDOW_CHARS characters), each searched together
 * with the `lines - 1` lines after it (a match may span `lines` lines), keeping matches that start in
 * the window. A slow pattern then costs at most one window per `exec`, and the budget is checked
 * between windows.
 */
export function* windowedMatches(pattern: RegExp, text: string, lines: number, checkBudget: () => void): Generator<RegExpExecArray> {
  let from = 0;
  let resume = 0;
  for (; from < text.length; checkBudget()) {
    let core = from;
    for (let n = 0; n < WINDOW_LINES && core < text.length && (n === 0 || core - from < WINDOW_CHARS); n++) core = nextLine(text, core);
    let end = core;
    for (let n = 1; n < lines && end < text.length; n++) end = nextLine(text, end);
    const slice = text.slice(from, end);
    pattern.lastIndex = Math.max(0, resume - from);
    for (let m = pattern.exec(slice); m && m.index < core - from; m = pattern.exec(slice)) {
      if (m[0].length === 0) pattern.lastIndex++;
      m.index += from;
      if (m.indices) for (const span of m.indices) if (span) { span[0] += from; span[1] += from; }
      resume = m.index + Math.max(1, m[0].length);
      yield m;
    }
    from = core;
  }
}
function fixFor(rule: DataRule, ctx: DetectorContext, m: RegExpExecArray, start: number, end: number): Fix | undefined {
  if (!rule.fix) return undefined;
  if (rule.fix.kind === 'move-to-env') {
    const fallback = rule.id.replace(/-/g, '_');
    return moveToEnvFix(ctx.text, ctx.languageId, start, end, envNameFor(ctx.text, start - 1, fallback));
  }
  if (rule.fix.replace !== undefined) {
    const newText = rule.fix.replace.replace(/\$(\d)/g, (_, d: string) => m[Number(d)] ?? '');
    return { title: rule.fix.title, edits: [{ start, end, newText }] };
  }
  return undefined;
}
