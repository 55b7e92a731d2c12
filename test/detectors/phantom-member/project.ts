// Shared by the phantom-api tests: a throw-away project with a package that ships its own typings
// (node_modules is git-ignored, so the test writes it), no @types/node (Node's built-ins come from the
// declarations Vouch ships), and one warm type service for all cases (the tables' `services`).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Services } from '../../../server/src/core/types';
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

/** Services of the phantom-api tables: the fixture project's warm type service. */
export const typeServices = (): Services => ({ types: fixtureProject().service });
