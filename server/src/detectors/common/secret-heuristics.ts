// Name and value heuristics for hardcoded-secret detection: is this identifier secret-like, and does
// this literal look like a real credential rather than a placeholder, a path, a URL or prose?
import { shannonEntropy } from '../../core/text';
import type { Confidence } from '../../core/types';

/** Words that make a name secret-like on their own (after splitting camelCase / snake_case). */
const SECRET_WORDS = new Set([
  'password', 'passwd', 'passphrase', 'pwd', 'pass', 'secret', 'secrets', 'token', 'credential', 'credentials',
  'creds', 'auth', 'authorization', 'apikey', 'apitoken', 'accesstoken', 'authtoken', 'refreshtoken',
  'secretkey', 'privatekey', 'accesskey', 'clientsecret', 'signingkey', 'encryptionkey', 'masterkey',
  'jwtsecret', 'sessionsecret', 'webhooksecret', 'dbpassword', 'dbpass', 'adminpassword',
]);

/** `key` is secret-like only after one of these (apiKey, secret_key, ENCRYPTION_KEY, x-api-key). */
const KEY_QUALIFIERS = new Set([
  'api', 'access', 'secret', 'private', 'signing', 'sign', 'encryption', 'encrypt', 'decryption', 'master',
  'auth', 'client', 'app', 'service', 'account', 'hmac', 'jwt', 'session', 'crypto', 'cipher', 'aes',
  'shared', 'storage', 'subscription', 'license', 'admin', 'root', 'webhook', 'consumer', 'developer',
]);

/** A last word that makes the name describe a secret rather than hold one (passwordField, tokenUrl). */
const DESCRIPTIVE_SUFFIX = new Set([
  'field', 'fields', 'type', 'types', 'name', 'names', 'url', 'urls', 'uri', 'endpoint', 'path', 'paths',
  'file', 'filename', 'filepath', 'dir', 'directory', 'policy', 'policies', 'length', 'len', 'min', 'max',
  'regex', 'regexp', 're', 'pattern', 'label', 'placeholder', 'prompt', 'hint', 'header', 'headers',
  'param', 'params', 'parameter', 'input', 'id', 'ids', 'count', 'expiry', 'expires', 'expiration', 'ttl',
  'timeout', 'lifetime', 'age', 'format', 'env', 'var', 'variable', 'ref', 'reference', 'arn', 'version',
  'index', 'idx', 'prefix', 'suffix', 'hash', 'hashed', 'digest', 'enabled', 'required', 'visible', 'error',
  'errors', 'message', 'msg', 'mode', 'strategy', 'provider', 'service', 'manager', 'location', 'source',
  'limit', 'reset', 'rotation', 'validator', 'validation', 'schema', 'class', 'classname', 'kind', 'method',
  'algorithm', 'alg', 'algo', 'size', 'bits', 'status', 'state', 'text', 'title', 'description', 'desc',
  'usage', 'scope', 'scopes', 'host', 'port', 'user', 'username', 'selector', 'button', 'btn', 'form', 'icon',
  'color', 'style', 'component', 'route', 'page', 'view', 'link', 'help', 'tooltip', 'display', 'handler',
  'callback', 'fn', 'func', 'key', 'keys', 'client', 'store', 'cache', 'storage', 'generator', 'strength',
  'mask', 'char', 'chars', 'charset', 'encoding', 'kid', 'issuer', 'audience', 'option', 'options', 'flag', 'magic', 'used', 'last',
]);

/** Tokens that carry no authority: paging, idempotency and change markers (`NextToken`, `ClientRequestToken`). */
const OPERATION_TOKEN = new Set(['next', 'continuation', 'pagination', 'page', 'change', 'request', 'idempotency', 'lifecycle', 'action', 'cursor', 'marker', 'resume', 'sync']);
// `key` is in DESCRIPTIVE_SUFFIX only to stop "tokenKey" / "passwordKey" (a lookup key); apiKey is recognised first.

/** A first word that makes the name a flag or an action (isPassword, showToken, resetPassword). */
const NON_SECRET_PREFIX = new Set(['is', 'has', 'should', 'can', 'show', 'hide', 'use', 'enable', 'disable', 'require', 'requires', 'validate', 'forgot', 'reset', 'update', 'change', 'generate', 'toggle', 'on', 'handle', 'get', 'set', 'no', 'num', 'public', 'publishable', 'pub', 'anon', 'redacted', 'masked', 'obfuscated', 'dummy', 'fake', 'sentinel', 'blank']);

