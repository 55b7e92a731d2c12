// Flags a credential checked against a literal: `if password == 'letmein'`, `pass === 'hunter2'` beside a
// user check, `check_password(pw, 'literal')`, `bcrypt.compare(pw, '$2b$…')`. Assistants write the demo
// login that way; the literal is a password (or hash) anyone who reads the source can log in with.
import { JS_LIKE } from '../../core/languages';
import type { Detector } from '../../core/types';
import { redact } from '../../data-rules/to-detector';
import { demoKey } from './secret-comparisons';
import { secretSinks } from './secret-sinks';

/**
 * The password part of a URL the code parsed (`url = netutils.urlsplit(action)`, `new URL(target)`) compared with a word:
 * a marker the URL scheme gives (aodh's `trust+http://<trust id>:delete@host`), not a login; shown at low confidence.
 */
function parsedUrlPassword(text: string, start: number): boolean {
  const name = /(?<![\w$.])([\w$]+)\s*\.\s*password\s*[!=]==?\s*['"`]?$/.exec(text.slice(text.lastIndexOf('\n', start) + 1, start))?.[1];
  return !!name && new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}\\s*=\\s*(?:new\\s+URL\\s*\\(|[\\w$.]*\\burl(?:split|parse)\\s*\\()`).test(text);
}

/** A mask written in place of a password (cloud-init's `DEF_PASSWD_REDACTION = "REDACTED"`, `'********'`): a check that it was hidden. */
const MASK = /^[\s<[(*]*(?:redacted|masked|hidden|removed|censored|\*{3,})[\s>\])*]*$/i;

export const hardcodedCredentialComparison: Detector = {
  id: 'hardcoded-credential-comparison',
  meta: {
    title: 'Credential compared with a hardcoded value',
    family: 'hardcoded-secret',
    severity: 'error',
    confidence: 'high',
    cwe: ['CWE-798', 'CWE-259'],
    // A test that logs in with a literal password is ordinary: shown, at low confidence.
    testFiles: 'lower',
    needs: ['secret-sinks'],
  },
  languages: [...JS_LIKE, 'python'],
  // Lower case: the engine's prefilter reads the lower-cased text.
  keywords: ['pass', 'pwd', 'secret', 'api_key', 'apikey', 'api-key', 'bcrypt', 'argon2'],
  run(ctx) {
    for (const s of ctx.get(secretSinks)?.literals ?? []) {
      if (s.role !== 'check') continue;
      const message = s.how === 'compare'
        ? `The credential ${s.what} is compared with a hardcoded value (${redact(s.value)}), so anyone who reads the source can pass this check; compare against a stored hash or a secret from the environment.`
        : `${s.what === 'the credential check' ? 'A credential' : 'A password'} is checked against a hardcoded value (${redact(s.value)}) in ${s.where}, so anyone who reads the source can pass this check; check against a stored hash or a secret from the environment.`;
      // A demo key compared (`apiKey === 'DEMO'`), a redaction mask: a public demo mode, a hidden value; shown, not alarmed about.
      const demo = s.how === 'compare' && (demoKey(s.value, s.what) || MASK.test(s.value) || parsedUrlPassword(ctx.text, s.start));
      ctx.report({ start: s.start, end: s.end, kind: s.how === 'compare' ? 'compare' : 'call', message, ...(demo ? { confidence: 'low' as const } : {}) });
    }
  },
};
