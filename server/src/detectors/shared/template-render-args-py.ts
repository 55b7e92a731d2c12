// The Python half of template-render-args: what a view passes to the template it renders by name (Django's
// `render(request, 'page.html', ctx)` and `render_to_string`, Flask's `render_template('page.html', k=v)`, Tornado's
// `self.render('page.html', k=v)`), read from one parse of each file that names the template in a render call.
import type { Node } from 'web-tree-sitter';
import { parsePython } from '../../core/parsers';
import { worst, type Origin } from './template-value-origin';

/** Per template a render call names, the worst origin of each value it passes (`*`: every value). */
export type PyRenderFacts = ReadonlyMap<string, ReadonlyMap<string, Origin>>;

/** A Python call that renders a template file by name (not `render_template_string`, whose template is the string). */
export const PY_RENDERS = /\b(?:render|render_template|render_to_string|render_to_response|TemplateResponse)\s*\(/;
const RENDER_CALLEE = /(?:^|\.)(?:render|render_template|render_to_string|render_to_response|TemplateResponse)$/;
/** The request: `request.GET`, `self.request.arguments`, `req.args`. */
const REQUEST = /^(?:self\.)?(?:req|request)\b/;
/** The deployment's settings: `settings.X`, `self.settings[…]`, `app.config[…]`, `current_app.config`, `config.get(…)`. */
const SETTING = /^(?:self\.)?(?:settings|app_settings|config)\b|^(?:\w+\.)*(?:app|current_app)\.config\b/;
/** Calls whose result carries no markup, or keeps the origin of their first argument. */
const ENCODER = /^(?:int|float|len|bool|round|(?:html\.|markupsafe\.|cgi\.)?escape|escapejs|(?:urllib\.parse\.)?(?:quote|quote_plus|urlencode))$/;
const KEEPS = /^(?:(?:json\.)?dumps|str|(?:\w+\.)?(?:strip|lower|upper|format|join))$/;
const LITERAL = new Set(['string', 'integer', 'float', 'true', 'false', 'none', 'concatenated_string']);

const unquote = (s: string) => s.replace(/^[rbuRBU]*(['"]{1,3})([^]*)\1$/, '$2');
const nameKey = (s: string): string | undefined => (/^[\w][\w./-]{0,120}$/.test(s) ? s.split('/').pop() : undefined);

export function pyRenderFacts(text: string): PyRenderFacts {
  const tree = parsePython(text);
  if (!tree) return new Map();
  try {
    const assigned = new Map<string, Node[]>();
    const fields = new Map<string, Array<[string, Node]>>();
    const calls: Node[] = [];
    // Names also bound by something other than a plain assignment (a parameter, a loop or `with` target, `+=`, an
    // unpacking): their value is not the assignments' alone.
    const opaque = new Set<string>();
    // What `+=` adds to a name (`summary += request.GET['q']`): the request in it is the request's, whatever the rest is.
    const grown = new Map<string, Node[]>();
    const bind = (x: Node | null | undefined) => {
      if (x?.type === 'identifier') opaque.add(x.text);
      else for (const c of x?.namedChildren ?? []) if (c && /^(?:identifier|pattern_list|tuple_pattern|list_pattern|typed_parameter|default_parameter|typed_default_parameter|list_splat_pattern|dictionary_splat_pattern)$/.test(c.type)) bind(c.type.includes('parameter') ? c.childForFieldName('name') ?? c.namedChildren[0] : c);
    };
    const visit = (n: Node): void => {
      if (n.type === 'parameters' || n.type === 'lambda_parameters') bind(n);
      else if (['for_statement', 'for_in_clause'].includes(n.type)) bind(n.childForFieldName('left'));
      else if (n.type === 'augmented_assignment' || (n.type === 'assignment' && /pattern/.test(n.childForFieldName('left')?.type ?? ''))) bind(n.childForFieldName('left'));
      else if (n.type === 'as_pattern_target' || n.type === 'named_expression') bind(n.type === 'named_expression' ? n.childForFieldName('name') : n.namedChildren[0]);
      if (n.type === 'augmented_assignment' && n.childForFieldName('left')?.type === 'identifier' && n.childForFieldName('right')) grown.set(n.childForFieldName('left')!.text, [...(grown.get(n.childForFieldName('left')!.text) ?? []), n.childForFieldName('right')!]);
      if (n.type === 'assignment') {
        const left = n.childForFieldName('left');
        const right = n.childForFieldName('right');
        if (left?.type === 'identifier' && right) assigned.set(left.text, [...(assigned.get(left.text) ?? []), right]);
        // `ctx['title'] = …`: what the view fills in on a context it built.
        const obj = left?.type === 'subscript' ? left.childForFieldName('value') : undefined;
        const key = left?.type === 'subscript' ? left.childForFieldName('subscript') : undefined;
        if (obj?.type === 'identifier' && key?.type === 'string' && right) fields.set(obj.text, [...(fields.get(obj.text) ?? []), [unquote(key.text), right]]);
      }
      if (n.type === 'call' && RENDER_CALLEE.test(n.childForFieldName('function')?.text ?? '')) calls.push(n);
      for (const c of n.namedChildren) if (c) visit(c);
    };
    visit(tree.rootNode);
    const seen = new Set<string>();
    const origin = (e: Node | null | undefined, depth = 0): Origin => {
      if (!e || depth > 8) return 'unknown';
      const next = (x: Node | null | undefined) => origin(x, depth + 1);
      const all = (xs: Array<Node | null>) => xs.reduce<Origin>((o, x) => worst(o, next(x)), 'const');
      if (LITERAL.has(e.type)) return e.type === 'string' && e.namedChildren.some((c) => c?.type === 'interpolation') ? all(e.namedChildren.filter((c) => c?.type === 'interpolation')) : 'const';
      if (e.type === 'interpolation' || e.type === 'parenthesized_expression') return next(e.namedChildren[0]);
      if (['binary_operator', 'boolean_operator'].includes(e.type)) return worst(next(e.childForFieldName('left')), next(e.childForFieldName('right')));
      if (e.type === 'conditional_expression') return worst(next(e.namedChildren[0]), next(e.namedChildren[2]));
      if (['list', 'tuple', 'set'].includes(e.type)) return all(e.namedChildren);
      if (e.type === 'dictionary') return all(e.namedChildren.map((p) => (p?.type === 'pair' ? p.childForFieldName('value') : p)));
      const t = e.text;
      if (REQUEST.test(t)) return 'request';
      if (e.type === 'call') {
        const callee = e.childForFieldName('function')?.text ?? '';
        const args = (e.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => !!a && a.type !== 'keyword_argument');
        if (ENCODER.test(callee)) return 'const';
        if (KEEPS.test(callee)) return all([...args, ...(callee.includes('.') && !callee.startsWith('json.') ? [e.childForFieldName('function')!.childForFieldName('object')] : [])]);
        // `settings.get('X', {})`: a setting read through a method.
        return SETTING.test(callee) ? 'server' : 'unknown';
      }
      if (SETTING.test(t)) return 'server';
      if (e.type === 'attribute' || e.type === 'subscript') {
        // `opts.title` where `opts = settings.PERSONA`: the root's origin, when it is the request's or the settings'.
        let root: Node | null = e;
        while (root && (root.type === 'attribute' || root.type === 'subscript')) root = root.childForFieldName(root.type === 'attribute' ? 'object' : 'value');
        const of = root?.type === 'identifier' ? next(root) : 'unknown';
        return of === 'request' || of === 'server' ? of : 'unknown';
      }
      if (e.type === 'identifier') {
        const inits = assigned.get(t);
        if (seen.has(t)) return 'unknown';
        if (!inits || opaque.has(t)) return (grown.get(t) ?? []).some((g) => next(g) === 'request') ? 'request' : 'unknown';
        seen.add(t);
        const o = all(inits);
        seen.delete(t);
        return o;
      }
      return 'unknown';
    };
    const out = new Map<string, Map<string, Origin>>();
    for (const call of calls) {
      const args = (call.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => !!a);
      const named = (k: string) => args.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === k)?.childForFieldName('value');
      const template = named('template_name') ?? args.find((a) => a.type === 'string');
      const key = template?.type === 'string' ? nameKey(unquote(template.text)) : undefined;
      if (!key) continue;
      const values = out.get(key) ?? new Map<string, Origin>();
      const put = (k: string, o: Origin) => values.set(k, worst(values.get(k) ?? 'const', o));
      const context = (d: Node | null | undefined): void => {
        if (d?.type === 'dictionary') {
          for (const p of d.namedChildren) {
            const k = p?.type === 'pair' ? p.childForFieldName('key') : undefined;
            if (k?.type === 'string') put(unquote(k.text), origin(p!.childForFieldName('value')));
            else put('*', 'unknown');
          }
        } else if (d?.type === 'identifier' && !REQUEST.test(d.text) && !opaque.has(d.text)) {
          const inits = assigned.get(d.text) ?? [];
          inits.forEach((i) => (i.type === 'dictionary' ? context(i) : put('*', 'unknown')));
          for (const [k, v] of fields.get(d.text) ?? []) put(k, origin(v));
          if (!inits.length) put('*', 'unknown');
        } else if (d) put('*', 'unknown');
      };
      for (const a of args) {
        if (a === template || (a.type === 'identifier' && REQUEST.test(a.text))) continue;
        if (a.type === 'keyword_argument') {
          const k = a.childForFieldName('name')?.text ?? '';
          if (k === 'context' || k === 'dictionary') context(a.childForFieldName('value'));
          else if (!['request', 'status', 'content_type', 'using', 'template_name'].includes(k)) put(k, origin(a.childForFieldName('value')));
        } else if (a.type === 'dictionary_splat' || a.type === 'list_splat') put('*', 'unknown');
        else context(a);
      }
      out.set(key, values);
    }
    return out;
  } finally {
    tree.delete();
  }
}
