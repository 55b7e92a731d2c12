// Names that say a random value must be unpredictable, shared by insecure-randomness's JS and Python
// detectors (snake_case words: `session_token`, `reset_code`, `api_key`).

/** A token, secret, password, OTP, nonce, session or key: guessing it is an attack. */
export const SECURITY = /(^|_)(tokens?|secrets?|passwords?|passwd|pwd|otp|totp|hotp|nonce|csrf|xsrf|session|sessid|sid|apikey|auth|credentials?|passcode|pin|iv|verification|reset|invite)(_|$)|(^|_)(api|secret|private|access|signing|encryption|license)_key(_|$)/;

/**
 * A salt needs to be unique more than unpredictable (nova's `_generate_salt` for crypt): reported at
 * low confidence when nothing else in the name asks for secrecy.
 */
const SALT = /(^|_)salts?(_|$)/;

/** Whether the name asks for an unpredictable value; `saltOnly` when only a salt does. */
export function securityName(words: string): { saltOnly: boolean } | undefined {
  if (SECURITY.test(words)) return { saltOnly: false };
  return SALT.test(words) ? { saltOnly: true } : undefined;
}
