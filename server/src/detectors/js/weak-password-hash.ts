// Flags fast digests (MD5, SHA-1, plain SHA-2) applied to passwords: `createHash('md5').update(password)`,
// `md5(password)`, `CryptoJS.SHA256(pw)`. Assistants reach for them; a file checksum or ETag is not flagged.
// The syntax judges names around the call; the flow analysis adds passwords that reach a digest under
// other names (`makeDigest(password)`, an alias of `req.body.password`), per call, syntax first.
import { ir } from '../../analysis';
import { ts } from '../../core/ts';
import type { AsyncDetectorContext, Detector, DetectorContext } from '../../core/types';
import { JS_LIKE } from '../../core/languages';
import { walkJsKinds } from '../shared/js-nodes';
import { RULE_META } from '../shared/rule-meta';
import { flowHashHits, weakHashFlows } from '../shared/weak-hash-flows';
import { formatFile, judgeInOrder } from '../shared/weak-hash-kept';
import { argumentOf, HANDSHAKE, judgeJs, nodeAt } from '../shared/weak-hash-kept-js';
import { besidePassword, BREACH_CHECK, CHALLENGE, derivedFrom, implementsScheme, protocolDigest } from '../shared/weak-hash-stores';

const FAST = /^(md4|md5|sha-?1|sha-?224|sha-?256|sha-?384|sha-?512|ripemd-?160)$/i;
const BROKEN = /^(md4|md5|sha-?1)$/i;
const PASSWORD_WORD = /(^|_)(password|passwd|pwd|pass|passphrase|pw|pword)s?(_|$)/;
const NEUTRAL = /^(hash|hashed|digest|result|res|out|value|h|hex)$/i;
const IDENT = /[A-Za-z_$][\w$]*/g;

/** True when an identifier in the text names a password (`password`, `userPwd`, `hashed_password`). */
function mentionsPassword(text: string): boolean {
  for (const id of text.match(IDENT) ?? []) {
    if (PASSWORD_WORD.test(id.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase())) return true;
  }
  return false;
}

/** Name that receives the value computed at `node`: the nearest variable/property, else the enclosing function. */
function contextName(node: ts.Node, sf: ts.SourceFile): string {
  for (let p: ts.Node | undefined = node.parent; p && !ts.isSourceFile(p); p = p.parent) {
    const name = ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p) ? p.name.getText(sf)
      : ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken ? p.left.getText(sf) : undefined;
    // `const hash = …` says nothing; keep looking for the function that produces it.
    if (name !== undefined && !NEUTRAL.test(name)) return name;
    if (ts.isFunctionLike(p)) {
      const n = (p as ts.FunctionLikeDeclaration).name ?? (ts.isVariableDeclaration(p.parent) || ts.isPropertyAssignment(p.parent) ? p.parent.name : undefined);
      return n ? n.getText(sf) : '';
    }
  }
  return '';
}

/** The text of the function around `node` (the whole file at the top level). */
function enclosing(node: ts.Node, sf: ts.SourceFile): string {
  let p: ts.Node | undefined = node.parent;
  while (p && !ts.isSourceFile(p) && !ts.isFunctionLike(p)) p = p.parent;
  return (p ?? sf).getText(sf);
}

/** A breach check (Have I Been Pwned's range API takes SHA-1 prefixes) in the function around `node` or one enclosing it. */
function breachCheck(node: ts.Node, sf: ts.SourceFile): boolean {
  for (let p: ts.Node | undefined = node.parent; p && !ts.isSourceFile(p); p = p.parent) if (ts.isFunctionLike(p) && BREACH_CHECK.test(p.getText(sf))) return true;
  return false;
}

/** A digest in a function given a challenge with the password (`passwordDigest(nonce, created, password)`: WS-Security's UsernameToken) answers it. */
function challengeParams(node: ts.Node): boolean {
  let p: ts.Node | undefined = node.parent;
  while (p && !ts.isFunctionLike(p)) p = p.parent;
  return !!p && p.parameters.some((x) => ts.isIdentifier(x.name) && CHALLENGE.test(x.name.text));
}

/** A stored record's password field (`user.password`): the saved hash itself, not what a client sent. */
const STORED_FIELD = /^(?!req\b|request\b|ctx\b)[A-Za-z_$][\w$]*\.(?:password|passwordHash|password_hash|hashedPassword)$/;

/**
 * A digest of the stored password hash kept as a JWT key (`signingHash = sha256(user.password); jwt.sign(claims,
 * signingHash)`, FlowFuse's email-verification tokens: a password change voids them): a key, not a stored password hash.
 */
