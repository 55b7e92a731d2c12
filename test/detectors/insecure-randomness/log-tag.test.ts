// A value only ever written into log lines (fresh sample AI: a thermostat adapter's `refreshToken()` tags its log
// lines with `#${Math.floor(Math.random() * 1000)}#` to pair a refresh's waits): known only by the function's name,
// it labels the logs and guards nothing, so low. The same value returned or sent keeps the function name's medium.
import { ruleTester } from '../harness';

const fn = (tail: string) => `class Api {\n  async refreshToken() {\n    const id = \`#\${Math.floor(Math.random() * 1000)}#\`;\n    this.debugLog(\`refresh started [\${id}]\`);\n    this.log.debug(\`waiting [\${id} / \${i}]\`);\n${tail}  }\n}`;
const logTag = fn('');
const returned = fn('    return id;\n');
const sent = fn('    await http.post(url, { id });\n');

ruleTester('insecure-randomness', 'javascript', {
  valid: [],
  invalid: [
    { code: logTag, errors: [{ line: 3, confidence: 'low' }] },
    { code: returned, errors: [{ line: 3, confidence: 'medium' }] },
    { code: sent, errors: [{ line: 3, confidence: 'medium' }] },
    // a local used nowhere is no log tag either
    { code: 'function newToken() {\n  const v = Math.random().toString(36);\n}', errors: [{ line: 2, confidence: 'medium' }] },
  ],
});
