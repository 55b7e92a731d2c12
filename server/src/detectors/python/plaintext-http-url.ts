// Flags `http://` / `ws://` URLs of remote APIs that reach requests/httpx/aiohttp/urlopen (directly or through a
// variable) or are stored in names that say so (`API_URL`, `base_url`, `endpoint`, `webhook`, `server`): traffic
// and tokens travel unencrypted. Other `*_url` data, local, private, example and XML-schema hosts are skipped.
import type { Node } from 'web-tree-sitter';
import type { Detector, DetectorContext } from '../../core/types';
import { RULE_META } from '../shared/rule-meta';
import { pyCallee, pyNodes, pyNodesOf } from '../shared/py-nodes';

const URL_START = /^(http|ws):\/\/(?:[^@/\s]*@)?(\[[^\]]*\]|[^/:?#\s]*)/i;
const LOCAL_HOST = /^(localhost|.*\.localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1?\]|10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(1[6-9]|2\d|3[01])\.\d+\.\d+|169\.254\.\d+\.\d+|[^.]*|.*\.(local|internal|lan|home|test|example|invalid|localdomain|svc|cluster\.local))$/i;
const DOC_HOST = /(^|\.)(example\.(com|org|net)|w3\.org|json-schema\.org|purl\.org|xmlns\.com|xml\.org|oasis-open\.org|opengis\.net|openxmlformats\.org|relaxng\.org|apache\.org|python\.org|ietf\.org)$|^(schemas?|ns|xmlns)\./i;
/** Amazon S3 website endpoints serve HTTP only (HTTPS needs CloudFront in front): a URL of one cannot be upgraded. */
const HTTP_ONLY_HOST = /(?:^|\.)s3-website[.-][^/]*\.amazonaws\.com$/i;
const CLIENT = /^(requests|httpx|session|client|s|http|sess|self\.session|self\.client|aiohttp)\.(get|post|put|patch|delete|head|request|stream|ws_connect)$|^(urlopen|urllib\.request\.urlopen|urllib\.request\.Request|Request|websocket\.create_connection|websockets\.connect|create_connection)$/;
/**
 * A bare `Request` the file imports from its own package or defines (wapiti's `from wapitiCore.net.web import Request`:
 * a model of a request to mutate and compare, never sent as it is): not urllib's.
 */
