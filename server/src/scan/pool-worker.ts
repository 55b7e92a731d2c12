// One scan worker (pool.ts starts the running bundle as a worker with `role: 'scan'`, see main.ts and
// cli/src/vouch.ts): its own engine and memo, the caller's services rebuilt from plain data, and the
// same per-file step as the in-thread scan (`scanOne`). Package look-ups go to the starting thread,
// which owns the one registry client; everything else (project files, the workspace index, the git
// baseline, the type checker) is read here, from the same disk, with the same settings.
import { parentPort, workerData } from 'node:worker_threads';
import type { Ecosystem, PackageFacts, RegistryService } from '../core/services';
import { GitBaseline } from '../vcs/baseline';
import { FolderServices } from './compose';
import { createEngine } from './create-engine';
import type { FromScanWorker, ToScanWorker, WorkerInit } from './pool';
import { analyzeOptionsFor, scanOne, type AsyncScanOptions } from './scan';

const port = parentPort;
if (!port) throw new Error('scan worker: started outside a worker thread');
const init = (workerData as { init: WorkerInit }).init;
const send = (msg: FromScanWorker): void => port!.postMessage(msg);

const asked = new Map<number, { resolve: (f: PackageFacts | undefined) => void; reject: (e: Error) => void }>();
let nextAsk = 1;

/** The registry of the starting thread: its answers, its cache, its limits on requests (popular names are bundled data). */
function remoteRegistry(local: RegistryService, offline: boolean): RegistryService {
  return {
    offline,
    popular: (ecosystem) => local.popular(ecosystem),
    lookup: (ecosystem: Ecosystem, name: string) =>
      new Promise((resolve, reject) => {
        const id = nextAsk++;
        asked.set(id, { resolve, reject });
        send({ type: 'lookup', id, ecosystem, name });
      }),
  };
}

async function setUp(): Promise<AsyncScanOptions & { root: string }> {
  const { root, settings, services: spec } = init;
  const { engine } = await createEngine();
  const baseline = spec.baseline && (spec.baseline.fixed ? await GitBaseline.open(root, spec.baseline.rev) : GitBaseline.follow(root, spec.baseline.rev));
  const folders = new FolderServices({
    trusted: spec.trusted, snapshot: spec.snapshot, trustWorkspaceConfig: spec.trustWorkspaceConfig, log: () => {},
    typeRoots: spec.typeRoots && (() => spec.typeRoots!),
    baseline: () => baseline ?? undefined,
  });
  const services = folders.for(root, settings);
  if (init.registry && services.registry) services.registry = remoteRegistry(services.registry, init.registry.offline);
  for (const k of Object.keys(services)) if (!init.present.includes(k)) delete services[k];
  return { root, settings, engine, services, keepText: init.keepText };
}

const ready = setUp();
let work = Promise.resolve();

port.on('message', (msg: ToScanWorker) => {
  if (msg.type === 'lookup') {
    const p = asked.get(msg.id);
    asked.delete(msg.id);
    if (msg.error !== undefined) p?.reject(new Error(msg.error));
    else p?.resolve(msg.facts);
    return;
  }
  // One batch at a time (the pool sends the next on `idle`); files within it overlap their slow tier.
  work = work.then(() => runBatch(msg.files));
});

async function runBatch(files: Array<{ i: number; abs: string }>): Promise<void> {
  const opts = await ready;
  const analyzeOptions = analyzeOptionsFor(opts.settings);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < files.length) {
      const { i, abs } = files[next++];
      const { rel, piece } = await scanOne(opts, opts.root, abs, analyzeOptions);
      send({ type: 'file', i, rel, piece });
    }
  };
  await Promise.all(Array.from({ length: Math.min(init.concurrency, files.length) }, lane));
  send({ type: 'idle' });
}

// A worker that cannot set up (a grammar that will not load) stops: the pool reports it.
ready.then(() => send({ type: 'ready' }), (e: unknown) => {
  throw e;
});
