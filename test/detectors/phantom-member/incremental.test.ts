// The warm type service checks an edit inside one function incrementally (other function bodies
// blanked, their facts kept); its answer must equal a full check of the same text.
import assert from 'node:assert/strict';
import { TypeCheckService } from '../../../server/src/typecheck/service';
import { fixtureProject } from './project';

const BASE = `const fs = require('fs');
const url = require('url');
function a(file) {
  fs.readFileAsync(file);
  return url.parse(file);
}
function b(file) {
  return fs.readFileSync(file, 'utf8');
}
class C {
  run() { fs.exists('x', () => {}); }
}
`;

describe('typecheck: incremental checks equal full checks', function () {
  this.timeout(90_000);
  const { root } = fixtureProject();
  const full = async (text: string) => new TypeCheckService(() => [root]).check({ path: 'src/inc.js', text });

  for (const [name, edit, kind] of [
    ['edit inside a function body', (t: string) => t.replace("'utf8');", "'utf8');\n  fs.writeFileAsync(file, 'x');"), 'partial'],
    ['edit inside a method body', (t: string) => t.replace("run() {", "run() { fs.readFileSync();"), 'partial'],
    ['comment between functions', (t: string) => t.replace('function b', '// helper\nfunction b'), 'reuse'],
    ['top-level edit', (t: string) => t.replace("const url = require('url');", "const url = require('url');\nconst path = require('path');\npath.joinn('a');"), 'full'],
  ] as const) {
    it(name, async () => {
      const svc = new TypeCheckService(() => [root]);
      await svc.check({ path: 'src/inc.js', text: BASE });
      const text = edit(BASE);
      const got = await svc.check({ path: 'src/inc.js', text });
      assert.equal(svc.stats[kind], kind === 'full' ? 2 : 1, JSON.stringify(svc.stats));
      assert.deepEqual(got, await full(text));
      assert.ok(got!.length >= 3);
    });
  }

  it('an aborted check answers nothing, and the next caller gets a fresh answer', async () => {
    const svc = new TypeCheckService(() => [root]);
    const controller = new AbortController();
    const pending = svc.check({ path: 'src/abort.js', text: BASE }, controller.signal);
    controller.abort();
    assert.equal(await pending, undefined);
    assert.ok((await svc.check({ path: 'src/abort.js', text: BASE }))!.length >= 3);
  });
});
