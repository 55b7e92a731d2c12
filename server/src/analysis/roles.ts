// What each parameter is before any flow runs: a request or response object, input with a label,
// a caught error, or nothing known (a placeholder for summaries). Decided from the models:
// route registrations (`app.get('/x', fn)`, `router.post(…)`, `http.createServer(fn)`), route
// decorators (`@app.route`, `@router.get`), parameter names, type annotations and decorators
// (`@Body()`), Next.js route handler names and `'use server'` actions.
import type { Expr, FileIR, Func, Param } from './ir';
import { caughtError, ERROR_NAME, origin } from './labels';
import type { ParamRole, RouteModel } from './model-types';
import type { Models } from './models';
import { paramsValidated, paramValidators } from './param-validators';
import type { Value } from './values';
import { callsOf } from './walk';

export interface Roles {
  get(p: Param): Value | undefined;
  /** Some parameter has a role (a request, a label). */
  readonly any: boolean;
  /** Functions that handle a route (their returns are responses). */
  readonly routes: ReadonlySet<number>;
  /** The HTTP method a route's handler answers, where its registration says (`delete` for `router.delete(…)`, `@app.put`, a view's `patch` method). */
  readonly methods: ReadonlyMap<number, string>;
}

/** Names of a node-style callback parameter. */
const CALLBACK = /^(?:callback|cb|done)$/;
/** Methods named for an HTTP verb: a class-based view's handlers (Django, Flask's MethodView), NestJS's `@Delete()`. */
const VERB = /^(get|post|put|patch|delete|head|options)$/i;
/** A client's own call that sends the request it is given (`request(req, options)`, `sendRequest`, `do_request`); not a handler's name (`handleRequest`, `onRequest`). */
const SENDS = /^_*(?:(?:send|make|do|perform|execute|issue|http)_?(?:http_?)?)?request$/i;
/** Parameters through which a handler answers or passes on: a handler has one, a client's request function has none. */
const ANSWERS = /^(?:res|resp|response|reply|h|ctx|context|next)$/;

const calleeName = (e: Expr): string => (e.k === 'name' ? e.name : e.k === 'member' ? e.prop ?? '' : e.k === 'call' ? calleeName(e.callee) : '');
const nameOf = (e: Expr): string => (e.k === 'name' ? e.name : e.k === 'member' ? e.prop ?? '' : '');
const lastSegment = (t: string) => t.replace(/<.*$/, '').split('.').pop()!.trim();

/** Top-level module names the file imports or requires (`@scope/name` kept whole). */
export function importsOf(ir: FileIR): Set<string> {
  const out = new Set<string>();
  for (const b of ir.bindings) if (b.import) out.add(b.import.module.split('/')[0].startsWith('@') ? b.import.module.split('/').slice(0, 2).join('/') : b.import.module.split(/[/.]/)[0]);
  for (const fn of ir.funcs) {
    callsOf(fn).forEach((e) => {
      if (e.callee.k === 'name' && e.callee.name === 'require' && e.args[0]?.k === 'lit') {
        const m = String(e.args[0].value);
        out.add(m.startsWith('@') ? m.split('/').slice(0, 2).join('/') : m.replace(/^node:/, '').split('/')[0]);
      }
    });
  }
  return out;
}

/** Annotations that are raw request data, not validated models. */
/**
 * A route written as a regex whose groups admit only word characters, digits, dots and dashes
 * (`/^\/theme\/(\w+\.\w+)$/`): its parameters passed a pattern test, as guards.ts counts one.
 */
