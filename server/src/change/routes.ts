// The HTTP routes a file registers, and how they changed: part of its public surface that no import
// shows. Express/Koa-router/Hono/Fastify-style `x.get('/path', handler)` and `x.route('/path').get(h)`
// in JS/TS; Flask/FastAPI decorators (`@app.route('/p', methods=[…])`, `@router.get('/p')`) and Django
// `path('p/', view)` in Python. Paths are compared with their parameters normalised (`:id`, `<int:id>`,
// `{id}` are one placeholder), so renaming a parameter is not a change. Reported (breaking only): a
// route removed, moved to another path (the same handler now answers elsewhere), or no longer answering
// a method it answered. Pure: text in, routes out; spans are offsets in the text given.
import { ts } from '../core/ts';
import { parsePython } from '../core/parsers';
import type { Change } from './compare';
import type { SurfaceLanguage } from './surface';
import type { PyNode } from './surface-python';

export interface Route {
  /** Upper case; `*` answers every method (`app.all`, Django `path`). */
  method: string;
  /** As written, for messages. */
  path: string;
  /** Segments with parameters as `{}`: `/users/{}`. */
  pattern: string;
  /** The handler's name when it is a plain name (to tell a moved route from a removed one). */
  handler?: string;
  start: number;
  end: number;
}

export const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options', 'all']);
/** Receivers that send requests rather than register routes (`axios.get('/x', config)`). */
const CLIENTS = /^(axios|got|ky|superagent|request|requests|httpx|http|https|client|session|api|fetcher|\$http|this\.http|this\.client|instance|agent)$/i;

