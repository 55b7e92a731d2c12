// Flags a literal used where a value is a secret by use — a session or JWT secret, an HMAC or cipher
// key, a database or basic-auth password, Flask/Django SECRET_KEY — whatever it looks like: assistants
// write `secret: 'keyboard cat'` and `SECRET_KEY = 'dev'` "to make it run", and the word stays.
import { envNameFor, envVarName, moveToEnvFix } from '../../core/fixes';
import { JS_LIKE } from '../../core/languages';
import type { AsyncDetectorContext, Confidence, Detector } from '../../core/types';
import { redact } from '../../data-rules/to-detector';
import { echoesName, secretValueConfidence } from './secret-heuristics';
import { importedSecrets } from './secret-sink-imports';
import { secretSinks, type SinkSecret } from './secret-sinks';
import secretsPack from '../../../../rules/secrets.json';

/** URL passwords the connection-string-password data rule leaves out (words, placeholders): the rest are its findings. */
const URL_RULE_ALLOWS = (secretsPack.rules.find((r) => r.id === 'connection-string-password')?.allow ?? []).map((a) => new RegExp(a, 'i'));

const CONFIDENCE: Record<SinkSecret['how'], Confidence> = { sink: 'high', fallback: 'medium', 'fallback-other': 'low', compare: 'high' };

/** HMAC keys a published standard fixes (BIP32's master-key derivation `HMAC-SHA512(key="Bitcoin seed", seed)`, SLIP-10's curves): public by design. */
const STANDARD_HMAC_KEY = /^(?:Bitcoin|ed25519|Nist256p1|curve25519) seed$/;

/**
 * A device protocol's broadcast or discovery key, named so where it is bound (`const UDP_KEY = Buffer.from('6c1e…', 'hex')`
 * for a smart plug's LAN discovery, a vacuum's `BROADCAST_TOKEN`): every device of the vendor sends with it, so it is public
 * by design and this code cannot keep it secret. Shown at low confidence: the same literal inline keeps the rule's.
 */
const BROADCAST_KEY = /^(?:\w+_)?(?:BROADCAST|DISCOVERY|UDP)(?:_\w+)?$/;
const boundName = (text: string, at: number): string =>
  /(?:^|[\s;])([A-Za-z_$][\w$]*)\s*=\s*[^=\n;]*$/.exec(text.slice(Math.max(text.lastIndexOf('\n', at - 1) + 1, at - 200), at))?.[1] ?? '';

function message(s: Omit<SinkSecret, 'start' | 'end' | 'fixable'>, weak: boolean, from = ''): string {
  const value = `${weak ? `A weak, guessable value (${redact(s.value)})` : `A secret value (${redact(s.value)})`}${from}`;
  const use = `${s.what} (${s.where})`;
  if (s.how === 'sink') {
    return `${value} is hardcoded as ${use}; anyone who reads the source can forge or decrypt with it, so read it from the environment or a secrets manager.`;
  }
  return `${value} is hardcoded as the fallback for ${use} when the setting is missing, so a deployment without it silently runs with a known secret; fail at start-up instead.`;
}

export const hardcodedSecretInSink: Detector = {
  id: 'hardcoded-secret-in-sink',
  meta: {
    title: 'Hardcoded secret passed to a signing, encryption or login call',
    family: 'hardcoded-secret',
    severity: 'error',
    confidence: 'high',
    cwe: ['CWE-798', 'CWE-321'],
    fixable: true,
    // A literal JWT key in a test signs test tokens: shown, at low confidence.
    testFiles: 'lower',
    needs: ['secret-sinks'],
  },
  languages: [...JS_LIKE, 'python'],
  // Lower case: the engine's prefilter reads the lower-cased text.
  keywords: ['secret', 'jsonwebtoken', 'cookie-', 'passport', 'hmac', 'cipher', 'scrypt', 'pbkdf2', 'passw', 'auth', 'jwt', 'sequelize', 'create_engine', 'mongoose', 'mongoclient', 'connectionstring', 'from_url', 'createclient'],
  run(ctx) {
    for (const s of ctx.get(secretSinks)?.literals ?? []) {
      if (s.role !== 'secret') continue; // compared with a credential: hardcoded-credential-comparison
      // `SECRET_KEY = 'AWS_SECRET_ACCESS_KEY'`: the name of a key (an env var, a config field), not its value.
      if (/^[A-Za-z][A-Za-z0-9_]*$/.test(s.value) && echoesName(s.value, s.where)) continue;
      if (s.url && !URL_RULE_ALLOWS.some((re) => re.test(s.value))) continue; // one finding, not two
      if (s.what === 'the HMAC key' && STANDARD_HMAC_KEY.test(s.value)) continue;
      // Weak: what the generic rule would not call a credential on its face (words, short, placeholders).
      const weak = secretValueConfidence(s.value, 'secret') === undefined;
      // The constant's own name (`JWT_SECRET = '…'`), unless it is only the option's (`secret: '…'`).
      const named = envNameFor(ctx.text, s.start, s.env);
      const env = /^(?:SECRET|SECRET_KEY|KEY|KEYS|PASSWORD|PASS|PASSWD)$/.test(named) ? s.env : named;
      ctx.report({
        start: s.start,
        end: s.end,
        kind: `${s.how}${weak ? ':weak' : ''}${s.hashOnly ? ':hash' : ''}`,
        // A keyed hash of names (`getHash(str)` returning only the digest): nothing in sight is authenticated with it.
        // A one-character basic-auth password (`auth=(api_token, 'x')`, Memset's and Freshdesk's APIs): filler beside a token
        // sent as the user name; shown, not alarmed about.
        ...(s.hashOnly ? { confidence: 'low' as const, severity: 'info' as const } : { confidence: (s.what === 'the basic-auth password' && s.value.length <= 1) || BROADCAST_KEY.test(envVarName(boundName(ctx.text, s.start))) ? 'low' as const : CONFIDENCE[s.how] }),
        message: message(s, weak),
        fix: s.fixable && s.how === 'sink' ? moveToEnvFix(ctx.text, ctx.languageId, s.start, s.end, env) : undefined,
      });
    }
  },
  /** Slow tier: sinks whose value is a constant another workspace module exports (`config.secret`). */
  async runAsync(ctx: AsyncDetectorContext) {
    const imported = (ctx.get(secretSinks)?.imported ?? []).filter((s) => s.role === 'secret');
    for (const { sink, file, literal } of imported.length ? importedSecrets(ctx, imported) : []) {
      const s = { ...sink, value: literal.value };
      if (/^[A-Za-z][A-Za-z0-9_]*$/.test(s.value) && echoesName(s.value, `${s.where} ${sink.path.join('.')}`)) continue;
      const weak = secretValueConfidence(s.value, 'secret') === undefined;
      ctx.report({
        start: sink.start,
        end: sink.end,
        kind: `imported${weak ? ':weak' : ''}`,
        confidence: CONFIDENCE[s.how],
        message: message(s, weak, `, written in \`${file}\` (line ${literal.range.start.line + 1}),`),
        related: [{ file, range: literal.range, message: 'the value is written here' }],
      });
    }
  },
};
