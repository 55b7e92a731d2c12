// The output half of weak-password-hash's flows: a fast digest (source label `digest` in rules/models:
// `createHash('md5')….digest()`, `hashlib.sha1(…).hexdigest()`) stored as a password (sink kind
// `password-field`: `user.password = h`, `{ password: h }` given to an ORM call, `create(password=h)`), whatever the
// hashed value or the helper that made it are called.
import type { Flow, Value } from '../../analysis';
import type { RelatedStep } from '../../core/types';
import { wordsOf } from './sensitive-names';

export interface HashHit {
  start: number;
  end: number;
  algorithm: string;
  message: string;
  kind: string;
  related?: RelatedStep[];
  via: 'direct' | 'summary' | 'unknown';
  /** Written to a field of a request payload (`payload['password'] = h.hexdigest()`): an API's login, not storage. */
  request?: boolean;
  judge?: Array<{ start: number; end: number }>; // where its use is judged (weak-hash-kept.ts); none when stored
}

export const code = (s: string) => '`' + s.replace(/\s+/g, ' ').replace(/`/g, "'").slice(0, 60) + '`';
export const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

const PASSWORD_FIELD = new Set(['password', 'passwd', 'pwd', 'passcode', 'passphrase', 'pin']);
/** `passwordResetToken`, `password_changed_at`, `pinned`: about a password, not one. */
const NOT_FIELD = new Set(['token', 'reset', 'expires', 'expiry', 'changed', 'updated', 'at', 'policy', 'length', 'confirm', 'confirmation', 'hint', 'salt']);

/**
 * A breached-password check (Have I Been Pwned's range API): SHA-1 of the password is what the API
 * asks for, and only its first five hex digits leave the process; nothing is stored.
 */
export const BREACH_CHECK = /pwnedpasswords|haveibeenpwned|\bpwned\b/i;

/** A crypt(3) scheme's name: `md5_crypt`, `sha1crypt`, `apr_md5_crypt`, `bsdi_crypt`. */
const SCHEME = /(?:md5|sha1|sha256|sha512|des|bsdi|apr)[-_]?crypt/i;
/** A signature naming one: `def _raw_md5_crypt(`, `function md5Crypt(`, `const sha1Crypt = (`. */
const NAMED_FOR_SCHEME = new RegExp(String.raw`${SCHEME.source}\w*\s*[(=]`, 'i');

/**
 * Code that implements a legacy crypt(3) scheme, so that hashes made elsewhere can still be checked
 * (passlib's `handlers/md5_crypt.py`, a `function md5Crypt(pw, salt)`): the file or the function is
 * named for the scheme, and its digests are the scheme's rounds. Choosing the scheme is the finding,
 * in the code that calls it. A `def md5_password(pw)` names no scheme and is still reported.
 */
export function implementsScheme(path: string, fnText: string): boolean {
  const header = /^[^\n]*/.exec(fnText)?.[0] ?? '';
  return SCHEME.test(path.slice(path.lastIndexOf('/') + 1)) || NAMED_FOR_SCHEME.test(header) || verifiesTaggedHash(fnText);
}

/** An RFC 2307 / htpasswd scheme tag in quotes: `"{SHA}"`, `'{SSHA}'`, `"{MD5}"`. */
const SCHEME_TAG = /['"]\{S?(?:SHA|MD5)(?:256|384|512)?\}/i;
/** A comparison of the computed digest with the stored one, also through a helper (repoze.who's `_same_string(hashed, …)`). */
const COMPARES = /[^=!<>]==[^=]|===|compare_digest|timingSafeEqual|\b_?(?:same|equals?|compare|safe_str_cmp)\w*\s*\(/;

/**
 * A function that checks a password against a hash stored with a scheme tag (calypso's htpasswd `_sha1`:
 * `hash_value.replace("{SHA}", "")`, then `sha1(password).digest() == b64decode(hash_value)`): the tag names the
 * scheme of a file or directory the operator keeps, and the check must speak it. Making such hashes still counts.
 */
function verifiesTaggedHash(fnText: string): boolean {
  return SCHEME_TAG.test(fnText) && COMPARES.test(fnText);
}

/**
 * Challenge-response protocols fix their digests and store no password hash: HTTP Digest
 * authentication (RFC 7616: MD5 or SHA-256 of `user:realm:password`; a file that speaks of a realm and
 * a nonce computes it), NTLM (MD4 of the password, HMAC-MD5 over it: `NTOWFv2`) and ZooKeeper's digest ACL scheme
 * (the server checks `user:base64(sha1(user:password))`: kazoo's `make_digest_acl_credential`).
 */
export function protocolDigest(fileText: string): boolean {
  const zookeeper = /zoo_?keeper/i.test(fileText) && /digest[_ ]acl/i.test(fileText);
  return (/\brealm\b/i.test(fileText) && /\bnonce\b/i.test(fileText)) || /\bntlm|\bntowf|\blmowf/i.test(fileText) || zookeeper;
}

/**
 * Hashed data that answers a challenge or follows a fixed format, not a password stored: APOP's
 * `md5(challenge + password)`, XMPP's `sha1(sid + password)`, HTTP Digest's realm, OpenSSH's legacy
 * key derivation `md5(passphrase + iv)`, a database's login scramble (MySQL's `sha256(p2 + scramble)`).
 */
export const CHALLENGE = /challenge|nonce|scramble|realm|\bmagic\b|\bsid\b|\biv\b/i;

/**
 * A credential derived from keys rather than a password hashed: the digest of a secret, a key or a
 * nonce stored under a password name (`pass: sha384(user + nonce + key)`); the data names no password.
 */
export function derivedFrom(data: string): boolean {
  return /secret|nonce|\btoken\b/i.test(data) || /(?:\b|_)(?:key|KEY)\b|[a-z]Key\b/.test(data);
}

/** A name about a password that is not one (`passwordResetToken`, `password_salt`, `resetPasswordExpires`). */
export function besidePassword(name: string): boolean {
  return wordsOf(name).some((w) => NOT_FIELD.has(w));
}

/** A field that holds a password or its hash (`password`, `passwordHash`, `hashed_password`, `pin_hash`). */
export function isPasswordField(name: string): boolean {
  const words = wordsOf(name);
  return words.some((w) => PASSWORD_FIELD.has(w)) && !words.some((w) => NOT_FIELD.has(w));
}

/** The password-named key (at most three levels deep: `{ data: { password } }`) whose value carries the digest made at `source`. */
function keyHolding(v: Value, source: number, depth = 0): string | undefined {
  if (depth > 2 || !v.fields) return undefined;
  for (const [k, fv] of v.fields) {
    if (isPasswordField(k) && fv.taint.some((o) => o.label === 'digest' && o.source.start === source)) return k;
    const deeper = keyHolding(fv, source, depth + 1);
    if (deeper) return deeper;
  }
  return undefined;
}

/** The password field a digest flow lands in, or undefined when the sink is not one. */
function fieldOf(f: Flow): string | undefined {
  const { sink } = f;
  if (sink.store) return sink.store.prop && isPasswordField(sink.store.prop) ? sink.store.prop : undefined;
  if (sink.model.kwarg) return isPasswordField(sink.model.kwarg) ? sink.model.kwarg : undefined;
  return keyHolding(sink.value, f.origin.source.start);
}

/** A dict named as a request's body or query (`payload`, `params`, `form`, `data`, `query_params`). */
export const REQUEST_PAYLOAD = /^(?:payload|params|query|body|form|post_?data|login_?data|auth_?data|data|(?:query|request|url|post)_?params|form_?data)$/i;

/** One hit per digest stored as a password, the most direct path first; reported at the digest call. */
export function storedDigestHits(text: string, flows: readonly Flow[]): HashHit[] {
  const best = new Map<number, { f: Flow; field: string }>();
  const rank = (f: Flow) => ['direct', 'summary', 'unknown'].indexOf(f.origin.via);
  for (const f of flows) {
    if (f.sink.kind !== 'password-field' || f.origin.label !== 'digest') continue;
    const field = fieldOf(f);
    const prev = best.get(f.origin.source.start);
    if (field && (!prev || rank(f) < rank(prev.f))) best.set(f.origin.source.start, { f, field });
  }
  return [...best.values()].map(({ f, field }) => {
    const { origin, sink } = f;
    const algorithm = origin.detail ?? 'A fast digest';
    const names = origin.steps.map((s) => code(s.text)).filter((t, i, all) => all.indexOf(t) === i);
    const through = names.length ? ` through ${names.join(', ')}` : '';
    const request = sink.store?.object.k === 'name' && REQUEST_PAYLOAD.test(sink.store.object.name);
    return {
      start: origin.source.start, end: origin.source.end, algorithm, via: origin.via, kind: `digest:${origin.via}`, ...(request ? { request } : {}),
      message: `${algorithm} digest ${code(origin.sourceText)} is stored as the password field ${code(field)} (line ${lineOf(text, sink.call.start)})${through}, and fast digests are cracked in bulk; use bcrypt, scrypt or Argon2 instead.`,
      related: [
        { start: origin.source.start, end: origin.source.end, message: `${algorithm} digest ${code(origin.sourceText)}` },
        ...origin.steps.map((s) => ({ start: s.span.start, end: s.span.end, message: `flows into ${code(s.text)}` })),
        { start: sink.span.start, end: sink.span.end, message: `stored as ${code(field)} by ${code(sink.callee)}` },
      ],
    };
  });
}
