// Syntax helpers of the offline API check: package specifiers of imports and `require` calls, and
// reads that only probe whether a member exists (feature detection is not a use).
import { ts } from '../../../core/ts';

export function bareSpecifier(e: ts.Expression | undefined): string | undefined {
  if (!e || !ts.isStringLiteralLike(e)) return undefined;
  const s = e.text;
  if (!s || s.startsWith('.') || s.startsWith('/') || s.startsWith('node:') || s.startsWith('#')) return undefined;
  const parts = s.split('/');
  // Subpaths (`lodash/fp`) are other modules: not in the pack.
  return (s.startsWith('@') ? parts.length === 2 : parts.length === 1) ? s : undefined;
}

/** Module specifiers as the text spells them (`from 'x'`, `require('x')`, `import('x')`, `import 'x'`), comments included. */
const SPECIFIER = /\b(?:from|require|import)\s*\(?\s*(['"`])([^'"`\s]+)\1/g;

/**
 * Whether the text may use `fetch` or a package `has` knows: a superset, by text, of what the syntax
 * walk binds (it binds only those), so a file without either needs no walk.
 */
export function mayUsePacked(text: string, has: (pkg: string) => boolean): boolean {
  if (/\bfetch\b/.test(text)) return true;
  for (const m of text.matchAll(SPECIFIER)) {
    const parts = m[2].split('/');
    if (has(m[2].startsWith('@') ? parts.slice(0, 2).join('/') : parts[0])) return true;
  }
  return false;
}

export function requireOf(e: ts.Expression): string | undefined {
  return ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'require' && e.arguments.length === 1
    ? bareSpecifier(e.arguments[0]) : undefined;
}

/** `typeof X.y`, `if (X.y)`, `X.y && …`, `X.y ?? …`, `X.y ? … : …`: code that expects it may be missing. */
export function isProbe(access: ts.PropertyAccessExpression): boolean {
  let p: ts.Node = access.parent;
  let child: ts.Node = access;
  while (ts.isParenthesizedExpression(p) || ts.isPrefixUnaryExpression(p)) {
    child = p;
    p = p.parent;
  }
  if (ts.isTypeOfExpression(p) || ts.isDeleteExpression(p)) return true;
  if ((ts.isIfStatement(p) || ts.isWhileStatement(p) || ts.isConditionalExpression(p)) && (p as { expression?: ts.Node; condition?: ts.Node }).expression === child) return true;
  if (ts.isConditionalExpression(p) && p.condition === child) return true;
  if (ts.isBinaryExpression(p) && p.left === child) {
    const k = p.operatorToken.kind;
    return k === ts.SyntaxKind.AmpersandAmpersandToken || k === ts.SyntaxKind.BarBarToken || k === ts.SyntaxKind.QuestionQuestionToken || k === ts.SyntaxKind.EqualsEqualsEqualsToken || k === ts.SyntaxKind.ExclamationEqualsEqualsToken || k === ts.SyntaxKind.EqualsEqualsToken || k === ts.SyntaxKind.ExclamationEqualsToken;
  }
  return false;
}

/** The kinds of node `collectOfflineUses` reads (the shared index lists them: js-nodes.ts). */
export function offlineKinds(): ts.SyntaxKind[] {
  const K = ts.SyntaxKind;
  return [K.ModuleDeclaration, K.ImportDeclaration, K.ImportEqualsDeclaration, K.VariableDeclaration, K.Parameter, K.BindingElement,
    K.FunctionDeclaration, K.ClassDeclaration, K.FunctionExpression, K.ClassExpression, K.Identifier];
}
