// deprecated-package: the registry marks the package deprecated; the message carries its note.
import assert from 'node:assert/strict';
import { at, findingsOf, ruleTester } from '../harness';
import { registryWith } from '../nonexistent-package/deps-harness';

const ID = 'deprecated-package';
const registry = () => registryWith({ 'npm:request': { deprecated: 'request has been deprecated, see https://github.com/request/request/issues/3142' }, 'pypi:pycrypto': { deprecated: 'unmaintained; use pycryptodome' } });
const REQUIRE = "const request = require('request');\n";
const MANIFEST = '{ "dependencies": { "request": "^2.88.0" } }';
const DOCKER = 'RUN pip install pycrypto\n';

ruleTester(ID, 'javascript', {
  services: () => ({ registry: registry() }),
  valid: [
    { name: 'maintained package', code: "import axios from 'axios';\n" },
    {
      name: 'deprecated but declared and installed',
      code: "const r = require('request');\n",
      path: 'src/a.js',
      files: { 'package.json': '{ "dependencies": { "request": "2" } }', 'node_modules/request/package.json': '{"version":"2.88.2"}' },
    },
  ],
  invalid: [
    { name: 'import', code: REQUIRE, path: 'src/a.js', errors: [at(REQUIRE, 'request', undefined, 1)] },
    { name: 'manifest', code: MANIFEST, path: 'package.json', errors: [at(MANIFEST, 'request')] },
    { name: 'install command', code: DOCKER, path: 'Dockerfile', errors: [at(DOCKER, 'pycrypto')] },
  ],
});

describe(`${ID}: message`, () => {
  it("carries the registry's deprecation note", async () => {
    const [f] = await findingsOf(ID, { code: DOCKER, path: 'Dockerfile' }, 'dockerfile', {}, { services: () => ({ registry: registry() }) });
    assert.match(f.message, /pycryptodome/);
  });
});
