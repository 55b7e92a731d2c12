// The evidence weak-password-hash's confidence follows: a password's fast digest is reported at medium or high
// only where the code keeps it as a password hash: stores it (`user.password = h`, `User.create({ … })`,
// `f.write(h)`), compares it (`h === stored`, `compare_digest(h, stored)`) or returns it. A digest passed on to
// anything else (a site's login, a cipher's key, a log line, a fingerprint) is low: the protocol or the purpose
// chose the digest, not a password store. Names shared by the JS and Python halves (weak-hash-kept-js/-py).
import type { Span } from '../../analysis/ir';
import type { Flow } from '../../analysis';
import { wordsOf } from './sensitive-names';

/** Calls that compare a computed digest with a stored one. */
export const COMPARES_BY = /^(?:timingSafeEqual|compare_digest|safe_str_cmp|_?same\w*|equals?|\w*[cC]ompare\w*|isEqual|verify\w*|check\w*)$/;
/** Calls that keep a value: persist it, put it on a record or in a table, hand it to a callback as the result. */
export const STORED_BY = /^(?:save|create\w*|insert\w*|update\w*|upsert\w*|set\w*|put|store\w*|persist|add\w*|push|append|extend|hset|hmset|assign|dump|register\w*|execute\w*|query|run|exec|resolve|next|cb|callback|done)$/;
/** `f.write(h)`: written to a file (a socket's or a client's `write` sends it: POP3's APOP line). */
export const WRITES_FILE = /^(?:f|fp|fh|fd|fo|out|outfile|file|\w*_file|\w*File|writer)\.write\w*$/;
/** A slow KDF the digest is fed to (a pre-hash before bcrypt, as Meteor's accounts do): the KDF is what is stored. */
export const SLOW_KDF = /bcrypt|scrypt|argon2|pbkdf2/i;
/** Digest calls: a digest hashed again (`md5(md5(pw) + salt)`, `h = sha1(i + h)`) goes where the outer one goes. */
export const DIGEST_CALL = /^(?:md4|md5|sha-?\d*|sha3_\d+|blake2[bs]|ripemd-?160|createHash)$/i;
/** `hash.update(x)` on a hash object (not `User.update(…)`): the value is hashed again. */
export function feedsHash(callee: string): boolean {
  if (!callee.endsWith('.update')) return false;
  const recv = callee.slice(0, -7);
  if (recv.endsWith(')')) return /createHash|hashlib|md5|sha/i.test(recv);
  return /hash|sha|md5|digest|^[hm]\d*$|^ctx$/i.test(/\w+$/.exec(recv)?.[0] ?? '');
}

/** Words of a value that is not a password hash, whatever it was made of: a cipher's key, a token, a fingerprint. */
const NOT_HASH_WORDS = new Set(['key', 'keys', 'iv', 'nonce', 'token', 'etag', 'cache', 'checksum', 'fingerprint', 'signature', 'sig', 'salt',
  'avatar', 'gravatar', 'color', 'url', 'uri', 'query', 'params', 'header', 'headers', 'cipher', 'challenge', 'response']);
export const notAHash = (name: string) => wordsOf(name).some((w) => NOT_HASH_WORDS.has(w));

/**
 * A file that encrypts with a key derived from the password (a document format: PDF's standard security handler,
 * Office's ECMA-376, KeePass's composite key; a site's AES payload), or that speaks a crypt(3)/phpass format
 * (`'$apr1$'`, `'$P$'`): the format chose the digest. Its digests are low.
 */
export function formatFile(text: string): boolean {
  return /\b(?:AES|ARC4|RC4|Arcfour|Blowfish|DES3|ChaCha20|createCipheriv|createDecipheriv)\b/.test(text) || /['"`]\$(?:1|apr1|P|H|5|6)\$/.test(text);
}

/** What a digest's value turned into: kept as a password hash, returned (kept unless a caller says otherwise), or passed on. */
export type Verdict = 'kept' | 'returned' | 'passed';

/**
 * A digest a function returns is what its callers make of it: the strongest verdict at the file's calls of that
 * function (`name`), outside its own body (`calls`). A function named as not hashing passwords passes it on.
 */
export function atCallers<C>(v: Verdict, name: string, depth: number, calls: () => readonly C[], judge: (call: C, depth: number) => Verdict): Verdict {
  if (name && notAHash(name)) return 'passed';
  if (!name || depth > 2) return v;
  const found = calls();
  return found.length ? strongest(found.map((c) => judge(c, depth + 1))) : v;
}

/** Combines the verdicts of a value's uses: any keeping use keeps it. */
export function strongest(vs: Iterable<Verdict>): Verdict {
  let best: Verdict = 'passed';
  for (const v of vs) {
    if (v === 'kept') return 'kept';
    if (v === 'returned') best = 'returned';
  }
  return best;
}

/**
 * Where to judge a flow's digest: the digest call for a direct path; through helpers of the file, the calls of the
 * helpers that hash it (the step after the call is a parameter of a function holding the digest call), innermost
 * first (`h = hashIt(password)`: the value out of `hashIt()` there is the digest; a helper called on the way there,
 * `normalize(password)`, is not). A verdict of "returned" at one call moves to the call before it.
 */
export function judgeSpans(f: Flow, sinkFn: Span | undefined, funcs: readonly { span: Span }[]): Span[] {
  if (f.origin.via === 'direct' || !sinkFn) return [f.sink.call];
  const steps = f.origin.steps;
  const holds = (s: Span) => funcs.some((fn) => fn.span.start <= s.start && s.end <= fn.span.end && fn.span.start <= sinkFn.start && sinkFn.end <= fn.span.end);
  const calls = steps.filter((s, i) => !s.file && s.text.endsWith('()') && steps[i + 1] && holds(steps[i + 1].span) && !holds(s.span));
  return calls.length ? calls.map((s) => s.span).reverse() : [f.sink.call];
}

/** Judges spans in order until one is not merely returned: the first kept or passed verdict, else returned. */
export function judgeInOrder(spans: readonly Span[], judge: (s: Span) => Verdict): Verdict {
  let v: Verdict = 'returned';
  for (const s of spans) {
    v = judge(s);
    if (v !== 'returned') return v;
  }
  return v;
}
