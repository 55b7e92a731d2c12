// The working tree the attribution fixtures in test/fixtures/provenance-formats/ describe, and a
// temporary workspace holding it (optionally a git repository, made with the git CLI: tests only).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const FIXTURES = join(__dirname, '..', 'fixtures', 'provenance-formats');

export const FILES: Record<string, string> = {
  'src/app.ts': [
    "import { readFile } from 'node:fs/promises';",
    '',
    'export async function load(path: string) {',
    "  const text = await readFile(path, 'utf8');",
    '  return JSON.parse(text);',
    '}',
    '',
    'export function size(list: unknown[]) {',
    '  return list.length;',
    '}',
    '',
    "export const VERSION = '1.0.0';",
    '',
  ].join('\n'),
  'src/util.ts': [
    'export const add = (a: number, b: number) => a + b;',
    'export const sub = (a: number, b: number) => a - b;',
    '',
    'export function clamp(n: number, lo: number, hi: number) {',
    '  return Math.min(hi, Math.max(lo, n));',
    '}',
    '',
  ].join('\n'),
  'src/my file.ts': ['export const x = 1;', 'export const y = 2;', 'export const z = 3;', ''].join('\n'),
};

export function writeFiles(dir: string, files: Record<string, string> = FILES): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd: dir, encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@example.test', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@example.test', GIT_CONFIG_NOSYSTEM: '1', HOME: dir },
  }).trim();
}

/** A temporary workspace with FILES; with `repo`, a git repository with them committed. */
export function workspace(repo = false): string {
  const dir = mkdtempSync(join(tmpdir(), 'vouch-attr-'));
  writeFiles(dir);
  if (repo) {
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'files');
  }
  return dir;
}
