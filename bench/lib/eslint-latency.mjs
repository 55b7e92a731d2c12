// ESLint's single-file latency through its Node API: `new ESLint().lintText` on the text after each of
// the same edits the Vouch server receives. Usage: node eslint-latency.mjs <file> <languageId> <edits>
// — prints {"samples": [ms...], "messages": n} as JSON.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BENCH, PEERS } from './common.mjs';
import { edits } from './edits.mjs';

const [file, languageId, count] = process.argv.slice(2);
const require = createRequire(join(PEERS, 'package.json'));
const { ESLint } = await import(pathToFileURL(require.resolve('eslint')).href);
const eslint = new ESLint({ cwd: dirname(file), overrideConfigFile: join(BENCH, 'lib', 'eslint.config.mjs') });
const text = readFileSync(file, 'utf8');
// The first call loads the config and plugins: an editor pays it once, so it is left out.
let [result] = await eslint.lintText(text, { filePath: file });
const samples = [];
for (const e of edits(text, languageId, Number(count), 7)) {
  const t = performance.now();
  [result] = await eslint.lintText(e.full, { filePath: file });
  samples.push(performance.now() - t);
}
process.stdout.write(JSON.stringify({ samples, messages: result.messages.filter((m) => m.ruleId).length }) + '\n');
