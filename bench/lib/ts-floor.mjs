// Second floor for JS/TS: parse every file with the TypeScript bundled in ts-morph (what Vouch's
// JS detectors use) and walk the AST once. Usage: node ts-floor.mjs <dir> — prints {"files", "nodes"}.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { REPO, listTree } from './common.mjs';

const { ts } = createRequire(join(REPO, 'package.json'))('ts-morph');

function kindOf(path) {
  if (path.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (/\.[mc]?ts$/.test(path)) return ts.ScriptKind.TS;
  if (path.endsWith('.jsx')) return ts.ScriptKind.JSX;
  return ts.ScriptKind.JS;
}

let files = 0;
let nodes = 0;
const visit = (n) => {
  nodes++;
  ts.forEachChild(n, visit);
};
for (const f of listTree(process.argv[2])) {
  const sf = ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, false, kindOf(f));
  files++;
  visit(sf);
}
process.stdout.write(JSON.stringify({ files, nodes }) + '\n');
