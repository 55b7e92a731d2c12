import { flagged, ruleTester } from '../harness';
import { typeServices } from '../phantom-member/project';

ruleTester('wrong-arity', 'javascript', {
  services: typeServices,
  valid: [
    { name: 'right arity', code: "const fs = require('fs');\nconst path = require('path');\nfs.readFileSync('a');\npath.join();\n" },
    { language: 'typescript', name: "the user's own function (not our business)", code: "import * as fs from 'fs';\nfunction copy(a: string, b: string) { fs.copyFileSync(a, b); }\ncopy('a');\n" },
    { language: 'typescript', name: 'optional trailing parameter of a package', code: "import { send } from 'tiny-http';\nsend('u', 'b');\n" },
  ],
  invalid: [
    flagged({ code: "const fs = require('fs');\nconst text = fs.readFileSync();\n" }, 'fs.readFileSync'),
    flagged({ language: 'typescript', code: "import * as fs from 'fs';\nconst text = fs.readFileSync();\n" }, 'fs.readFileSync'),
    flagged({ language: 'typescript', code: "import { createHash } from 'crypto';\ncreateHash();\n" }, 'createHash', 1),
    flagged({ language: 'typescript', name: 'too few for a package with its own typings', code: "import { send } from 'tiny-http';\nsend('u');\n" }, 'send', 1),
  ],
});
