// Flags debug mode left on: Flask `app.run(debug=True)` / `app.debug = True` / `app.config["DEBUG"] = True`,
// FastAPI/Starlette `debug=True`, Django `DEBUG = True` in non-dev settings. Debug pages leak code and secrets.
import type { Node } from 'web-tree-sitter';
import type { Detector, DetectorContext } from '../../core/types';
import { RULE_META } from '../shared/rule-meta';
import { pyCallee, pyNodes, pyNodesOf } from '../shared/py-nodes';

const DEV_FILE = /(^|[/_.-])(dev|develop|development|local|test|tests|testing|ci|debug|bench|benchmarks?|examples?|demos?)(\.py$|[/_.-])|(^|\/)(manage|conftest)\.py$/i;
const SETTINGS_FILE = /(^|\/)(settings|config|production|prod|base)\.py$|\/settings\/[^/]+\.py$/;
const APP_NAMES = /^(app|application|server|api|flask_app|self\.app)$/;

const unquote = (n: Node | null | undefined) => (n?.text ?? '').replace(/^[rbu]*["']|["']$/gi, '');

export const pyDebugModeEnabled: Detector = {
  id: 'debug-mode-enabled',
  meta: { ...RULE_META['debug-mode-enabled'], needs: ['python', pyNodes.id] },
  languages: ['python'],
  keywords: ['debug'],
  run(ctx: DetectorContext) {
    if (DEV_FILE.test(ctx.path)) return;
    const tree = ctx.python();
    if (!tree) return;
    const flask = /flask|socketio|werkzeug/i.test(ctx.text);
    const report = (n: Node, message: string, confidence?: 'medium') => ctx.report({ start: n.startIndex, end: n.endIndex, message, confidence });
    for (const node of pyNodesOf(ctx, 'call', 'assignment')) {
      ctx.checkBudget();
      if (!node) continue;
      if (node.type === 'call') {
        const callee = pyCallee(ctx, node);
        // Only the callees below matter: the others' arguments are not read (WASM calls).
        if (!/\.run$|(^|\.)(FastAPI|Starlette|Quart|Sanic)$|run_simple$|\.config\.(update|from_mapping)$/.test(callee)) continue;
        for (const arg of node.childForFieldName('arguments')?.namedChildren ?? []) {
          if (arg?.type !== 'keyword_argument' || arg.childForFieldName('value')?.type !== 'true') continue;
          const name = arg.childForFieldName('name')?.text;
          if (name === 'debug' && flask && /\.run$/.test(callee)) {
            // Usually under `if __name__ == "__main__"`, but that is exactly how many apps are deployed.
            report(arg, '`debug=True` turns on the Werkzeug debugger, which runs arbitrary Python for anyone who can reach the server; drive it from an environment variable.', 'medium');
          } else if (name === 'debug' && /(^|\.)(FastAPI|Starlette|Quart|Sanic)$/.test(callee)) {
            report(arg, '`debug=True` returns tracebacks with code and local values to every client; drive it from an environment variable.');
          } else if ((name === 'use_debugger' || name === 'use_evalex') && /run_simple$/.test(callee)) {
            report(arg, `\`${name}=True\` exposes the interactive Werkzeug debugger, which runs arbitrary Python for anyone who can reach it.`);
          } else if (name === 'DEBUG' && /\.config\.(update|from_mapping)$/.test(callee)) {
            report(arg, '`DEBUG=True` in the Flask config turns on the interactive debugger and detailed error pages; drive it from an environment variable.');
          }
        }
        continue;
      }
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (!left || right?.type !== 'true') continue;
      if (left.type === 'identifier' && left.text === 'DEBUG' && SETTINGS_FILE.test(ctx.path) && node.parent?.parent?.type === 'module') {
        report(node, '`DEBUG = True` in Django settings shows stack traces, settings and SQL to every visitor; read it from the environment (default False).');
      } else if (left.type === 'attribute' && left.childForFieldName('attribute')?.text === 'debug' && APP_NAMES.test(left.childForFieldName('object')?.text ?? '') && flask) {
        report(node, '`app.debug = True` turns on the Werkzeug debugger and detailed error pages; drive it from an environment variable.');
      } else if (left.type === 'subscript' && /\.config$/.test(left.childForFieldName('value')?.text ?? '') && unquote(left.childForFieldName('subscript')) === 'DEBUG') {
        report(node, '`config["DEBUG"] = True` turns on the interactive debugger and detailed error pages; drive it from an environment variable.');
      }
    }
  },
};
