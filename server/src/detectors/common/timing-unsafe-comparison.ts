// Flags a keyed digest (an HMAC: a webhook's or a session's signature) compared with `==`/`===`: the
// comparison stops at the first byte that differs, so the time an answer takes tells an attacker how much
// of a forged signature is right, and the signature can be found byte by byte (CWE-208). The assistant's
// webhook handler computes the HMAC correctly and then compares it like any string;
// `crypto.timingSafeEqual` and `hmac.compare_digest` take the same time whatever differs.
//
// Rules:
// - One operand is the digest of an HMAC: `createHmac(…)…digest(…)` (Node), `hmac.new(…).hexdigest()`,
//   `hmac.digest(…)`, `HMAC(…).hexdigest()` (Python), written in place, through a name every
//   assignment of which is one, or from a function of the same file every return of which is one
//   (`this.sign(body)`, `_sign(payload)`; two calls deep at most).
// - The other is not a literal (`digest === ''` checks for an empty value, not a signature).
// - Medium when the other side is named for a signature (`req.headers['x-hub-signature']`, `sig`) or the
//   function for a check (`verify`, `isValid…`): what an attacker sends. Otherwise low: a MAC of a local
//   file (ssh2's PuTTY key check) gives no one a clock to read.
// - A plain hash (`createHash('sha256')`, `hashlib.sha256`) is not keyed: comparing one checks integrity
//   (a download's checksum), which no secret protects.
import { ir } from '../../analysis';
import type { Expr, Func } from '../../analysis/ir';
import { exprsOf } from '../../analysis/walk';
import { JS_LIKE } from '../../core/languages';
import type { Detector } from '../../core/types';
import { calledHelper, onlyAssigned, returnedValues } from '../shared/bound-values';
import { EQUALITY } from './secret-comparisons';

/**
 * What a request's signature is called, as written on the other side of the comparison: a word of a name
 * (`sig`, `x-hub-signature`, `hubSignature`, `HMAC_HEADER`), not letters inside one (`assigned`, `design`).
 */
const SIGNATURE = /(?:(?<![A-Za-z])|(?<=[a-z])(?=[A-Z]))(?:[Ss]ig(?:nature)?|SIG(?:NATURE)?|[Hh]mac|HMAC|[Ww]ebhook|WEBHOOK|[Tt]oken|TOKEN)(?![a-z])|x-hub/;
/** A function named for checking what it is given. */
const CHECKER = /verif|valid|check|authentic|signed/i;
/** The callee of a call that makes an HMAC, as written: Node's `createHmac`, Python's `hmac.new` / `hmac.HMAC` / `HMAC`. */
const MAKES = /(?:^|\.)\s*(?:createHmac|HMAC)$|(?:^|[^\w.])hmac\s*\.\s*new$/;
/** Reading the digest, and reading it as text. */
const DIGESTS = new Set(['digest', 'hexdigest']);
const AS_TEXT = new Set(['toString', 'decode', 'lower', 'upper']);

export const timingUnsafeComparison: Detector = {
  id: 'timing-unsafe-comparison',
  meta: {
    title: 'Signature compared in variable time',
    family: 'wrong-logic',
    severity: 'warning',
    confidence: 'medium',
    cwe: ['CWE-208'],
    // A test comparing a computed HMAC with an expected one checks the code, not a request.
    testFiles: 'lower',
    needs: ['ir'],
  },
  languages: [...JS_LIKE, 'python'],
  keywords: ['hmac'],
  run(ctx) {
    const lowered = ctx.get(ir);
    if (!lowered) return;
    const made = (e: Expr): boolean => e.k === 'call' && MAKES.test(ctx.text.slice(e.callee.span.start, e.callee.span.end));
    // `<hmac>.update(b).digest('hex')`, `h.hexdigest()` of a name holding one, Python's one-shot `hmac.digest(key, msg, alg)`.
    const digestOf = (e: Expr): boolean => {
      while (e.k === 'call' && e.callee.k === 'member' && AS_TEXT.has(e.callee.prop ?? '')) e = e.callee.object;
      if (e.k !== 'call' || e.callee.k !== 'member' || !DIGESTS.has(e.callee.prop ?? '')) return false;
      let o = e.callee.object;
      if (o.k === 'name' && o.name === 'hmac') return true;
      while (o.k === 'call' && o.callee.k === 'member' && !made(o)) o = o.callee.object;
      return made(o) || (o.k === 'name' && onlyAssigned(o.binding, made));
    };
    // A same-file helper's returns are looked at from the helper itself, so `depth` bounds helpers calling helpers.
    const keyed = (e: Expr, from: Func, depth = 0): boolean => {
      if (digestOf(e)) return true;
      if (depth > 2) return false;
      if (e.k === 'name') return onlyAssigned(e.binding, (v) => keyed(v, from, depth + 1));
      const helper = calledHelper(lowered, e, from);
      const returned = helper && returnedValues(helper);
      return !!returned && returned.every((v) => keyed(v, helper, depth + 1));
    };
    for (const fn of lowered.funcs) {
      ctx.checkBudget();
      exprsOf(fn).forEach((e) => {
        if (e.k !== 'op' || !EQUALITY.has(e.op) || e.operands.length !== 2) return;
        const [a, b] = e.operands;
        const other = keyed(a, fn) ? b : keyed(b, fn) ? a : undefined;
        if (!other || other.k === 'lit') return;
        const sent = SIGNATURE.test(ctx.text.slice(other.span.start, other.span.end)) || CHECKER.test(fn.name ?? '');
        const python = lowered.language === 'python';
        const fix = python ? '`hmac.compare_digest(a, b)`' : '`crypto.timingSafeEqual` on two equal-length buffers';
        ctx.report({
          start: e.span.start, end: e.span.end, kind: python ? 'compare-digest' : 'timing-safe-equal', ...(sent ? {} : { confidence: 'low' as const }),
          message: `This HMAC is compared with \`${e.op}\`, which stops at the first byte that differs: how long the answer takes tells an attacker how much of a forged signature is right. Compare with ${fix}.`,
        });
      });
    }
  },
};
