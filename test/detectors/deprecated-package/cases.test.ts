// deprecated-package: the registry marks the package deprecated; the message carries its note.
import assert from 'node:assert/strict';
import { at, depFindings, registryWith } from '../nonexistent-package/deps-harness';

const ID = 'deprecated-package';
const registry = () => registryWith({ 'npm:request': { deprecated: 'request has been deprecated, see https://github.com/request/request/issues/3142' }, 'pypi:pycrypto': { deprecated: 'unmaintained; use pycryptodome' } });

describe(`${ID}`, () => {
  it('flags deprecated packages in imports, manifests and install commands', async () => {
    assert.deepEqual(at(await depFindings(ID, { code: "const request = require('request');\n", path: 'src/a.js', registry: registry() })), ['1:26']);
    assert.deepEqual(at(await depFindings(ID, { code: '{ "dependencies": { "request": "^2.88.0" } }', path: 'package.json', registry: registry() })), ['1:22']);
    const f = await depFindings(ID, { code: 'RUN pip install pycrypto\n', path: 'Dockerfile', registry: registry() });
    assert.deepEqual(at(f), ['1:17']);
    assert.match(f[0].message, /pycryptodome/);
  });

  it('does not flag maintained packages, or deprecated ones that are declared and installed', async () => {
    assert.deepEqual(at(await depFindings(ID, { code: "import axios from 'axios';\n", registry: registry() })), []);
    const files = { 'package.json': '{ "dependencies": { "request": "2" } }', 'node_modules/request/package.json': '{"version":"2.88.2"}' };
    assert.deepEqual(at(await depFindings(ID, { code: "const r = require('request');\n", path: 'src/a.js', files, registry: registry() })), []);
  });
});
