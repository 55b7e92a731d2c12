// Flags debug servers reachable from the network: Flask `app.run(host="0.0.0.0", debug=True)`, Werkzeug
// `run_simple("0.0.0.0", …, use_debugger=True)`, `debugpy.listen(("0.0.0.0", 5678))` — each is remote code execution.
import type { Node } from 'web-tree-sitter';
import type { Detector, DetectorContext } from '../../core/types';
import { pyArgs, pyCallee, pyNodes, pyNodesOf } from '../shared/py-nodes';

const ALL = /^[rbu]*["'](0\.0\.0\.0|::|\[::\])["']$/i;

export const pyBindAllInterfaces: Detector = {
  id: 'bind-all-interfaces',
  meta: {
    title: 'Debug or admin service bound to all interfaces',
    family: 'insecure-default',
    severity: 'error',
    confidence: 'high',
    cwe: ['CWE-1327', 'CWE-489'],
    testFiles: 'skip',
    needs: ['python', pyNodes.id],
  },
  languages: ['python'],
  keywords: ['0.0.0.0', '::'],
  run(ctx: DetectorContext) {
    const tree = ctx.python();
    if (!tree) return;
    for (const call of pyNodesOf(ctx, 'call')) {
      ctx.checkBudget();
      if (!call) continue;
      const callee = pyCallee(ctx, call);
      const { keywords, positional } = pyArgs(call);
      const kw = (n: string) => keywords.get(n);
      let host: Node | undefined;
      let what = '';
      if (/\.run$/.test(callee) && kw('debug')?.type === 'true') {
        host = kw('host') ?? (positional[0]?.type === 'string' ? positional[0] : undefined);
        what = 'the Werkzeug debugger (debug=True)';
      } else if (/(^|\.)run_simple$/.test(callee) && (kw('use_debugger')?.type === 'true' || kw('use_evalex')?.type === 'true')) {
        host = kw('hostname') ?? positional[0];
        what = 'the Werkzeug debugger';
      } else if (/^(debugpy|ptvsd)\.(listen|enable_attach)$/.test(callee)) {
        const target = kw('address') ?? positional[0];
        host = target?.type === 'tuple' ? target.namedChildren[0] ?? undefined : undefined;
        what = 'a remote Python debugger';
      }
      if (!host || host.type !== 'string' || !ALL.test(host.text)) continue;
      ctx.report({
        start: host.startIndex, end: host.endIndex,
        message: `Binding ${what} to all interfaces lets anyone on the network run code on this machine; bind to 127.0.0.1 or turn the debugger off.`,
      });
    }
  },
};
