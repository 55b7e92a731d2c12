// Flags Sequelize clients that log every SQL statement: the default (`logging` unset is `console.log`),
// `logging: console.log`/`true`, and `logQueryParameters: true`. Every README example leaves the
// default, so emails, tokens and personal data in WHERE clauses and values end up in the logs.
import { ts } from '../../core/ts';
import type { Detector, DetectorContext, Fix } from '../../core/types';
import { JS_LIKE } from '../../core/languages';
import { walkJsKinds } from '../shared/js-nodes';
import { RULE_META } from '../shared/rule-meta';

const SEQUELIZE = /['"](?:sequelize|@sequelize\/core|sequelize-typescript)['"]/;
/** `logging: console.log`, `logging: true`: every statement to the console. */
const CONSOLE = /^(?:console\.(?:log|info|debug)|true)$/;

/** Where the options object sits: `(uri)`, `(options)`, `(uri, options)`, `(db, user, pass)`, `(db, user, pass, options)`. */
function optionsOf(args: readonly ts.Expression[]): ts.Expression | null | undefined {
  if (args.length === 1) return ts.isObjectLiteralExpression(args[0]) ? args[0] : null;
  if (args.length === 2) return args[1];
  if (args.length === 3) return null;
  return args.length === 4 ? args[3] : undefined;
}

export const queryLoggingEnabled: Detector = {
  id: 'query-logging-enabled',
  meta: { ...RULE_META['query-logging-enabled'], needs: ['js', 'js-nodes'] },
  languages: JS_LIKE,
  keywords: ['sequelize'],
  run(ctx: DetectorContext) {
    const sf = ctx.js();
    if (!sf || !SEQUELIZE.test(ctx.text) || /\.options\.logging\s*=[^=]/.test(ctx.text)) return;
    walkJsKinds(ctx, [ts.SyntaxKind.NewExpression], (node) => {
      if (!ts.isNewExpression(node) || !/^(?:Sequelize|sequelize\.Sequelize)$/.test(node.expression.getText(sf))) return;
      const opts = optionsOf(node.arguments ?? []);
      // Options in a variable or built elsewhere (a config file's `logging: false`) are not visible.
      if (opts === undefined || (opts && !ts.isObjectLiteralExpression(opts))) return;
      let logging: ts.Expression | undefined;
      let parameters: ts.Expression | undefined;
      for (const p of opts?.properties ?? []) {
        if (!ts.isPropertyAssignment(p)) return;
        const key = ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) ? p.name.text : '';
        if (key === 'logging') logging = p.initializer;
        if (key === 'logQueryParameters') parameters = p.initializer;
      }
      const toConsole = logging && CONSOLE.test(logging.getText(sf));
      const withValues = parameters?.kind === ts.SyntaxKind.TrueKeyword && (!logging || logging.kind !== ts.SyntaxKind.FalseKeyword);
      if (logging && !toConsole && !withValues) return;
      const fix: Fix | undefined = logging && toConsole
        ? { title: 'Vouch: Turn query logging off', edits: [{ start: logging.getStart(sf), end: logging.end, newText: 'false' }] }
        : undefined;
      ctx.report({
        start: node.getStart(sf), end: node.end, fix,
        kind: withValues ? 'sequelize-parameters' : logging ? 'sequelize-console' : 'sequelize-default',
        // Sequelize's statements carry only the values written into them (bound parameters stay out unless asked for).
        confidence: withValues ? 'medium' : 'low',
        message: withValues
          ? 'This Sequelize client logs every query with its bound parameters (`logQueryParameters: true`), so passwords, tokens and personal data are copied into the logs; turn it off outside development.'
          : `This Sequelize client logs every SQL statement to the console (${logging ? `\`logging: ${logging.getText(sf)}\`` : 'its default when `logging` is not set'}), with the values written into it — emails, tokens, personal data; pass \`logging: false\` or a logger that keeps only the statement's shape.`,
      });
    });
  },
};
