// Which identifier names denote a secret or personal data, shared by the JS and Python exposure
// detectors. Decided on the head word (the last one: `passwordLength` is a length, `accessToken` a
// token), so counts, flags and lengths named after secrets are not mistaken for the secrets.

export type Sensitivity = 'secret' | 'pii';

const SECRET_HEADS = new Set([
  'password', 'passwd', 'pwd', 'passphrase', 'secret', 'secrets', 'token', 'tokens', 'apikey', 'jwt', 'bearer',
  'credential', 'credentials', 'creds', 'cookie', 'cookies', 'authorization', 'otp', 'cvv', 'cvc', 'privatekey',
  'sessionid', 'sessiontoken',
]);
/** Head words that are secrets only after one of these words (`apiKey`, `sessionId`, `clientSecret`). */
const QUALIFIED_HEADS: Record<string, ReadonlySet<string>> = {
  key: new Set(['api', 'secret', 'private', 'access', 'signing', 'encryption', 'master', 'license']),
  id: new Set(['session']),
  hash: new Set(['password', 'passwd', 'pwd']),
  number: new Set(['card', 'ssn', 'security', 'cc', 'account', 'passport', 'routing']),
  confirmation: new Set(['password']),
  confirm: new Set(['password']),
};
/** Tokens that are not credentials: pagination cursors, lexer tokens, cancellation tokens. */
const HARMLESS_TOKEN = new Set([
  'next', 'page', 'pagination', 'cancellation', 'cancel', 'continuation', 'syntax', 'lex', 'lexer', 'parse', 'parser',
  'current', 'prev', 'previous', 'last', 'first', 'end', 'start', 'csrf', 'xsrf', 'antiforgery', 'forgery', 'sync', 'resume', 'cursor', 'ast',
  'starting', 'initial', 'bucket', 'device', 'push', 'fcm', 'apns', 'registration',
  // a channel's token names it (Vendure's public `vendure-token` header); a semaphore's is handed back on release (s3transfer)
  'channel', 'acquire', 'semaphore', 'lock',
  // the token endpoint's address (a cloud adapter's `ENDPOINT_TOKEN = 'thirdparty/token/'`, logged when it is down)
  'endpoint',
]);
/** Counted tokens (a language model's usage, a rate limiter's bucket): `total_tokens`, `promptTokens`. */
const COUNTED_TOKENS = new Set(['prompt', 'completion', 'input', 'output', 'total', 'used', 'remaining', 'cached', 'reasoning', 'available', 'usage']);
const PII_HEADS = new Set(['ssn', 'dob', 'iban', 'passport', 'creditcard', 'cardnumber', 'ccnumber', 'dateofbirth', 'taxid']);
/** Qualified heads that are personal data rather than secrets. */
const PII_QUALIFIED = new Set(['card', 'ssn', 'security', 'cc', 'account', 'passport', 'routing']);
/** A first word that makes the name a flag or a derived value (`isPassword`, `maskedToken`). */
const HARMLESS_PREFIX = new Set([
  'is', 'has', 'should', 'can', 'needs', 'num', 'n', 'no', 'on', 'handle', 'validate', 'masked', 'redacted', 'hashed',
  'obfuscated', 'sanitized', 'safe', 'show', 'use', 'get', 'set', 'with', 'min', 'max', 'expected', 'include', 'fake',
  'mock', 'dummy', 'public', 'obscure', 'obscured', 'censored', 'scrubbed',
  // counts and limits (`maximum_number_of_tokens` from a rate-limit header, `total_tokens` of an LLM reply)
  'maximum', 'minimum', 'total', 'number', 'count',
  // a piece of the value, kept to tell values apart in a log (`truncatedToken`, uppy's `shortToken`: its first 8 characters)
  'truncated', 'shortened', 'partial', 'abbreviated', 'short',
]);
/** Words that take the secret out of the name (n8n's `{ currentPassword, ...payloadWithoutPassword }`, `dataExceptToken`). */
const NEGATING = new Set(['without', 'except', 'excluding', 'sans', 'minus', 'omitting', 'no']);
/** Second words after which `short` means short-lived, a whole credential (`shortLivedToken`, `short_term_secret`). */
const SHORT_LIFETIME = new Set(['lived', 'term', 'life']);
const SWITCH = new Set(['disable', 'disabled', 'allow', 'allowed', 'require', 'required', 'skip']); // before the head: a flag (`imds_disable_password`)

/** Lower-case words of an identifier: `accessToken`, `ACCESS_TOKEN`, `access-token` -> [access, token]. */
export function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Sensitivity of a variable, property or key name, or undefined when it is not sensitive. */
export function classifyName(name: string): Sensitivity | undefined {
  const words = wordsOf(name);
  if (!words.length) return undefined;
  // Join known compounds first: api key, private key, session id, credit card, date of birth.
  const joined = words.join('');
  if (/^(creditcard|cardnumber|ccnumber|dateofbirth|socialsecuritynumber|taxid|bankaccountnumber)$/.test(joined) || /(creditcard(number)?|dateofbirth|socialsecuritynumber)$/.test(joined)) return 'pii';
  const head = words[words.length - 1];
  const before = words[words.length - 2];
  const first = words[0];
  if (words.length > 1 && HARMLESS_PREFIX.has(first) && !(first === 'short' && SHORT_LIFETIME.has(words[1]))) return undefined;
  if (words.slice(0, -1).some((w) => NEGATING.has(w)) || (before && SWITCH.has(before))) return undefined;
  if (PII_HEADS.has(head)) return 'pii';
  // ASP.NET's `__RequestVerificationToken` is its anti-forgery token, printed in every form like a CSRF token.
  const antiForgery = before === 'verification' && words[words.length - 3] === 'request';
  if (SECRET_HEADS.has(head)) return (head === 'token' || head === 'tokens') && before && (HARMLESS_TOKEN.has(before) || antiForgery || (head === 'tokens' && COUNTED_TOKENS.has(before))) ? undefined : 'secret';
  const qualifiers = Object.hasOwn(QUALIFIED_HEADS, head) ? QUALIFIED_HEADS[head] : undefined;
  if (qualifiers && before && qualifiers.has(before)) return head === 'number' && PII_QUALIFIED.has(before) ? 'pii' : 'secret';
  return undefined;
}

