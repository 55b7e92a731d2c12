// Which values a condition checks. Precision first: any check that constrains a value's content
// counts as validation, whichever way it points — allow-lists (`ALLOWED.includes(x)`, `x in ALLOWED`),
// block-lists (`x.includes('..')`), patterns (`/^\d+$/.test(x)`, `re.fullmatch(p, x)`), equality with
// constants, type checks (`typeof x === 'number'`, `isinstance(x, int)`), prefix checks
// (`full.startsWith(root)`), validator calls (models, or helpers named `isX`/`validateX`/`checkX`), and
// results of validators (`if (!r.success)`, `if (!errors.isEmpty())`). Presence and length checks
// (`!x`, `x == null`, `x.length > 10`) are not validation.
import type { Env } from './env';
import type { Expr } from './ir';
import type { Analyzer, Frame } from './interpret';
import { seplessFolder } from './folders';
import { calleeChecks } from './param-checks';
import { clear, clearButPaths, deepTaint, EMPTY, originKey, type Origin, type Target, type Value } from './values';

export interface Check {
  apply(env: Env): void;
}

const RECEIVER_CHECKS = new Set(['startsWith', 'endsWith', 'isdigit', 'isalnum', 'isalpha', 'isnumeric', 'isdecimal', 'isidentifier', 'isascii', 'match', 'matches', 'startswith', 'endswith', 'is_relative_to']);
const MEMBERSHIP = new Set(['includes', 'indexOf', 'has', 'contains', '__contains__', 'hasOwnProperty', 'lastIndexOf']);
const ARG_CHECKS = new Set(['test', 'isInteger', 'isSafeInteger', 'isNaN', 'isFinite', 'isinstance', 'isValidObjectId', 'isUUID', 'isValid']);
const PY_RE = /^re\.(match|fullmatch|search)$/;
const PREFIX_TESTS = new Set(['startsWith', 'startswith']);
/** Validator names: `isX`, `validateX`, `checkX`…, and helpers named for an allow-list anywhere (`versionInWhitelist`, `in_allowlist`). */
const CHECK_NAME = /^(is[A-Z_]\w*|is_\w+|valid\w*|validate\w*|check\w*|verify\w*|ensure\w*|allowed\w*|isAllowed\w*|safe\w*|is_safe\w*|url_has_allowed_host_and_scheme|(?:\w*(?:In|On|_in|_on)|in|on)_?(?:[Ww]hite|[Aa]llow|[Ss]afe)_?[Ll]ist\w*)$/;
const EQUALITY = new Set(['===', '==', '!==', '!=', 'is', 'is not']);
const URL_PARTS = new Set(['hostname', 'host', 'netloc', 'origin', 'protocol', 'scheme', 'port']);
const PROTO_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A name, or a member chain rooted at a name: the binding and the path below it. */
export function targetOf(e: Expr): Target[] {
  const path: string[] = [];
  let cur = e;
  while (cur.k === 'member' || cur.k === 'call') {
    if (cur.k === 'call') {
      // `params.get('cmd')` names one field, as `params['cmd']` does.
      const key = cur.callee.k === 'member' && cur.callee.prop === 'get' && cur.args[0]?.k === 'lit' && typeof cur.args[0].value === 'string' ? cur.args[0].value : undefined;
      if (key !== undefined && cur.callee.k === 'member') {
        path.length = 0;
        path.push(key);
        cur = cur.callee.object;
        continue;
      }
      // `new URL(x).hostname`, `path.resolve(root, x).startsWith(root)`: the checked value is the argument.
      const inner = cur.args.flatMap(targetOf);
      if (cur.callee.k === 'member' && !inner.length) cur = cur.callee.object;
      else return inner;
      path.length = 0;
      continue;
    }
    if (cur.prop) path.unshift(cur.prop);
    cur = cur.object;
  }
  if (cur.k === 'op' && cur.op === 'typeof') return targetOf(cur.operands[0]);
  return cur.k === 'name' && cur.binding ? [{ binding: cur.binding.id, path }] : [];
}

const isConst = (e: Expr) => e.k === 'lit' && e.value !== null || (e.k === 'name' && /^[A-Z][A-Z0-9_]*$/.test(e.name)) || e.k === 'array' || (e.k === 'member' && e.object.k === 'name' && /^[A-Z]/.test(e.object.name));

/** Kinds a string can still carry an attack to; a string check rules out operator objects and nested keys only. */
const NOT_A_STRING = ['nosql', 'nosql-where', 'prototype'];

