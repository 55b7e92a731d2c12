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
import { clear, deepTaint, originKey, type Target, type Value } from './values';

export interface Check {
  apply(env: Env): void;
}

const RECEIVER_CHECKS = new Set(['startsWith', 'endsWith', 'isdigit', 'isalnum', 'isalpha', 'isnumeric', 'isdecimal', 'isidentifier', 'isascii', 'match', 'matches', 'startswith', 'endswith']);
const MEMBERSHIP = new Set(['includes', 'indexOf', 'has', 'contains', '__contains__', 'hasOwnProperty', 'lastIndexOf']);
const ARG_CHECKS = new Set(['test', 'isInteger', 'isSafeInteger', 'isNaN', 'isFinite', 'isinstance', 'isValidObjectId', 'isUUID', 'isValid']);
const PY_RE = /^re\.(match|fullmatch|search)$/;
const CHECK_NAME = /^(is[A-Z_]\w*|is_\w+|valid\w*|validate\w*|check\w*|verify\w*|ensure\w*|allowed\w*|isAllowed\w*|safe\w*|is_safe\w*|url_has_allowed_host_and_scheme)$/;
const EQUALITY = new Set(['===', '==', '!==', '!=', 'is', 'is not']);
const URL_PARTS = new Set(['hostname', 'host', 'netloc', 'origin', 'protocol', 'scheme', 'port']);

/** A name, or a member chain rooted at a name: the binding and the path below it. */
export function targetOf(e: Expr): Target[] {
  const path: string[] = [];
  let cur = e;
  while (cur.k === 'member' || cur.k === 'call') {
    if (cur.k === 'call') {
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

function collect(a: Analyzer, e: Expr, f: Frame, out: Target[], depth = 0): void {
  if (depth > 8) return;
  const next = (x: Expr) => collect(a, x, f, out, depth + 1);
  switch (e.k) {
    case 'op':
      if (e.op === '!' || e.op === 'not') return next(e.operands[0]);
      if (EQUALITY.has(e.op)) {
        const [l, r] = e.operands;
        if (l.k === 'lit' && l.value === null || r.k === 'lit' && r.value === null) return;
        // `if (hmac(secret, url) !== given) return`: a value computed from input, checked, vouches for that input.
        for (const side of [l, r]) for (const key of a.peek(side, f).from ?? []) out.push({ origin: key });
        if (l.k === 'call' || r.k === 'call') return void [l, r].forEach(next);
        if (isConst(r) || (l.k === 'op' && l.op === 'typeof')) out.push(...targetOf(l));
        else if (isConst(l) || (r.k === 'op' && r.op === 'typeof')) out.push(...targetOf(r));
        return;
      }
      if (e.op === 'in' || e.op === 'not in') {
        const [l, r] = e.operands;
        out.push(...targetOf(l.k === 'lit' ? r : l));
        return;
      }
      if (e.op === '&&' || e.op === '||' || e.op === 'and' || e.op === 'or') e.operands.forEach(next);
      return;
    case 'cond':
      if (e.test) next(e.test);
      return void e.options.forEach(next);
    case 'call': {
      const c = e.callee;
      const name = c.k === 'member' ? c.prop ?? '' : c.k === 'name' ? c.name : '';
      const validated = resultOf(a, c.k === 'member' ? c.object : c, f);
      if (validated.length) return void out.push(...validated);
      if (c.k === 'member' && RECEIVER_CHECKS.has(name)) return void out.push(...targetOf(c.object), ...e.args.flatMap((x) => (isConst(x) ? [] : targetOf(x))));
      if (c.k === 'member' && MEMBERSHIP.has(name)) {
        const arg = e.args[0];
        return void out.push(...(arg && !isConst(arg) ? targetOf(arg) : targetOf(c.object)));
      }
      const path = a.siteOf(e, f).path ?? '';
      if (PY_RE.test(path)) return void (e.args[1] && out.push(...targetOf(e.args[1])));
      if (ARG_CHECKS.has(name) || CHECK_NAME.test(name) || a.models.validators.find(a.siteOf(e, f)).length) {
        out.push(...e.args.flatMap(targetOf));
        for (const k of e.kwargs) out.push(...targetOf(k.value));
        if (c.k === 'member' && !e.args.length) out.push(...targetOf(c.object));
      }
      return;
    }
    case 'member': case 'name':
      return void out.push(...resultOf(a, e, f));
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

export function checkGuard(a: Analyzer, test: Expr, f: Frame): Check[] {
  const targets: Target[] = [];
  collect(a, test, f, targets);
  if (!targets.length) return [];
  return targets.map((t) => validation(a, t));
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
        env.set(b, clear(v, '*'));
      } else if (URL_PARTS.has(t.path[t.path.length - 1])) {
        // `u = urlparse(url); if u.hostname not in ALLOWED`: the check vouches for the URL it was parsed from.
        env.check(deepTaint(v).map(originKey));
        env.set(b, clear(v, '*'));
      }
      // A check on another field (`data.type === 'notice'`) says nothing about the rest of `data`.
    },
  };
}
