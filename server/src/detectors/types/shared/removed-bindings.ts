// The syntax side of removed-package-api: which names soundly hold a package's module, a value it makes
// (`express()`, `express.Router()`, `mongoose.model(…)`, `new Model(…)`, or one another workspace module
// exports) or a route handler's request and response, and the member reads and calls on them. A name
// declared twice in the file (shadowing) or assigned after its declaration is unknown, as is a handler
// parameter redeclared or assigned inside its function; probes (`typeof x.y`, `if (x.y)`) and members the
// file writes itself are no uses. Controllers registered from another file are handlers only by their
// parameter names (`inferred`).
import { ts } from '../../../core/ts';
import { isProbe, requireOf } from './offline-syntax';
import { scanFile } from './removed-scan';
import { isAssignment, unparen, versionGuarded, type CollectOptions, type Collected, type FnLike, type Held, type PackageShape, type RemovedUse } from './removed-syntax';

export type { CollectOptions, Held, PackageShape, RemovedUse } from './removed-syntax';

export function collectRemovedUses(sf: ts.SourceFile, shapes: Readonly<Record<string, PackageShape>>, checkBudget: () => void, opts: CollectOptions = {}): Collected {
  const { declared, paramAt, assigned, bound, inits, calls, accesses, written, functions, named, fns, imported, relative, exportsAt } = scanFile(sf, shapes, checkBudget);
  const once = (name: string) => (declared.get(name)?.length ?? 0) === 1 && !assigned.has(name);
  const made = (from: Held, call: string): Held | undefined => {
    const values = shapes[from.pkg]?.values ?? {};
    const v = Object.keys(values).find((k) => values[k].from === from.value && values[k].call === call);
    return v ? { pkg: from.pkg, value: v } : undefined;
  };
  const resolve = (e: ts.Expression): Held | undefined => {
    e = unparen(e);
    // `var app = module.exports = express()`
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken) return resolve(e.right);
    if (ts.isIdentifier(e)) return once(e.text) ? bound.get(e.text) ?? fromImport(e.text) : undefined;
    const pkg = requireOf(e);
    if (pkg) return shapes[pkg] ? { pkg, value: 'module' } : undefined;
    if (!ts.isCallExpression(e) && !ts.isNewExpression(e)) return undefined;
    const callee = e.expression;
    if (ts.isPropertyAccessExpression(callee)) {
      const base = resolve(callee.expression);
      return base && base.value !== 'named' ? made(base, callee.name.text) : undefined;
    }
    const base = resolve(callee);
    if (!base) return undefined;
    if (base.value === 'named') return made({ pkg: base.pkg, value: 'module' }, base.member!);
    return (ts.isNewExpression(e) && made(base, 'new')) || made(base, '()');
  };
  const followed = new Map<string, Held | undefined>();
  let following = false;
  const fromImport = (name: string): Held | undefined => {
    const rel = relative.get(name);
    if (!rel || !opts.imported || !following) return undefined;
    if (!followed.has(name)) followed.set(name, opts.imported(rel.spec, rel.name));
    return followed.get(name);
  };
  for (const { name, init } of inits) {
    if (bound.has(name) || !once(name)) continue;
    const held = resolve(init);
    if (held) bound.set(name, held);
  }

  // Route handlers: function arguments of `app.get(…)`, `router.use(…)`, `app.route(…).post(…)`.
  const params = new Map<ts.ParameterDeclaration, Held>();
  /**
   * The request and response parameters of a handler, unless a variable inside it redeclares them or they
   * are assigned (a nested function's parameter of the same name is resolved by the nearest-parameter walk).
   */
  const handler = (fn: FnLike, held: Held) => {
    const ps = fn.parameters;
    const [req, res] = ps.length >= 4 ? [ps[1], ps[2]] : [ps[0], ps[1]];
    for (const [p, value] of [[req, 'request'], [res, 'response']] as const) {
      if (!p || !ts.isIdentifier(p.name) || params.has(p)) continue;
      const name = p.name.text;
      const inside = (pos: number) => pos >= fn.pos && pos < fn.end;
      if ((declared.get(name) ?? []).some((pos) => inside(pos) && !paramAt.has(pos)) || (assigned.get(name) ?? []).some(inside)) continue;
      params.set(p, { ...held, value });
    }
  };
  for (const c of calls) {
    if (!ts.isPropertyAccessExpression(c.expression)) continue;
    let base: ts.Expression = c.expression.expression;
    while (ts.isCallExpression(base) && ts.isPropertyAccessExpression(base.expression)) base = base.expression.expression;
    const held = resolve(base);
    const h = held && shapes[held.pkg].handlers;
    if (!held || !h?.on.includes(held.value) || !h.methods.includes(c.expression.name.text)) continue;
    for (const a of c.arguments) {
      const fn: FnLike | undefined = ts.isFunctionExpression(a) || ts.isArrowFunction(a) ? a : ts.isIdentifier(a) && once(a.text) ? functions.get(a.text) : undefined;
      if (!fn) continue;
      handler(fn, { pkg: held.pkg, value: '' });
    }
  }
  // Controllers registered elsewhere: `(req, res)`, `(err, req, res, next)` by name, unless another
  // framework with the same names is imported here (or the function serves `http.createServer`).
  for (const fn of fns) {
    if (ts.isCallExpression(fn.parent) && /createServer$/.test(fn.parent.expression.getText(sf))) continue;
    for (const [pkg, shape] of Object.entries(shapes)) {
      const pairs = shape.handlers?.byName ?? [];
      if (!pairs.length || shape.handlers?.notWith?.some((x) => imported.has(x))) continue;
      const ps = fn.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : ''));
      const [a, b] = ps.length >= 4 ? [ps[1], ps[2]] : [ps[0], ps[1]];
      if (pairs.some(([x, y]) => x === a && y === b)) handler(fn, { pkg, value: '', inferred: true });
    }
  }
  /** A bare name: the nearest function parameter of that name decides; else the file's binding. */
  const resolveName = (id: ts.Identifier): Held | undefined => {
    for (let p: ts.Node | undefined = id.parent; p; p = p.parent) {
      if (ts.isFunctionLike(p)) {
        const param = p.parameters.find((x) => ts.isIdentifier(x.name) && x.name.text === id.text);
        if (param) return params.get(param);
      }
    }
    return resolve(id);
  };

  // Code that probes a member (`if (app.configure) app.configure(…)`) expects it may be missing.
  const probed = new Set(accesses.filter((a) => isProbe(a)).map((a) => `${a.expression.getText(sf)}.${a.name.text}`));
  const out: RemovedUse[] = [];
  for (const { pkg, name } of named) out.push({ pkg, on: 'module', member: name.text, node: name, receiver: pkg });
  for (const a of accesses) {
    checkBudget();
    const base = unparen(a.expression);
    following = !!opts.members?.has(a.name.text);
    const held = ts.isIdentifier(base) ? resolveName(base) : ts.isCallExpression(base) || ts.isNewExpression(base) ? resolve(base) : undefined;
    if (!held || held.value === 'named' || isProbe(a) || isAssignment(a.parent, a) || versionGuarded(a, sf)) continue;
    if (ts.isIdentifier(base) && (written.has(`${base.text}.${a.name.text}`) || probed.has(`${base.text}.${a.name.text}`))) continue;
    const call = ts.isCallExpression(a.parent) && a.parent.expression === a ? a.parent : undefined;
    const receiver = ts.isIdentifier(base) ? base.text : requireOf(base) ? held.pkg : `${base.getText(sf).split('(')[0]}()`;
    out.push({ pkg: held.pkg, on: held.value, member: a.name.text, node: a.name, call, receiver, inferred: held.inferred });
  }
  for (const c of calls) {
    const callee = unparen(c.expression);
    if (!ts.isIdentifier(callee) && !requireOf(callee)) continue;
    const held = ts.isIdentifier(callee) ? resolveName(callee) : resolve(callee);
    if (held?.value === 'module') out.push({ pkg: held.pkg, on: 'module', member: '()', node: callee, call: c, receiver: ts.isIdentifier(callee) ? callee.text : held.pkg });
  }
  following = false;
  const exports = new Map<string, Held>();
  for (const { name, value } of exportsAt) {
    const held = resolve(value);
    if (held && held.value !== 'named') exports.set(name, held);
  }
  return { uses: out.sort((x, y) => x.node.pos - y.node.pos), exports };
}
