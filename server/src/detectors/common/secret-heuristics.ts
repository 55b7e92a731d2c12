// Value heuristics for hardcoded-secret detection: does this literal look like a real credential rather
// than a placeholder, a path, a URL or prose? (Names: secret-names.ts.)
import { shannonEntropy } from '../../core/text';
import type { Confidence } from '../../core/types';
import { splitWords, type SecretNameKind } from './secret-names';

const PLACEHOLDER = new RegExp([
  String.raw`^<.*>$`, String.raw`^\``, String.raw`\$\{.*\}`, String.raw`\{\{.*\}\}`, String.raw`^\$[A-Za-z_(]`, String.raw`^%[A-Za-z_]+%$`,
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
/**
 * A source or asset file named by its path (`"flowfuse-auth": "lib/auth/httpAuthPlugin.js"`, a plugin map), a cache
 * buster after it (`"secret": "unicode/3299.png?v8"`, docsify's emoji map): no secret ends in `.js` or `.png`.
 */
const SOURCE_PATH = /^[\w@-]+(?:[./][\w@-]+)*\.(?:[cm]?[jt]sx?|py|html?|css|s[ac]ss|vue|svelte|md|png|jpe?g|gif|svg|ico|woff2?|map|node|wasm)(?:[?#](?:v|ver|version|rev|t)?=?[\w.-]{1,12})?$/i;
/** An npm alias spec (`"auth0-legacy": "npm:auth0@^4.37.1"` in package.json): a package and a version range. */
const PACKAGE_SPEC = /^npm:(?:@[\w.-]+\/)?[\w.-]+@[\w.^~<>=|* -]+$/;
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
  if (URL_LIKE.test(v) || PATH_LIKE.test(v) || WORD_PATH.test(v) || SOURCE_PATH.test(v) || PACKAGE_SPEC.test(v)) return undefined;
  if (ENV_NAME.test(v) || DOTTED.test(v) || WORDS.test(v) || TIMESTAMP.test(v) || [...v.matchAll(CHAR_CLASS)].some((m) => /[A-Za-z0-9]-[A-Za-z0-9]/.test(m[0])) || /^\^?\[(?:\\.|[^\]\\])+\][+*?]?\$?$/.test(v)) return undefined;
  const classes = charClasses(v);
  const h = shannonEntropy(v);
  if (v.length >= 16 && classes >= 2 && h >= 3.4) return classes >= 3 || v.length >= 24 ? 'medium' : 'low';
  if (kind === 'password' && classes >= 3 && h >= 2.75) return 'low';
  return undefined;
}
