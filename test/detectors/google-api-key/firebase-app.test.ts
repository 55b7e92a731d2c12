// google-api-key beside a mobile app's Firebase app id (fresh sample AI: a smart-home bridge speaking as the vendor's
// Android app to register for its push messages, with the app's sender id, project id and `1:<sender>:android:<hex>`
// app id): the key every install of that app carries, not the developer's quota. Shown at low confidence; a web
// app's Firebase config and a key with no app id beside it stay medium.
import { ruleTester } from '../harness';

const KEY = 'AIzaQv7Lm2Xc9RtB4pN8sWz1Hk6Jd3Fg5Yu0Ete';
const app = (id: string) => `const PUSH = {\n  senderId: '4711000123',\n  appId: '${id}',\n  apiKey: '${KEY}',\n};`;

ruleTester('google-api-key', 'javascript', {
  valid: [],
  invalid: [
    { code: app('1:4711000123:android:9c0ffee5a11d0b1e'), errors: [{ line: 4, confidence: 'low' }] },
    { code: app('1:4711000123:ios:0b1e9c0ffee5a11d'), errors: [{ line: 4, confidence: 'low' }] },
    { code: app('1:4711000123:web:9c0ffee5a11d0b1e'), errors: [{ line: 4, confidence: 'medium' }] },
    { code: `const maps = new Client({ key: '${KEY}' });`, errors: [{ line: 1, confidence: 'medium' }] },
  ],
});
