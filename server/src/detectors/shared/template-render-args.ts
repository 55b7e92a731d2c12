// Where the values a template writes raw come from, read in the workspace code that renders it (`res.render('invite',
// { messageid: 100 })`, meshcentral's `render(req, res, getRenderPage('invite', …), getRenderArgs({ … }))`; Python
// views in template-render-args-py): cheap text tests over the workspace's code, then one memoised parse of each file
// that renders a template by its name.
import { parseJs } from '../../core/parsers';
import type { ProjectService, WorkspaceIndex } from '../../core/services';
import { ts } from '../../core/ts';
import { namesOf } from './template-families';
import { PY_RENDERS, pyRenderFacts } from './template-render-args-py';
import { originOf, REQUEST, worst, type Origin } from './template-value-origin';

export type { Origin } from './template-value-origin';

/** Code that renders a template by name: `res.render('x'`, `ctx.render('x'`, `render(req, res, …)`, `renderFile('x'`, `compileFile('x'`. */
const RENDERS = /\.render(?:File)?\s*\(\s*['"`]|\brender(?:File|Template|View|Page)?\s*\(\s*(?:req\b|['"`])|\.compile(?:File)?\s*\(/;
/** A template compiled into a function (`const certPage = pug.compileFile(path.join(__dirname, 'cert_error.pug'))`). */
const COMPILES = /(?:^|\.)compile(?:File)?$/;
/** Per template a render call names (`invite`, `page.njk`), the worst origin of each value it passes; `*` for all. */
type RenderFacts = ReadonlyMap<string, ReadonlyMap<string, Origin>>;
const KEY = {};
const PY_KEY = {};
/** A template's name in a render call's arguments: the last path segment (`admin/users.ejs` → `users.ejs`). */
const nameKey = (s: string, t = s.replace(/^(?:\.\.?\/)+/, '')): string | undefined => (/^[\w][\w./-]{0,120}$/.test(t) ? t.split('/').pop() : undefined);

function facts(text: string, path: string): RenderFacts {
  const sf = parseJs(text, path, 'javascript');
  const decls = new Map<string, ts.Expression[]>();
  const funcs = new Map<string, ts.FunctionLikeDeclaration>();
  const assigned = new Map<string, Array<[string, ts.Expression]>>();
  const collect = (n: ts.Node): void => {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer) {
      decls.set(n.name.text, [...(decls.get(n.name.text) ?? []), n.initializer]);
      if (ts.isFunctionExpression(n.initializer) || ts.isArrowFunction(n.initializer)) funcs.set(n.name.text, n.initializer);
    }
    if (ts.isFunctionDeclaration(n) && n.name) funcs.set(n.name.text, n);
    // `args.title = …`, `args['title'] = …`: what a function fills in on an object it was given or made.
    // `page = 'default3'`: a name a variable given to a render call may hold.
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(n.left) && ts.isStringLiteralLike(n.right)) decls.set(n.left.text, [...(decls.get(n.left.text) ?? []), n.right]);
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && (ts.isPropertyAccessExpression(n.left) || ts.isElementAccessExpression(n.left)) && ts.isIdentifier(n.left.expression)) {
      const key = ts.isPropertyAccessExpression(n.left) ? n.left.name.text : ts.isStringLiteral(n.left.argumentExpression) ? n.left.argumentExpression.text : undefined;
      if (key) assigned.set(n.left.expression.text, [...(assigned.get(n.left.expression.text) ?? []), [key, n.right]]);
    }
    n.forEachChild(collect);
  };
  collect(sf);
  const origin = originOf(sf, decls);
  // The values a render call passes: object literals in its arguments (`getRenderArgs({ messageid: 1 }, req)` too), an
  // object named there and what the file assigns to its fields, and what a helper of the file given the object (or
  // making it) assigns to its parameter's fields (`function getRenderArgs(xargs) { xargs.title = … }`).
  const passed = (arg: ts.Expression, put: (key: string, o: Origin) => void, depth = 0): void => {
    if (depth > 3) return;
    const e = ts.isParenthesizedExpression(arg) || ts.isAsExpression(arg) ? arg.expression : arg;
    if (ts.isObjectLiteralExpression(e)) {
      for (const p of e.properties) {
        if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) put(p.name.text, origin(p.initializer));
        else if (ts.isShorthandPropertyAssignment(p)) put(p.name.text, origin(p.name));
        else if (ts.isSpreadAssignment(p)) put('*', origin(p.expression) === 'request' ? 'request' : 'unknown');
        else if (!ts.isSpreadAssignment(p)) put('*', 'unknown');
      }
    } else if (ts.isIdentifier(e)) {
      // A wrapper's own request and response (`render(req, res, page, args)`) are not the template's values.
      // Only an object the file builds (`const locals = { … }`, `locals.x = …`) says what is in it; `user`, `data` say nothing.
      if (/^(?:req|request|res|response|reply)$/.test(e.text)) return;
      for (const init of decls.get(e.text) ?? []) if (ts.isObjectLiteralExpression(init)) passed(init, put, depth + 1);
      for (const [key, value] of assigned.get(e.text) ?? []) put(key, origin(value));
    } else if (ts.isCallExpression(e)) {
      for (const a of e.arguments) if (ts.isObjectLiteralExpression(a)) passed(a, put, depth + 1);
      const fn = ts.isIdentifier(e.expression) ? funcs.get(e.expression.text) : undefined;
      const body = fn?.body;
      fn?.parameters.forEach((p) => body && ts.isIdentifier(p.name) && (assigned.get(p.name.text) ?? []).forEach(([key, value]) => value.pos >= body.pos && value.end <= body.end && put(key, origin(value))));
    } else if (!(ts.isPropertyAccessExpression(e) && /^(?:req|request|res|response|reply)$/.test(e.name.text))) put('*', REQUEST.test(e.getText(sf)) ? 'request' : 'unknown');
  };
  const out = new Map<string, Map<string, Origin>>();
  const visit = (n: ts.Node): void => {
    // A compiled template's function called with its values (anyproxy's `certPugFn({ title, explain })`): named where it was compiled.
    const compiled = ts.isCallExpression(n) && ts.isIdentifier(n.expression)
      ? (decls.get(n.expression.text) ?? []).find((d): d is ts.CallExpression => ts.isCallExpression(d) && COMPILES.test(d.expression.getText(sf))) : undefined;
    if (ts.isCallExpression(n) && ((/(?:^|\.)render(?:File|Template|View|Page)?$/.test(n.expression.getText(sf)) && n.arguments.length > 1) || (compiled && n.arguments.length > 0))) {
      const names = new Set<string>();
      const strings = (x: ts.Node): void => {
        if (ts.isStringLiteralLike(x)) { const k = nameKey(x.text); if (k) names.add(k); }
        else if (ts.isIdentifier(x)) (decls.get(x.text) ?? []).filter(ts.isStringLiteralLike).forEach(strings);
        // Only the call's own arguments and calls among them (`getRenderPage('invite', req)`), not the values' literals.
        else if (!ts.isObjectLiteralExpression(x)) x.forEachChild(strings);
      };
      (compiled?.arguments ?? n.arguments).forEach(strings);
      const values = new Map<string, Origin>();
      const put = (key: string, o: Origin) => values.set(key, worst(values.get(key) ?? 'const', o));
      for (const a of n.arguments) if (!ts.isStringLiteralLike(a)) passed(a, put);
      for (const name of names) {
        const into = out.get(name) ?? new Map<string, Origin>();
        for (const [k, o] of values) into.set(k, worst(into.get(k) ?? 'const', o));
        out.set(name, into);
      }
    }
    n.forEachChild(visit);
  };
  visit(sf);
  return out;
}

