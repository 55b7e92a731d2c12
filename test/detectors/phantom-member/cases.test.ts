import assert from 'node:assert/strict';
import type { TypeService } from '../../../server/src/core/services';
import { testEngine } from '../../engine';
import { flagged, ruleTester } from '../harness';
import { fixtureProject, typeServices } from './project';

ruleTester('phantom-member', 'javascript', {
  services: typeServices,
  valid: [
    { name: 'real members of fs and path', code: "const fs = require('fs');\nconst path = require('path');\nfs.readFileSync(path.join('a', 'b'), 'utf8');\n" },
    { name: 'a comment naming a phantom API', code: "// fs.readFileAsync does not exist, use fs.promises.readFile\nconst fs = require('fs');\nfs.promises.readFile('a');\n" },
    { name: 'user object with a missing property (not our business)', code: "const fs = require('fs');\nconst config = { port: 1 };\nconfig.host;\n" },
    { name: 'any-typed receiver', code: "const fs = require('fs');\nconst data = JSON.parse(fs.readFileSync('a', 'utf8'));\ndata.readFileAsync();\n" },
    { name: 'relative import is not followed', code: "const local = require('./local');\nlocal.whatever();\n" },
    { language: 'typescript', name: 'relative import is not followed', code: "import { thing } from './thing';\nthing.anything();\n" },
    { language: 'typescript', name: 'package that is not installed', code: "import foo from 'not-installed-pkg';\nfoo.bar();\n" },
    { language: 'typescript', name: 'lib type of a Node result is not blamed on the module', code: "import * as fs from 'fs';\nfs.readdirSync('.').flatten();\n" },
    { language: 'typescript', name: 'real members of a package with its own typings', code: "import { createClient } from 'tiny-http';\nconst c = createClient({ url: 'x' });\nc.get('/');\n" },
  ],
  invalid: [
    flagged({ code: "const fs = require('fs');\nfs.readFileAsync('a');\n" }, 'readFileAsync'),
    flagged({ language: 'typescript', code: "import * as path from 'path';\npath.joinPaths('a', 'b');\n" }, 'joinPaths'),
    flagged({ language: 'typescript', code: "import crypto from 'node:crypto';\ncrypto.createHashh('sha256');\n" }, 'createHashh'),
    flagged({ language: 'typescript', name: 'named import fs has not got', code: "import { readFileAsync } from 'fs';\nreadFileAsync('a');\n" }, 'readFileAsync'),
    flagged({ name: 'method on a value returned by a package', code: "const { createClient } = require('tiny-http');\nconst client = createClient({ url: 'x' });\nclient.post('/');\n" }, 'post'),
    flagged({ language: 'typescript', name: 'named import the package does not export', code: "import { makeClient } from 'tiny-http';\nmakeClient();\n" }, 'makeClient'),
    flagged({ language: 'typescriptreact', name: 'TSX file', code: "import * as fs from 'fs';\nexport const A = () => <div>{String(fs.existsAsync('a'))}</div>;\n" }, 'existsAsync'),
  ],
});

describe('phantom-api rules: one type check per file version', () => {
  it('the four rules share the api-facts fact (one check of the type service)', async function () {
    this.timeout(90_000);
    const { service } = fixtureProject();
    const checked: string[] = [];
    const types: TypeService = { check: (file, signal) => (checked.push(file.path), service.check(file, signal)) };
    const code = "const fs = require('fs');\nfs.readFileAsync('a');\nfs.exists('a', () => {});\nfs.readFileSync();\n";
    const r = await (await testEngine()).analyzeTiers({ text: code, languageId: 'javascript', path: 'src/shared.js' }, { types });
    assert.deepEqual([...new Set(r.findings.map((f) => f.ruleId))].sort(), ['deprecated-api', 'phantom-member', 'wrong-arity']);
    assert.deepEqual(checked, ['src/shared.js']);
  });
});
