// Flags a high-entropy literal bound to a secret-like name (password, apiKey, client_secret, TOKEN=…) in
// code and config. Assistants fill credentials in "to make the example run" and leave them there.
import { envVarName, moveToEnvFix } from '../../core/fixes';
import { JS_LIKE } from '../../core/languages';
import type { Confidence, Detector, DetectorContext, LanguageId } from '../../core/types';
import { redact } from '../../data-rules/to-detector';
import { jsCandidates, mayBindSecret, type SecretCandidate } from './secret-candidates';
import { PYTHON_FORMS, pythonCandidates } from './secret-candidates-python';
import { configCandidates } from './secret-candidates-config';
import { secretSinks } from './secret-sinks';
import { coveredByProviderRule, secretValueConfidence } from './secret-heuristics';
import { SECRET_HINT, secretNameKind } from './secret-names';

const CONFIG_LANGUAGES: readonly LanguageId[] = [
  'json', 'jsonc', 'yaml', 'dotenv', 'dockerfile', 'terraform', 'shellscript', 'toml', 'ini', 'markdown', 'plaintext',
];
const CODE_LANGUAGES: readonly LanguageId[] = [...JS_LIKE, 'python'];
/** Docs and notes hold examples more often than live values. */
const PROSE: readonly LanguageId[] = ['markdown', 'plaintext'];
/** Translation catalogues: a folder named for them, holding data files. */
const TRANSLATIONS = /(?:^|\/)(?:locales?|translations?|i18n|l10n|lang|langs|languages)\/(?:[\w.-]+\/)*[\w.-]+\.(?:json|ya?ml|[cm]?js|ts|po|properties)$/i;

/**
 * A password hash in modular crypt or Django form (`$2a$10$…`, `$6$salt$…`, `$argon2id$…`, `pbkdf2_sha256$…`): the
 * verifier of a fixed password (a seed user, a default operator), not a credential anyone can send; shown at low confidence.
 */
