// Shared by the phantom-api tests: a throw-away project with a package that ships its own typings
// (node_modules is git-ignored, so the test writes it), no @types/node (Node's built-ins come from the
// declarations Vouch ships), one warm type service for all cases, and a slow-tier table tester.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../../../server/src/core/engine';
import type { Detector, LanguageId } from '../../../server/src/core/types';
import { TypeCheckService } from '../../../server/src/typecheck/service';

const TINY_HTTP = `export interface RequestOptions {
  url: string;
  timeout?: number;
  retries?: number;
}
export interface Client {
  get(path: string): Promise<string>;
  /** @deprecated since 2.0 - Use \`get\` instead. */
  fetchUrl(path: string): Promise<string>;
}
export function createClient(options: RequestOptions): Client;
export function send(url: string, body: string, options?: RequestOptions): Promise<void>;
declare const version: string;
export default version;
`;

let root: string | undefined;
let service: TypeCheckService | undefined;

export function fixtureProject(): { root: string; service: TypeCheckService } {
  if (!root || !service) {
    root = mkdtempSync(join(tmpdir(), 'vouch-phantom-'));
    const pkg = join(root, 'node_modules', 'tiny-http');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'tiny-http', version: '1.0.0', types: 'index.d.ts' }));
    writeFileSync(join(pkg, 'index.d.ts'), TINY_HTTP);
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'app', dependencies: { 'tiny-http': '^1.0.0' } }));
    const r = root;
    service = new TypeCheckService(() => [r]);
    process.once('exit', () => rmSync(r, { recursive: true, force: true }));
  }
  return { root, service };
}

export interface PhantomCase {
  code: string;
  language?: LanguageId;
  name?: string;
}

export interface PhantomInvalid extends PhantomCase {
  /** 1-based line and column of each finding. */
  errors: Array<{ line: number; column: number }>;
}

const EXT: Partial<Record<LanguageId, string>> = { javascript: 'js', typescript: 'ts', javascriptreact: 'jsx', typescriptreact: 'tsx' };

export async function phantomFindings(detector: Detector, c: PhantomCase): Promise<Array<{ line: number; column: number; message: string }>> {
  const { service: types } = fixtureProject();
  const language = c.language ?? 'javascript';
  const r = await new Engine([detector]).analyzeAsync({ text: c.code, languageId: language, path: `src/sample.${EXT[language]}` }, { types });
  assert.deepEqual(r.notices, [], 'detector notices');
  return r.findings.filter((f) => f.ruleId === detector.id).map((f) => ({ line: f.range.start.line + 1, column: f.range.start.character + 1, message: f.message }));
}

const label = (c: PhantomCase) => `${c.language ?? 'javascript'}: ${c.name ?? c.code.split('\n').filter((l) => l.trim()).pop()!.trim().slice(0, 70)}`;

export function phantomTester(detector: Detector, cases: { valid: PhantomCase[]; invalid: PhantomInvalid[] }): void {
  describe(detector.id, function () {
    // The first check parses Node's declarations (cold); later ones reuse them.
    this.timeout(90_000);
    before(async () => {
      await phantomFindings(detector, { code: "const fs = require('fs');\n" });
    });
    describe('valid', () => {
      for (const c of cases.valid) {
        it(label(c), async () => {
          assert.deepEqual((await phantomFindings(detector, c)).map((f) => `${f.line}:${f.column} ${f.message}`), []);
        });
      }
    });
    describe('invalid', () => {
      for (const c of cases.invalid) {
        it(label(c), async () => {
          assert.deepEqual((await phantomFindings(detector, c)).map(({ line, column }) => ({ line, column })), c.errors);
        });
      }
    });
  });
}