/** Words of a UI string's key, anywhere in it (`form.placeholder.email-reset-password`, `passwordTooltipText`): its value is text shown to people. */
const UI_TEXT = new Set(['placeholder', 'tooltip', 'label', 'hint', 'caption', 'description', 'translation', 'i18n']);

export function splitWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .map((w) => w.replace(/(?<=[a-z])\d+$/, '')) // password2 → password
    .filter((w) => w && !/^v?\d+$/.test(w)); // api_key_2, token_v2
}

/** Cheap pre-check before splitting the name into words. */
const SECRET_HINT = /pass|pwd|secret|token|key|auth|cred/i;

export type SecretNameKind = 'password' | 'secret';

/** Whether a variable / property / key name names a credential; 'password' names allow shorter values. */
export function secretNameKind(name: string): SecretNameKind | undefined {
  if (name.length > 64 || !SECRET_HINT.test(name)) return undefined;
  const words = splitWords(name);
  if (!words.length || NON_SECRET_PREFIX.has(words[0])) return undefined;
  if (words.some((w) => w === 'public' || w === 'publishable' || UI_TEXT.has(w))) return undefined;
  const last = words[words.length - 1];
  const keyPair = last === 'key' && words.length > 1 && KEY_QUALIFIERS.has(words[words.length - 2]);
  if (!keyPair && (DESCRIPTIVE_SUFFIX.has(last) || (/^tokens?$/.test(last) && OPERATION_TOKEN.has(words[words.length - 2] ?? '')))) return undefined;
  if (!keyPair && !words.some((w) => SECRET_WORDS.has(w))) return undefined;
  return words.some((w) => /^(?:pass(?:word|wd|phrase)?|pwd|dbpass(?:word)?|adminpassword)$/.test(w)) ? 'password' : 'secret';
}

const PLACEHOLDER = new RegExp([
  String.raw`^<.*>$`, String.raw`\$\{.*\}`, String.raw`\{\{.*\}\}`, String.raw`^\$[A-Za-z_(]`, String.raw`^%[A-Za-z_]+%$`,
  String.raw`%\(?\w*\)?[sd]`, String.raw`^#\{`, String.raw`^@[A-Z_]+@$`, String.raw`x{4,}`, String.raw`\*{3,}`,
  String.raw`\.{3}`, String.raw`\u2022{3,}`, String.raw`^(?:your|my|insert|enter|put|replace|add)(?:[^a-z]|$)`,
  String.raw`^your`, String.raw`chang(?:e[-_ ]?)?me|change[-_ ]?this|replace[-_ ]?me|dummy|fake|example|sample|placeholder|redacted|lorem|ipsum`,
  String.raw`(?:^|[^a-z])(?:test(?:ing)?|foo|bar|baz|todo|fixme|none|null|undefined|n\/a|tbd|secret|password)(?:[^a-z]|$)`,
  String.raw`0123456789|123456789|abcdefgh|qwerty|asdfgh|^(.)\1+$`,
].join('|'), 'i');

/** Shapes a provider data rule reports (rules/secrets.json); the generic rule leaves them to it. */
const PROVIDER_SHAPE = /^(?:(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}$|gh[pousr]_|github_pat_|gl(?:pat|ptt|dt|rt)-|xox[abposre]-|xapp-|(?:sk|rk)_(?:live|test)_|whsec_|SG\.|AIza|sk-ant-|sk-(?:proj|svcacct|admin)-|hf_|api_org_|npm_|pypi-|eyJ|-----BEGIN|\d{8,10}:AA|SK[0-9a-fA-F]{32}$|[MNO][\w-]{23,27}\.[\w-]{6}\.[\w-]{27,40}$)|T3BlbkFJ|AccountKey=|SharedAccessKey=|:\/\/[^/\s:@]*:[^@/\s]+@/;
/**
 * Keys public by design, shipped to browsers: PostHog project keys (`phc_`; personal keys are `phx_`),
 * Stripe publishable keys, Mapbox public tokens (`pk.eyJ…`).
 */
const PUBLIC_KEY = /^(?:phc_[A-Za-z0-9]{20,}|pk_(?:live|test)_|pk\.eyJ)/;
/** AWS secret keys and Twilio auth tokens under their usual names are left to their provider rules. */
const PROVIDER_NAMED = /aws|secret_?access_?key|twilio/i;
const PROVIDER_NAMED_VALUE = /^(?:[A-Za-z0-9/+]{40}|[0-9a-f]{32})$/;