/** `/users/:id/`, `users/<int:id>`, `/users/{id}` → `/users/{}`. */
export function routePattern(path: string): string {
  const segs = path.split('?')[0].split('/').filter(Boolean).map((s) => (/^(:|<|\{|\*)/.test(s) || /^\(\?P</.test(s) ? '{}' : s.toLowerCase()));
  return '/' + segs.join('/');
}

const methodOf = (m: string): string => (m === 'all' ? '*' : m === 'del' ? 'DELETE' : m.toUpperCase());

function jsRoutes(sf: ts.SourceFile): Route[] {
  const out: Route[] = [];
  const literal = (n: ts.Node | undefined): string | undefined => (n && (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) && n.text.startsWith('/') ? n.text : undefined);
  const handlerName = (n: ts.Node | undefined): string | undefined => (n && ts.isIdentifier(n) ? n.text : n && ts.isPropertyAccessExpression(n) ? n.getText(sf) : undefined);
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && HTTP_METHODS.has(node.expression.name.text)) {
      const receiver = node.expression.expression;
      const args = node.arguments;
      let path: string | undefined;
      let at: ts.Node | undefined;
      if (ts.isCallExpression(receiver) && ts.isPropertyAccessExpression(receiver.expression) && receiver.expression.name.text === 'route' && args.length >= 1) {
        path = literal(receiver.arguments[0]); // x.route('/p').get(handler)
        at = receiver.arguments[0];
      } else if (args.length >= 2 && !ts.isCallExpression(receiver) && !CLIENTS.test(receiver.getText(sf))) {
        const last = args[args.length - 1];
        if (ts.isFunctionLike(last) || ts.isIdentifier(last) || ts.isPropertyAccessExpression(last) || ts.isCallExpression(last)) {
          path = literal(args[0]);
          at = args[0];
        }
      }
      if (path !== undefined && at) {
        const start = at.getStart(sf);
        out.push({ method: methodOf(node.expression.name.text), path, pattern: routePattern(path), handler: handlerName(args[args.length - 1]), start, end: at.end });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

const pyString = (n: PyNode | null | undefined): string | undefined => {
  if (!n || n.type !== 'string' || n.namedChildren.some((c) => c.type === 'interpolation')) return undefined;
  const m = /^[rbuRBU]*("""|'''|"|')([\s\S]*)\1$/.exec(n.text);
  return m ? m[2] : undefined;
};

function pyRoutes(root: PyNode, isUrls: boolean): Route[] {
  const out: Route[] = [];
  for (const call of root.descendantsOfType?.('call') ?? []) {
    if (!call) continue;
    const fn = call.childForFieldName('function');
    const args = call.childForFieldName('arguments')?.namedChildren ?? [];
    const first = args[0];
    const path = pyString(first);
    if (!fn || !first || path === undefined) continue;
    if (fn.type === 'attribute' && call.parent?.type === 'decorator') {
      const name = fn.childForFieldName('attribute')?.text ?? '';
      const receiver = fn.childForFieldName('object')?.text ?? '';
      if (CLIENTS.test(receiver) || (name !== 'route' && name !== 'api_route' && !HTTP_METHODS.has(name))) continue;
      const def = call.parent.parent?.childForFieldName('definition');
      const handler = def?.childForFieldName('name')?.text;
      let methods = name === 'route' || name === 'api_route' ? ['GET'] : [methodOf(name)];
      const kw = args.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'methods');
      const list = kw?.childForFieldName('value');
      if (list && (list.type === 'list' || list.type === 'tuple')) methods = list.namedChildren.map(pyString).filter((m): m is string => !!m).map((m) => m.toUpperCase());
      const p = path.startsWith('/') ? path : '/' + path;
      for (const method of methods) out.push({ method, path: p, pattern: routePattern(p), ...(handler ? { handler } : {}), start: first.startIndex, end: first.endIndex });
    } else if (isUrls && fn.type === 'identifier' && (fn.text === 'path' || fn.text === 're_path') && args.length >= 2) {
      const view = args[1];
      const handler = view.type === 'identifier' || view.type === 'attribute' ? view.text : undefined;
      const p = '/' + path.replace(/^\^|\$$/g, '');
      out.push({ method: '*', path: p, pattern: routePattern(p), ...(handler ? { handler } : {}), start: first.startIndex, end: first.endIndex });
    }
  }
  return out;
}

/** The routes a file registers; empty when it registers none or does not parse. */
export function routesOfText(text: string, lang: SurfaceLanguage, path: string, sf?: ts.SourceFile): Route[] {
  if (lang === 'js') {
    if (!/\.(get|post|put|patch|delete|del|head|options|all)\s*\(/.test(text)) return [];
    return jsRoutes(sf ?? ts.createSourceFile(path || 'file.ts', text, ts.ScriptTarget.Latest, true));
  }
  if (!/(route|get|post|put|patch|delete|path)\s*\(/.test(text)) return [];
  const tree = parsePython(text);
  if (!tree) return [];
  try {
    return pyRoutes(tree.rootNode as unknown as PyNode, /(^|\/)urls\.py$/.test(path));
  } finally {
    tree.delete();
  }
}

const answers = (r: Route, method: string): boolean => r.method === '*' || r.method === method || method === '*';
const label = (r: Pick<Route, 'method' | 'path'>): string => '`' + `${r.method === '*' ? 'ANY' : r.method} ${r.path}` + '`';

/** Routes of the baseline that no longer answer as they did: removed, moved, or a method dropped. */
export function routeChanges(before: readonly Route[], after: readonly Route[]): Change[] {
  const out: Change[] = [];
  const seen = new Set<string>();
  for (const was of before) {
    const key = `${was.method} ${was.pattern}`;
    if (seen.has(key) || after.some((r) => r.pattern === was.pattern && answers(r, was.method))) continue;
    seen.add(key);
    const check = { type: 'route' as const, method: was.method, pattern: was.pattern };
    const samePath = after.filter((r) => r.pattern === was.pattern);
    const moved = was.handler ? after.filter((r) => r.handler === was.handler && answers(r, was.method) && !before.some((b) => b.pattern === r.pattern)) : [];
    if (samePath.length) {
      const methods = [...new Set(samePath.map((r) => r.method))].join(', ');
      out.push({ kind: 'route-method-changed', name: key, target: 'name', at: { start: samePath[0].start, end: samePath[0].end }, what: `${label(was)} no longer answers ${was.method}: the route now takes ${methods}`, check });
    } else if (moved.length === 1) {
      out.push({ kind: 'route-moved', name: key, target: 'name', at: { start: moved[0].start, end: moved[0].end }, what: `${label(was)} moved to ${label(moved[0])}`, check });
    } else {
      out.push({ kind: 'route-removed', name: key, target: 'name', was: { start: was.start, end: was.end }, what: `the route ${label(was)} was removed`, check });
    }
  }
  return out;
}
