// Reads the workspace policy file (.vouch.json, JSON with comments). Never executes anything.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { sanitizeSettings } from '../core/config';
import { CONFIG_FILE, type VouchSettings } from '../protocol';

export interface ConfigFileResult {
  settings: Partial<VouchSettings>;
  problems: string[];
  path?: string;
}

export function readConfigFile(file: string): ConfigFileResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? { settings: {}, problems: [] } : { settings: {}, problems: [`cannot read ${file}: ${code}`], path: file };
  }
  const errors: ParseError[] = [];
  const raw: unknown = parse(text, errors, { allowTrailingComma: true });
  const problems = errors.map((e) => `${file}: ${printParseErrorCode(e.error)} at offset ${e.offset}`);
  const settings = sanitizeSettings(raw, problems);
  return { settings, problems: problems.map((p) => (p.startsWith(file) ? p : `${file}: ${p}`)), path: file };
}

export function readWorkspaceConfig(root: string): ConfigFileResult {
  return readConfigFile(join(root, CONFIG_FILE));
}
