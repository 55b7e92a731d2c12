// Annotated fixtures: test/detectors/<rule-id>/<name>.<ext>. A marker line `expect: <ids>` says the
// next code line has a finding of each id; `ok: <ids>` says it has none; `todo-expect: <ids>` marks a
// known gap (reported as pending). Every finding of the folder's rule must be expected.
// `<name>.fixed.<ext>` holds the text after applying all of that rule's fixes.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { languageOf } from '../../server/src/core/languages';
import { applyEdits, findingsOf } from './harness';
import { parseMarkers } from './markers';

const ROOT = __dirname;
function fixtureFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => !f.endsWith('.ts') && !f.includes('.fixed.') && statSync(join(dir, f)).isFile());
}

for (const ruleId of readdirSync(ROOT).filter((d) => statSync(join(ROOT, d)).isDirectory()).sort()) {
  const dir = join(ROOT, ruleId);
  const files = fixtureFiles(dir);
  if (!files.length) continue;
  describe(`fixtures: ${ruleId}`, () => {
    for (const file of files) {
      it(file, async function () {
        const text = readFileSync(join(dir, file), 'utf8');
        // Fixtures live under test/; analyse them as application code unless named like a test.
        const path = /test|spec/.test(file) ? `test/${file}` : `src/${file}`;
        const lang = languageOf(file);
        assert.ok(lang, `${file}: unknown language`);
        const marks = parseMarkers(text);
        assert.ok(marks.some((m) => m.kind === 'expect' && m.ids.includes(ruleId)) || marks.some((m) => m.kind === 'ok'), `${file} has no markers`);
        const found = await findingsOf(ruleId, { code: text, path, language: lang }, lang!);
        const foundLines = new Set(found.map((f) => f.range.start.line + 1));
        const expected = new Set<number>();
        const todo: number[] = [];
        for (const m of marks) {
          if (!m.ids.includes(ruleId)) continue;
          if (m.kind === 'expect') {
            expected.add(m.line);
            assert.ok(foundLines.has(m.line), `${file}:${m.line}: expected ${ruleId}`);
          } else if (m.kind === 'ok') {
            assert.ok(!foundLines.has(m.line), `${file}:${m.line}: unexpected ${ruleId} (marked ok)`);
          } else if (!foundLines.has(m.line)) {
            todo.push(m.line);
          } else {
            assert.fail(`${file}:${m.line}: todo-expect now passes; change it to expect`);
          }
        }
        const unexpected = [...foundLines].filter((l) => !expected.has(l) && !todo.includes(l));
        assert.deepEqual(unexpected, [], `${file}: findings of ${ruleId} on unmarked lines`);
        const fixed = join(dir, file.replace(/(\.[^.]+)$/, '.fixed$1'));
        if (existsSync(fixed)) {
          assert.equal(applyEdits(text, found.flatMap((f) => f.fix?.edits ?? [])), readFileSync(fixed, 'utf8'));
        }
        if (todo.length) this.test!.title += ` (known gaps on lines ${todo.join(', ')})`;
      });
    }
  });
}
