// Flags `verify=False` / aiohttp `ssl=False`, `ssl._create_unverified_context`, `CERT_NONE` (passed, set or a
// parameter's default) and `check_hostname = False`: the usual assistant answer to "SSL: CERTIFICATE_VERIFY_FAILED".
import type { Node } from 'web-tree-sitter';
import type { Detector, DetectorContext, Report } from '../../core/types';
import { RULE_META } from '../shared/rule-meta';
import { headMay, pyArgs, pyNodes, pyNodesOf } from '../shared/py-nodes';
import { inDeadShim, withoutHostName } from '../shared/tls-py-probe';
import { guarded } from '../shared/tls-py-guard';

const HTTP_CALLS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request', 'send', 'stream',
  'Client', 'AsyncClient', 'Session', 'ClientSession', 'TCPConnector', 'urlopen', 'ws_connect', 'mount']);

/**
 * A verb of any object (`get`, `send`…) with `verify=False`, in a file that imports no HTTP client, on a receiver
 * not named like one, is some other API's keyword (Mercurial's `self._manifestlog.get(dir, node, verify=False)`).
 */
const VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request', 'send', 'stream']);
const HTTP_IMPORT = /^[ \t]*(?:import|from)[ \t]+(?:requests|httpx|aiohttp|urllib3|urllib|http|httplib2|tornado|treq|niquests|websockets?)\b/m;
const HTTP_RECEIVER = /sess|client|http|req|api|conn|web|rest|url|browser|agent|pool|transport/i;
/** The keyword arguments a call is checked for; and what any finding needs in the file (most that say `verify` have none). */
const KEYWORDS = /\b(?:verify|ssl|verify_ssl|cert_reqs)\s*=/;
const ANY = /\b(?:verify|ssl|verify_ssl|check_hostname)\s*=\s*False\b|CERT_NONE|_create_unverified_context|disable_warnings/;

