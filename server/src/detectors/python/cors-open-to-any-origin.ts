// Flags CORS open to every origin on an app that authenticates users: Flask-CORS `CORS(app)` with no origins
// (or `origins="*"`), Starlette/FastAPI `CORSMiddleware(allow_origins=["*"])`, in a file that uses flask_login,
// JWT or another auth module. Credentials on is cors-wildcard-with-credentials' finding, not this one.
import type { Node } from 'web-tree-sitter';
import type { Detector, DetectorContext } from '../../core/types';
import { RULE_META } from '../shared/rule-meta';
import { pyArgs, pyCallee, pyNodes, pyNodesOf } from '../shared/py-nodes';
import signals from '../../../../rules/web-app-signals/signals.json';

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const AUTH_IMPORT = new RegExp(`^[ \\t]*(?:from|import)[ \\t]+(${signals.auth.python.packages.map(esc).join('|')})\\b`, 'm');
/** `@login_required`, `@jwt_required()`, `Depends(get_current_user)`, `flask_login.login_required` (comments are dropped first). */
const AUTH_USE = new RegExp(`\\b(${signals.auth.python.middleware.map(esc).join('|')})\\b`);
const AUTH_HEADER = /headers(?:\.get\(|\[)[ \t]*[rbu]?["']authorization["']|HTTP_AUTHORIZATION/i;
const WILDCARD = /^[rRuU]?(["'])(\*|\.\*)\1$|^[[(][rRuU]?(["'])\*\3,?[\])]$/;
const RESOURCE_WILDCARD = /["']origins["'][ \t]*:[ \t]*(?:\[[ \t]*)?["']\*["']/;

/** Why the file's app authenticates users, or undefined. */
function authEvidence(text: string): string | undefined {
  const code = text.replace(/#[^\n]*/g, '');
  const m = AUTH_IMPORT.exec(code) ?? AUTH_USE.exec(code);
  return m ? `\`${m[1]}\`` : AUTH_HEADER.test(code) ? 'the `Authorization` header' : undefined;
}

export const pyCorsOpenToAnyOrigin: Detector = {
  id: 'cors-open-to-any-origin',
  meta: { ...RULE_META['cors-open-to-any-origin'], needs: ['python', pyNodes.id] },
  languages: ['python'],
  keywords: ['cors'],
  run(ctx: DetectorContext) {
    const tree = ctx.python();
    if (!tree) return;
    for (const call of pyNodesOf(ctx, 'call')) {
      ctx.checkBudget();
      const callee = pyCallee(ctx, call);
      const { keywords: kw, positional } = pyArgs(call);
      let at: Node | undefined;
      let kind = 'any-origin';
      // `CORS()` alone is a factory: `init_app(app, origins=…)` elsewhere may configure it.
      if (/^(?:flask_cors\.)?CORS$/.test(callee) && positional.length) {
        // flask-cors defaults every resource to origins "*"; credentials on is the other rule's.
        if (kw.get('supports_credentials')?.type === 'true') continue;
        const origins = kw.get('origins');
        const resources = kw.get('resources');
        if (origins ? WILDCARD.test(origins.text.replace(/\s/g, '')) : !resources || RESOURCE_WILDCARD.test(resources.text)) at = call;
        if (!origins && !resources) kind = 'default-origin';
      } else if (/\.add_middleware$/.test(callee) && /(?:^|\.)CORSMiddleware$/.test(call.childForFieldName('arguments')?.namedChildren[0]?.text ?? '')) {
        if (kw.get('allow_credentials')?.type === 'true') continue;
        const origins = kw.get('allow_origins') ?? kw.get('allow_origin_regex');
        if (origins && WILDCARD.test(origins.text.replace(/\s/g, ''))) at = origins.parent ?? undefined;
      }
      if (!at) continue;
      const why = authEvidence(ctx.text);
      if (!why) return;
      ctx.report({
        start: at.startIndex, end: at.endIndex, kind, confidence: 'low',
        message: `CORS is open to every origin on an app that authenticates users (it uses ${why}), so any website can call this API from its visitors' browsers and read the answers; list the front-end origins that need it.`,
      });
      return;
    }
  },
};