const OWN_REQUEST = /^[ \t]*(?:from[ \t]+(?!(?:urllib|urllib2|six\.moves|requests|mechanize)\b)[\w.]+[ \t]+import[ \t]+(?:\(\s*)?(?:\w+(?:[ \t]+as[ \t]+\w+)?[ \t]*,\s*)*Request\b(?![ \t]+as\b)|class[ \t]+Request\b)/m;
const isClient = (callee: string, ownRequest: boolean): boolean => CLIENT.test(callee) && !(ownRequest && callee === 'Request');
const HTTP_CLIENT = /\b(requests|httpx|aiohttp|urllib|urlopen|http\.client|websockets?|openai|OpenAI|grpc|zeep|suds)\b/;
/** Names that say the value is where requests go; `homepage_url`, `download_url`, `uri=` of a grantee are data. */
const URL_NAME = /(^|_)(api|apis|base|endpoint|webhook|server|backend)(_|s$|$)/;
/** A name that says the URL is a page to read (`official_api_documentation`, `API_DOCS_URL`): a link, not an endpoint. */
const DOC_NAME = /(^|_)(docs?|documentation|reference|guide|manual|wiki|homepage|website|tutorial|help)(_|s$|$)/;
const endpointName = (name: string): boolean => URL_NAME.test(words(name)) && !DOC_NAME.test(words(name));

const words = (name: string) => name.replace(/^.*\./, '').replace(/['"[\]]/g, '').replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/** Variables whose value a request uses: `requests.get(url)`, `urlopen(BASE + path)`, `httpx.get(url=u)`. */
function requestedNames(ctx: DetectorContext, ownRequest: boolean): Set<string> {
  const out = new Set<string>();
  const collect = (n: Node | null | undefined): void => {
    if (!n) return;
    if (n.type === 'identifier') out.add(n.text);
    // `requests.get(self.profile_url)`: the instance's (or class's) attribute, kept as `self.profile_url`.
    else if (n.type === 'attribute' && /^(self|cls)$/.test(n.childForFieldName('object')?.text ?? '')) out.add(`self.${n.childForFieldName('attribute')?.text}`);
    else if (['binary_operator', 'parenthesized_expression', 'string', 'interpolation'].includes(n.type)) for (const c of n.namedChildren) collect(c);
  };
  for (const call of pyNodesOf(ctx, 'call')) {
    if (!isClient(pyCallee(ctx, call), ownRequest)) continue;
    const args = call.childForFieldName('arguments')?.namedChildren ?? [];
    collect(args.find((a) => a?.type !== 'comment' && a?.type !== 'keyword_argument'));
    const kw = args.find((a) => a?.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'url');
    collect(kw?.childForFieldName('value'));
  }
  return out;
}

/** An assignment written directly in a class body (`profile_url = "…"`): a class attribute, read as `self.profile_url`. */
const classBody = (a: Node): boolean => a.parent?.type === 'expression_statement' && a.parent.parent?.type === 'block' && a.parent.parent.parent?.type === 'class_definition';

function usedAsEndpoint(str: Node, client: boolean, requested: ReadonlySet<string>, ownRequest: boolean): boolean {
  const p = str.parent;
  if (!p) return false;
  if (p.type === 'argument_list') {
    const first = p.namedChildren.find((a) => a?.type !== 'comment');
    return first?.id === str.id && isClient(p.parent?.childForFieldName('function')?.text ?? '', ownRequest);
  }
  if (p.type === 'keyword_argument') {
    const name = p.childForFieldName('name')?.text ?? '';
    return name === 'url' ? isClient(p.parent?.parent?.childForFieldName('function')?.text ?? '', ownRequest) : client && endpointName(name);
  }
  const name = p.type === 'assignment' ? p.childForFieldName('left')?.text : p.type === 'pair' ? p.childForFieldName('key')?.text : undefined;
  if (!name) return false;
  if (p.type === 'assignment' && (requested.has(name.replace(/^cls\./, 'self.')) || (classBody(p) && requested.has(`self.${name}`)))) return true;
  return client && endpointName(name) && !/schema|xmlns|namespace/i.test(name);
}

const URL_ANYWHERE = /(?:http|ws):\/\//gi;

/**
 * The string literals that hold `http://` or `ws://`, in source order (each once; the innermost string around
 * each occurrence), found from the text: most of a file's strings hold none, and reading every string's
 * children from the tree was most of this rule's time.
 */
function urlStrings(text: string, root: Node): Node[] {
  const out: Node[] = [];
  const seen = new Set<number>();
  for (const m of text.matchAll(URL_ANYWHERE)) {
    let n: Node | null = root.descendantForIndex(m.index);
    while (n && n.type !== 'string') n = n.parent;
    if (n && !seen.has(n.id)) {
      seen.add(n.id);
      out.push(n);
    }
  }
  return out;
}

export const pyPlaintextHttpUrl: Detector = {
  id: 'plaintext-http-url',
  meta: { ...RULE_META['plaintext-http-url'], needs: ['python', pyNodes.id] },
  languages: ['python'],
  keywords: ['http://', 'ws://'],
  run(ctx: DetectorContext) {
    const tree = ctx.python();
    if (!tree) return;
    // A `url = "http://…"` only matters in code that makes requests (not a lexer's homepage attribute).
    const client = HTTP_CLIENT.test(ctx.text);
    const ownRequest = OWN_REQUEST.test(ctx.text);
    const requested = client ? requestedNames(ctx, ownRequest) : new Set<string>();
    for (const str of urlStrings(ctx.text, tree.rootNode)) {
      ctx.checkBudget();
      const content = str.namedChildren[1];
      if (content?.type !== 'string_content') continue;
      const m = URL_START.exec(content.text);
      if (!m || !m[2] || LOCAL_HOST.test(m[2]) || DOC_HOST.test(m[2]) || HTTP_ONLY_HOST.test(m[2])) continue;
      // f"http://{host}/…": the host is not known here.
      if (content.text.length === m[0].length && str.namedChildren[2]?.type === 'interpolation') continue;
      if (!usedAsEndpoint(str, client, requested, ownRequest)) continue;
      const start = content.startIndex;
      const secure = m[1].toLowerCase() === 'ws' ? 'wss' : 'https';
      ctx.report({
        start, end: start + m[0].length,
        message: `This URL uses plaintext ${m[1].toUpperCase()}, so requests, tokens and responses can be read or altered on the network; use ${secure.toUpperCase()}.`,
        fix: { title: `Vouch: Use ${secure}://`, edits: [{ start, end: start + m[1].length, newText: secure }] },
      });
    }
  },
};
