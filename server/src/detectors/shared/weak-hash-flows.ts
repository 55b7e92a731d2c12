// The flow half of weak-password-hash: fast digests (sink kind `weak-hash` in rules/models: MD5, SHA-1,
// plain SHA-2, by call shape and algorithm) reached by a password, whatever the hashing helper is
// called. The shared `analysis` fact walks only files request input can enter; a password hashed in a
// service or model file has none, so fact `weak-hash-flows` walks every function of a file that calls
// a digest and names a password, with the same models and interpreter (names like `password` carry
// the label `sensitive` there); where the shared analysis walks anyway, its flows are reused.
import { analysis, ir, languageOfAnalysis, mayHaveInput, modelsFor, type Flow, type ModelContext } from '../../analysis';
import { Analyzer } from '../../analysis/interpret';
import type { DetectorContext, Fact } from '../../core/types';
import { judgeSpans } from './weak-hash-kept';
import { wordsOf } from './sensitive-names';
import { BREACH_CHECK, CHALLENGE, code, implementsScheme, lineOf, protocolDigest, storedDigestHits, type HashHit } from './weak-hash-stores';

export type { HashHit } from './weak-hash-stores';

/** Without one of these calls no model's digest can appear (the `weak-hash` sinks, `digest` sources)… */
const DIGEST_WORD = /\b(?:md5|sha1|sha(?:224|256|384|512)|sha3_\d+|blake2[bs])\s*\(|createHash\s*\(\s*['"`](?:md|sha)|\bnew\s*\(\s*['"](?:md5|sha)|subtle\.digest\s*\(/i;
/** …and without one of these no password can reach it (a name or a request field; Python's `pass` statement is not one). */
const PASSWORD_WORD = /pass(?:w|phrase|code)|pwd|\bpw\b|\bpin\b|[_.'"]pin\b|\.pass\b|['"]pass['"]/i;

export const weakHashFlows: Fact<readonly Flow[]> = {
  id: 'weak-hash-flows',
  compute(ctx) {
    if (!languageOfAnalysis(ctx.languageId) || !DIGEST_WORD.test(ctx.text) || !PASSWORD_WORD.test(ctx.text)) return [];
    const lowered = ctx.get(ir);
    if (!lowered) return [];
    let n = 0;
    const tick = () => {
      if ((++n & 63) === 0) ctx.checkBudget();
    };
    const a = new Analyzer(lowered, modelsFor(lowered.language, (ctx as ModelContext).models), ctx.text, tick, ctx.path);
    // Where the shared analysis walks (input can enter), its flows are these: one walk, not two.
    const shared = mayHaveInput(ctx.text, lowered.language) && a.hasWork() ? ctx.get(analysis) : undefined;
    if (!shared) a.run(true);
    return (shared ?? a).flows.filter((f) => f.sink.kind === 'weak-hash' || (f.sink.kind === 'password-field' && f.origin.label === 'digest'));
  },
};

/** Words of a value chosen by a person (a password, a PIN): API keys, tokens and secrets are random, and hashing them for look-up is right. */
const PASSWORD_WORDS = new Set(['password', 'passwd', 'pwd', 'pass', 'passphrase', 'passcode', 'pin', 'pw', 'pword', 'passwords']);
const NOT_PASSWORD = new Set(['hash', 'hashed', 'digest', 'length', 'reset', 'token', 'confirm', 'confirmation', 'policy', 'expiry', 'expires']);

/** `password`, `new_password`, `req.body.pin`: the last name says a person chose it; `passwordHash`, `bypass` do not. */
export function isPasswordName(name: string): boolean {
  const words = wordsOf(name);
  const head = words[words.length - 1];
  if (!head || !PASSWORD_WORDS.has(head)) return false;
  return !words.some((w) => NOT_PASSWORD.has(w)) && !/^(is|has|should|show|min|max|validate)$/.test(words[0]);
}

const lastName = (text: string) => /([A-Za-z_$][\w$]*)\W*$/.exec(text)?.[1] ?? '';

/** Whether the origin is a password: a request field or a variable, parameter or property so named. */
function passwordOrigin(f: Flow): boolean {
  const o = f.origin;
  if (o.label === 'sensitive') return isPasswordName(lastName(o.sourceText));
  if (o.label === 'request') return !!o.detail && isPasswordName(o.detail.split('.').filter((s) => !s.endsWith('()')).pop() ?? '');
  return false;
}

const VIA_RANK = ['direct', 'summary', 'unknown'];

/** Where a flow's finding goes: the algorithm when the call names it (`createHash('md5')`, `md5(x)`), else the hashed value. */
function spotOf(f: Flow): { start: number; end: number } {
  const e = f.sink.callExpr;
  if (!e) return f.sink.span;
  if (f.sink.model.when?.index === 0 && e.args[0]) return e.args[0].span;
  if (!f.sink.model.receiverCall) return e.callee.span;
  const made = e.callee.k === 'member' ? e.callee.object : undefined;
  return made?.k === 'call' && made.args[0]?.k === 'lit' ? made.args[0].span : f.sink.span;
}

/**
 * The data was laid out in a fixed format on its way (`digest = "%s:%s:%s" % (username, realm, password)`, then
 * `md5(digest.encode())`: ganeti's H(A1) check): a line of this file where a step binds it names the challenge.
 */
function fixedFormatStep(text: string, f: Flow): boolean {
  return f.origin.steps.some((s) => !s.file && CHALLENGE.test(text.slice(text.lastIndexOf('\n', s.span.start) + 1, (text.indexOf('\n', s.span.end) + 1 || text.length + 1) - 1)));
}

/**
 * Flow hits the syntax did not find: one per digest call, the most direct path first. `covered` says
 * whether the syntax already reported this call (or, for `h.update(x)`, this function's digest).
 */
export function flowHashHits(ctx: DetectorContext, covered: (call: { start: number; end: number }, fn: { start: number; end: number } | undefined) => boolean): HashHit[] {
  const flows = ctx.get(weakHashFlows) ?? [];
  if (!flows.length || protocolDigest(ctx.text)) return [];
  const funcs = ctx.get(ir)?.funcs ?? [];
  const best = new Map<number, Flow>();
  for (const f of flows) {
    if (!passwordOrigin(f) || CHALLENGE.test(ctx.text.slice(f.sink.span.start, f.sink.span.end)) || fixedFormatStep(ctx.text, f)) continue;
    const prev = best.get(f.sink.call.start);
    if (!prev || VIA_RANK.indexOf(f.origin.via) < VIA_RANK.indexOf(prev.origin.via)) best.set(f.sink.call.start, f);
  }
  const hits: HashHit[] = [];
  const inner = funcs.filter((x) => x.parent);
  for (const f of best.values()) {
    const fn = f.sink.model.receiverCall ? funcs.find((x) => x.id === f.sink.fn)?.span : undefined;
    const around = funcs.find((x) => x.id === f.sink.fn)?.span;
    const aroundText = around ? ctx.text.slice(around.start, around.end) : '';
    // A breach check hashes with SHA-1 because the API asks for it, in a helper nested in it too (wildduck's `hash()` in checkPwnedPassword).
    // The file's own top level is no enclosing function: a breach check elsewhere in the file excuses nothing.
    let breach = BREACH_CHECK.test(aroundText);
    for (let fn = funcs.find((x) => x.id === f.sink.fn)?.parent; fn?.parent && !breach; fn = fn.parent) breach = BREACH_CHECK.test(ctx.text.slice(fn.span.start, fn.span.end));
    // A function given the server's nonce or scramble with the password (see answersChallenge).
    const challenged = funcs.find((x) => x.id === f.sink.fn)?.params.some((p) => p.name && CHALLENGE.test(p.name));
    if (covered(f.sink.call, fn) || breach || challenged || implementsScheme(ctx.path, aroundText)) continue;
    const { origin, sink } = f;
    const algorithm = sink.model.what ?? 'A fast digest';
    const names = origin.steps.map((s) => code(s.text)).filter((t, i, all) => all.indexOf(t) === i);
    const through = names.length ? ` through ${names.join(', ')}` : '';
    const what = origin.label === 'request' ? 'the request\'s' : 'the value';
    hits.push({
      ...spotOf(f), algorithm, via: origin.via, kind: `${origin.label}:${origin.via}`, judge: judgeSpans(f, around, inner),
      message: `${algorithm} is a fast digest and ${what} ${code(origin.sourceText)} (line ${lineOf(ctx.text, origin.source.start)}) reaches it${through}, so password hashes made with it are cracked in bulk; use bcrypt, scrypt or Argon2 instead.`,
      related: [
        { start: origin.source.start, end: origin.source.end, message: `password ${code(origin.sourceText)}` },
        ...origin.steps.map((s) => ({ start: s.span.start, end: s.span.end, message: `flows into ${code(s.text)}` })),
        { start: sink.span.start, end: sink.span.end, message: `hashed with ${algorithm} by ${code(sink.callee)}` },
      ],
    });
  }
  // A digest stored as a password, where no finding on its call came first (from the syntax or the input side).
  const taken = (s: { start: number; end: number }) => covered(s, undefined) || hits.some((h) => h.start >= s.start && h.start < s.end);
  return [...hits, ...storedDigestHits(ctx.text, flows).filter((h) => !taken(h))];
}
