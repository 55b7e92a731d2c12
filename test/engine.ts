// One engine for all in-process tests, with the Python grammar loaded (as the server does).
import { createEngine } from '../server/src/scan/create-engine';
import type { Engine } from '../server/src/core/engine';

let engine: Promise<Engine> | undefined;

export function testEngine(): Promise<Engine> {
  engine ??= createEngine().then((r) => {
    if (r.warnings.length) throw new Error(r.warnings.join('\n'));
    return r.engine;
  });
  return engine;
}
