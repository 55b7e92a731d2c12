// A value pinned to a literal by the branch it is read in: `if (key === '0000-0000')`, also as a conjunct of `&&`.
// There the value is that literal, already written in the source.
import { ts } from '../../core/ts';

/** `===` or `==` (a function: module-level code must not read `ts`, which loads on first use in the bundles). */
const isEquals = (k: ts.SyntaxKind) => k === ts.SyntaxKind.EqualsEqualsEqualsToken || k === ts.SyntaxKind.EqualsEqualsToken;

/** Whether the condition holds only when the expression written `text` equals a string literal. */
function equalsLiteral(e: ts.Expression, text: string, sf: ts.SourceFile): boolean {
  if (ts.isParenthesizedExpression(e)) return equalsLiteral(e.expression, text, sf);
  if (!ts.isBinaryExpression(e)) return false;
  if (e.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) return equalsLiteral(e.left, text, sf) || equalsLiteral(e.right, text, sf);
  return isEquals(e.operatorToken.kind) && [[e.left, e.right], [e.right, e.left]].some(([a, b]) => ts.isStringLiteralLike(b) && a.getText(sf) === text);
}

/**
 * Whether `node` sits in the then-branch of an `if` whose condition pins its text to a string literal (lightgallery's
 * `else if (this.settings.licenseKey === '0000-0000-000-0000') console.warn(… + this.settings.licenseKey + …)`).
 */
export function pinnedToLiteral(node: ts.Node, sf: ts.SourceFile): boolean {
  const text = node.getText(sf);
  for (let p: ts.Node | undefined = node.parent; p && !ts.isSourceFile(p); p = p.parent) {
    if (ts.isIfStatement(p) && p.thenStatement.pos <= node.pos && node.end <= p.thenStatement.end && equalsLiteral(p.expression, text, sf)) return true;
  }
  return false;
}

/** The node spanning exactly `start`–`end`, or undefined. */
function nodeAt(sf: ts.SourceFile, start: number, end: number): ts.Node | undefined {
  let node: ts.Node = sf;
  for (let next: ts.Node | undefined = node; next; ) {
    node = next;
    if (node.getStart(sf) === start && node.end === end) return node;
    next = node.getChildren(sf).find((c) => c.getStart(sf) <= start && end <= c.end);
  }
  return undefined;
}

/** `pinnedToLiteral` for the expression at `start`–`end` of the file (a finding's span). */
export function pinnedAt(sf: ts.SourceFile | undefined, start: number, end: number): boolean {
  const node = sf && nodeAt(sf, start, end);
  return !!node && pinnedToLiteral(node, sf!);
}
