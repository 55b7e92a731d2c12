// nonexistent-package, Python: a script that extends `sys.path` before its imports (a tool installed under
// /usr/share/<tool> adding that folder) may import its own modules from there: shown at low confidence, even
// when the name is near a popular one (fresh held-out sample DD: a Debian CLI tool's entry script).
import assert from 'node:assert/strict';
import { at, depFindings, registryWith } from './deps-harness';

const ID = 'nonexistent-package';

describe(`${ID}: Python imports after the script extends sys.path`, () => {
  it('an import after `sys.path += [...]` or `sys.path.insert(0, …)` is low confidence', async () => {
    for (const edit of ['sys.path += ["/usr/share/mytool"]', 'sys.path.insert(0, os.path.dirname(__file__) + "/lib")']) {
      const code = `import os, sys\n${edit}\nimport reqests\n`;
      const f = await depFindings(ID, { code, path: 'mytool.py', registry: registryWith() });
      assert.deepEqual([at(f), f[0]?.confidence], [['3:8'], 'low'], edit);
    }
  });

  it('an import before the edit, or in a file that never edits sys.path, keeps its confidence', async () => {
    const before = await depFindings(ID, { code: 'import os, sys\nimport reqests\nsys.path.append("/opt/x")\n', path: 'a.py', registry: registryWith() });
    assert.deepEqual([at(before), before[0]?.confidence], [['2:8'], 'high']);
    const plain = await depFindings(ID, { code: 'import sys\nprint(sys.path)\nfor p in sys.path:\n    pass\nimport reqests\n', path: 'a.py', registry: registryWith() });
    assert.deepEqual([at(plain), plain[0]?.confidence], [['5:8'], 'high']);
  });
});
