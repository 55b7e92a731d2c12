// Shared set-up for the server tests: a temporary workspace folder and sample texts.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** An AWS access key id that matches `aws-access-key-id` (not the documented placeholder). */
export const AWS_KEY = 'AKIAZ3MSJV2KD7QX4N5P';
export const OPENAI_KEY = 'sk-proj-4fJ9xQ2mVb7LpR8sT1wZ0yK3nH6cD5eA9gU2iO4rE7tW1qS8';

export function tempWorkspace(): string {
  return mkdtempSync(join(tmpdir(), 'vouch-srv-'));
}

export function uriIn(root: string, rel: string): string {
  return pathToFileURL(join(root, rel)).href;
}

export function writeIn(root: string, rel: string, text: string): string {
  const file = join(root, rel);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}
