// Reads the workspace policy file (.vouch.json, JSON with comments). Never executes anything.
import { join } from 'node:path';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { sanitizeSettings } from '../core/config';
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
  /** Set when the file exists but could not be read or parsed, so none of its policy applies. */
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
  const errors: ParseError[] = [];
  const raw: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  const problems: string[] = [];
  // The editor keeps what parsed (the user may be mid-edit); the CLI refuses to run on `error`.
  const settings = sanitizeSettings(raw, problems);
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
  return { settings, problems: problems.map((p) => `${file}: ${p}`), path: file };
}

export function readWorkspaceConfig(root: string): ConfigFileResult {
  return readConfigFile(join(root, CONFIG_FILE));
}
