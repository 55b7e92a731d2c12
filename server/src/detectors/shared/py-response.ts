// What a Python web handler sends to the client: arguments of `jsonify`, `HttpResponse`, `JSONResponse`,
// `HTTPException(detail=...)`, `abort(...)`, or the value a route function returns, with its status.
import type { Node } from 'web-tree-sitter';

export interface PyResponse {
  payload: Node[];
  /** Literal HTTP status when the code states one. */
  status?: number;
}

const RESPONSE_FN = new Set([
  'jsonify', 'make_response', 'HttpResponse', 'JsonResponse', 'Response', 'JSONResponse', 'PlainTextResponse',
  'HTMLResponse', 'HttpResponseServerError', 'HttpResponseBadRequest', 'HTTPException', 'abort', 'json_response',
]);
const STATUS_KW = new Set(['status', 'status_code', 'code']);
const ROUTE_DECORATOR = /\.(route|get|post|put|patch|delete|api_route|websocket)\s*\(|\bapi_view\b|\brequire_http_methods\b|\baction\s*\(/;

function intOf(n: Node | null | undefined): number | undefined {
  return n?.type === 'integer' ? Number(n.text) : undefined;
}

function calleeName(call: Node): string | undefined {
  const fn = call.childForFieldName('function');
  if (fn?.type === 'identifier') return fn.text;
  // `web.json_response`, `http.HttpResponse`; not methods such as `self.abort` or `conn.Response`.
  const object = fn?.type === 'attribute' ? fn.childForFieldName('object') : null;
  if (object?.type === 'identifier' && /^(web|flask|http|responses|django|starlette|fastapi)$/.test(object.text)) return fn!.childForFieldName('attribute')?.text;
  return undefined;
}

/** Arguments of a response constructor, keyword values included; the status from `status=` or abort(500). */
export function responseCall(call: Node): PyResponse | undefined {
  const name = calleeName(call);
  if (!name || !RESPONSE_FN.has(name)) return undefined;
  const payload: Node[] = [];
  let status: number | undefined;
  for (const arg of call.childForFieldName('arguments')?.namedChildren ?? []) {
    if (!arg) continue;
    if (arg.type === 'keyword_argument') {
      const value = arg.childForFieldName('value');
      if (STATUS_KW.has(arg.childForFieldName('name')?.text ?? '')) status = intOf(value);
      else if (value) payload.push(value);
    } else if (arg.type === 'integer') {
      status ??= intOf(arg);
    } else {
      payload.push(arg);
    }
  }
  // `http.client.HTTPException(str(e))` is an exception, not an answer: FastAPI's and Starlette's name a
  // status, Werkzeug's a `description=`.
  if (name === 'HTTPException' && status === undefined && !/\b(?:detail|description|status_code)\s*=/.test(call.childForFieldName('arguments')?.text ?? '')) return undefined;
  return { payload, status: status ?? outerStatus(call) };
}

/** Status given around the call: `return jsonify(x), 500` or `make_response(jsonify(x), 500)`. */
function outerStatus(call: Node): number | undefined {
  const up = call.parent;
  if ((up?.type === 'expression_list' || up?.type === 'tuple') && up.parent?.type === 'return_statement') return intOf(up.namedChildren[1]);
  if (up?.type === 'argument_list' && up.parent && calleeName(up.parent) === 'make_response') return intOf(up.namedChildren[1]);
  return undefined;
}

function isRouteFunction(fn: Node): boolean {
  const decorated = fn.parent?.type === 'decorated_definition' ? fn.parent : undefined;
  return !!decorated?.namedChildren.some((d) => d?.type === 'decorator' && ROUTE_DECORATOR.test(d.text));
}

/** `return body, 500` anywhere (Flask's response tuple), or any `return body` from a route function. */
export function responseReturn(ret: Node): PyResponse | undefined {
  const value = ret.namedChildren[0];
  if (!value) return undefined;
  if (value.type === 'expression_list' || value.type === 'tuple') {
    const items = value.namedChildren.filter((c): c is Node => !!c);
    const status = intOf(items[1]);
    if (items[0]?.type === 'call' && RESPONSE_FN.has(calleeName(items[0]) ?? '')) return undefined;
    if (items.length >= 2 && status !== undefined) return { payload: [items[0]], status };
  }
  if (value.type === 'call' && RESPONSE_FN.has(calleeName(value) ?? '')) return undefined;
  let fn: Node | null = ret.parent;
  while (fn && fn.type !== 'function_definition') fn = fn.parent;
  return fn && isRouteFunction(fn) ? { payload: [value] } : undefined;
}

/** How a response call starts (`jsonify(`, `web.json_response(`), read on the text before any node is (each read crosses into WASM). */
const RESPONSE_HEAD = new RegExp(String.raw`^(?:(?:web|flask|http|responses|django|starlette|fastapi)\s*\.\s*)?(?:${[...RESPONSE_FN].join('|')})\s*\(`);
/** A `return` that states a status (`return body, 500`): the only kind outside a route function. */
const RETURNS_STATUS = /,\s*\d/;

/** Responses among calls and returns (of `text`), in their order. */
export function* pythonResponses(nodes: readonly Node[], text: string): Generator<PyResponse> {
  const routes = ROUTE_DECORATOR.test(text);
  for (const n of nodes) {
    if (n.type === 'call' ? !RESPONSE_HEAD.test(text.slice(n.startIndex, n.startIndex + 64)) : !routes && !RETURNS_STATUS.test(text.slice(n.startIndex, n.endIndex))) continue;
    const r = n.type === 'call' ? responseCall(n) : responseReturn(n);
    if (r) yield r;
  }
}
