import { flagged, ruleTester } from '../harness';
import { typeServices } from '../phantom-member/project';

ruleTester('unknown-option-key', 'javascript', {
  services: typeServices,
  valid: [
    { name: 'known keys', code: "const http = require('http');\nhttp.request({ host: 'a.example', port: 80, path: '/' });\n" },
    { name: "options of the user's own function", code: "const http = require('http');\nfunction connect(o) { return http.request(o); }\nconnect({ hots: 'x' });\n" },
    { language: 'typescript', name: 'known keys of a package with its own typings', code: "import { createClient } from 'tiny-http';\ncreateClient({ url: 'x', retries: 2 });\n" },
  ],
  invalid: [
    flagged({ name: 'overloaded Node API', code: "const http = require('http');\nhttp.request({ hots: 'x', port: 80 });\n" }, 'hots'),
    flagged({ language: 'typescript', code: "import * as http from 'http';\nhttp.request({ hots: 'x' });\n" }, 'hots'),
    flagged({ language: 'typescript', name: 'package with its own typings', code: "import { createClient } from 'tiny-http';\ncreateClient({ url: 'x', retrys: 2 });\n" }, 'retrys'),
    flagged({ code: "const fs = require('fs');\nfs.mkdirSync('a', { recursiv: true });\n" }, 'recursiv'),
  ],
});
