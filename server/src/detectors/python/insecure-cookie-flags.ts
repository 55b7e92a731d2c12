// Flags `set_cookie('session', ...)` without secure/httponly (Flask, Django, Starlette all default them off) and
// `SESSION_COOKIE_SECURE = False`-style settings (Flask, Django, Flask-Login) outside dev/test settings files,
// `if DEBUG:` branches and the frameworks' own default settings.
import type { Node } from 'web-tree-sitter';
import type { Detector, DetectorContext } from '../../core/types';
import { RULE_META } from '../shared/rule-meta';
import { pyCallee, pyNodes, pyNodesOf } from '../shared/py-nodes';

const SENSITIVE = /sess|sid$|token|auth|jwt|login|remember|refresh|access|csrf|xsrf|credential|identity/i;
const SETTINGS = /^(SESSION_COOKIE_SECURE|SESSION_COOKIE_HTTPONLY|SESSION_COOKIE_SAMESITE|CSRF_COOKIE_SECURE|CSRF_COOKIE_HTTPONLY|CSRF_COOKIE_SAMESITE|REMEMBER_COOKIE_SECURE|REMEMBER_COOKIE_HTTPONLY)$/;
const FALCON = /^[ \t]*(?:import|from)[ \t]+falcon\b/m;
const DEV_SETTINGS = /(^|[/_.-])(dev|develop|development|local|test|tests|testing|ci)(\.py$|[/_.-])/i;
/** The frameworks' own defaults (Django's global settings, Flask's `default_config`), which projects override. */
const FRAMEWORK_DEFAULTS = /(^|\/)((django\/)?conf\/global_settings|flask\/app|flask\/sansio\/app)\.py$/;
/** A branch only development or tests take: `if DEBUG:`, `if settings.TESTING:`, `if ENV == "local":`. */
const DEV_BRANCH = /\b(DEBUG|TESTING|TEST|LOCAL|DEV|DEVELOPMENT)\b|\b(debug|testing|development|local|dev)\b/;

/** Whether the setting sits under an `if` (or its `else`) that tests for a development or test run. */
function inDevBranch(node: Node): boolean {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === 'if_statement' && DEV_BRANCH.test(n.childForFieldName('condition')?.text ?? '')) return true;
    if (n.type === 'function_definition' || n.type === 'class_definition') return false;
  }
  return false;
}

/** A key of the mapping a framework's app class starts from (`default_config = ImmutableDict({...})`), wherever the file lives. */
function inDefaultConfig(node: Node): boolean {
  for (let n = node.parent, i = 0; n && i < 5; n = n.parent, i++) {
    if (n.type === 'assignment') return /^(?:[\w.]*\.)?(?:default_config|default_settings|defaults)$/i.test(n.childForFieldName('left')?.text ?? '');
  }
  return false;
}

function unquote(n: Node | null | undefined): string {
  if (!n) return '';
  if (n.type === 'string') return n.namedChildren.filter((c) => c?.type === 'string_content').map((c) => c!.text).join('');
  return n.text.split('.').pop() ?? '';
}

