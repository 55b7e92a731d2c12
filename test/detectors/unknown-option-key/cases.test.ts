import { unknownOptionKey } from '../../../server/src/detectors/types/unknown-option-key';
import { phantomTester } from '../phantom-member/project';

phantomTester(unknownOptionKey, {
  valid: [
    { name: 'known keys', code: "const http = require('http');\nhttp.request({ host: 'a.example', port: 80, path: '/' });\n" },
    { name: "options of the user's own function", code: "const http = require('http');\nfunction connect(o) { return http.request(o); }\nconnect({ hots: 'x' });\n" },
    { language: 'typescript', name: 'known keys of a package with its own typings', code: "import { createClient } from 'tiny-http';\ncreateClient({ url: 'x', retries: 2 });\n" },
  ],
  invalid: [
    { name: 'overloaded Node API', code: "const http = require('http');\nhttp.request({ hots: 'x', port: 80 });\n", errors: [{ line: 2, column: 16 }] },
    { language: 'typescript', code: "import * as http from 'http';\nhttp.request({ hots: 'x' });\n", errors: [{ line: 2, column: 16 }] },
    { language: 'typescript', name: 'package with its own typings', code: "import { createClient } from 'tiny-http';\ncreateClient({ url: 'x', retrys: 2 });\n", errors: [{ line: 2, column: 26 }] },
    { code: "const fs = require('fs');\nfs.mkdirSync('a', { recursiv: true });\n", errors: [{ line: 2, column: 21 }] },
  ],
});