const PASSWORD_HASH = /^['"`]?(?:\$(?:2[abxy]?|[156y]|argon2(?:id|i|d)|scrypt|pbkdf2(?:-sha\d+)?)\$|(?:pbkdf2_sha(?:1|256)|bcrypt(?:_sha256)?|argon2|scrypt)\$)[\w./+=$,-]{20,}['"`]?$/;
/**
 * A bare digest (hex, or base64 with an optional `=salt` part) as a password, with its hashing named on the lines around
 * it (`"algo": "sha512…"` below, a `# Password hash` comment above: cloudcmd's and deepstream's default users): the same.
 */
const BARE_DIGEST = /^['"`]?(?:[a-f\d]{40,128}|[a-z\d+/]{20,}(?:={1,2}(?:[a-z\d+/]{8,}={0,2})?)?)['"`]?$/i;
function bareHash(text: string, start: number, end: number, kind: string): boolean {
  if (kind !== 'password' || !BARE_DIGEST.test(text.slice(start, end))) return false;
  const lines = text.slice(0, start).split('\n').slice(-4).join('\n') + text.slice(end).split('\n', 3).join('\n');
  return /hash|\balgo(?:rithm)?\b|digest/i.test(lines);
}

/**
 * Mock, fake, dummy and stub data (`mock-events.js`, `fake-users.ts`): made-up values for previews and demos; a package's
 * test-support folder (`lib/testing/`: a generator's CI test matrix with its apps' JWT key) is the same.
 */
const MOCK_DATA = /(?:^|\/)(?:[\w.]+[-_.])?(?:mocks?|fakes?|dummy|stubs?)(?:[-_.][\w.-]+)?\.[cm]?[jt]sx?$|(?:^|\/)(?:mocks?|fakes?|stubs?)\/|(?:^|\/)testing\//i;

/**
 * A media site's extractor (a streamlink plugin, a youtube-dl / yt-dlp or gallery-dl extractor): its keys are the
 * site's public web-player keys, copied from the site's own JavaScript, not the project's credentials.
 */
export const SITE_EXTRACTOR = /^[ \t]*from[ \t]+(?:streamlink\.plugin|(?:youtube_dl|yt_dlp|gallery_dl)\.extractor(?:\.common)?|\.common)[ \t]+import[ \t]+[^\n]*\b(?:Plugin|InfoExtractor|Extractor)\b/m;

/**
 * An OAuth installed-app (native) client's secret, next to the out-of-band redirect only such clients use or under
 * Google's `installed` key: a public client whose secret ships in every copy by design (RFC 8252 section 8.5), not a
 * credential of the project's (a mail sync tool's own Gmail client); a web client's secret (`"web"`) stays reported.
 */
const NATIVE_CLIENT = /urn:ietf:wg:oauth:2\.0:oob|["']installed["'][ \t]*:[ \t]*\{/;
function nativeClientSecret(text: string, start: number, end: number, name: string): boolean {
  if (!/client_?secret/i.test(name)) return false;
  const around = text.slice(0, start).split('\n').slice(-12).join('\n') + text.slice(end).split('\n', 12).join('\n');
  return NATIVE_CLIENT.test(around);
}

/** Whether a name and a value could be reported; `password` accepts every value `secret` does (an environment fallback's name is not known from the text). */
function reportable(name: string | undefined, value: string): boolean {
  const kind = name === undefined ? 'password' : secretNameKind(name);
  return !!kind && secretValueConfidence(value, kind) !== undefined;
}

function candidatesOf(ctx: DetectorContext): SecretCandidate[] {
  if (ctx.languageId === 'python') {
    if (!mayBindSecret(ctx.text, reportable, PYTHON_FORMS)) return [];
    return pythonCandidates(ctx, (name) => secretNameKind(name) !== undefined, SECRET_HINT);
  }
  if ((JS_LIKE as LanguageId[]).includes(ctx.languageId)) {
    if (!mayBindSecret(ctx.text, reportable)) return [];
    const sf = ctx.js();
    return sf ? jsCandidates(ctx, sf) : [];
  }
  return configCandidates(ctx.text, ctx.languageId, ctx.checkBudget);
}

export const genericSecretAssignment: Detector = {
  id: 'generic-secret-assignment',
  meta: {
    title: 'Hardcoded secret assigned to a credential name',
    family: 'hardcoded-secret',
    severity: 'warning',
    confidence: 'medium',
    cwe: ['CWE-798'],
    fixable: true,
    // Tests set passwords by the dozen; a provider-format token (data rules) stays reported there.
    testFiles: 'lower',
    needs: ['js', 'js-nodes', 'py-nodes', 'secret-sinks'],
  },
  languages: [...CODE_LANGUAGES, ...CONFIG_LANGUAGES],
  keywords: ['pass', 'pwd', 'secret', 'token', 'key', 'auth', 'cred'],
  run(ctx) {
    // Declaration files hold types, not values; skipping them saves parsing the biggest files. Translations
    // (`locales/da.json`: "SMTP password" → "SMTP-adgangskode") hold what the UI says, not credentials.
    if (ctx.path.endsWith('.d.ts') || TRANSLATIONS.test(ctx.path)) return;
    const candidates = candidatesOf(ctx);
    // A literal that reaches a secret sink is hardcoded-secret-in-sink's finding, whatever it looks like.
    const atSink = candidates.length && CODE_LANGUAGES.includes(ctx.languageId) ? new Set((ctx.get(secretSinks)?.literals ?? []).map((s) => s.start)) : undefined;
    for (const c of candidates) {
      if (atSink?.has(c.start)) continue;
      const kind = secretNameKind(c.name) ?? (c.fallbackFor !== undefined ? secretNameKind(c.fallbackFor) : undefined);
      if (!kind) continue;
      const value = ctx.text.slice(c.start, c.end);
      let confidence: Confidence | undefined = secretValueConfidence(value, kind, `${c.name} ${c.fallbackFor ?? ''}`);
      if (!confidence || coveredByProviderRule(`${c.name} ${c.fallbackFor ?? ''}`, value)) continue;
      const hash = PASSWORD_HASH.test(value) || bareHash(ctx.text, c.start, c.end, kind);
      if (PROSE.includes(ctx.languageId) || hash || MOCK_DATA.test(ctx.path) || nativeClientSecret(ctx.text, c.start, c.end, c.name) || (ctx.languageId === 'python' && SITE_EXTRACTOR.test(ctx.text))) confidence = 'low';
      const label = c.fallbackFor !== undefined ? `the fallback for ${c.fallbackFor}` : `\`${c.name}\``;
      const env = envVarName(c.fallbackFor || c.name);
      const envName = /^[A-Z_]/.test(env) ? env : 'SECRET';
      ctx.report({
        start: c.start,
        end: c.end,
        confidence,
        message: hash
          ? `A password hash (${redact(value)}) is hardcoded as ${label}; it is not the password, but every install shares the credential it checks, so set it at install time or read it from the environment.`
          : `A secret-looking value (${redact(value)}) is hardcoded as ${label}; anyone with the source can use it, so read it from the environment or a secrets manager.`,
        fix: c.fixable ? moveToEnvFix(ctx.text, ctx.languageId, c.start, c.end, envName) : undefined,
      });
    }
  },
};
