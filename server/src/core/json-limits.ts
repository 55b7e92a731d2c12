// Limits on untrusted JSON (a committed `.vouch.json`, settings from a workspace), checked before
// anything parses or walks it: recursive parsers and JSON.stringify overflow the stack on deep
// nesting, and huge values make every message and glob compile slow.

/** A policy file is a few kilobytes; `models` lists may make it a few hundred. */
export const MAX_POLICY_CHARS = 1_000_000;
/** The deepest a valid policy goes is about 5 (models → list → entry → field → value). */
export const MAX_POLICY_DEPTH = 32;
/** A glob longer than this is not a path pattern (minimatch itself refuses 64 K). */
export const MAX_GLOB_LENGTH = 1_000;
/** Globs per include/exclude list. */
export const MAX_GLOBS = 500;

/**
 * Why `text` must not be parsed, or undefined: too long, or nested deeper than `maxDepth`. One
 * linear pass that skips strings and comments (JSON with comments), so it cannot be fooled by
 * brackets inside them and costs nothing on a normal file.
 */
export function jsonShapeProblem(text: string, maxChars = MAX_POLICY_CHARS, maxDepth = MAX_POLICY_DEPTH): string | undefined {
  if (text.length > maxChars) return `the file is ${text.length} characters long; the limit is ${maxChars}`;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c /* \ */) i++;
    } else if (c === 0x2f /* / */ && text.charCodeAt(i + 1) === 0x2f) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a /* * */) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > maxDepth) return `values are nested more than ${maxDepth} levels deep`;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}

/** A value for a message: short, and never a stack overflow on a deep or cyclic value. */
export function preview(v: unknown, max = 60): string {
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    s = Array.isArray(v) ? 'an array' : typeof v;
  }
  return s.length > max ? `${s.slice(0, max)}… (${s.length} characters)` : s;
}
