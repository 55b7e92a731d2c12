// Names that say a random value must be unpredictable, shared by insecure-randomness's JS and Python
// detectors (snake_case words: `session_token`, `reset_code`, `api_key`).

/** A token, secret, password, OTP, nonce, session or key: guessing it is an attack. */
export const SECURITY = /(^|_)(tokens?|secrets?|passwords?|passwd|pwd|otp|totp|hotp|nonce|csrf|xsrf|session|sessid|sid|apikey|auth|credentials?|passcode|pin|iv|verification|reset|invite)(_|$)|(^|_)(api|secret|private|access|signing|encryption|license)_key(_|$)/;

/**
 * A salt needs to be unique more than unpredictable (nova's `_generate_salt` for crypt): reported at
 * low confidence when nothing else in the name asks for secrecy.
 */
const SALT = /(^|_)salts?(_|$)/;

/**
 * So does a nonce (a signed API request's `SignatureNonce`, a Discord gateway request's `nonce` matching its
 * reply), except in a file about a Content-Security-Policy or OpenID Connect, whose nonces must not be guessed.
 */
const NONCE = /(^|_)nonces?(?=_|$)/g;
const GUESSABLE_NONCE = /Content-Security-Policy|script-src|['"`]nonce-|\bid_?token\b|\bopenid\b/i;

/** The id of a key (`auth_key_id`, `keyId`) says which key is used, not the key. */
const KEY_ID = /(^|_)key_?id$/;

/** Whether the name asks for an unpredictable value; `saltOnly` when only a salt or a nonce (see above) does. */
export function securityName(words: string, text = ''): { saltOnly: boolean } | undefined {
  if (KEY_ID.test(words)) return undefined;
  if (SECURITY.test(words)) return { saltOnly: !SECURITY.test(words.replace(NONCE, '$1')) && !GUESSABLE_NONCE.test(text) };
  return SALT.test(words) ? { saltOnly: true } : undefined;
}
