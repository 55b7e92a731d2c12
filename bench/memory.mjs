// Issue 9's memory bar while editing ("no growth over 1,000 edits"): the real server as the .vsix ships it
// (lib/common.mjs shippedServer) over JSON-RPC, started with a bench-only preload that collects garbage on a
// signal and reports the heap (lib/heap-probe.cjs), opens each 1,000-line latency file and gets small
// edits one at a time (lib/edits.mjs, as the latency run: comments typed and deleted, every tenth a new
// line), each awaited until its diagnostics are published. The live heap and RSS after a full
// collection are printed after 100 warm-up edits and every 250 edits after; a heap that keeps growing
// is a leak, one that levels off is caches filling. Prints numbers, never asserts.
// Usage: node bench/memory.mjs [--edits 1000] [--files js-1000,py-1000,ts-1000]
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { BENCH, FILES } from './lib/common.mjs';
import { edits } from './lib/edits.mjs';
import { heapOf } from './lib/heap-probe-client.mjs';
import { Client } from './lib/lsp-latency.mjs';

const { values: opts } = parseArgs({ options: { edits: { type: 'string', default: '1000' }, files: { type: 'string', default: 'js-1000,py-1000,ts-1000' } } });
const EDITS = Math.max(250, Number(opts.edits));
const WARMUP = 100;
const print = (s = '') => process.stdout.write(s + '\n');
const mb = (bytes) => (bytes / 1e6).toFixed(1);
const LANG = { js: 'javascript', ts: 'typescript', py: 'python' };

async function main() {
  const names = opts.files.split(',').map((s) => s.trim()).filter(Boolean);
  const files = names.map((name) => {
    const ext = name.split('-')[0];
    return { name, path: join(FILES, `${name}.${ext}`), languageId: LANG[ext] };
  }).filter((f) => existsSync(f.path));
  if (!files.length) throw new Error('no latency files: run `npm run bench` once (it writes bench/.work/files)');
  print(`Issue 9, memory while editing: ${EDITS} edits per file after ${WARMUP} warm-up edits, each awaited until published;`);
  print('heap used and RSS of the server after a full collection, MB');
  const client = new Client(FILES, { registry: { enabled: false } }, ['--expose-gc', '-r', join(BENCH, 'lib', 'heap-probe.cjs')]);
  try {
    await client.initialize();
    const start = await heapOf(client);
    print(`server started: heap ${mb(start.heap)}, RSS ${mb(start.rss)}`);
    for (const f of files) {
      const uri = pathToFileURL(f.path).href;
      const text = readFileSync(f.path, 'utf8');
      const opened = client.diagnosticsAt(uri, 1);
      client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: f.languageId, version: 1, text } });
      await opened;
      const points = [];
      let version = 1;
      let last = text;
      for (const e of edits(text, f.languageId, WARMUP + EDITS, 11)) {
        version++;
        const published = client.diagnosticsAt(uri, version);
        client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: e.range, text: e.text }] });
        await published;
        last = e.full;
        const done = version - 1 - WARMUP;
        if (done === 0 || (done > 0 && done % 250 === 0)) points.push({ edits: done, ...(await heapOf(client)), lines: last.split('\n').length });
      }
      client.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
      const first = points[0];
      const end = points[points.length - 1];
      print(`\n${f.name} (${f.languageId}): ${points.map((p) => `${p.edits}: ${mb(p.heap)} / ${mb(p.rss)}`).join(' · ')}`);
      print(`  heap ${mb(end.heap - first.heap)} MB, RSS ${mb(end.rss - first.rss)} MB over ${end.edits} edits (the file grew from ${first.lines} to ${end.lines} lines)`);
    }
    const closed = await heapOf(client);
    print(`\nall files closed: heap ${mb(closed.heap)}, RSS ${mb(closed.rss)} (started at ${mb(start.heap)} / ${mb(start.rss)})`);
  } finally {
    await client.stop();
  }
}

main().catch((e) => {
  process.stderr.write(`bench/memory.mjs: ${e.stack ?? e}\n`);
  process.exit(1);
});
