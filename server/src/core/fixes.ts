// Fixes shared by several detectors. Each returns undefined when no safe, deterministic fix exists.
import type { Fix, LanguageId, OffsetEdit } from './types';
import { JS_LIKE } from './languages';

/** Names too vague to be a good environment variable on their own (`auth: "…"`, `token = "…"`). */
const VAGUE_NAME = /^(?:auth|token|key|api_?key|secret|password|pass|pwd|credentials?|value|client|config|options|url|uri|headers?)$/i;

/** Characters before a value searched for the name it is assigned to. */
const NAME_WINDOW = 256;

/**
 * SCREAMING_SNAKE name for an env var, from the identifier the value is assigned to; the fallback
 * when the value is a call argument (`new Stripe("…")`) or the identifier is too vague (`auth`).
 */
export function envNameFor(text: string, valueStart: number, fallback: string): string {
  // Only the name's neighbourhood: the pattern below is anchored at the end, so over a whole long line
  // (one without \n, e.g. joined by \r) it would be tried from every character, quadratically.
  const lineStart = Math.max(text.lastIndexOf('\n', valueStart - 1) + 1, valueStart - NAME_WINDOW);
  const before = text.slice(lineStart, valueStart);
  const m = /([A-Za-z_$][\w$-]*)["'`]?\s*([:=]|=>|\()\s*(new\s+\w+\s*\(\s*)?["'`]?$/.exec(before);
  const named = m?.[1] && m[2] !== '(' && !m[3] && !/^(const|let|var|return|new)$/.test(m[1]) && !VAGUE_NAME.test(m[1]);
  return envVarName(named ? m[1] : fallback) || 'SECRET';
}

/** SCREAMING_SNAKE form of an identifier (`apiKey` → `API_KEY`, `x-api-key` → `X_API_KEY`); may be empty. */
export function envVarName(identifier: string): string {
  return identifier
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
}

/**
 * Replace a quoted literal with an environment read and record the name in `.env.example`.
 * `start`/`end` delimit the value inside its quotes.
 */
export function moveToEnvFix(text: string, lang: LanguageId, start: number, end: number, name: string): Fix | undefined {
  const q = text[start - 1];
  if (!q || !`"'\``.includes(q) || text[end] !== q) return undefined;
  if (q === '`' && text.slice(start, end).includes('${')) return undefined;
  const edits: OffsetEdit[] = [];
  if ((JS_LIKE as string[]).includes(lang)) {
    edits.push({ start: start - 1, end: end + 1, newText: `process.env.${name}` });
  } else if (lang === 'python') {
    // Only a plain string literal, not an f-string or bytes literal.
    if (/[A-Za-z]/.test(text[start - 2] ?? '')) return undefined;
    edits.push({ start: start - 1, end: end + 1, newText: `os.environ["${name}"]` });
    if (!/^[ \t]*import[ \t]+os\b|^[ \t]*import[ \t]+[\w, \t]*\bos\b/m.test(text)) edits.push({ start: 0, end: 0, newText: 'import os\n' });
  } else {
    return undefined;
  }
  return {
    title: 'Vouch: Move secret to an environment variable',
    edits,
    appends: [{ file: '.env.example', text: `${name}=\n`, unlessLine: `${name}=` }],
  };
}
