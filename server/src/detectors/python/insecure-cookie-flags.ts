// Flags `set_cookie('session', ...)` without secure/httponly (Flask, Django, Starlette all default them off) and
// `SESSION_COOKIE_SECURE = False`-style settings outside dev/test settings files.
import type { Node } from 'web-tree-sitter';
import type { Detector, DetectorContext } from '../../core/types';
import { RULE_META } from '../shared/rule-meta';
import { pyCallee, pyNodes, pyNodesOf } from '../shared/py-nodes';

const SENSITIVE = /sess|sid$|token|auth|jwt|login|remember|refresh|access|csrf|xsrf|credential|identity/i;
const SETTINGS = /^(SESSION_COOKIE_SECURE|SESSION_COOKIE_HTTPONLY|CSRF_COOKIE_SECURE|REMEMBER_COOKIE_SECURE|REMEMBER_COOKIE_HTTPONLY)$/;
const DEV_SETTINGS = /(^|[/_.-])(dev|develop|development|local|test|tests|testing|ci)(\.py$|[/_.-])/i;

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
    const devFile = DEV_SETTINGS.test(ctx.path);
    const setting = (name: string, value: Node, at: Node) => {
      if (!SETTINGS.test(name) || value.type !== 'false' || devFile) return;
      ctx.report({
        start: at.startIndex, end: at.endIndex, confidence: 'high',
        message: `\`${name} = False\` lets the ${name.startsWith('CSRF') ? 'CSRF' : 'session'} cookie travel over plain HTTP or be read by scripts; set it to True in production settings.`,
        fix: { title: `Vouch: Set ${name} to True`, edits: [{ start: value.startIndex, end: value.endIndex, newText: 'True' }] },
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
      const name = unquote(kw.get('key') ?? positional[0]);
      const value = unquote(kw.get('value') ?? positional[1]);
      if (!SENSITIVE.test(name) && !SENSITIVE.test(value)) continue;
      const missing: string[] = [];
      for (const flag of ['secure', 'httponly']) {
        const v = kw.get(flag);
        if (!v || v.type === 'false' || v.type === 'none') missing.push(flag);
      }
      if (!missing.length) continue;
      ctx.report({
        start: node.startIndex, end: node.endIndex,
        message: `The session cookie \`${name || value}\` is set without ${missing.map((m) => `${m}=True`).join(' and ')}, so it can leak over plain HTTP or to injected scripts.`,
      });
    }
  },
};
