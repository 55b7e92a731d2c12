// Reads the workspace policy file (.vouch.json, JSON with comments). Never executes anything.
import { join } from 'node:path';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { sanitizeSettings } from '../core/config';
import { jsonShapeProblem } from '../core/json-limits';
import { CONFIG_FILE, type VouchSettings } from '../core/settings';
import { readTextSafe } from '../io/safe-read';

/** A policy file is a few kilobytes; anything near this is not one. */
export const MAX_CONFIG_BYTES = 1_000_000;

export interface ConfigFileResult {
  settings: Partial<VouchSettings>;
  /** Everything worth a warning, fatal or not. */
  problems: string[];
  path?: string;
  /** The file does not exist (fine for the implicit .vouch.json, an error for an explicit --config). */
  missing?: boolean;
  /**
   * Set when the file exists but could not be read, parsed or was refused (too large, too deep: none
   * of its policy applies; a glob too long: the rest applies in the editor). The CLI stops on it.
   */
  error?: string;
}

export function readConfigFile(file: string): ConfigFileResult {
  const read = readTextSafe(file, MAX_CONFIG_BYTES);
  if (!read.ok) {
    if (read.kind === 'missing') return { settings: {}, problems: [], missing: true };
    const error = `${file} ${read.reason}, so it is not read as a policy file`;
    return { settings: {}, problems: [error], path: file, error };
  }
  const text = read.text;
  if (!text.trim()) return { settings: {}, problems: [], path: file };
  // Before parsing: the parser recurses per nesting level, and a committed file is untrusted.
  const shape = jsonShapeProblem(text);
  if (shape) {
    const error = `${file} is not used: ${shape}`;
    return { settings: {}, problems: [error], path: file, error };
  }
  const errors: ParseError[] = [];
  const problems: string[] = [];
  const refused: string[] = [];
  let raw: unknown;
  let settings: Partial<VouchSettings>;
  try {
    raw = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
    // The editor keeps what parsed (the user may be mid-edit); the CLI refuses to run on `error`.
    settings = sanitizeSettings(raw, problems, refused);
    // Which key signs a person's reviews is theirs to say, never the repository's.
    if (settings.review?.signingKey !== undefined) {
      const { signingKey: _dropped, ...review } = settings.review;
      settings = { ...settings, review: review as VouchSettings['review'] };
      problems.push('review.signingKey: ignored in the policy file; set vouch.review.signingKey in your user settings');
    }
  } catch (e) {
    const error = `${file} is not used: ${(e as Error).message}`;
    return { settings: {}, problems: [error], path: file, error };
  }
  if (errors.length) {
    const where = (offset: number): string => {
      const before = text.slice(0, offset);
      const line = before.split('\n').length;
      return `line ${line}, column ${offset - before.lastIndexOf('\n')}`;
    };
    const syntax = errors.slice(0, 5).map((e) => `${file}: ${printParseErrorCode(e.error)} at ${where(e.offset)}`);
    return { settings, problems: syntax, path: file, error: `${file} is not valid JSON: ${syntax[0].slice(file.length + 2)}` };
  }
  if (raw === undefined || (typeof raw !== 'object' && raw !== null) || Array.isArray(raw)) {
    const error = `${file} must contain a JSON object`;
    return { settings: {}, problems: [error], path: file, error };
  }
  const refusal = refused.length ? { error: `${file}: ${refused[0]}` } : {};
  return { settings, problems: problems.map((p) => `${file}: ${p}`), path: file, ...refusal };
}

export function readWorkspaceConfig(root: string): ConfigFileResult {
  return readConfigFile(join(root, CONFIG_FILE));
}
