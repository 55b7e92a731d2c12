// Names that say what a secret-named log value is not (sensitive-data-in-logs): a name about a secret (`tokenId`), a
// variable bound only to a thing's name or to policy values, a lexer's token.
import { classifyName, wordsOf } from './sensitive-names';

/**
 * A secret-named variable bound only to a thing's name (`const token = typeof cls === 'function' ? cls.name : cls`,
 * NestJS's dependency-injection tokens: a class name or a string key), never to a credential.
 */
const NAME_READ = /^(?:typeof\s+[\w$.]+\s*===?\s*['"]\w+['"]\s*\?\s*)?[\w$.]+\.name(?:\s*:\s*[\w$.]+)?\s*$/;
/** OpenStack's `credentials = context.to_policy_values()`: the user, project and roles a policy check is given, no secret. */
const POLICY_VALUES = /^[\w.]+\.to_policy_values\(\)\s*$/;
export function boundToName(name: string, text: string): boolean {
  if (!/^[\w$]+$/.test(name)) return false;
  const inits = [...text.matchAll(new RegExp(`(?<![\\w$.])(?:const|let|var)\\s+${name.replace(/\$/g, '\\$')}\\s*=\\s*([^;\\n]*)`, 'g'))].map((m) => m[1]);
  const pyInits = [...text.matchAll(new RegExp(`^[ \\t]*${name}[ \\t]*=(?!=)[ \\t]*([^\\n]*)`, 'gm'))].map((m) => m[1]);
  return (inits.length > 0 && inits.every((init) => NAME_READ.test(init))) || (pyInits.length > 0 && pyInits.every((init) => POLICY_VALUES.test(init)));
}

/**
 * A name about a secret rather than the secret (`tokenId`, `isPasswordSet`, `apiKeyName`, `token_type`): one of its
 * words, or two beside each other, name a secret, but the whole does not. Under a secret key (`{ token: tokenId }`)
 * the value's own name wins: what is logged is the id, flag or name.
 */
export function aboutSecret(name: string): boolean {
  const words = wordsOf(name);
  if (words.length < 2 || classifyName(name)) return false;
  return words.some((w, i) => classifyName(w) === 'secret' || (i > 0 && classifyName(`${words[i - 1]}_${w}`) === 'secret'));
}

/**
 * A lexer or tokenizer, also a private one (`_tokenize_type_spec`, a docstring parser's), or Pygments' token types
 * (`from pygments.token import Token`, `string_to_tokentype`: a style's token names).
 */
const LEXER = /\btokens?\.(type|kind|value|source|offset|start|end|line)\b|\blexer\b|(?:\b|_)tokeni[sz]e|\bpygments\.token\b|tokentype\b/i;

/** A `token` in a file about lexing or parsing is a syntax token, not a credential. */
export function isSyntaxToken(name: string, text: string): boolean {
  return /token/i.test(name) && LEXER.test(text);
}

/** The file names the secret half of an access key pair (`secret_key`, `aws_secret_access_key`, OpenStack's `('access', 'secret')` columns). */
const SECRET_HALF = /secret[-_ ]?(?:access[-_ ]?)?key|['"]access['"]\s*,\s*['"]secret['"]/i;

/**
 * An access key beside its secret half (`access_key` and `secret_key`, EC2 credentials' `access` and `secret`) is the
 * key's id, which names the pair as a user name does; the secret half is the credential. Known by its own name or the key it is logged under.
 */
export function isAccessKeyId(name: string, key: string | undefined, text: string): boolean {
  const words = wordsOf(key ?? name.replace(/^.*\./, ''));
  return words.length >= 2 && words[words.length - 2] === 'access' && words[words.length - 1] === 'key' && !words.includes('secret') && SECRET_HALF.test(text);
}

/** Registries of what a caller registered: a token that keys one is the registration's handle (`log_handlers[token] = handler`). */
const REGISTRY = /(?:handlers?|handles|listeners|callbacks|subscribers|subscriptions|watchers|observers|hooks)$/i;

/**
 * A token the file uses as the key of a registry of handlers, listeners or subscriptions (TuneD's log capture: `token =
 * _random_string(16)`, `log_handlers[token] = handler`, handed back to stop the capture) is a handle, as a lock's token is.
 */
export function isRegistrationHandle(name: string, text: string): boolean {
  if (!/^\w+$/.test(name) || wordsOf(name).at(-1) !== 'token') return false;
  for (const m of text.matchAll(new RegExp(`([\\w.]+)\\[\\s*${name}\\s*\\]`, 'g'))) if (REGISTRY.test(m[1])) return true;
  return false;
}
