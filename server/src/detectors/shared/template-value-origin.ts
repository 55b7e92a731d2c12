// Where a value a server passes to a template comes from, read from the expression that makes it: constants, numbers
// and encoders (no markup can be in them), the deployment's settings, the request, or anything else.
import { ts } from '../../core/ts';

/** Built from constants, numbers or encoders; from the server's own settings; from the request; anything else. */
export type Origin = 'const' | 'server' | 'request' | 'unknown';
const RANK: Record<Origin, number> = { const: 0, server: 1, unknown: 2, request: 3 };
export const worst = (a: Origin, b: Origin): Origin => (RANK[a] >= RANK[b] ? a : b);

/** Text that reads the request: `req.query.x`, `request.body`, `ctx.params`, `ctx.request.headers`. */
export const REQUEST = /^(?:req|request)\b|\.(?:query|body|params|cookies|signedCookies|headers|originalUrl|hostname)\b/;
/** The deployment's settings: `config.title`, `args.port`, `settings.x`, `process.env.X`, `siteOptions.y`. */
const SETTING = /^(?:(?:config|conf|cfg|configuration|settings|options|opts|args|argv|env)\b|process\.env\b|\w+(?:Config|Settings|Options)\b)|\.(?:config|settings|args)\./;
/** Calls whose result cannot carry markup: encoders, numbers, time. */
const ENCODER = /^(?:encodeURIComponent|encodeURI|escape|escapeHtml|escapeHTML|htmlEscape|encodeHTML|Number|parseInt|parseFloat|Boolean|Math\.\w+|Date\.now|(?:\w+\.)*(?:escape|escapeHtml|escapeHTML|encodeHTML|htmlEncode))$/;
/** String methods that keep what their receiver is (`encodeURIComponent(x).split("'").join("\\'")`). */
const KEEPS = /^(?:split|join|replace|replaceAll|substring|substr|slice|trim|trimStart|trimEnd|toLowerCase|toUpperCase|padStart|padEnd|concat|toString)$/;
/** Methods whose result is a number, a date string or an encoding. */
const SAFE_METHOD = /^(?:toFixed|toISOString|toUTCString|getTime|valueOf|indexOf|localeCompare)$/;

/** The origin of expressions of one file, following its variables' initialisers (`decls`) a few steps. */
export function originOf(sf: ts.SourceFile, decls: ReadonlyMap<string, ts.Expression[]>): (e: ts.Expression) => Origin {
  const seen = new Set<string>();
  const origin = (e: ts.Expression, depth = 0): Origin => {
    if (depth > 8) return 'unknown';
    const next = (x: ts.Expression) => origin(x, depth + 1);
    if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) return next(e.expression);
    if (ts.isStringLiteralLike(e) || ts.isNumericLiteral(e) || ts.isRegularExpressionLiteral(e) || ts.isPrefixUnaryExpression(e) || ts.isTypeOfExpression(e)) return 'const';
    if ([ts.SyntaxKind.TrueKeyword, ts.SyntaxKind.FalseKeyword, ts.SyntaxKind.NullKeyword].includes(e.kind)) return 'const';
    if (ts.isTemplateExpression(e)) return e.templateSpans.reduce<Origin>((o, s) => worst(o, next(s.expression)), 'const');
    if (ts.isConditionalExpression(e)) return worst(next(e.whenTrue), next(e.whenFalse));
    if (ts.isObjectLiteralExpression(e)) return e.properties.reduce<Origin>((o, x) => worst(o, ts.isPropertyAssignment(x) ? next(x.initializer) : ts.isSpreadAssignment(x) ? next(x.expression) : 'unknown'), 'const');
    if (ts.isArrayLiteralExpression(e)) return e.elements.reduce<Origin>((o, x) => worst(o, next(x)), 'const');
    if (ts.isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      const joins = [ts.SyntaxKind.PlusToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.CommaToken].includes(op);
      return joins ? worst(next(e.left), next(e.right)) : op === ts.SyntaxKind.EqualsToken ? next(e.right) : 'const';
    }
    if (ts.isCallExpression(e)) {
      const callee = e.expression.getText(sf);
      if (ENCODER.test(callee)) return 'const';
      if (ts.isPropertyAccessExpression(e.expression)) {
        const method = e.expression.name.text;
        if (SAFE_METHOD.test(method) || (method === 'toString' && e.arguments.some((a) => ts.isStringLiteral(a) && /^(?:hex|base64(?:url)?)$/.test(a.text)))) return 'const';
        if (KEEPS.test(method)) return e.arguments.reduce<Origin>((o, a) => worst(o, next(a)), next(e.expression.expression));
      }
      // Decoding keeps the request's text; any other call given the request (`getDomain(req)`) may answer anything.
      return /^(?:decodeURIComponent|decodeURI|unescape|String)$/.test(callee) && e.arguments[0] ? next(e.arguments[0]) : 'unknown';
    }
    if (ts.isIdentifier(e)) {
      if (/^(?:undefined|NaN|Infinity)$/.test(e.text)) return 'const';
      if (REQUEST.test(e.text)) return 'request';
      const inits = decls.get(e.text);
      if (!inits || seen.has(e.text)) return 'unknown';
      seen.add(e.text);
      const o = inits.reduce<Origin>((acc, x) => worst(acc, next(x)), 'const');
      seen.delete(e.text);
      return o;
    }
    if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
      const t = e.getText(sf);
      if (REQUEST.test(t)) return 'request';
      if (ts.isPropertyAccessExpression(e) && /^(?:length|size)$/.test(e.name.text)) return 'const';
      if (SETTING.test(t)) return 'server';
      let root: ts.Expression = e;
      while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root)) root = root.expression;
      const of = ts.isIdentifier(root) && decls.has(root.text) ? next(root) : 'unknown';
      return of === 'request' || of === 'server' ? of : 'unknown';
    }
    return 'unknown';
  };
  return (e) => origin(e);
}
