// Builds the engine with every detector and loads the Python grammar (WASM) from disk.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { Engine } from '../core/engine';
import { initPython } from '../core/parsers';
import { allDetectors } from '../detectors';
import type { Detector } from '../core/types';

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

/**
 * Detectors that misbehave on purpose, so the server tests can prove one bad detector costs only
 * itself. Loaded only when VOUCH_TEST_FAULTS=1; never part of the catalogue otherwise.
 */
export function testFaultDetectors(): Detector[] {
  const meta = { title: 'Test fault', family: 'weak-test', severity: 'hint', confidence: 'high' } as const;
  return [
    {
      id: 'test-fault-throws', meta, languages: '*', keywords: ['__vouch_throw__'],
      run() {
        throw new Error('test-fault-throws: deliberate failure');
      },
    },
    {
      id: 'test-fault-slow', meta, languages: '*', keywords: ['__vouch_slow__'],
      run(ctx) {
        // Spins until the engine's budget stops it; the cap keeps a broken budget from hanging forever.
        const cap = performance.now() + 70_000;
        while (performance.now() < cap) ctx.checkBudget();
      },
    },
    {
      id: 'test-fault-exit', meta, languages: '*', keywords: ['__vouch_exit__'],
      run() {
        // A scan worker that dies mid-file (scan/pool.ts); on the main thread only a failure.
        if (!isMainThread) process.exit(70);
        throw new Error('test-fault-exit: deliberate failure');
      },
    },
  ];
}

export async function createEngine(
  options: { testFaults?: boolean } = {},
): Promise<{ engine: Engine; warnings: string[] }> {
  const warnings: string[] = [];
  const faults = options.testFaults ?? process.env.VOUCH_TEST_FAULTS === '1';
  try {
    await initPython(readFileSync(assetPath('tree-sitter-python.wasm')), assetPath('tree-sitter.wasm'));
  } catch (e) {
    warnings.push(`Python parser unavailable, syntax-aware Python detectors are off: ${(e as Error).message}`);
  }
  if (faults) warnings.push('VOUCH_TEST_FAULTS=1: test fault detectors are loaded.');
  return { engine: new Engine(faults ? [...allDetectors(), ...testFaultDetectors()] : allDetectors()), warnings };
}
