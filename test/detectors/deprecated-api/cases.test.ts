import assert from 'node:assert/strict';
import { replacementOf } from '../../../server/src/detectors/types/deprecated-api';
import { flagged, ruleTester } from '../harness';
import { typeServices } from '../phantom-member/project';

ruleTester('deprecated-api', 'javascript', {
  services: typeServices,
  valid: [
    { name: 'current replacements', code: "const fs = require('fs');\nconst crypto = require('crypto');\nnew URL('https://a.example');\nBuffer.from('x');\nfs.existsSync('a');\ncrypto.createCipheriv('aes-256-cbc', Buffer.alloc(32), Buffer.alloc(16));\n" },
    { name: "the user's own @deprecated function", code: "const fs = require('fs');\n/** @deprecated Use bar instead. */\nfunction foo() {}\nfoo();\n" },
    { language: 'typescript', name: 'non-deprecated member of a package', code: "import { createClient } from 'tiny-http';\ncreateClient({ url: 'x' }).get('/');\n" },
  ],
  invalid: [
    flagged({ code: "const url = require('url');\nconst u = url.parse('http://a.example/x');\n" }, 'parse'),
    flagged({ code: "const fs = require('fs');\nfs.exists('a', (ok) => ok);\n" }, 'exists'),
    flagged({ code: "const fs = require('fs');\nconst b = new Buffer('abc');\n" }, 'Buffer'),
    flagged({ language: 'typescript', code: "import * as crypto from 'crypto';\ncrypto.createCipher('aes-256-cbc', 'secret');\n" }, 'createCipher'),
    flagged({ language: 'typescript', code: "import util from 'node:util';\nutil.isArray([]);\n" }, 'isArray'),
    flagged({ language: 'typescript', name: 'deprecated method of a package with its own typings', code: "import { createClient } from 'tiny-http';\ncreateClient({ url: 'x' }).fetchUrl('/');\n" }, 'fetchUrl'),
  ],
});

describe('deprecated-api: replacement from the JSDoc', () => {
  it('reads "use X instead" in its usual spellings', () => {
    assert.equal(replacementOf('since v10.0.0 use `createCipheriv()`'), 'use `createCipheriv()` instead');
    assert.equal(replacementOf('Since v1.0.0 - Use {@link stat} or {@link access} instead.'), 'use `stat` or `access` instead');
    assert.equal(replacementOf('Use the WHATWG URL API instead.'), 'use the WHATWG URL API instead');
    assert.equal(replacementOf('Since v4.0.0 - Deprecated'), undefined);
  });
});
