// One scan worker (pool.ts starts the running bundle as a worker with `role: 'scan'`, see main.ts and
// cli/src/vouch.ts): its own engine and memo, the caller's services rebuilt from plain data, and the
// same per-file step as the in-thread scan (`scanOne`). Package look-ups and the reuse cache belong to
// the starting thread and are asked there; everything else (project files, the workspace index, the
// git baseline, the type checker) is read here, from the same disk, with the same settings.
import { parentPort, workerData } from 'node:worker_threads';
import type { AnalyzeResult } from '../core/engine';
import type { Ecosystem, PackageFacts, RegistryService } from '../core/services';
import { GitBaseline } from '../vcs/baseline';
import { FolderServices } from './compose';
import { createEngine } from './create-engine';
import { InFlight } from './in-flight';
import type { FromScanWorker, ToScanWorker, WorkerInit } from './pool';
import { recordReads, type Read } from './reuse';
import { analyzeOptionsFor, scanOne, type AsyncScanOptions, type FileResultReuse } from './scan';

const port = parentPort;
if (!port) throw new Error('scan worker: started outside a worker thread');
const init = (workerData as { init: WorkerInit }).init;
const send = (msg: FromScanWorker): void => port!.postMessage(msg);

/** Questions to the starting thread, by id, until it answers. */
const asked = new Map<number, { resolve: (value: never) => void; reject: (e: Error) => void }>();
let nextAsk = 1;
function ask<T>(question: (id: number) => FromScanWorker): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const id = nextAsk++;
    asked.set(id, { resolve: resolve as (value: never) => void, reject });
    send(question(id));
  });
}

/** The registry of the starting thread: its answers, its cache, its limits on requests (popular names are bundled data). */
function remoteRegistry(local: RegistryService, offline: boolean): RegistryService {
  return {
    offline,
    popular: (ecosystem) => local.popular(ecosystem),
    lookup: (ecosystem: Ecosystem, name: string) => ask<PackageFacts | undefined>((id) => ({ type: 'lookup', id, ecosystem, name })),
    owners: (ecosystem: Ecosystem, name: string) => ask<readonly string[] | undefined>((id) => ({ type: 'lookup', id, ecosystem, name, owners: true })),
  };
}

/** The starting thread's reuse cache: asked with the file's text, told the result and the reads recorded here. */
function remoteReuse(): FileResultReuse {
  const reads = new Map<string, Read[]>();
  return {
    get: (file) => ask<AnalyzeResult | undefined>((id) => ({ type: 'reuse-get', id, rel: file.rel, text: file.text })),
    services: (rel, base) => {
      const list: Read[] = [];
      reads.set(rel, list);
      return recordReads(base, list);
    },
    set: (file, result) => {
      send({ type: 'reuse-set', rel: file.rel, text: file.text, result, reads: reads.get(file.rel) ?? [] });
      reads.delete(file.rel);
    },
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
  return { root, settings, engine, services, keepText: init.keepText, inFlight: new InFlight(), ...(init.reuse ? { reuse: remoteReuse() } : {}) };
}

const ready = setUp();
let work = Promise.resolve();

port.on('message', (msg: ToScanWorker) => {
  if (msg.type === 'lookup' || msg.type === 'reused') {
    const p = asked.get(msg.id);
    asked.delete(msg.id);
    if (msg.type === 'lookup' && msg.error !== undefined) p?.reject(new Error(msg.error));
    else p?.resolve((msg.type === 'lookup' ? msg.owners ?? msg.facts : msg.result) as never);
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
      const { rel, piece, reused } = await scanOne(opts, opts.root, abs, analyzeOptions);
      send({ type: 'file', i, rel, piece, reused });
    }
  };
  await Promise.all(Array.from({ length: Math.min(init.concurrency, files.length) }, lane));
  send({ type: 'idle' });
}

// A worker that cannot set up (a grammar that will not load) stops: the pool reports it.
ready.then(() => send({ type: 'ready' }), (e: unknown) => {
  throw e;
});
