import { phantomMember } from '../../../server/src/detectors/types/phantom-member';
import { phantomTester } from './project';

phantomTester(phantomMember, {
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
    { code: "const fs = require('fs');\nfs.readFileAsync('a');\n", errors: [{ line: 2, column: 4 }] },
    { language: 'typescript', code: "import * as path from 'path';\npath.joinPaths('a', 'b');\n", errors: [{ line: 2, column: 6 }] },
    { language: 'typescript', code: "import crypto from 'node:crypto';\ncrypto.createHashh('sha256');\n", errors: [{ line: 2, column: 8 }] },
    { language: 'typescript', name: 'named import fs has not got', code: "import { readFileAsync } from 'fs';\nreadFileAsync('a');\n", errors: [{ line: 1, column: 10 }] },
    { name: 'method on a value returned by a package', code: "const { createClient } = require('tiny-http');\nconst client = createClient({ url: 'x' });\nclient.post('/');\n", errors: [{ line: 3, column: 8 }] },
    { language: 'typescript', name: 'named import the package does not export', code: "import { makeClient } from 'tiny-http';\nmakeClient();\n", errors: [{ line: 1, column: 10 }] },
    { language: 'typescriptreact', name: 'TSX file', code: "import * as fs from 'fs';\nexport const A = () => <div>{String(fs.existsAsync('a'))}</div>;\n", errors: [{ line: 2, column: 40 }] },
  ],
});