/** Owners whose members name a secret rather than hold it: files (`project.files.credentials`), tables of names
 *  (`EnvVariableNames.MSI_SECRET`), of a store's keys (inngest's `envKeys.InngestSigningKey`; `apiKeys` hold keys)
 *  and of messages (mockoon's `ServerMessages.…_GENERATED_TOKEN`, `errors.password`). */
const KEY_NAMES_OWNER = /^_*(?:env|environment|header|headers|storage|cookie|cookies|query|param|params|field|fields|config|setting|settings|metadata|attr|attribute|column|prop|option|form|cache)_?keys$/i;
const NAMING_OWNER = new Set(['files', 'paths', 'filenames', 'dirs', 'folders', 'names', 'labels', 'messages', 'msgs', 'strings', 'texts', 'translations', 'errors']);

/**
 * Sensitivity of a member read (`owner.name`): a one-word `token` is qualified by its owner
 * (`bucket.tokens` counts, `lexer.token` is syntax), and the members of a list of files or names are names.
 */
export function classifyMember(owner: string | undefined, name: string): Sensitivity | undefined {
  if (owner && (NAMING_OWNER.has(wordsOf(owner).pop() ?? '') || KEY_NAMES_OWNER.test(owner))) return undefined;
  const words = wordsOf(name);
  if (owner && words.length === 1 && /^tokens?$/.test(words[0]) && !classifyName(`${wordsOf(owner).pop() ?? ''}_${name}`)) return undefined;
  return classifyName(name);
}

/** Owners whose `user` is a login name (`auth.user`, `options.user`, `process.env.USER`), never a record. */
const SETTINGS_OWNER = /^_*(?:auth|options|opts|config|conf|cfg|settings|credentials|creds|connection|conn|env|environ|params|args|argv)$/i;

export function isSettingsOwner(owner: string | undefined): boolean {
  return !!owner && SETTINGS_OWNER.test(owner);
}

/** Keys that say their value is one scalar (`username: auth.user`, `"user_id": user`), not a record. */
export function isScalarKey(key: string | undefined): boolean {
  const head = key ? wordsOf(key).pop() : undefined;
  return !!head && ['name', 'username', 'id', 'uid', 'email', 'mail', 'login'].includes(head);
}

/** Names of whole user records: logging or returning one dumps every column, password hash included. */
const RECORD_NAME = /^(?:(?:db|existing|found|current|new|created|updated|saved|the)?_?)(user|account|customer|member|admin|employee|patient)(?:_?(?:record|row|doc|document|entity|data|obj|object|info))?$/i;

export function isRecordName(name: string): boolean {
  return RECORD_NAME.test(name);
}


/** Receivers of logging methods: `console`, `logger`, `log`, `this.logger`, `req.log`, `appLogger`, `_LOG`. */
const LOGGER_NAME = /^(?:console|_*(?:log|logger)|winston|pino|bunyan|consola|signale|structlog)$/i;
/** Case-sensitive so `catalog`, `dialog` and `backlog` stay out. */
const LOGGER_SUFFIX = /[a-z0-9_](?:Log|Logger|_log|_logger|_LOG|_LOGGER)$/;

export function isLoggerName(name: string): boolean {
  return LOGGER_NAME.test(name) || LOGGER_SUFFIX.test(name);
}

/** What a log line may expose, most serious first, with the finding's shape for each. */
export type Exposure = 'secret' | 'env' | 'body' | 'headers' | 'pii' | 'record';
export const EXPOSURE_RANK: readonly Exposure[] = ['secret', 'env', 'body', 'headers', 'pii', 'record'];
export const EXPOSURE_SHAPE: Record<Exposure, { severity: 'warning' | 'info'; confidence: 'high' | 'medium' | 'low'; what: string }> = {
  secret: { severity: 'warning', confidence: 'high', what: 'looks like a secret' },
  env: { severity: 'warning', confidence: 'high', what: 'is the whole environment, secrets included' },
  body: { severity: 'warning', confidence: 'medium', what: 'is a whole request body, which carries passwords and personal data' },
  headers: { severity: 'warning', confidence: 'medium', what: 'is the whole set of request headers, Authorization and Cookie included' },
  pii: { severity: 'info', confidence: 'medium', what: 'looks like personal data' },
  record: { severity: 'info', confidence: 'low', what: 'is a whole user record, which carries personal data and often the password hash' },
};

/** The one-sentence message for a log argument of this kind. */
export function logMessage(kind: Exposure, shown: string, from?: string): string {
  const code = (s: string) => `\`${s.replace(/\s+/g, ' ').slice(0, 60)}\``;
  const what = from ? `carries ${code(from)}, which ${EXPOSURE_SHAPE[kind].what},` : EXPOSURE_SHAPE[kind].what;
  return `${code(shown)} ${what} and is written to a log, where it is kept and widely readable; log an id or a masked value instead.`;
}
