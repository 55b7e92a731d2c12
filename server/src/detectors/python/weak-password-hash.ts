// Flags fast digests applied to passwords: `hashlib.md5(password.encode())`, `hashlib.sha256(pw + salt)`,
// `h = hashlib.sha1(); h.update(password)`. Checksums of files or ETags are not flagged. The flow
// analysis adds passwords that reach a digest under other names (`make_digest(password)`), syntax first.
import type { Node } from 'web-tree-sitter';
import { ir } from '../../analysis';
import type { AsyncDetectorContext, Detector, DetectorContext } from '../../core/types';
import { RULE_META } from '../shared/rule-meta';
import { pyCallee, pyNodes, pyNodesOf } from '../shared/py-nodes';
import { flowHashHits, weakHashFlows } from '../shared/weak-hash-flows';
import { onlySent } from '../shared/weak-hash-sent';
import { formatFile, judgeInOrder } from '../shared/weak-hash-kept';
import { judgePy, pyNodeAt } from '../shared/weak-hash-kept-py';
import { besidePassword, BREACH_CHECK, CHALLENGE, derivedFrom, implementsScheme, protocolDigest } from '../shared/weak-hash-stores';

const FAST = /^(md4|md5|sha1|sha224|sha256|sha384|sha512|sha3_256|sha3_512|blake2b|blake2s|ripemd160)$/i;
const BROKEN = /^(md4|md5|sha1)$/i;
const PASSWORD_WORD = /(^|_)(password|passwd|pwd|pass|passphrase|pw|pword)s?(_|$)/;
const NEUTRAL = /^(hash|hashed|digest|result|res|out|value|h|hex|m)$/i;
/**
 * A function deriving a cipher's key and IV from a passphrase (OpenSSL's `EVP_BytesToKey(password, salt,
 * key_len, iv_len)`, to decrypt a format that dictates it): a weak KDF, not a password stored; shown at low.
 */
const KEY_DERIVATION = /^[ \t]*(?:async[ \t]+)?def[ \t]+\w*(?:bytes_?to_?key|evp_?kdf)\w*|^[ \t]*(?:async[ \t]+)?def[ \t]+\w+[ \t]*\([^)]*\biv(?:_?(?:len|length|size))?\b/i;

/**
 * An Audioscrobbler client (a player's last.fm or libre.fm plugin): the protocol's handshake is `md5(md5(password) + timestamp)`,
 * so the client keeps the password's MD5 to answer it; low. A scrobble server reading the password from a request is no client.
 */
const scrobblerClient = (text: string) => /scrobbl/i.test(text) && !/\brequest\.(?:form|args|json|values|data|POST|GET)\b/.test(text);

/**
 * A function given a challenge with the password (`def scramble_caching_sha2(password, nonce)`, MariaDB's
 * `ed25519_password(password, scramble)`): every digest in it serves the answer, even `sha256(password)` alone.
 */
function answersChallenge(fn: Node): boolean {
  return fn.type === 'function_definition' && CHALLENGE.test(fn.childForFieldName('parameters')?.text ?? '');
}

function mentionsPassword(text: string): boolean {
  for (const id of text.match(/[A-Za-z_]\w*/g) ?? []) {
    if (PASSWORD_WORD.test(id.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase())) return true;
  }
  return false;
}

/** The nearest assigned name, else the enclosing function's name; plus that function (the search scope). */
function context(node: Node): { name: string; scope: Node } {
  let name = '';
  for (let p = node.parent; p; p = p.parent) {
    if (!name && p.type === 'assignment') {
      const left = p.childForFieldName('left')?.text ?? '';
      if (!NEUTRAL.test(left)) name = left;
    }
    if (p.type === 'function_definition') return { name: name || (p.childForFieldName('name')?.text ?? ''), scope: p };
    if (p.type === 'module') return { name, scope: p };
  }
  return { name, scope: node };
}

/**
 * The fast tier reports the digests the names around them explain; the slow tier (after the fast
 * tier has published: a file walk per edit was too slow for every keystroke) the flows the names miss.
 */
