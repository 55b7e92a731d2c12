// The syntax side of removed-package-api: which names soundly hold a package's module, a value it makes
// (`express()`, `express.Router()`, `mongoose.model(…)`, `new Model(…)`) or a route handler's request and
// response, and the member reads and calls on them. A name declared twice in the file (shadowing) or
// assigned after its declaration is unknown, as is a handler parameter redeclared or assigned inside its
// function; probes (`typeof x.y`, `if (x.y)`) and members the file writes itself are no uses. Functions
// registered from another file (controllers) are handlers only by their parameter names (`inferred`).
import { ts } from '../../../core/ts';
import { isProbe, requireOf, bareSpecifier } from './offline-syntax';

export interface PackageShape {
  values?: Record<string, { from: string; call: string }>;
  handlers?: { on: string[]; methods: string[]; byName?: string[][]; notWith?: string[] };
}

/** What a name holds: the package's `module`, one of its values, `request`/`response`, or a named export. */
export interface Held { pkg: string; value: string; member?: string; inferred?: boolean }

export interface RemovedUse {
  pkg: string;
  on: string;
  /** The member, or `()` for a call of the receiver itself. */
  member: string;
  /** The flagged name (the member, or the callee of a bare call). */
  node: ts.Node;
  call?: ts.CallExpression;
  receiver: string;
  /** A handler parameter known by its name only. */
  inferred?: boolean;
}

type FnLike = ts.FunctionExpression | ts.ArrowFunction | ts.FunctionDeclaration | ts.MethodDeclaration;

function isAssignment(p: ts.Node, child: ts.Node): boolean {
  return ts.isBinaryExpression(p) && p.left === child && p.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && p.operatorToken.kind <= ts.SyntaxKind.LastAssignment;
}

const unparen = (e: ts.Expression): ts.Expression => (ts.isParenthesizedExpression(e) ? unparen(e.expression) : e);

/** Inside `if (mongooseMajorVersion < 8)`, `semver.lt(version, …) ? … : …`: code written for several majors. */
function versionGuarded(n: ts.Node, sf: ts.SourceFile): boolean {
  for (let p: ts.Node | undefined = n.parent; p && !ts.isSourceFile(p); p = p.parent) {
    const cond = ts.isIfStatement(p) ? p.expression : ts.isConditionalExpression(p) ? p.condition : undefined;
    if (cond && /version|major|semver/i.test(cond.getText(sf))) return true;
  }
  return false;
}

export interface CollectOptions {
  /** What another workspace module exports under `name` (`default` for `module.exports`), one level deep. */
  imported?: (specifier: string, name: string) => Held | undefined;
  /** Members worth following an import for (the pack's removed ones). */
  members?: ReadonlySet<string>;
}

export interface Collected {
  uses: RemovedUse[];
  /** This module's exports that hold a package's values (`module.exports = mongoose.model(…)`). */
  exports: Map<string, Held>;
}

const isRelative = (e: ts.Expression | undefined): e is ts.StringLiteralLike => !!e && ts.isStringLiteralLike(e) && e.text.startsWith('.');
const relativeRequire = (e: ts.Expression): string | undefined =>
  ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'require' && e.arguments.length === 1 && isRelative(e.arguments[0]) ? e.arguments[0].text : undefined;