export const pyInsecureCookieFlags: Detector = {
  id: 'insecure-cookie-flags',
  meta: { ...RULE_META['insecure-cookie-flags'], needs: ['python', pyNodes.id] },
  languages: ['python'],
  keywords: ['cookie'],
  run(ctx: DetectorContext) {
    const tree = ctx.python();
    if (!tree) return;
    const devFile = DEV_SETTINGS.test(ctx.path) || FRAMEWORK_DEFAULTS.test(ctx.path);
    const setting = (name: string, value: Node, at: Node) => {
      if (!SETTINGS.test(name) || value.type !== 'false' || devFile || inDevBranch(at) || inDefaultConfig(at)) return;
      ctx.report({
        start: at.startIndex, end: at.endIndex, confidence: 'high', kind: 'setting-off',
        message: `\`${name} = False\` ${name.endsWith('SAMESITE') ? 'sends' : 'lets'} the ${name.startsWith('CSRF') ? 'CSRF' : 'session'} cookie ${name.endsWith('SAMESITE') ? 'with cross-site requests' : 'travel over plain HTTP or be read by scripts'}; set it to ${name.endsWith('SAMESITE') ? '"Lax"' : 'True'} in production settings.`,
        fix: { title: `Vouch: Set ${name} to ${name.endsWith('SAMESITE') ? '"Lax"' : 'True'}`, edits: [{ start: value.startIndex, end: value.endIndex, newText: name.endsWith('SAMESITE') ? '"Lax"' : 'True' }] },
      });
    };
    for (const node of pyNodesOf(ctx, 'call', 'assignment', 'pair')) {
      ctx.checkBudget();
      if (!node) continue;
      if (node.type === 'assignment') {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (!left || !right) continue;
        const name = left.type === 'subscript' ? unquote(left.childForFieldName('subscript')) : left.text;
        setting(name, right, node);
        continue;
      }
      if (node.type === 'pair') {
        const key = node.childForFieldName('key');
        const value = node.childForFieldName('value');
        if (key?.type === 'string' && value) setting(unquote(key), value, node);
        continue;
      }
      const callee = pyCallee(ctx, node);
      // Only `….set_cookie(…)` and calls with a setting's keyword (every name in SETTINGS says `_COOKIE_`) matter: the others' arguments are not read (WASM calls).
      if (!/\.set_cookie$/.test(callee) && !node.text.includes('_COOKIE_')) continue;
      const args = node.childForFieldName('arguments')?.namedChildren.filter((a): a is Node => !!a) ?? [];
      const kw = new Map<string, Node>();
      for (const a of args) {
        if (a.type !== 'keyword_argument') continue;
        const n = a.childForFieldName('name')!.text;
        const v = a.childForFieldName('value')!;
        kw.set(n, v);
        setting(n, v, a);
      }
      if (!/\.set_cookie$/.test(callee) || args.some((a) => a.type === 'dictionary_splat')) continue;
      const positional = args.filter((a) => a.type !== 'keyword_argument');
      // `utils.set_cookie(response, key, …)`, `self.hub_auth.set_cookie(self, token)`: a project helper handed the
      // response or the request handler (JupyterHub's HubOAuth), not Django's, Flask's or Tornado's signature.
      if (positional[0]?.type === 'identifier' && /^(?:r|res|resp|response|http_?response|self|handler|request_?handler|req|request)$/i.test(positional[0].text)) continue;
      const name = unquote(kw.get('key') ?? positional[0]);
      const value = unquote(kw.get('value') ?? positional[1]);
      if (!SENSITIVE.test(name) && !SENSITIVE.test(value)) continue;
      // A cookie cleared with an empty value carries nothing to steal (`set_cookie(name, value="", expires=0)`).
      const valueNode = kw.get('value') ?? positional[1];
      if (valueNode?.type === 'none' || /^[bu]?(?:""|'')$/i.test(valueNode?.text ?? '-')) continue;
      // A double-submit CSRF cookie is read by the page's own script: only `secure` counts for it.
      const csrf = /csrf|xsrf/i.test(name);
      // Falcon spells it `http_only=` and turns both flags on when they are left out (or None): hug's session middleware.
      const falcon = kw.has('http_only') || kw.has('same_site') || FALCON.test(ctx.text);
      const missing: string[] = [];
      for (const flag of csrf ? ['secure'] : ['secure', 'httponly']) {
        const v = kw.get(flag) ?? (flag === 'httponly' ? kw.get('http_only') : undefined);
        if (v ? v.type === 'false' || (v.type === 'none' && !falcon) : !falcon) missing.push(flag);
      }
      if (!missing.length) continue;
      ctx.report({
        start: node.startIndex, end: node.endIndex,
        message: `The session cookie \`${name || value}\` is set without ${missing.map((m) => `${m}=True`).join(' and ')}, so it can leak over plain HTTP or to injected scripts.`,
      });
    }
  },
};