function check(ctx: DetectorContext, tier: 'fast' | 'slow'): void {
  const tree = ctx.python();
  if (!tree || protocolDigest(ctx.text)) return;
  const syntax: number[] = [];
  for (const call of pyNodesOf(ctx, 'call')) {
    ctx.checkBudget();
    if (!call) continue;
    const callee = pyCallee(ctx, call);
    let algorithm = /^(hashlib\.)?(\w+)$/.exec(callee)?.[2] ?? '';
    // Read the arguments of digest calls only (most calls are none).
    if (!FAST.test(algorithm) && !(algorithm === 'new' && callee.startsWith('hashlib'))) continue;
    const args = (call.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => !!a);
    if (args.some((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'usedforsecurity')) continue;
    let data = args;
    let at: Node = call.childForFieldName('function')!;
    if (algorithm === 'new' && callee.startsWith('hashlib') && args[0]?.type === 'string') {
      algorithm = args[0].text.replace(/^[rbu]*["']|["']$/gi, '');
      at = args[0];
      data = args.slice(1);
    } else if (!FAST.test(algorithm)) {
      continue;
    } else if (!callee.startsWith('hashlib.') && !new RegExp(`^[ \\t]*from[ \\t]+hashlib[ \\t]+import\\b[^\\n]*\\b${algorithm}\\b`, 'm').test(ctx.text)) {
      continue;
    }
    if (!FAST.test(algorithm)) continue;
    const { name, scope } = context(call);
    const hashed = data.map((a) => a.text).join(' ');
    if (CHALLENGE.test(hashed) || answersChallenge(scope)) continue;
    let direct = mentionsPassword(hashed);
    if (!direct) {
      // h = hashlib.md5(); h.update(password.encode())
      const target = call.parent?.type === 'assignment' ? call.parent.childForFieldName('left')?.text : undefined;
      if (target) {
        direct = scope.descendantsOfType('call').some((c) => c?.childForFieldName('function')?.text === `${target}.update`
          && mentionsPassword(c.childForFieldName('arguments')?.text ?? ''));
      }
    }
    if (!direct && (!mentionsPassword(name) || besidePassword(name) || derivedFrom(hashed))) continue;
    if (BREACH_CHECK.test(scope.text) || implementsScheme(ctx.path, scope.text)) continue;
    syntax.push(at.startIndex);
    if (tier === 'fast') ctx.report({
      start: at.startIndex, end: at.endIndex, kind: direct ? 'name:data' : 'name:receiver',
      severity: BROKEN.test(algorithm) ? undefined : 'warning',
      // Stored, compared or returned: a password hash; passed on (a login, a key, a log line): low.
      confidence: (scope.type === 'function_definition' && KEY_DERIVATION.test(scope.text.slice(0, 300))) || onlySent(call, scope, ctx.text) || formatFile(ctx.text) || scrobblerClient(ctx.text) || judgePy(call) === 'passed' ? 'low' : direct ? undefined : 'medium',
      message: `${algorithm.toUpperCase()} is a fast digest, so password hashes made with it are cracked in bulk; use bcrypt, argon2 or hashlib.scrypt instead.`,
    });
  }
  if (tier === 'fast') return;
  const inside = (s: { start: number; end: number } | undefined) => !!s && syntax.some((x) => x >= s.start && x < s.end);
  for (const h of flowHashHits(ctx, (call, fn) => inside(call) || inside(fn))) {
    const passed = formatFile(ctx.text) || scrobblerClient(ctx.text) || (h.judge && judgeInOrder(h.judge, (s) => judgePy(pyNodeAt(tree.rootNode, s.start, s.end))) === 'passed');
    ctx.report({ start: h.start, end: h.end, kind: h.kind, message: h.message, related: h.related, severity: h.algorithm === 'SHA-2' ? 'warning' : undefined, confidence: h.request || passed ? 'low' : h.via === 'direct' ? undefined : h.via === 'summary' ? 'medium' : 'low' });
  }
}

export const pyWeakPasswordHash: Detector = {
  id: 'weak-password-hash',
  meta: { ...RULE_META['weak-password-hash'], needs: ['python', pyNodes.id, ir.id, weakHashFlows.id] },
  languages: ['python'],
  keywords: ['hashlib', 'md5', 'sha1', 'sha256', 'sha512'],
  run(ctx: DetectorContext) {
    check(ctx, 'fast');
  },
  async runAsync(ctx: AsyncDetectorContext) {
    check(ctx, 'slow');
  },
};
