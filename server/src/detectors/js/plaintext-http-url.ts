// Flags `http://` / `ws://` URLs of remote APIs that reach fetch/axios/WebSocket (directly or through a variable)
// or are stored in names that say so (`API_URL`, `baseURL`, `endpoint`, `webhook`, `server`): traffic and tokens
// travel unencrypted. Other `*Url` data (homepages, docs), local, private, example and XML-schema hosts are skipped.
import { ts } from '../../core/ts';
import type { Detector, DetectorContext } from '../../core/types';
import { JS_LIKE } from '../../core/languages';
import { SKIP_CHILDREN, walkJsKinds } from '../shared/js-nodes';
import { RULE_META } from '../shared/rule-meta';

const URL_START = /^(http|ws):\/\/(?:[^@/\s]*@)?(\[[^\]]*\]|[^/:?#\s]*)/i;
const LOCAL_HOST = /^(localhost|.*\.localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1?\]|10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(1[6-9]|2\d|3[01])\.\d+\.\d+|169\.254\.\d+\.\d+|[^.]*|.*\.(local|internal|lan|home|test|example|invalid|localdomain|svc|cluster\.local))$/i;
const DOC_HOST = /(^|\.)(example\.(com|org|net)|w3\.org|json-schema\.org|purl\.org|xmlns\.com|xml\.org|oasis-open\.org|opengis\.net|openxmlformats\.org|relaxng\.org|apache\.org|mozilla\.org|ietf\.org)$|^(schemas?|ns|xmlns)\./i;
const CLIENT = /^(fetch|axios|got|ky|request|superagent|needle|ofetch|\$fetch|useFetch|EventSource|WebSocket)$|^(axios|got|ky|http|https|request|superagent|needle|client|api|instance|http[A-Z]\w*)\.(get|post|put|patch|delete|head|request|create|stream)$/;
const HTTP_CLIENT = /\bfetch\s*\(|axios|\bgot\b|superagent|\bky\b|needle|WebSocket|EventSource|https?\.(get|request)\b|baseURL|\$fetch|useFetch|ofetch|openai|OpenAI|graphql|apollo|createClient|HttpClient/;
/** Names that say the value is where requests go; `homepageUrl`, `docs_url`, `image_uri` are data. */
const URL_NAME = /(^|_)(api|apis|base|endpoint|webhook|server|backend)(_|s$|$)/;
/** A name that says the URL is a page to read (`official_api_documentation`, `API_DOCS_URL`): a link, not an endpoint. */
const DOC_NAME = /(^|_)(docs?|documentation|reference|guide|manual|wiki|homepage|website|tutorial|help)(_|s$|$)/;
const endpointName = (name: string): boolean => URL_NAME.test(words(name)) && !DOC_NAME.test(words(name));

const words = (name: string) => name.replace(/^.*[.]/, '').replace(/['"`[\]]/g, '').replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/** The scheme span of a plaintext URL to a remote host at the start of `text`, or undefined. */
function remoteHttp(text: string): number | undefined {
  const m = URL_START.exec(text);
  if (!m || !m[2] || m[2].includes('${') || LOCAL_HOST.test(m[2]) || DOC_HOST.test(m[2])) return undefined;
  return m[1].length;
}

/** Variables whose value a request uses: `fetch(url)`, `axios.get(API + path)`, `` new WebSocket(`${feed}/x`) ``. */
function requestedNames(ctx: DetectorContext, sf: ts.SourceFile): Set<string> {
  const out = new Set<string>();
  const collect = (e: ts.Node): void => {
    if (ts.isIdentifier(e)) out.add(e.text);
    else if (ts.isTemplateExpression(e) || ts.isTemplateSpan(e) || ts.isBinaryExpression(e) || ts.isParenthesizedExpression(e)) ts.forEachChild(e, collect);
  };
  walkJsKinds(ctx, [ts.SyntaxKind.CallExpression, ts.SyntaxKind.NewExpression], (n) => {
    const call = n as ts.CallExpression | ts.NewExpression;
    if (call.arguments?.[0] && CLIENT.test(call.expression.getText(sf).replace(/\s/g, ''))) collect(call.arguments[0]);
  });
  return out;
}

function usedAsEndpoint(lit: ts.Node, sf: ts.SourceFile, client: boolean, requested: ReadonlySet<string>): boolean {
  let p = lit.parent;
  if (ts.isTemplateExpression(p)) p = p.parent;
  if (ts.isCallExpression(p) || ts.isNewExpression(p)) {
    return p.arguments?.[0] === lit || p.arguments?.[0] === lit.parent ? CLIENT.test(p.expression.getText(sf).replace(/\s/g, '')) : false;
  }
  const name = ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p) ? p.name.getText(sf)
    : ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken ? p.left.getText(sf) : undefined;
  if (!name) return false;
  const variable = ts.isVariableDeclaration(p) || (ts.isBinaryExpression(p) && ts.isIdentifier(p.left));
  if (variable && requested.has(name)) return true;
  return client && endpointName(name) && !/schema|xmlns|namespace|^ns$/i.test(name);
}

export const plaintextHttpUrl: Detector = {
  id: 'plaintext-http-url',
  meta: { ...RULE_META['plaintext-http-url'], needs: ['js', 'js-nodes'] },
  languages: JS_LIKE,
  keywords: ['http://', 'ws://'],
  run(ctx: DetectorContext) {
    const sf = ctx.js();
    if (!sf) return;
    // A `homepage: 'http://…'` only matters in code that makes requests.
    const client = HTTP_CLIENT.test(ctx.text);
    const requested = client ? requestedNames(ctx, sf) : new Set<string>();
    walkJsKinds(ctx, [ts.SyntaxKind.StringLiteral, ts.SyntaxKind.NoSubstitutionTemplateLiteral, ts.SyntaxKind.TemplateHead], (node) => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node)) {
        const len = remoteHttp(node.text);
        if (len !== undefined && usedAsEndpoint(node, sf, client, requested)) {
          const start = node.getStart(sf) + 1;
          const secure = node.text.slice(0, len).toLowerCase() === 'ws' ? 'wss' : 'https';
          ctx.report({
            start, end: start + URL_START.exec(node.text)![0].length,
            message: `This URL uses plaintext ${node.text.slice(0, len).toUpperCase()}, so requests, tokens and responses can be read or altered on the network; use ${secure.toUpperCase()}.`,
            fix: { title: `Vouch: Use ${secure}://`, edits: [{ start, end: start + len, newText: secure }] },
          });
        }
        return SKIP_CHILDREN;
      }
    });
  },
};
