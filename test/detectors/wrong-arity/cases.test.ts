import { wrongArity } from '../../../server/src/detectors/types/wrong-arity';
import { phantomTester } from '../phantom-member/project';

phantomTester(wrongArity, {
  valid: [
    { name: 'right arity', code: "const fs = require('fs');\nconst path = require('path');\nfs.readFileSync('a');\npath.join();\n" },
    { language: 'typescript', name: "the user's own function (not our business)", code: "import * as fs from 'fs';\nfunction copy(a: string, b: string) { fs.copyFileSync(a, b); }\ncopy('a');\n" },
    { language: 'typescript', name: 'optional trailing parameter of a package', code: "import { send } from 'tiny-http';\nsend('u', 'b');\n" },
  ],
  invalid: [
    { code: "const fs = require('fs');\nconst text = fs.readFileSync();\n", errors: [{ line: 2, column: 14 }] },
    { language: 'typescript', code: "import * as fs from 'fs';\nconst text = fs.readFileSync();\n", errors: [{ line: 2, column: 14 }] },
    { language: 'typescript', code: "import { createHash } from 'crypto';\ncreateHash();\n", errors: [{ line: 2, column: 1 }] },
    { language: 'typescript', name: 'too few for a package with its own typings', code: "import { send } from 'tiny-http';\nsend('u');\n", errors: [{ line: 2, column: 1 }] },
  ],
});