/**
 * `typeof x === 'number'` checks `x` for every kind; `typeof x === 'object'` for none (an object's fields are text);
 * `typeof x === 'string'` on a plain value only for the kinds that need an object (`el.innerHTML = x` still counts).
 */
function typeChecked(ts: Target[], type: Expr): Target[] {
  const name = type.k === 'lit' ? type.value : undefined;
  if (name === 'object') return [];
  if (name !== 'string') return ts;
  return ts.map((t) => ('binding' in t ? { ...t, kinds: NOT_A_STRING } : t));
}

/** Which branch of the `if` a check holds in: equality and membership hold where the test is true. */
type Side = 'then' | 'else' | 'both';
interface Found { readonly t: Target; readonly side: Side }

function collect(a: Analyzer, e: Expr, f: Frame, out: Found[], neg = false, depth = 0): void {
  if (depth > 8) return;
  const next = (x: Expr, n = neg) => collect(a, x, f, out, n, depth + 1);
  const add = (ts: Target[], side: Side = 'both') => {
    const s: Side = side === 'both' ? 'both' : (side === 'then') !== neg ? 'then' : 'else';
    for (const t of ts) out.push({ t, side: s });
  };
  switch (e.k) {
    case 'op':
      if (e.op === '!' || e.op === 'not') return next(e.operands[0], !neg);
      if (EQUALITY.has(e.op)) {
        const [l, r] = e.operands;
        // `x == null` is a presence check; `re.fullmatch(p, x) is not None`, `/^\w+$/.exec(x) !== null` check what the call checks.
        if (l.k === 'lit' && l.value === null || r.k === 'lit' && r.value === null) return void [l, r].forEach((x) => x.k === 'call' && next(x));
        // A key compared with `__proto__`, `constructor` or `prototype` is screened for prototype pollution
        // either way (`if (key === '__proto__') return;`: a deny-list of the keys that matter).
        const protoKey = [l, r].some((x) => x.k === 'lit' && PROTO_KEYS.has(String(x.value)));
        const side: Side = protoKey ? 'both' : /^(!==?|is not)$/.test(e.op) ? 'else' : 'then';
        // `if (hmac(secret, url) !== given) return`: a value computed from input, checked, vouches for that input.
        for (const x of [l, r]) add((a.peek(x, f).from ?? []).map((o) => ({ origin: originKey(o) })), side);
        if (side !== 'both') {
          // `url.hostname === nconf.get('url_parsed').hostname ? url : home` (nodebb-plugin-2factor's redirect guard, a
          // helper's parameter against a setting): equal to a value that carries no input at all (a configuration
          // look-up given constants, a module's value), the input is that value where the test holds.
          for (const [x, y] of [[l, r], [r, l]]) if (x.k !== 'call' && settled(a, y, f) && deepTaint(a.peek(x, f)).length) add(targetOf(x), side);
        }
        if (l.k === 'call' || r.k === 'call') return void [l, r].forEach((x) => next(x));
        if (l.k === 'op' && l.op === 'typeof') add(typeChecked(targetOf(l), r), side);
        else if (r.k === 'op' && r.op === 'typeof') add(typeChecked(targetOf(r), l), side);
        else if (isConst(r)) add(targetOf(l), side);
        else if (isConst(l)) add(targetOf(r), side);
        else if (side !== 'both') {
          // `if (req.body.image === product.image) unlink(req.body.image)`: equal to a value that is not input (a
          // stored row's field, a parameter of the callback that hands the row over), the input is that value where the test holds.
          const notInput = (x: Expr) => (x.k === 'name' || x.k === 'member') && !(x.k === 'name' && x.name === 'undefined') && deepTaint(a.peek(x, f)).every((o) => o.param);
          if (notInput(r) && !notInput(l)) add(targetOf(l), side);
          else if (notInput(l) && !notInput(r)) add(targetOf(r), side);
        }
        return;
      }
      // `if (SERVICES.indexOf(s) < 0) return`: an allow-list look-up compared by order checks its argument. A
      // search in the input itself (`req.url.indexOf('gun/') >= 0`, routing) and a length or number do not.
      if (/^[<>]=?$/.test(e.op)) {
        for (const x of e.operands) {
          if (x.k === 'call' && x.callee.k === 'member' && MEMBERSHIP.has(x.callee.prop ?? '') && x.args[0] && !isConst(x.args[0])) add(targetOf(x.args[0]));
        }
        return;
      }
      // Membership counts either way: allow-lists hold where true, deny-lists where false.
      if (e.op === 'in' || e.op === 'not in') {
        const [l, r] = e.operands;
        add(targetOf(l.k === 'lit' ? r : l));
      }
      return;
    case 'cond': {
      // `a && b` (test set): what either part checks holds where the whole is true; where it is false,
      // only what every part checks on that side (`x !== 'a' && x !== 'b'`). `a || b` the other way round.
      const partial: Side = e.test ? (neg ? 'then' : 'else') : (neg ? 'else' : 'then');
      const parts = [...(e.test ? [e.test] : []), ...e.options].map((x) => {
        const inner: Found[] = [];
        collect(a, x, f, inner, neg, depth + 1);
        return inner;
      });
      const key = (t: Target) => JSON.stringify(t);
      for (const [i, inner] of parts.entries()) {
        for (const x of inner) {
          if (x.side !== partial) out.push(x);
          else if (i === 0 && parts.every((p) => p.some((y) => y.side === partial && key(y.t) === key(x.t)))) out.push(x);
        }
      }
      return;
    }
    case 'call': {
      const c = e.callee;
      const name = c.k === 'member' ? c.prop ?? '' : c.k === 'name' ? c.name : '';
      const validated = resultOf(a, c.k === 'member' ? c.object : c, f);
      if (validated.length) return add(validated);
      // `os.path.commonpath([root, full]) != root`: a check on the result of a containment helper checks its arguments.
      if (a.models.sanitizers.find(a.siteOf(e, f)).some((s) => s.checkedByResult)) return add(e.args.flatMap((x) => (x.k === 'array' ? x.items : [x])).flatMap(targetOf));
      if (c.k === 'member' && RECEIVER_CHECKS.has(name)) {
        const targets = [...targetOf(c.object), ...e.args.flatMap((x) => (isConst(x) ? [] : targetOf(x)))];
        // `full.startsWith(root)` with `root` a folder without a trailing separator: `/srv/app-old` passes for `/srv/app`.
        // Only where the test holds (inside, as the code thinks); where it fails (`if (full.startsWith('/etc')) return`) it checks as before.
        if (PREFIX_TESTS.has(name) && e.args.length === 1 && seplessFolder(a, e.args[0], f)) {
          add(targetOf(c.object).map((t) => ('binding' in t && !t.path.length ? { ...t, prefixOnly: e.span } : t)), 'then');
          return add(targets, 'else');
        }
        return add(targets);
      }
      if (c.k === 'member' && MEMBERSHIP.has(name)) {
        const arg = e.args[0];
        return add(arg && !isConst(arg) ? targetOf(arg) : targetOf(c.object));
      }
      // `Object.prototype.hasOwnProperty.call(obj, key)`
      if (c.k === 'member' && name === 'call' && c.object.k === 'member' && c.object.prop === 'hasOwnProperty') return add(e.args[1] ? targetOf(e.args[1]) : []);
      const path = a.siteOf(e, f).path ?? '';
      // `if (Array.isArray(q.url)) q.url = q.url[0]`: picking one of a repeated parameter says nothing about its text.
      if (name === 'isArray') return;
      // `/^\w+$/.exec(x)`, `nameRe.exec(x)`: a pattern's match (not `db.exec(sql)`) checks its argument as `test` does.
      if (c.k === 'member' && name === 'exec' && (c.object.k === 'lit' ? c.object.regex !== undefined : c.object.k === 'name' && /(^(re|RE)|[a-z0-9]Re|_(re|RE)|[Rr]eg[Ee]xp?|[Rr]egex|REGEXP?|REGEX|[Pp]attern|PATTERN)$/.test(c.object.name))) return add(e.args.flatMap(targetOf));
      // `bool(re.match(p, x))`, `Boolean(x.match(re))`: the truth of a check is that check.
      if (c.k === 'name' && !c.binding && (name === 'bool' || name === 'Boolean') && e.args.length === 1) return next(e.args[0]);
      if (PY_RE.test(path)) return void (e.args[1] && add(targetOf(e.args[1])));
      // A function of the file or an imported one whose result is a check of its argument (whistle's `existsUpPath`).
      const tested = calleeChecks(a, e, f)?.tested ?? [];
      if (tested.length) return add(tested.flatMap((i) => (e.args[i] ? targetOf(e.args[i]) : [])));
      if (ARG_CHECKS.has(name) || CHECK_NAME.test(name) || a.models.validators.find(a.siteOf(e, f)).length) {
        add(e.args.flatMap(targetOf));
        for (const k of e.kwargs) add(targetOf(k.value));
        if (c.k === 'member' && !e.args.length) add(targetOf(c.object));
      }
      return;
    }
    case 'member': case 'name':
      return add(resultOf(a, e, f));
  }
}

