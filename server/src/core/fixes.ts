// Fixes shared by several detectors. Each returns undefined when no safe, deterministic fix exists.
import type { Fix, LanguageId, OffsetEdit } from './types';
import { JS_LIKE } from './languages';

/** SCREAMING_SNAKE name for an env var, from the identifier the value is assigned to, else a fallback. */
export function envNameFor(text: string, valueStart: number, fallback: string): string {
  const lineStart = text.lastIndexOf('\n', valueStart - 1) + 1;
  const before = text.slice(lineStart, valueStart);
  const m = /([A-Za-z_$][\w$-]*)["'`]?\s*(?:[:=]|=>|\()\s*(?:new\s+\w+\s*\(\s*)?["'`]?$/.exec(before);
  const raw = m?.[1] && !/^(const|let|var|return|new)$/.test(m[1]) ? m[1] : fallback;
  return raw
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase() || 'SECRET';
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
    if (!/^\s*import\s+os\b|^\s*import\s+[\w, ]*\bos\b/m.test(text)) edits.push({ start: 0, end: 0, newText: 'import os\n' });
  } else {
    return undefined;
  }
  return {
    title: 'Vouch: Move secret to an environment variable',
    edits,
    appends: [{ file: '.env.example', text: `${name}=\n`, unlessLine: `${name}=` }],
  };
}