function signingKeyOfStoredHash(node: ts.CallExpression, data: string, sf: ts.SourceFile): boolean {
  if (!STORED_FIELD.test(data.trim()) || !ts.isVariableDeclaration(node.parent) || !ts.isIdentifier(node.parent.name)) return false;
  const name = node.parent.name.text.replace(/\$/g, '\\$');
  return new RegExp(`\\b(?:jwt\\.|jsonwebtoken\\.)?(?:sign|verify)\\([^;]*?,\\s*${name}\\s*[,)]`).test(enclosing(node, sf));
}

/**
 * The fast tier reports the digests the names around them explain; the slow tier (after the fast
 * tier has published: a file walk per edit was too slow for every keystroke) the flows the names miss.
 */
function check(ctx: DetectorContext, tier: 'fast' | 'slow'): void {
  const sf = ctx.js();
  if (!sf || protocolDigest(ctx.text)) return;
  const syntax: number[] = [];
  const found: Array<{ node: ts.CallExpression; r: Parameters<DetectorContext['report']>[0] }> = [];
  const handshake = HANDSHAKE.test(ctx.text);
  walkJsKinds(ctx, [ts.SyntaxKind.CallExpression], (node) => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const fn = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
      let algorithm: string | undefined;
      let at: ts.Node = callee;
      let data = '';
      if (fn === 'createHash' && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0])) {
        algorithm = node.arguments[0].text;
        at = node.arguments[0];
        // createHash('md5').update(x)…: the hashed data is in the chained update calls.
        for (let p: ts.Node = node; ts.isPropertyAccessExpression(p.parent) && ts.isCallExpression(p.parent.parent); p = p.parent.parent) {
          if (p.parent.name.text === 'update') data += ' ' + p.parent.parent.arguments.map((a) => a.getText(sf)).join(' ');
        }
      } else if (FAST.test(fn) && node.arguments.length >= 1 && (ts.isIdentifier(callee) || /^cryptojs$/i.test(callee.getText(sf).split('.')[0]))) {
        algorithm = fn;
        data = node.arguments.map((a) => a.getText(sf)).join(' ');
      }
      if (algorithm && FAST.test(algorithm) && signingKeyOfStoredHash(node, data, sf)) syntax.push(at.getStart(sf));
      else if (algorithm && FAST.test(algorithm)) {
        const answers = CHALLENGE.test(data);
        const direct = !answers && mentionsPassword(data);
        const receiver = direct ? '' : contextName(node, sf);
        // A reset token's or a salt's digest is named after the password it serves, and is right.
        const named = !answers && !direct && mentionsPassword(receiver) && !besidePassword(receiver) && !derivedFrom(data);
        const around = direct || named ? enclosing(node, sf) : '';
        if ((direct || named) && !BREACH_CHECK.test(around) && !breachCheck(node, sf) && !implementsScheme(ctx.path, around) && !challengeParams(node)) {
          const broken = BROKEN.test(algorithm);
          syntax.push(at.getStart(sf));
          found.push({ node, r: {
            start: at.getStart(sf), end: at.end, kind: direct ? 'name:data' : 'name:receiver',
            severity: broken ? undefined : 'warning',
            // Stored, compared or returned: a password hash; passed on (a login, a key, a log line): low.
            confidence: formatFile(ctx.text) || handshake || judgeJs(node) === 'passed' ? 'low' : direct ? undefined : 'medium',
            message: `${algorithm.toUpperCase()} is a fast digest, so password hashes made with it are cracked in bulk; use bcrypt, scrypt or Argon2 (crypto.scrypt) instead.`,
          } });
        }
      }
    }
  });
  // One finding per expression: a digest inside another reported one's arguments (`sha1(sha1(password))`) is its part.
  for (const f of found) if (!found.some((o) => argumentOf(f.node, o.node))) ctx.report(f.r);
  if (tier === 'fast') return;
  const inside = (s: { start: number; end: number } | undefined) => !!s && syntax.some((x) => x >= s.start && x < s.end);
  for (const h of flowHashHits(ctx, (call, fn) => inside(call) || inside(fn))) {
    const passed = formatFile(ctx.text) || (h.judge && judgeInOrder(h.judge, (s) => judgeJs(nodeAt(sf, s))) === 'passed');
    ctx.report({ start: h.start, end: h.end, kind: h.kind, message: h.message, related: h.related, severity: h.algorithm === 'SHA-2' ? 'warning' : undefined, confidence: passed ? 'low' : h.via === 'direct' ? undefined : h.via === 'summary' ? 'medium' : 'low' });
  }
}

export const weakPasswordHash: Detector = {
  id: 'weak-password-hash',
  meta: { ...RULE_META['weak-password-hash'], needs: ['js', 'js-nodes', ir.id, weakHashFlows.id] },
  languages: JS_LIKE,
  keywords: ['md5', 'sha1', 'sha256', 'sha512', 'sha-1', 'sha-256', 'sha-512', 'createhash'],
  run(ctx: DetectorContext) {
    check(ctx, 'fast');
  },
  async runAsync(ctx: AsyncDetectorContext) {
    check(ctx, 'slow');
  },
};