/** Whether a provider rule in rules/secrets.json already reports this value (one finding, not two). */
export function coveredByProviderRule(name: string, value: string): boolean {
  const v = stripAuthScheme(value.trim());
  return PROVIDER_SHAPE.test(v) || (PROVIDER_NAMED.test(name) && PROVIDER_NAMED_VALUE.test(v));
}

const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\/|^www\./i;
const PATH_LIKE = /^(?:\.{0,2}\/|~\/|[A-Za-z]:\\)|\.(?:pem|key|crt|cer|p12|pfx|json|ya?ml|txt|env|pub|jks|keystore|der|asc|gpg)$/i;
const WORD_PATH = /^[a-z0-9_.+-]*(?:\/[a-z0-9_.+-]*)+$/; // lower-case segments: mime types, routes
const ENV_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/; // "GITHUB_TOKEN": the name of a variable, not its value
const DOTTED = /^[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)+$/; // i18n keys, module paths
const WORDS = /^[A-Za-z][a-z]+(?:(?:[-_ ]?[A-Z]|[-_ ][a-z])[a-z]+)*$/; // identifiers or prose, no digits
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/; // `PasswordLastUsed: "2016-09-22T…Z"`
const CHAR_CLASS = /\[[^\][]{1,64}\]/g; // with a range inside, or the whole value: a regex source (`[A-Za-z0-9._~+/-]+=*`, RFC 2616's token `[^()<>@,;:\\"/\[\]?={}\x00-\x20\x7f]+`)

/** Mostly dictionary-like words (`msal:acquireTokenStart`, `FlowPasswordRequiredV2`): an identifier, not a key. */
function wordLike(v: string): boolean {
  let letters = 0;
  for (const m of v.matchAll(/[A-Z]?[a-z]{2,}|[A-Z]{3,}(?![a-z])/g)) if (/[aeiouy]/i.test(m[0])) letters += m[0].length;
  return letters >= 0.7 * v.length;
}

/** The value repeats the name's words (`TOKEN_EXPIRED = "token-expired-v2"`): an enum-like constant. */
export function echoesName(v: string, name: string): boolean {
  const words = splitWords(name).filter((w) => w.length > 1);
  if (!words.length) return false;
  const inValue = new Set(splitWords(v));
  return words.filter((w) => inValue.has(w)).length >= Math.min(2, words.length);
}

const charClasses = (v: string): number => [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(v)).length;

/** Words separated by spaces (`Token expired at 12:00`): a message; a random key may hold a space too. */
function prose(v: string): boolean {
  if (!v.includes(' ')) return false;
  let words = 0;
  for (const t of v.split(/ +/)) if (/^[A-Za-z][a-z]+[.,:;!?'"]?$/.test(t) && /[aeiouy]/i.test(t)) words += t.length;
  return words >= 0.4 * v.replace(/ /g, '').length;
}

/** Strip an HTTP auth scheme so "Bearer <token>" is judged by its token. */
export function stripAuthScheme(v: string): string {
  return v.replace(/^(?:Bearer|Basic|Token|Bot)\s+/i, '');
}

/**
 * The confidence that `raw` is a real credential, or undefined when it is a placeholder or not a
 * secret at all. High-entropy values need ≥ 16 chars, ≥ 3.4 bits/char and two character classes;
 * password-named values may be shorter (≥ 8) with three classes, at low confidence.
 */
export function secretValueConfidence(raw: string, kind: SecretNameKind, name = ''): Confidence | undefined {
  const v = stripAuthScheme(raw.trim());
  if (PUBLIC_KEY.test(v)) return undefined;
  if (v.length < 8 || v.length > 512 || /[^\x20-\x7e]/.test(v) || prose(v)) return undefined; // secrets are printable ASCII
  if (wordLike(v) || echoesName(v, name)) return undefined;
  if (PLACEHOLDER.test(v)) return undefined;
  if (URL_LIKE.test(v) || PATH_LIKE.test(v) || WORD_PATH.test(v)) return undefined;
  if (ENV_NAME.test(v) || DOTTED.test(v) || WORDS.test(v) || TIMESTAMP.test(v) || [...v.matchAll(CHAR_CLASS)].some((m) => /[A-Za-z0-9]-[A-Za-z0-9]/.test(m[0])) || /^\^?\[(?:\\.|[^\]\\])+\][+*?]?\$?$/.test(v)) return undefined;
  const classes = charClasses(v);
  const h = shannonEntropy(v);
  if (v.length >= 16 && classes >= 2 && h >= 3.4) return classes >= 3 || v.length >= 24 ? 'medium' : 'low';
  if (kind === 'password' && classes >= 3 && h >= 2.75) return 'low';
  return undefined;
}