/** An expression that carries no input: a literal, a value with no taint, a call given only such values. */
function settled(a: Analyzer, x: Expr, f: Frame, depth = 0): boolean {
  if (depth > 4) return false;
  switch (x.k) {
    case 'lit': return x.value !== null;
    case 'name': return x.name !== 'undefined' && !deepTaint(a.peek(x, f)).length;
    case 'member': return x.object.k === 'call' ? settled(a, x.object, f, depth + 1) : !deepTaint(a.peek(x, f)).length;
    case 'call': return (x.callee.k !== 'member' || settled(a, x.callee.object, f, depth + 1)) && x.args.every((y) => settled(a, y, f, depth + 1));
    default: return false;
  }
}

/** `r.success`, `errors`, `error`: a validator's result names what the validator checked. */
function resultOf(a: Analyzer, e: Expr, f: Frame): Target[] {
  let root = e;
  while (root.k === 'member') root = root.object;
  if (root.k !== 'name' || !root.binding) return [];
  const v: Value | undefined = f.env.get(root.binding);
  return [...(v?.validates ?? [])];
}

/** The values a condition checks, where it is true (`then`) and where it is false (`else`). */
export function checkedTargets(a: Analyzer, test: Expr, f: Frame): { then: Target[]; else: Target[] } {
  const found: Found[] = [];
  collect(a, test, f, found);
  const on = (side: Side) => found.filter((x) => x.side === side || x.side === 'both').map((x) => x.t);
  return { then: on('then'), else: on('else') };
}

