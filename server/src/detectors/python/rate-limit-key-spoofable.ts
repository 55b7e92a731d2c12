// Flags Flask-Limiter / slowapi keys a client sets itself: a `key_func` reading `X-Forwarded-For` (its first
// entry is whatever the client wrote), `request.access_route[0]`, the old `get_ipaddr` helper, or `X-Real-IP`-style
// headers with no ProxyFix in the app. Assistants copy `request.headers.get("X-Forwarded-For", request.remote_addr)`.
import type { Node } from 'web-tree-sitter';
import type { Detector, DetectorContext } from '../../core/types';
import { RULE_META } from '../shared/rule-meta';
import { pyNodes, pyNodesOf } from '../shared/py-nodes';
import signals from '../../../../rules/web-app-signals/signals.json';

const KEY_OPTIONS = new Set(signals.rateLimit.python.keyOptions);
const APPENDED = new Set(signals.clientIpHeaders.appended);
const CLIENT_IP = new Set([...signals.clientIpHeaders.appended, ...signals.clientIpHeaders.replaced]);
/** Helpers that return the first X-Forwarded-For entry (Flask-Limiter < 2 and slowapi `get_ipaddr`). */
const FIRST_FORWARDED = /^(?:[\w.]+\.)?get_ipaddr$/;
const TAKES_LAST = /\[\s*-\s*1\s*\]|\.pop\(\)/;
const STRING = /^[rbuRBU]*(["'])([^"']*)\1$/;

/** The client-address header a node reads (`request.headers.get("X-Forwarded-For")`, `environ["HTTP_X_REAL_IP"]`, `access_route`). */
function headerRead(n: Node): { header: string; appended: boolean } | undefined {
  let raw: string | undefined;
  if (n.type === 'attribute' && n.childForFieldName('attribute')?.text === 'access_route') {
    const p = n.parent;
    // `access_route[-1]` is the address the nearest proxy saw.
    if (p?.type === 'subscript' && /^-/.test(p.childForFieldName('subscript')?.text ?? '')) return undefined;
    return { header: 'x-forwarded-for', appended: true };
  }
  if (n.type === 'call' && /\.(?:get|getlist|get_all)$/.test(n.childForFieldName('function')?.text ?? '')) {
    raw = n.childForFieldName('arguments')?.namedChildren[0]?.text;
  } else if (n.type === 'subscript') raw = n.childForFieldName('subscript')?.text;
  const name = raw && STRING.exec(raw)?.[2].toLowerCase().replace(/^http_/, '').replace(/_/g, '-');
  return name && CLIENT_IP.has(name) ? { header: name, appended: APPENDED.has(name) } : undefined;
}

export const pyRateLimitKeySpoofable: Detector = {
  id: 'rate-limit-key-spoofable',
  meta: { ...RULE_META['rate-limit-key-spoofable'], needs: ['python', pyNodes.id] },
  languages: ['python'],
  keywords: ['key_func'],
  run(ctx: DetectorContext) {
    const tree = ctx.python();
    if (!tree) return;
    const proxyDeclared = /\bProxyFix\b/.test(ctx.text);
    let defs: Node[] | undefined;
    const report = (n: Node, header: string, appended: boolean) => ctx.report({
      start: n.startIndex, end: n.endIndex, kind: appended ? 'forwarded-header' : 'proxy-header', confidence: 'medium',
      message: appended
        ? `The rate limit is keyed on \`${header}\`, whose first entry is whatever the client sends, so an attacker gets a fresh budget on every request; key on \`remote_addr\` with ProxyFix set to your proxy count.`
        : `The rate limit is keyed on \`${header}\` while this app declares no proxy (ProxyFix) that sets it, so a client sending the header gets a fresh budget on every request; key on \`remote_addr\` behind ProxyFix.`,
    });
    for (const kw of pyNodesOf(ctx, 'keyword_argument')) {
      ctx.checkBudget();
      if (!KEY_OPTIONS.has(kw.childForFieldName('name')?.text ?? '')) continue;
      const value = kw.childForFieldName('value');
      if (!value) continue;
      if (FIRST_FORWARDED.test(value.text)) { report(value, `x-forwarded-for\` (through \`${value.text}`, true); continue; }
      let body: Node | undefined;
      if (value.type === 'lambda') body = value;
      else if (value.type === 'identifier') body = (defs ??= tree.rootNode.descendantsOfType('function_definition').filter((d): d is Node => !!d)).find((d) => d.childForFieldName('name')?.text === value.text);
      if (!body) continue;
      const defOf = (name: string) => (defs ??= tree.rootNode.descendantsOfType('function_definition').filter((d): d is Node => !!d)).find((d) => d.childForFieldName('name')?.text === name);
      const scan = (root: Node, depth: number): boolean => {
        if (TAKES_LAST.test(root.text)) return false;
        for (const n of root.descendantsOfType(['attribute', 'call', 'subscript'])) {
          const h = n && headerRead(n);
          if (h && (h.appended || !proxyDeclared)) { report(n!, h.header, h.appended); return true; }
          // One level into the file's own helpers: `key_func=get_ip_key` calling `_client_ip(request)`.
          const callee = n?.type === 'call' ? n.childForFieldName('function') : undefined;
          const helper = depth === 0 && callee?.type === 'identifier' ? defOf(callee.text) : undefined;
          if (helper && helper.id !== root.id && scan(helper, 1)) return true;
        }
        return false;
      };
      scan(body, 0);
    }
  },
};
