// Whether a `require`/`import()` runs on every load of its module or only on some path: optional
// integrations, a benchmark's pick of one competitor, a fallback for a runtime that lacks a built-in.
import { ts } from '../../../core/ts';

export function inFunction(node: ts.Node): boolean {
  for (let n = node.parent; n; n = n.parent) if (ts.isFunctionLike(n)) return true;
  return false;
}

/**
 * A branch guards it (`if (v4) await import('@tailwindcss/vite')`): optional. `topLevel`: only the branches that
 * say so outside a function too: a `switch` case (a bench's pick of one module) and an `if` probing for a built-in
 * (`if (!Stream.Writable.prototype.destroy) Stream = require('readable-stream')`, unzipper's fallback for Node < 8).
 * A top-level `if` on a setting (`if (process.env.NODE_ENV !== 'production') require('dotenv')`) still loads it.
 */
export function underBranch(node: ts.Node, topLevel = false): boolean {
  for (let n: ts.Node = node; n.parent && !ts.isFunctionLike(n.parent); n = n.parent) {
    const p = n.parent;
    if (ts.isCaseClause(p) && n !== p.expression) return true;
    if (ts.isIfStatement(p) && n === p.thenStatement && topLevel && featureProbe(p.expression)) return true;
    if (topLevel) continue;
    if (ts.isIfStatement(p) && n !== p.expression) return true;
    if (ts.isConditionalExpression(p) && n !== p.condition) return true;
    if (ts.isBinaryExpression(p) && n === p.right && (p.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || p.operatorToken.kind === ts.SyntaxKind.BarBarToken)) return true;
  }
  return false;
}

/**
 * Names that tell which host runs the code, not whether it has a feature: `typeof window === 'undefined'` picks the
 * server's path, which Node always takes (`require('node-fetch')` there is loaded); `!module.parent`, a script run alone.
 */
const HOSTS = /^(?:(?:globalThis|global|self)\.)?(?:window|document|navigator|self|process|module|require|exports|define|Deno|Bun)\b/;

/** `a.b.c`, `globalThis.fetch`: a member chain on a name, not a call, not naming the host. */
function memberChain(e: ts.Expression, bare: boolean): boolean {
  let n: ts.Expression = e;
  while (ts.isPropertyAccessExpression(n)) n = n.expression;
  if (!ts.isIdentifier(n) || (n === e && !bare)) return false;
  return !HOSTS.test(e.getText());
}

/**
 * The condition tests only whether the runtime has something (`!Stream.Writable || !Stream.Writable.prototype.destroy`,
 * `typeof globalThis.fetch !== 'function'`, `Promise.allSettled === undefined`): every operand of `||`/`&&` a negated
 * member chain, a `typeof` of one compared with a string, or one compared with `undefined`/`null`.
 */
export function featureProbe(cond: ts.Expression): boolean {
  const e = ts.isParenthesizedExpression(cond) ? cond.expression : cond;
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.AmpersandAmpersandToken) return featureProbe(e.left) && featureProbe(e.right);
    const eq = op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
    if (!eq) return false;
    const [a, b] = ts.isStringLiteral(e.left) || isNothing(e.left) ? [e.right, e.left] : [e.left, e.right];
    if (ts.isTypeOfExpression(a)) return ts.isStringLiteral(b) && memberChain(a.expression, true);
    return isNothing(b) && memberChain(a, false);
  }
  return ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken && memberChain(e.operand, false);
}

function isNothing(e: ts.Expression): boolean {
  return e.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(e) && e.text === 'undefined');
}