/** The checks a condition makes, for its `then` and `else` branches. */
export function checkGuard(a: Analyzer, test: Expr, f: Frame): { then: Check[]; else: Check[] } {
  const t = checkedTargets(a, test, f);
  return { then: t.then.map((x) => validation(a, x)), else: t.else.map((x) => validation(a, x)) };
}

/** The message an `origin` was read from: its parent parameter for a destructured one (`({ origin, data })`). */
function senderKey(o: Origin): string {
  return originKey(o.param?.path.length ? { ...o, param: { ...o.param, path: o.param.path.slice(0, -1) } } : o);
}

/** Marks a target validated: a role object remembers the field, a plain value loses its taint. */
export function validation(a: Analyzer, t: Target): Check {
  return {
    apply(env: Env) {
      if ('origin' in t) return env.check([t.origin]);
      const b = a.bindingOf(t.binding);
      if (!b) return;
      const v = env.get(b);
      if (!v) return;
      if (v.object) {
        const validated = new Set(v.validated ?? []);
        validated.add(t.path[0] ?? '*');
        env.set(b, { ...v, validated });
      } else if (!t.path.length) {
        // `({ origin, data }) => { if (origin !== TRUSTED) return; … }`: the sender checked vouches for its message.
        if (b.name === 'origin' && !t.kinds) env.check(deepTaint(v).filter((o) => o.label === 'browser' || o.param).map(senderKey));
        env.set(b, t.prefixOnly && !t.kinds ? clearButPaths(v, t.prefixOnly) : clear(v, t.kinds ?? '*'));
      } else if (t.kinds) {
        // A field's type (`typeof msg.html === 'string'`) says nothing about markup in it.
      } else if (URL_PARTS.has(t.path[t.path.length - 1])) {
        // `u = urlparse(url); if u.hostname not in ALLOWED`: the check vouches for the URL it was parsed from.
        env.check(deepTaint(v).map(originKey));
        env.set(b, clear(v, '*'));
      } else if (t.path.length === 1 && (v.taint.length || v.fields)) {
        // `params = req.query; if (!CMDS.includes(params.cmd)) return`: that field reads as checked from
        // here on, as `req.query.cmd` does; the rest of `params` stays input.
        env.set(b, { ...v, fields: new Map([...(v.fields ?? []), [t.path[0], EMPTY]]) });
      }
      // A check on another field (`data.type === 'notice'`) says nothing about the rest of `data`.
    },
  };
}