/**
 * What the workspace's rendering code passes in each value of the template at `path` (by the template's name in the
 * render call, `page.njk` naming no `page.hbs`): undefined when no render call names it (the template's own verdict
 * stands). Every call naming it counts, the worst origin winning.
 */
export function renderedValues(workspace: WorkspaceIndex | undefined, project: ProjectService | undefined, path: string, tick: () => void): ((name: string) => Origin | undefined) | undefined {
  const files = workspace?.files?.();
  if (!workspace || !files) return undefined;
  const names = namesOf(path);
  const quoted = new RegExp(`['"\`/](?:${names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?:\\.\\w+)?['"\`]`);
  const ext = /\.[^./]+$/.exec(path)?.[0] ?? '';
  const found: Array<ReadonlyMap<string, Origin>> = [];
  for (const file of files) {
    const python = file.endsWith('.py');
    if (!python && !/\.[cm]?[jt]sx?$/.test(file)) continue;
    tick();
    // Cheap tests first (a name of this template in quotes, a render call), so only the few files that render it
    // are parsed; a file past the index's size limit (meshcentral's webserver.js) is parsed here, not memoised.
    const text = project?.readFile(file);
    if (text === undefined || !names.some((n) => text.includes(n)) || !quoted.test(text) || !(python ? PY_RENDERS : RENDERS).test(text)) continue;
    const f = python
      ? workspace.derived(file, PY_KEY, (t) => pyRenderFacts(t)) ?? pyRenderFacts(text)
      : workspace.derived(file, KEY, (t, p) => facts(t, p)) ?? facts(text, file);
    for (const n of names) for (const key of [n, `${n}${ext}`]) if (f.has(key)) found.push(f.get(key)!);
  }
  if (!found.length) return undefined;
  return (name) => {
    let o: Origin | undefined;
    for (const f of found) for (const v of [f.get(name), f.get('*')]) if (v) o = o ? worst(o, v) : v;
    return o;
  };
}
