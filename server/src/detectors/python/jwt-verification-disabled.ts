// Flags PyJWT / python-jose decoding without checks: `options={"verify_signature": False}`, `verify=False`,
// `algorithms=["none"]`, and `"verify_exp": False` — the usual answer to "Signature verification failed".
import type { Node } from 'web-tree-sitter';
import type { Detector, DetectorContext, Report } from '../../core/types';
import { RULE_META } from '../shared/rule-meta';
import { pyCallee, pyNodes, pyNodesOf } from '../shared/py-nodes';

const unquote = (s: string) => s.replace(/^[rbu]*["']|["']$/gi, '');
const KEY_LOOKUP = /(?:key|secret|jwks?|cert|issuer)\w*$/i;

/**
 * `claims = jwt.decode(token, options={"verify_signature": False})` whose result the function only hands to a key
 * look-up (`self._decode_key_callback(headers, claims)`): reading the claims to pick the key the token is then verified
 * with, as the JS rule's `provider(decoded.header, decoded.payload)`.
 */
function onlyPicksKey(ctx: DetectorContext, call: Node): boolean {
  const assign = call.parent;
  const name = assign?.type === 'assignment' && assign.childForFieldName('right')?.startIndex === call.startIndex ? assign.childForFieldName('left') : null;
  if (name?.type !== 'identifier') return false;
  let fn: Node | null = assign!.parent;
  while (fn && fn.type !== 'function_definition') fn = fn.parent;
  const body = fn?.childForFieldName('body');
  if (!body) return false;
  const uses = body.descendantsOfType('identifier').filter((n): n is Node => !!n && n.text === name.text && n.startIndex > name.endIndex);
  return uses.length > 0 && uses.every((u) => {
    const args = u.parent;
    return args?.type === 'argument_list' && args.parent?.type === 'call' && KEY_LOOKUP.test(pyCallee(ctx, args.parent));
  });
}

/**
 * The `id_token` / `access_token` this function has just read from the response of its own token request (google-auth's
 * `response_data = _token_endpoint_request(request, token_uri, body)`, a `grant_type` in the body): received straight
 * from the token endpoint over TLS, so OpenID Connect lets the client skip its signature (Core 3.1.3.7); shown at low.
 */
function fromTokenResponse(call: Node): boolean {
  let fn: Node | null = call.parent;
  while (fn && fn.type !== 'function_definition') fn = fn.parent;
  const first = call.childForFieldName('arguments')?.namedChildren[0];
  if (!fn || !first || !/\bgrant_type\b/.test(fn.text)) return false;
  const READ = String.raw`(\w+)(?:\[\s*['"](?:id|access)_token['"]\s*\]|\.get\(\s*['"](?:id|access)_token['"])`;
  const holder = first.type === 'identifier'
    ? new RegExp(String.raw`\b${first.text}\s*=\s*${READ}`).exec(fn.text)?.[1]
    : new RegExp(`^${READ}`).exec(first.text)?.[1];
  const from = holder && new RegExp(String.raw`\b${holder}\s*=\s*(?:await\s+)?([\w.]+)\(`).exec(fn.text)?.[1];
  // The reply of a call that names a token request or a POST (`request.get_json()` names neither: the client's token).
  return !!from && /token|\.post$|^post$|fetch/i.test(from);
}

export const pyJwtVerificationDisabled: Detector = {
  id: 'jwt-verification-disabled',
  meta: { ...RULE_META['jwt-verification-disabled'], needs: ['python', pyNodes.id] },
  languages: ['python'],
  keywords: ['jwt', 'jose'],
  run(ctx: DetectorContext) {
    const tree = ctx.python();
    if (!tree) return;
    const report = (n: Node, message: string, extra: Partial<Report> = {}) =>
      ctx.report({ start: n.startIndex, end: n.endIndex, message, ...extra });
    const flipFix = (v: Node, key: string) => ({ title: `Vouch: Set ${key} to True`, edits: [{ start: v.startIndex, end: v.endIndex, newText: 'True' }] });
    for (const call of pyNodesOf(ctx, 'call')) {
      ctx.checkBudget();
      const callee = pyCallee(ctx, call!);
      if (!/(^|\.)(jwt|jose\.jwt|jws|jwt_lib|pyjwt)\.decode$|^decode$/i.test(callee)) continue;
      if (callee === 'decode' && !/^[ \t]*from[ \t]+(?:jwt|jose)\b[\w.]*[ \t]+import\b[^\n]*\bdecode\b/m.test(ctx.text)) continue;
      for (const arg of call!.childForFieldName('arguments')?.namedChildren ?? []) {
        if (arg?.type !== 'keyword_argument') continue;
        const name = arg.childForFieldName('name')?.text;
        const value = arg.childForFieldName('value');
        if (!value) continue;
        if (name === 'verify' && value.type === 'false') {
          report(arg, '`verify=False` decodes the JWT without checking its signature, so anyone can forge claims.', { fix: flipFix(value, 'verify'), ...(fromTokenResponse(call!) ? { confidence: 'low' as const } : {}) });
        } else if (name === 'algorithms' && value.type === 'list' && value.namedChildren.some((e) => e?.type === 'string' && unquote(e.text).toLowerCase() === 'none')) {
          report(arg, 'The `none` JWT algorithm means unsigned tokens, so anyone can forge claims; allow only the algorithm your key uses.');
        } else if (name === 'options' && value.type === 'dictionary') {
          for (const pair of value.namedChildren) {
            if (pair?.type !== 'pair') continue;
            const key = unquote(pair.childForFieldName('key')?.text ?? '');
            const v = pair.childForFieldName('value');
            if (v?.type !== 'false') continue;
            if (key === 'verify_signature' && !onlyPicksKey(ctx, call!)) {
              report(pair, '`verify_signature: False` decodes the JWT without checking its signature, so anyone can forge claims.', { fix: flipFix(v, key), ...(fromTokenResponse(call!) ? { confidence: 'low' as const } : {}) });
            } else if (key === 'verify_exp') {
              report(pair, '`verify_exp: False` accepts expired JWTs forever, so a leaked token never stops working.', { severity: 'warning', fix: flipFix(v, key) });
            }
          }
        }
      }
    }
  },
};