const STRICT_GROUP = /^(?:\\[wd.-]|\[(?:\\[wd.-]|[\w.-])+\]|[\w-]|[+*?]|\{\d+(?:,\d*)?\})+$/;
function strictRouteRegex(regex: string | undefined): boolean {
  const body = regex?.slice(regex.indexOf('/') + 1, regex.lastIndexOf('/'));
  if (!body || /\\\d|\(\?<?[!=]/.test(body)) return false;
  const groups = [...body.matchAll(/\((?:\?:|\?<\w+>)?([^()]*)\)/g)];
  return groups.length > 0 && groups.every((g) => STRICT_GROUP.test(g[1])) && !/\([^)]*\(/.test(body);
}

const RAW_TYPES = new Set(['Request', 'WebSocket', 'UploadFile', 'Any', 'Json', 'Response', 'BackgroundTasks', 'HttpRequest']);

function isMiddleware(e: Expr & { k: 'call' }, models: Models): boolean {
  let c: Expr = e;
  // `body('email').isEmail().normalizeEmail()`: the chain's root call decides.
  while (c.k === 'call' && c.callee.k === 'member' && c.callee.object.k === 'call') c = c.callee.object;
  if (c.k !== 'call') return false;
  const callee = c.callee;
  const b = callee.k === 'name' ? callee.binding : null;
  const path = b?.import ? (b.import.name === '*' ? b.import.module : `${b.import.module}.${b.import.name}`) : callee.k === 'name' ? callee.name : undefined;
  const method = callee.k === 'member' ? callee.prop ?? undefined : undefined;
  return models.middleware.find({ path, method, receiverName: callee.k === 'member' && callee.object.k === 'name' ? callee.object.name : undefined, isNew: false }).length > 0
    || (!!path && /^(validate|validator|validateRequest|validateBody|validateQuery|validateParams|zValidator|celebrate|checkSchema)$/.test(path));
}

export function paramRoles(ir: FileIR, models: Models, imports: ReadonlySet<string>, path = ''): Roles {
  const roles = new Map<Param, Value>();
  const routes = new Set<number>();
  const methods = new Map<number, string>();
  const importsOk = (list?: string[]) => !list || list.some((m) => imports.has(m));
  const byBinding = new Map<number, Func>();
  for (const f of ir.funcs) if (f.binding) byBinding.set(f.binding.id, f);
  const objectRole = (object: string): Value => ({ taint: [], object });
  const roleValue = (spec: string, p: Param): Value | undefined => {
    if (spec === '' || spec === '-') return undefined;
    if (spec === 'label:error') return caughtError(p.span, p.name ?? 'error');
    if (spec.startsWith('label:')) return { taint: [origin(spec.slice(6), p.span, p.name ?? 'parameter', { detail: p.name ?? undefined })] };
    return objectRole(spec);
  };

  // 1. Route registrations: handlers get their parameters' roles by position.
  const routeModels = [...models.routes.filter((r) => !r.decorator && r.imports), ...models.routes.filter((r) => !r.decorator && !r.imports)];
  const receivers = new Map(routeModels.map((r) => [r, r.receiver ? new RegExp(r.receiver, 'i') : null]));
  // The models by method name, in the order above (every call of the file is asked about).
  const byMethod = new Map<string, RouteModel[]>();
  for (const r of routeModels) for (const m of r.methods) byMethod.set(m, [...(byMethod.get(m) ?? []), r]);
  const registrations = (e: Expr & { k: 'call' }): RouteModel | undefined => {
    const candidates = byMethod.get(calleeName(e.callee));
    if (!candidates) return undefined;
    const recv = e.callee.k === 'member' ? nameOf(e.callee.object) || calleeName(e.callee.object) : '';
    const pathArg = e.args[0]?.k === 'lit' && typeof e.args[0].value === 'string' && e.args[0].value.startsWith('/');
    return candidates.find((r) => importsOk(r.imports) && (pathArg || (receivers.get(r)?.test(recv) ?? false)));
  };
  const called = new Set<number>();
  const paramChecks = paramValidators(ir, byBinding);
  const viewsModule = imports.has('django') && /(^|\/)views?(\.py$|\/)|_views?\.py$/.test(path);
  for (const fn of ir.funcs) {
    callsOf(fn).forEach((e) => {
      if (e.callee.k === 'name' && e.callee.binding) {
        const target = byBinding.get(e.callee.binding.id);
        if (target) called.add(target.id);
      }
      const route = registrations(e);
      // Validation middleware before the handler (`validate(schema)`, `celebrate(…)`, `body('x').isInt()`)
      // or a route schema (Fastify) validates the request the handler sees.
      const validated = !!route && e.args.some((a) => (a.k === 'call' && isMiddleware(a, models)) || (a.k === 'array' && a.items.some((i) => i.k === 'call' && isMiddleware(i, models)))
        || (a.k === 'object' && a.props.some((p) => p.key === 'schema')));
      for (const arg of e.args) {
        const handler = arg.k === 'func' ? arg.fn : arg.k === 'name' && arg.binding ? byBinding.get(arg.binding.id) : undefined;
        if (!handler) continue;
        if (route) {
          routes.add(handler.id);
          methods.set(handler.id, calleeName(e.callee).toLowerCase());
          const specs = handler.params.length >= 4 && route.errorParams ? route.errorParams : route.params;
          handler.params.forEach((p, i) => {
            let v = specs[i] !== undefined ? roleValue(specs[i], p) : undefined;
            if (v?.object && validated && /Request|Context/.test(v.object)) v = { ...v, validated: new Set(['*']) };
            else if (v?.object && /Request/.test(v.object) && e.args[0]?.k === 'lit' && strictRouteRegex(e.args[0].regex)) v = { ...v, validated: new Set(['params']) };
            // Every `:name` of the path checked by the app's or router's `.param(name, …)` callback first.
            else if (v?.object && /Request/.test(v.object) && e.callee.k === 'member' && e.args[0]?.k === 'lit' && paramsValidated(paramChecks, nameOf(e.callee.object), e.args[0].value)) v = { ...v, validated: new Set(['params']) };
            if (v) roles.set(p, v);
          });
        } else if (arg.k === 'func' && handler.params[0]?.name && ERROR_NAME.test(handler.params[0].name) && !eventListener(e)) {
          // Error-first callbacks and `.catch(e => …)`; not an event listener's `e` (`addEventListener('message', e => …)`).
          roles.set(handler.params[0], caughtError(handler.params[0].span, handler.params[0].name));
        }
      }
    });
  }

  // 2. Route decorators (Python): parameters are input unless typed as validated values.
  const decoratorRoutes = models.routes.filter((r) => r.decorator && importsOk(r.imports));
  for (const fn of ir.funcs) {
    const deco = fn.decorators.find((d) => d.k === 'call' && d.callee.k === 'member' && decoratorRoutes.some((r) => r.methods.includes(d.callee.k === 'member' ? d.callee.prop ?? '' : '')));
    if (!deco || deco.k !== 'call') continue;
    routes.add(fn.id);
    if (deco.callee.k === 'member' && deco.callee.prop) methods.set(fn.id, deco.callee.prop.toLowerCase());
    const route = deco.args[0]?.k === 'lit' ? String(deco.args[0].value) : '';
    for (const p of fn.params) {
      if (!p.name || p.name === 'self' || p.name === 'cls' || roles.has(p)) continue;
      if (p.annotation && (models.cleanAnnotation.test(lastSegment(p.annotation)) || models.cleanAnnotation.test(p.annotation))) continue;
      // A pydantic model (any class but the raw request types) is validated by the framework.
      if (p.annotation && /^[A-Z]\w*$/.test(p.annotation) && !RAW_TYPES.has(p.annotation)) continue;
      if (p.dflt?.k === 'call' && /^(Depends|Security)$/.test(calleeName(p.dflt.callee))) continue;
      if (new RegExp(`<(int|float|uuid):${p.name}>`).test(route)) continue;
      roles.set(p, { taint: [origin('request', p.span, p.name, { detail: p.name })] });
    }
  }

  // 3. Parameter rules: names, annotations, decorators, handler names, directives.
  const fileDirective = ir.top.directives;
  for (const fn of ir.funcs) {
    // A node-style callback second (`request: (req, callback) => …`, maplibre-native's resource loader) answers a
    // library, not a client: an HTTP handler answers through a response (`res`, `reply`, `h`), so `req` is no request by name.
    // A client library's function named for sending its request (jsforce's `request(req, options)`), with nothing to
    // answer through, builds an outgoing request from `req`: its caller's options, no client's request.
    const libraryHook = !routes.has(fn.id) && (CALLBACK.test(fn.params[1]?.name ?? '')
      || (SENDS.test(fn.name ?? '') && !fn.params.some((p) => ANSWERS.test(p.name ?? ''))));
    fn.params.forEach((p) => {
      if (roles.has(p)) return;
      for (const rule of models.params) {
        // A function the file calls gets its arguments from its callers (summaries), not from its names.
        if (called.has(fn.id) && !rule.decorators) continue;
        if (libraryHook && rule.names && !rule.annotations && !rule.decorators) continue;
        const v = matchParam(rule, fn, p, routes.has(fn.id), importsOk, fileDirective, models);
        if (v === null) continue;
        if (v) roles.set(p, v);
        return;
      }
    });
    // A decorated method with an input parameter is a handler (`@Get() find(@Query() q)`, `@action def run(self, request)`);
    // `self` alone (a Django view's, given to every class of a file importing Django) says nothing: django-extensions'
    // `@shell_runner(...) def get_notebook(self, options)` returns a traceback to its command, not to a client.
    if (fn.owner && fn.decorators.length && fn.params.some((p) => roles.has(p) && !(p.index === 0 && p.name === 'self'))) routes.add(fn.id);
    if (fn.owner && fn.params.some((p) => roles.has(p)) && !methods.has(fn.id)) {
      const verb = fn.decorators.map((d) => calleeName(d.k === 'call' ? d.callee : d)).find((n) => VERB.test(n)) ?? (fn.name && VERB.test(fn.name) ? fn.name : undefined);
      if (verb) methods.set(fn.id, verb.toLowerCase());
    }
    // Django views: the parameters after `request` are URL captures (ids are usually `<int:…>` converters: `pk`,
    // `user_id`, `sheet_pk`, or a parameter annotated `int`).
    // Only module-level functions of a views module: methods (forms, `handle(self, request, data)`) get
    // cleaned data, and helpers elsewhere that take `request` first get their arguments from views.
    if (viewsModule && !fn.owner && fn.parent === ir.top && !called.has(fn.id) && roles.get(fn.params[0])?.object === 'django.HttpRequest') {
      for (const p of fn.params.slice(1)) {
        if (roles.has(p) || p.rest || !p.name || /^(pk|id|\w+_id|\w+_pk|year|month|day|page|format)$/.test(p.name) || p.annotation === 'int') continue;
        roles.set(p, { taint: [origin('request', p.span, p.name, { detail: p.name })] });
      }
    }
  }
  // Error-first callbacks alone (`(err, data) => …`, everywhere in Node libraries) are no way in: a
  // caught error matters where it can reach a response, and responses come with a role of their own.
  const any = [...roles.values()].some((v) => v.object !== undefined || v.taint.some((o) => o.label !== 'error'));
  return { get: (p) => roles.get(p), routes, methods, any };
}

/** A role for the parameter (undefined: matched, but validated), or null when the rule does not apply. */
function matchParam(rule: ParamRole, fn: Func, p: Param, isRoute: boolean, importsOk: (l?: string[]) => boolean, fileDirective: string[], models: Models): Value | undefined | null {
  if (rule.index !== undefined && p.index !== rule.index && !(rule.index === 0 && p.index === 1 && fn.params[0]?.name === 'self')) return null;
  if (rule.names && !(p.name && rule.names.includes(p.name))) return null;
  if (rule.annotations && !(p.annotation && (rule.annotations.includes(p.annotation) || rule.annotations.includes(lastSegment(p.annotation))))) return null;
  if (rule.functions && !(fn.name && rule.functions.includes(fn.name))) return null;
  if (rule.exported && !fn.exported) return null;
  // Server actions: a function with its own directive, or an exported top-level function of a file with it.
  if (rule.directive && !fn.directives.includes(rule.directive) && !(fileDirective.includes(rule.directive) && fn.parent?.parent === null && fn.exported)) return null;
  if (rule.handlerOnly && !isRoute) return null;
  if (!importsOk(rule.imports)) return null;
  let field: string | undefined;
  if (rule.decorators) {
    const d = p.decorators.find((x) => rule.decorators!.includes(calleeName(x)));
    if (!d) return null;
    if (d.k === 'call') {
      if (d.args[0]?.k === 'lit') field = String(d.args[0].value);
      // Pipes (`@Param('id', ParseIntPipe)`) validate.
      if (d.args.some((x) => /Pipe\b/.test(calleeName(x)))) return undefined;
    }
  }
  if (rule.object) return { taint: [], object: rule.object };
  if (p.annotation && models.cleanAnnotation.test(lastSegment(p.annotation))) return undefined;
  if (rule.dtoValidated && !field && p.annotation && /^[A-Z]\w*$/.test(lastSegment(p.annotation)) && !/^(String|Number|Object|Record|Array|Partial|Any)$/.test(lastSegment(p.annotation))) return undefined;
  return { taint: [origin(rule.label ?? 'request', p.span, p.name ?? 'parameter', { detail: field ?? p.name ?? undefined })] };
}

/** `addEventListener('message', e => …)`, `worker.on('message', e => …)`: the first parameter is the event, not an error. */
function eventListener(e: Expr & { k: 'call' }): boolean {
  const name = e.callee.k === 'member' ? e.callee.prop ?? '' : e.callee.k === 'name' ? e.callee.name : '';
  const event = e.args[0]?.k === 'lit' ? e.args[0].value : undefined;
  return /^(?:addEventListener|on|once|addListener)$/.test(name) && typeof event === 'string' && !/error|reject|fail/i.test(event);
}
