// Flags CORS that allows credentials from any origin: Starlette/FastAPI `CORSMiddleware(allow_origins=["*"],
// allow_credentials=True)`, flask-cors `CORS(app, supports_credentials=True)` with default origins, django-cors-headers.
import type { Node } from 'web-tree-sitter';
import type { Detector, DetectorContext } from '../../core/types';
import { RULE_META } from '../shared/rule-meta';
import { pyArgs, pyCallee, pyNodes, pyNodesOf } from '../shared/py-nodes';

/** `"*"`, `["*"]`, `r".*"`: every origin. */
function isWildcard(v: Node | undefined): boolean {
  if (!v) return false;
  const t = v.text.replace(/\s/g, '');
  return /^[rRuU]?(["'])(\*|\.\*|\^\.\*\$?|https?:\/\/\.\*)\1$/.test(t) || /^[[(]([rRuU]?(["'])\*\2,?)[\])]$/.test(t);
}

const MESSAGE = 'CORS allows credentials from any origin, so any website can make authenticated requests as the user and read the responses.';

export const pyCorsWildcardWithCredentials: Detector = {
  id: 'cors-wildcard-with-credentials',
  meta: { ...RULE_META['cors-wildcard-with-credentials'], needs: ['python', pyNodes.id] },
  languages: ['python'],
  keywords: ['credentials'],
  run(ctx: DetectorContext) {
    const tree = ctx.python();
    if (!tree) return;
    let allowAll: Node | undefined;
    let djangoCredentials = false;
    for (const node of pyNodesOf(ctx, 'call', 'assignment')) {
      ctx.checkBudget();
      if (!node) continue;
      if (node.type === 'assignment') {
        const name = node.childForFieldName('left')?.text;
        const right = node.childForFieldName('right');
        if (right?.type !== 'true') continue;
        if (name === 'CORS_ALLOW_ALL_ORIGINS' || name === 'CORS_ORIGIN_ALLOW_ALL') allowAll = node;
        if (name === 'CORS_ALLOW_CREDENTIALS') djangoCredentials = true;
        continue;
      }
      const callee = pyCallee(ctx, node);
      // Only these calls matter (their callee, or `CORSMiddleware` passed on): the others' arguments are not read (WASM calls).
      if (!/CORS|cross_origin/.test(callee) && !node.text.includes('CORSMiddleware')) continue;
      const args = node.childForFieldName('arguments')?.namedChildren ?? [];
      const kw = pyArgs(node).keywords;
      const middleware = args.some((a) => a?.type === 'identifier' && a.text === 'CORSMiddleware') || /(^|\.)CORSMiddleware$/.test(callee);
      if (middleware && kw.get('allow_credentials')?.type === 'true') {
        const origins = kw.get('allow_origins');
        const regex = kw.get('allow_origin_regex');
        const bad = isWildcard(origins) ? origins : isWildcard(regex) ? regex : undefined;
        if (bad) ctx.report({ start: bad.parent!.startIndex, end: bad.parent!.endIndex, message: MESSAGE });
      } else if (/(^|\.)(CORS|cross_origin)$/.test(callee) && kw.get('supports_credentials')?.type === 'true') {
        // flask-cors defaults `origins` to "*"; an explicit list (or resources=) is the fix.
        const origins = kw.get('origins') ?? kw.get('resources');
        if (origins && !isWildcard(origins)) continue;
        const at = origins?.parent ?? kw.get('supports_credentials')!.parent!;
        ctx.report({ start: at.startIndex, end: at.endIndex, message: MESSAGE, confidence: origins ? undefined : 'medium' });
      }
    }
    if (allowAll && djangoCredentials) ctx.report({ start: allowAll.startIndex, end: allowAll.endIndex, message: MESSAGE });
  },
};
