// An HMAC used as a keyed hash of names (whistle's `getHash(str)`, `getHexHash(ctn)`: temp and certificate file
// names): the function's only result is the digest, and its name says it hashes. Nothing the file shows is
// authenticated with the key (no signature sent, compared or stored), so a constant key there is a hint, not a
// forgery risk; a function named for signing, tokens or checks (`sign`, `verifyWebhook`) keeps the finding.
import type { Expr, Func, Stmt } from '../../analysis/ir';

const HASH_NAME = /hash|digest|checksum|fingerprint|etag|cache_?key|file_?name|temp|tmp/i;
const AUTH_NAME = /sign|token|auth|verif|valid|check|mac|csrf|session|secret|passw|cookie|jwt|webhook|otp|nonce|login|api_?key|cred/i;

function returns(stmts: readonly Stmt[], out: Expr[] = []): Expr[] {
  for (const s of stmts) {
    if (s.k === 'return' && s.value) out.push(s.value);
    else if (s.k === 'if') (returns(s.then, out), returns(s.else, out));
    else if (s.k === 'block' || s.k === 'try') returns(s.body, out);
  }
  return out;
}

/** `createHmac(…)` at `call` is a keyed hash helper's: every return of `fn` is its digest (`.digest(…)`, then string methods). */
export function keyedHashOnly(fn: Func, call: Expr & { k: 'call' }, text: string): boolean {
  // An anonymous function takes the name it is assigned to (`exports.getHash = function (str) {`).
  const name = fn.name ?? /([\w$]+)\s*[:=]\s*(?:async\s+)?(?:function\b\s*)?$/.exec(text.slice(Math.max(0, fn.span.start - 120), fn.span.start))?.[1];
  if (!name || !HASH_NAME.test(name) || AUTH_NAME.test(name)) return false;
  // The HMAC itself, or the name it is bound to (`var hmac = createHmac(…)`).
  const bound = fn.body.flatMap((s) => (s.k === 'let' && s.value === call && s.target.k === 'bind' ? [s.target.binding.name] : []));
  const rs = returns(fn.body);
  return rs.length > 0 && rs.every((r) => {
    const t = text.slice(r.span.start, r.span.end);
    const ofCall = r.span.start <= call.span.start && call.span.end <= r.span.end;
    return /\.digest\([^)]*\)(?:\s*\.\s*(?:toString|toLowerCase|toUpperCase|slice|substring|substr)\([^)]*\))*\s*$/.test(t)
      && (ofCall || bound.some((b) => new RegExp(`^${b.replace(/\$/g, '\\$')}\\s*\\.\\s*update\\(`).test(t)));
  });
}
