// Name heuristics for hardcoded-secret detection: does this identifier name a credential (`apiKey`,
// `DB_PASSWORD`), or describe one (`passwordField`, `tokenUrl`), or stand in for one (`REDACTED_VALUE`)?
import { wordsOf } from '../shared/sensitive-names';

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
  // where a thing is, not the thing (autobahn's `XBR_DEBUG_TOKEN_ADDR`: a token contract's public Ethereum address)
  'addr', 'address', 'addresses',
]);

/** Tokens that carry no authority: paging, idempotency and change markers (`NextToken`, `ClientRequestToken`). */
const OPERATION_TOKEN = new Set(['next', 'continuation', 'pagination', 'page', 'change', 'request', 'idempotency', 'lifecycle', 'action', 'cursor', 'marker', 'resume', 'sync']);
// `key` is in DESCRIPTIVE_SUFFIX only to stop "tokenKey" / "passwordKey" (a lookup key); apiKey is recognised first.

/** A first word that makes the name a flag or an action (isPassword, showToken, resetPassword). */
const NON_SECRET_PREFIX = new Set(['is', 'has', 'should', 'can', 'show', 'hide', 'use', 'enable', 'disable', 'require', 'requires', 'validate', 'forgot', 'reset', 'update', 'change', 'generate', 'toggle', 'on', 'handle', 'get', 'set', 'no', 'num', 'public', 'publishable', 'pub', 'anon', 'redacted', 'masked', 'obfuscated', 'dummy', 'fake', 'sentinel', 'blank']);

/** Words of a UI string's key, anywhere in it (`form.placeholder.email-reset-password`, `passwordTooltipText`): its value is text shown to people. */
const UI_TEXT = new Set(['placeholder', 'tooltip', 'label', 'hint', 'caption', 'description', 'translation', 'i18n']);

/** The name's words (`wordsOf`) without version numbers: `password2` → password; `api_key_2`, `token_v2` lose the number. */
export function splitWords(name: string): string[] {
  return wordsOf(name)
    .map((w) => w.replace(/(?<=[a-z])\d+$/, ''))
    .filter((w) => w && !/^v?\d+$/.test(w));
}

/**
 * Cheap pre-check before splitting the name into words: a letter run every secret name holds. Unanchored,
 * so any text that contains the name as written (`self.api_key = `, `d['token']`) passes it too.
 */
export const SECRET_HINT = /pass|pwd|secret|token|key|auth|cred/i;

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
