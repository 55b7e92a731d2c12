import assert from 'node:assert/strict';
import { findingsOf, ruleTester } from '../harness';

const BODY = 'MIIEowIBAAKCAQEAt3Qk9v0mZ7bX2Lx4Jr8sHc6Yp1Wn5Ue3Tq0Vd2Ri7Fo9Gk1Ma4Zb6N';
const SSH_HEAD = 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW';
// A whole (made-up) Ed25519 OpenSSH key: a shorter OpenSSH body cannot hold a key and is read as an example.
const SSH_KEY = [SSH_HEAD, 'QyNTUxOQAAACBkN2q7Vx3cR9mT0pL4sW8yB1fH5jK2nE6aG3uI9oZ7XgAAAJgVx3cR9m', 'T0pL4sW8yB1fH5jK2nE6aG3uI9oZ7XgAAAAtzc2gtZWQyNTUxOQAAACBkN2q7Vx3cR9', 'AAAEA4Zb6Nc8Xe0Sf2Ug4Vh6Wi8Xj0Yk2Zl4Am6Bn8Co0Dp2Eq4Fr6Gs8Ht0Iu2Jv4Kw6', 'LxB1fH5jK2nE6aG3uI9oZ7XgAAAAEHJ1bm5lckBzdGFnaW5nAQIDBA=='].join('\n');
const DOC = `<pre><code>POST /imposters HTTP/1.1\n{\n  "key": "-----BEGIN RSA PRIVATE KEY-----\\n${BODY}\\n${BODY}\\n-----END RSA PRIVATE KEY-----\\n"\n}</code></pre>`;

ruleTester('private-key', 'plaintext', {
  valid: [
    '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----',
    '-----BEGIN PRIVATE KEY-----\nMIIE...your key here...\n-----END PRIVATE KEY-----',
    `-----BEGIN PUBLIC KEY-----\n${BODY}\n-----END PUBLIC KEY-----`,
    `-----BEGIN CERTIFICATE-----\n${BODY}\n-----END CERTIFICATE-----`,
    `-----BEGIN PRIVATE KEY-----\n${BODY}\n(truncated)`,
    { code: `{ "private_key": "-----BEGIN PRIVATE KEY-----\\n${BODY}\\n-----END PRIVATE KEY-----\\n" }`, language: 'json', name: 'left to gcp-service-account-key' },
  ],
  invalid: [
    { code: `-----BEGIN RSA PRIVATE KEY-----\n${BODY}\n${BODY}\n-----END RSA PRIVATE KEY-----`, errors: [{ line: 1, column: 1 }] },
    { code: `-----BEGIN ENCRYPTED PRIVATE KEY-----\n${BODY}\n-----END ENCRYPTED PRIVATE KEY-----`, errors: 1 },
    { code: `-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,3F1C9A7E5B2D4C6E8A0B1D3F5A7C9E1B\n\n${BODY}\n-----END RSA PRIVATE KEY-----`, errors: 1 },
    { code: `-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n${BODY}\n-----END PGP PRIVATE KEY BLOCK-----`, errors: 1 },
    { code: `key = "-----BEGIN PRIVATE KEY-----\\n${BODY}\\n-----END PRIVATE KEY-----\\n"`, language: 'python', errors: [{ line: 1, column: 8 }] },
    // An example request body on a documentation page (mountebank's docs/protocols/https.ejs): shown, as information.
    { code: DOC, language: 'ejs', path: 'src/views/docs/protocols/https.ejs', errors: [{ line: 3, column: 11, confidence: 'low', severity: 'info' }] },
    { code: DOC, language: 'markdown', path: 'docs/tls.md', errors: [{ line: 3, column: 11, confidence: 'low', severity: 'info' }] },
    // …the same key in the server's code, even beside the docs, and a page outside any docs folder keep the rule's level.
    { code: `const key = \`-----BEGIN RSA PRIVATE KEY-----\n${BODY}\n-----END RSA PRIVATE KEY-----\`;`, language: 'javascript', path: 'src/views/docs/sample-server.js', errors: [{ line: 1, confidence: 'high', severity: 'error' }] },
    { code: DOC, language: 'ejs', path: 'src/views/imposter.ejs', errors: [{ line: 3, column: 11, confidence: 'high', severity: 'error' }] },
    // A Python docstring that presents the key as an example (fresh sample WW: an OpenSSH key parser's `Example input:`): low.
    { code: `def parse_key(text):\n    \"\"\"\n    Parse an OpenSSH private key.\n\n    Example input:\n\n        -----BEGIN OPENSSH PRIVATE KEY-----\n        ${SSH_KEY.replace(/\n/g, '\n        ')}\n        -----END OPENSSH PRIVATE KEY-----\n    \"\"\"\n    return load(text)`, language: 'python', errors: [{ line: 7, confidence: 'low' }] },
    // An OpenSSH key cut after its first line, the format's fixed header (fresh sample AO: a secrets CLI's help text
    // showing how to pass a multi-line value): too short to hold a key, low. Written with escaped newlines, too.
    { code: `const help = () => \`\n  $ cli set KEY -- "-----BEGIN OPENSSH PRIVATE KEY-----\n                   ${SSH_HEAD}\n                   -----END OPENSSH PRIVATE KEY-----"\n\`;`, language: 'javascript', errors: [{ line: 2, confidence: 'low' }] },
    { code: `const example = "-----BEGIN OPENSSH PRIVATE KEY-----\\n${SSH_HEAD}\\n-----END OPENSSH PRIVATE KEY-----\\n";`, language: 'javascript', errors: [{ line: 1, confidence: 'low' }] },
    // …a whole OpenSSH key keeps the rule's level, and so does a short body of a type whose keys can be short.
    { code: `const deployKey = \`-----BEGIN OPENSSH PRIVATE KEY-----\n${SSH_KEY}\n-----END OPENSSH PRIVATE KEY-----\`;`, language: 'javascript', errors: [{ line: 1, confidence: 'high' }] },
    { code: `const ed = "-----BEGIN PRIVATE KEY-----\\nMC4CAQAwBQYDK2VwBCIEIHq8Vx3cR9mT0pL4sW8yB1fH5jK2nE6aG3uI9oZ7XgAA\\n-----END PRIVATE KEY-----";`, language: 'javascript', errors: [{ line: 1, confidence: 'high' }] },
    // …a key in a triple-quoted constant, or far below the example words, keeps the rule's level.
    { code: `SIGNING_KEY = \"\"\"\n-----BEGIN OPENSSH PRIVATE KEY-----\n${SSH_KEY}\n-----END OPENSSH PRIVATE KEY-----\n\"\"\"`, language: 'python', errors: [{ line: 2, confidence: 'high' }] },
    { code: `def parse_key(text):\n    \"\"\"\n    Example input:\n\n    One.\n    Two.\n    Three.\n    Four.\n    Five.\n        -----BEGIN OPENSSH PRIVATE KEY-----\n        ${SSH_KEY.replace(/\n/g, '\n        ')}\n        -----END OPENSSH PRIVATE KEY-----\n    \"\"\"`, language: 'python', errors: [{ line: 10, confidence: 'high' }] },
  ],
});

describe('private-key: linear time', () => {
  it('an unterminated key body of 200 kB is scanned quickly', async () => {
    const text = `-----BEGIN PRIVATE KEY-----\n${Array.from({ length: 3000 }, () => BODY).join('\n')}`;
    const started = performance.now();
    assert.deepEqual(await findingsOf('private-key', { code: text }, 'plaintext'), []);
    assert.ok(performance.now() - started < 5000, 'private-key regex backtracks');
  });
});
