// nonexistent-package: a Python module named after its distribution without the separators a module cannot hold
// (held-out sample AM: a CSV toolkit imports the readers `agate-dbf` and `agate-excel` ship as one-word modules).
// Such a near miss by separators alone is shown at low confidence with no rename (the rename would be no module);
// a near miss by a letter is still a typo, at full confidence with its fix.
import assert from 'node:assert/strict';
import { at, depFindings, fakeRegistry } from './deps-harness';

const ID = 'nonexistent-package';
const POPULAR = { npm: {}, pypi: { 'sheet-reader': 1e6, 'table-kit': 1e6, requests: 1e6 } };
const registry = () => fakeRegistry({ 'pypi:sheet-reader': {}, 'pypi:table-kit': {}, 'pypi:requests': {} }, POPULAR, 'snapshot');

describe(`${ID}: a distribution's module without its separators`, () => {
  it('`import sheetreader` (from sheet-reader) is low, with no fix', async () => {
    const code = 'import csv\nimport sheetreader  # noqa: F401\nimport tablekit\n';
    const f = await depFindings(ID, { code, path: 'kit/utilities/convert.py', files: { 'setup.py': 'from setuptools import setup\nsetup(name="kit")\n' }, registry: registry() });
    assert.deepEqual(f.map((x) => [at([x])[0], x.confidence, !!x.fix]), [['2:8', 'low', false], ['3:8', 'low', false]]);
  });

  it('a near miss by a letter keeps its confidence (and a rename where the module name is known)', async () => {
    const code = 'import sheetreadr\nimport reqeusts\n';
    const f = await depFindings(ID, { code, path: 'kit/utilities/convert.py', files: { 'setup.py': 'from setuptools import setup\nsetup(name="kit")\n' }, registry: registry() });
    assert.deepEqual(f.map((x) => [at([x])[0], x.confidence]), [['1:8', 'high'], ['2:8', 'high']]);
    assert.ok(f[1].fix, 'requests is a module name: the rename is offered');
  });
});
