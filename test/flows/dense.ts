// Handler-dense files of about `lines` lines made of the held-out suite's Express/Koa/Fastify and
// Flask/Django files, for the per-edit bench (bench/flows.mjs) and the walk-reuse tests. JS: each copy
// in its own scope (an IIFE). Python has no such scope, so the file is one module as people write one:
// the copies' imports once at the top, and a repeated copy's module-level names (handlers, `app`,
// settings) renamed, since a real module does not define the same handler twice. `redefining: true`
// keeps the copies whole instead (each re-imports and redefines every name): the worst case for
// reusing the last walk (a redefinition changes what every reader of the name sees), not a dense file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const HELDOUT = join(__dirname, 'heldout');
const JS_PARTS = ['express.js', 'koa.js', 'fastify.js'];
const PY_PARTS = ['flask_app.py', 'django_views.py'];
const IMPORT = /^(?:import|from)\s/;
/** Module-level names a Python copy defines: functions, classes, assigned names. */
const PY_DEFINED = /^(?:async\s+)?(?:def|class)\s+(\w+)|^(\w+)\s*(?::[^=\n]*)?=/gm;

const lineCount = (s: string) => s.split('\n').length;

/** `dir`: the held-out suite's folder (a bundle is not next to it). */
export function denseHandlers(lines: number, python: boolean, options: { redefining?: boolean; dir?: string } = {}): string {
  const body = (python ? PY_PARTS : JS_PARTS).map((name) => readFileSync(join(options.dir ?? HELDOUT, name), 'utf8'));
  let out = '';
  if (!python || options.redefining) {
    for (let i = 0; lineCount(out) < lines; i++) out += python ? `${body[i % body.length]}\n` : `(function copy${i}() {\n${body[i % body.length]}\n})();\n`;
    return out;
  }
  const imports = new Set<string>();
  const rests = body.map((src) => {
    const rest: string[] = [];
    const text = src.split('\n');
    for (let i = 0; i < text.length; i++) {
      if (!IMPORT.test(text[i])) {
        rest.push(text[i]);
        continue;
      }
      let stmt = text[i];
      while (stmt.includes('(') && !stmt.includes(')') && i + 1 < text.length) stmt += `\n${text[++i]}`;
      imports.add(stmt);
    }
    return rest.join('\n');
  });
  out = `${[...imports].join('\n')}\n`;
  for (let i = 0; lineCount(out) < lines; i++) {
    let src = rests[i % rests.length];
    if (i >= rests.length) {
      const names = new Set([...src.matchAll(PY_DEFINED)].map((m) => m[1] ?? m[2]));
      for (const n of names) src = src.replace(new RegExp(`(?<![.\\w])${n}(?!\\w)`, 'g'), `${n}_${i}`);
    }
    out += `${src}\n`;
  }
  return out;
}
