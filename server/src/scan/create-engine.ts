// Builds the engine with every detector and loads the Python grammar (WASM) from disk.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Engine } from '../core/engine';
import { initPython } from '../core/parsers';
import { allDetectors } from '../detectors';

const ASSETS: Record<string, string> = {
  'tree-sitter.wasm': 'web-tree-sitter/tree-sitter.wasm',
  'tree-sitter-python.wasm': 'tree-sitter-python/tree-sitter-python.wasm',
};

/** Next to the bundle when built (esbuild copies them), from node_modules when run from source. */
export function assetPath(name: keyof typeof ASSETS | string): string {
  const bundled = join(__dirname, name);
  if (existsSync(bundled)) return bundled;
  return require.resolve(ASSETS[name]);
}

export async function createEngine(): Promise<{ engine: Engine; warnings: string[] }> {
  const warnings: string[] = [];
  try {
    await initPython(readFileSync(assetPath('tree-sitter-python.wasm')), assetPath('tree-sitter.wasm'));
  } catch (e) {
    warnings.push(`Python parser unavailable, syntax-aware Python detectors are off: ${(e as Error).message}`);
  }
  return { engine: new Engine(allDetectors()), warnings };
}
