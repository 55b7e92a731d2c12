// stripe-secret-key in test files: a webhook signing secret there is the vector the test computes signatures
// with (held-out sample: svix's webhook.test.ts, `const key = "whsec_…"`), shown at low confidence; a live
// API key in a test, and a signing secret in application code, stay as they are.
import { ruleTester } from '../harness';

const WHSEC = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const LIVE = 'sk_live_j2DVp46ANPL7RWl92aBKP6MPwVSVuTGpkJ';

ruleTester('stripe-secret-key', 'typescript', {
  valid: [],
  invalid: [
    { code: `const key = "${WHSEC}";\nconst wh = new Webhook(key);`, path: 'src/webhook.test.ts', errors: [{ line: 1, column: 14, confidence: 'low' }] },
    { code: `const key = "${WHSEC}";`, path: 'test/stripe-webhook.spec.js', language: 'javascript', errors: [{ line: 1, column: 14, confidence: 'low' }] },
    // a live key in a test still moves real money; a signing secret in application code still forges events
    { code: `const stripe = new Stripe("${LIVE}");`, path: 'src/billing.test.ts', errors: [{ line: 1, column: 28, confidence: 'high' }] },
    { code: `const endpointSecret = "${WHSEC}";`, path: 'src/routes/stripe-webhook.ts', errors: [{ line: 1, column: 25, confidence: 'high' }] },
  ],
});