export function collectRemovedUses(sf: ts.SourceFile, shapes: Readonly<Record<string, PackageShape>>, checkBudget: () => void, opts: CollectOptions = {}): Collected {
  const declared = new Map<string, number[]>();
  const paramAt = new Set<number>();
  const assigned = new Map<string, number[]>();
  const bound = new Map<string, Held>();
  const inits: Array<{ name: string; init: ts.Expression }> = [];
  const calls: ts.CallExpression[] = [];
  const accesses: ts.PropertyAccessExpression[] = [];
  const written = new Set<string>();
  const functions = new Map<string, ts.FunctionDeclaration>();
  const named: Array<{ pkg: string; name: ts.Identifier }> = [];
  const fns: FnLike[] = [];
  const imported = new Set<string>();
  /** Names bound to another workspace module's export, resolved only when a removed member is read on them. */
  const relative = new Map<string, { spec: string; name: string }>();
  const exportsAt: Array<{ name: string; value: ts.Expression }> = [];
  const exportStatement = (n: ts.Node) => ts.canHaveModifiers(n) && !!ts.getModifiers(n)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  const add = (m: Map<string, number[]>, n: ts.Identifier) => m.set(n.text, [...(m.get(n.text) ?? []), n.pos]);

  const visit = (n: ts.Node): void => {
    checkBudget();
    if (ts.isImportDeclaration(n)) {
      const pkg = bareSpecifier(n.moduleSpecifier);
      if (pkg) imported.add(pkg);
      const clause = n.importClause;
      const nb = clause?.namedBindings;
      if (clause?.name) add(declared, clause.name);
      if (nb && ts.isNamespaceImport(nb)) add(declared, nb.name);
      if (nb && ts.isNamedImports(nb)) for (const el of nb.elements) add(declared, el.name);
      if (isRelative(n.moduleSpecifier) && clause && !clause.isTypeOnly) {
        if (clause.name) relative.set(clause.name.text, { spec: n.moduleSpecifier.text, name: 'default' });
        if (nb && ts.isNamedImports(nb)) for (const el of nb.elements) relative.set(el.name.text, { spec: n.moduleSpecifier.text, name: (el.propertyName ?? el.name).text });
      }
      if (!pkg || !shapes[pkg] || !clause || clause.isTypeOnly) return;
      if (clause.name) bound.set(clause.name.text, { pkg, value: 'module' });
      if (nb && ts.isNamespaceImport(nb)) bound.set(nb.name.text, { pkg, value: 'module' });
      if (nb && ts.isNamedImports(nb)) {
        for (const el of nb.elements) {
          const key = el.propertyName ?? el.name;
          if (el.isTypeOnly || !ts.isIdentifier(key)) continue;
          bound.set(el.name.text, { pkg, value: 'named', member: key.text });
          named.push({ pkg, name: key });
        }
      }
      return;
    }
    if (ts.isVariableDeclaration(n) && n.initializer) {
      const rel = relativeRequire(n.initializer);
      if (ts.isIdentifier(n.name)) {
        if (rel) relative.set(n.name.text, { spec: rel, name: 'default' });
        else inits.push({ name: n.name.text, init: n.initializer });
        if (exportStatement(n.parent.parent)) exportsAt.push({ name: n.name.text, value: n.name });
      } else if (ts.isObjectBindingPattern(n.name)) {
        const pkg = requireOf(n.initializer);
        for (const el of n.name.elements) {
          const key = el.propertyName ?? el.name;
          if (rel && ts.isIdentifier(key) && ts.isIdentifier(el.name) && !el.dotDotDotToken) relative.set(el.name.text, { spec: rel, name: key.text });
          if (!pkg || !shapes[pkg] || el.dotDotDotToken || !ts.isIdentifier(key)) continue;
          named.push({ pkg, name: key });
          if (ts.isIdentifier(el.name)) bound.set(el.name.text, { pkg, value: 'named', member: key.text });
        }
      }
    }
    if ((ts.isVariableDeclaration(n) || ts.isParameter(n) || ts.isBindingElement(n)) && ts.isIdentifier(n.name)) add(declared, n.name);
    if (ts.isParameter(n) && ts.isIdentifier(n.name)) paramAt.add(n.name.pos);
    if ((ts.isFunctionDeclaration(n) || ts.isClassDeclaration(n) || ts.isFunctionExpression(n) || ts.isClassExpression(n)) && n.name) add(declared, n.name);
    if (ts.isFunctionDeclaration(n) && n.name) functions.set(n.name.text, n);
    // `module.exports = …`, `exports.X = …`, `export default …`, `export { A as B }`
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isExpressionStatement(n.parent)) {
      const target = n.left.getText(sf);
      const m = /^(?:module\.exports|exports)(?:\.([A-Za-z_$][\w$]*))?$/.exec(target);
      if (m && (m[1] || target === 'module.exports')) {
        const value = unparen(n.right);
        if (!m[1] && ts.isObjectLiteralExpression(value)) {
          for (const p of value.properties) {
            if (ts.isShorthandPropertyAssignment(p)) exportsAt.push({ name: p.name.text, value: p.name });
            else if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name)) exportsAt.push({ name: p.name.text, value: p.initializer });
          }
        } else exportsAt.push({ name: m[1] ?? 'default', value });
      }
    }
    if (ts.isExportAssignment(n) && !n.isExportEquals) exportsAt.push({ name: 'default', value: n.expression });
    if (ts.isExportSpecifier(n) && !n.parent.parent.moduleSpecifier) exportsAt.push({ name: n.name.text, value: (n.propertyName ?? n.name) as ts.Identifier });
    if (ts.isImportEqualsDeclaration(n)) {
      add(declared, n.name);
      if (ts.isExternalModuleReference(n.moduleReference)) {
        const pkg = bareSpecifier(n.moduleReference.expression);
        if (pkg && shapes[pkg]) bound.set(n.name.text, { pkg, value: 'module' });
      }
    }
    if (ts.isIdentifier(n) && (isAssignment(n.parent, n) || ((ts.isPrefixUnaryExpression(n.parent) || ts.isPostfixUnaryExpression(n.parent)) && n.parent.operator !== ts.SyntaxKind.ExclamationToken))) add(assigned, n);
    if (ts.isCallExpression(n)) {
      calls.push(n);
      const pkg = requireOf(n);
      if (pkg) imported.add(pkg);
    }
    if (ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n)) fns.push(n);
    if (ts.isPropertyAccessExpression(n) && !ts.isPrivateIdentifier(n.name)) {
      accesses.push(n);
      if (isAssignment(n.parent, n) && ts.isIdentifier(n.expression)) written.add(`${n.expression.text}.${n.name.text}`);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);

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