/** `check_hostname = False` in a function that matches the peer's name itself after the handshake (ldap3). */
const matchesHostnameItself = (node: Node) => {
  let fn = node.parent;
  while (fn && fn.type !== 'function_definition') fn = fn.parent;
  return !!fn && /\b(?:match_hostname|check_hostname|verify_hostname)\s*\(/.test(fn.text);
};
/** A function of the file matches a certificate to a host name (Mercurial's sslutil `_verifycert(cert, hostname)`, run after the handshake). */
const OWN_HOST_CHECK = /\bdef[ \t]+\w+[ \t]*\([ \t]*(?:self[ \t]*,[ \t]*)?\w*cert\w*[ \t]*,[ \t]*\w*host\w*/;

/** A loopback peer of a whole function: a `socket.socketpair()` (cheroot parses a certificate over one), or only loopback connects. */
const SOCKETPAIR = /\bsocketpair\s*\(/;
const CONNECTS = /\b(?:connect|create_connection)\s*\(\s*\(?\s*([^,)]*)/g;
function loopbackOnly(node: Node): boolean {
  let fn = node.parent;
  while (fn && fn.type !== 'function_definition') fn = fn.parent;
  if (!fn) return false;
  if (SOCKETPAIR.test(fn.text)) return true;
  const peers = [...fn.text.matchAll(CONNECTS)].map((m) => m[1].trim());
  return peers.length > 0 && peers.every((p) => LOOPBACK.test(content(p)));
}

/** A string literal's text without its prefix and quotes (`"localhost"` → `localhost`). */
const content = (literal: string): string => literal.replace(/^[rbuf]*["']+|["']+$/gi, '');
/** A loopback host at the start of a string's content: `localhost`, `127.x`, `[::1]`, alone or in a URL. */
const LOOPBACK = /^(?:[a-z]+:\/\/)?(?:localhost|127(?:\.\d{1,3}){3}|\[?::1\]?)(?:[:/]|$)/i;
/** The call goes to a loopback host: its first argument or its `url=` / `host=` names one. */
function toLoopback(call: Node, kw: Map<string, Node>): boolean {
  const first = call.childForFieldName('arguments')?.namedChildren.find((a) => a?.type !== 'comment' && a?.type !== 'keyword_argument');
  return [first, kw.get('url'), kw.get('host')].some((n) => n?.type === 'string' && LOOPBACK.test(content(n.text)));
}

/**
 * What a node's start says without a WASM call, before anything of it is read: an attribute is `ssl.…`, an
 * assignment's target names `verify` or `check_hostname`, a default is `CERT_NONE` within reach. Calls are
 * read (their end tells whether a keyword is passed).
 */
const ASSIGNED = /verify|check_hostname/;
function worthReading(text: string, node: Node): boolean {
  switch (node.type) {
    case 'attribute': return text.startsWith('ssl', node.startIndex);
    case 'assignment': return headMay(text, node.startIndex, ASSIGNED);
    case 'call': return true;
    default: return text.slice(node.startIndex, node.startIndex + 400).includes('CERT_NONE');
  }
}

export const pyTlsVerificationDisabled: Detector = {
  id: 'tls-verification-disabled',
  meta: { ...RULE_META['tls-verification-disabled'], needs: ['python', pyNodes.id] },
  languages: ['python'],
  keywords: ['verify', 'ssl', 'cert_none', 'check_hostname', 'disable_warnings'],
  run(ctx: DetectorContext) {
    const tree = ANY.test(ctx.text) ? ctx.python() : undefined;
    if (!tree) return;
    const aiohttp = ctx.text.includes('aiohttp');
    let httpImport: boolean | undefined;
    const importsHttp = () => (httpImport ??= HTTP_IMPORT.test(ctx.text));
    // `from`: where the guard is looked for (the CERT_NONE side of `CERT_REQUIRED if verify else CERT_NONE`).
    // `base`: the finding's level before a guard lowers it (the rule's own when none is given).
    const report = (n: Node, message: string, extra: Partial<Report> = {}, from: Node = n, base: Partial<Report> = {}) => {
      const guard = inDeadShim(from) ? 'verify-option' : guarded(from);
      const optIn: Pick<Report, 'severity' | 'confidence'> = guard === 'verify-option' ? { severity: 'info', confidence: 'low' } : guard ? { severity: 'warning', confidence: 'medium' } : {};
      ctx.report({ start: n.startIndex, end: n.endIndex, message, ...base, ...optIn, ...extra });
    };
    for (const node of pyNodesOf(ctx, 'call', 'attribute', 'assignment', 'default_parameter', 'typed_default_parameter')) {
      ctx.checkBudget();
      if (!node || !worthReading(ctx.text, node)) continue;
      if (node.type.endsWith('default_parameter')) {
        // `def __init__(self, host, cert_reqs=ssl.CERT_NONE)`: every caller that leaves it out is unauthenticated.
        if (/CERT_NONE$/.test(node.childForFieldName('value')?.text ?? '')) report(node, `\`${node.text}\` as a default: every caller that leaves it out accepts any certificate, so the server is never authenticated.`, {}, node, { severity: 'warning', confidence: 'medium' });
      } else if (node.type === 'call') {
        // Most calls pass none of the keywords read below and silence nothing: only their end is read.
        const end = node.endIndex, whole = ctx.text.slice(node.startIndex, end), warnings = whole.includes('disable_warnings');
        if (!warnings && !KEYWORDS.test(whole)) continue;
        const fn = node.childForFieldName('function');
        const callee = fn?.text ?? '';
        if (warnings && callee.endsWith('disable_warnings') && callee.includes('urllib3')) {
          report(node, 'Silencing urllib3 warnings usually hides requests made with certificate verification turned off.', { severity: 'hint', confidence: 'low' });
          continue;
        }
        if (!KEYWORDS.test(ctx.text.slice(fn?.endIndex ?? node.startIndex, end))) continue;
        const last = callee.slice(callee.lastIndexOf('.') + 1);
        const kw = pyArgs(node).keywords;
        const http = HTTP_CALLS.has(last) || /^(requests|httpx)\./.test(callee);
        const otherApi = () => VERBS.has(last) && !/^(requests|httpx)\./.test(callee) && !importsHttp() && !HTTP_RECEIVER.test(callee.slice(0, callee.lastIndexOf('.')));
        const checks: Array<[string, boolean]> = [['verify', http], ['ssl', http && aiohttp], ['verify_ssl', http && aiohttp]];
        for (const [name, applies] of checks) {
          const v = kw.get(name);
          if (!applies || v?.type !== 'false') continue;
          // A loopback peer (a dev server, a test's self-signed certificate) is info at most.
          const local: Partial<Report> = toLoopback(node, kw) || otherApi() ? { severity: 'info', confidence: 'low' } : {};
          report(v.parent!, `\`${name}=False\` turns off TLS certificate checks, so anyone on the network path can read and alter this traffic.`, {
            fix: name === 'verify_ssl' ? undefined : { title: `Vouch: Set ${name}=True`, edits: [{ start: v.startIndex, end: v.endIndex, newText: 'True' }] },
            ...local,
          });
        }
        const certReqs = kw.get('cert_reqs');
        if (certReqs && /CERT_NONE/.test(certReqs.text)) {
          const side = certReqs.type === 'conditional_expression' ? certReqs.namedChildren.find((c) => /CERT_NONE/.test(c?.text ?? '')) : undefined;
          report(certReqs.parent!, '`cert_reqs=CERT_NONE` accepts any certificate, so the server is never authenticated.', {}, side ?? certReqs.parent!);
        }
      } else if (node.type === 'attribute') {
        if (node.text.replace(/\s/g, '') === 'ssl._create_unverified_context') {
          report(node, '`ssl._create_unverified_context` skips certificate and hostname checks, so anyone on the network path can impersonate the server.');
        }
      } else {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        // `self.check_hostname = False` inside a class that implements an SSL context.
        if (left?.type !== 'attribute' || !right || left.childForFieldName('object')?.text === 'self') continue;
        const attr = left.childForFieldName('attribute')?.text;
        const local: Partial<Report> = loopbackOnly(node) ? { severity: 'info', confidence: 'low' } : {};
        if (attr === 'verify_mode' && /CERT_NONE$/.test(right.text)) {
          // `CERT_REQUIRED if check_certificate else CERT_NONE` (yt-dlp): the guard is looked for from the CERT_NONE side, as for `cert_reqs=`.
          report(node, 'Setting `verify_mode = CERT_NONE` accepts any certificate, so the server is never authenticated.', local, right.type === 'conditional_expression' ? right.lastNamedChild ?? node : node);
        } else if (attr === 'check_hostname' && right.type === 'false') {
          report(node, 'Setting `check_hostname = False` accepts a valid certificate for any host, so another site can impersonate the server.',
            matchesHostnameItself(node) || OWN_HOST_CHECK.test(ctx.text) || withoutHostName(node) ? { severity: 'info', confidence: 'low' } : local);
        } else if (attr === 'verify' && right.type === 'false' && /session|client/i.test(left.childForFieldName('object')?.text ?? '')) {
          report(node, 'Setting `session.verify = False` turns off TLS certificate checks for every request made with this session.', {
            fix: { title: 'Vouch: Set verify to True', edits: [{ start: right.startIndex, end: right.endIndex, newText: 'True' }] },
          });
        }
      }
    }
  },
};
