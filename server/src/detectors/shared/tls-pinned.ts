// Whether a JS connection that turns certificate checks off pins the certificate by hand instead: the code reads
// the peer's certificate (`socket.getPeerCertificate()`) and compares its fingerprint or public key with the one it
// expects (`if (cert.fingerprint256 !== PIN) socket.destroy()`). A device presenting a self-signed certificate by IP
// (a door station's PBX) has no chain to build; the flag only lets the handshake finish so the pin can be checked.
import { ts } from '../../core/ts';

/** What a pin compares: the certificate's digest or key, under the names Node gives them or the code's own. */
const PIN_WORD = /fingerprint|pubkey|public_?key|\bpin(?:ned)?\b/i;
/** `===`, `!==`, `==`, `!=` (made on use: nothing may read `ts` while the modules load). */
function isEquality(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.EqualsEqualsEqualsToken || kind === ts.SyntaxKind.ExclamationEqualsEqualsToken
    || kind === ts.SyntaxKind.EqualsEqualsToken || kind === ts.SyntaxKind.ExclamationEqualsToken;
}

/** The class the flag sits in (its methods connect and check), else the file. */
function scopeOf(node: ts.Node): ts.Node {
  for (let p: ts.Node | undefined = node.parent; p; p = p.parent) {
    if (ts.isClassLike(p)) return p;
  }
  return node.getSourceFile();
}

/** The scope reads the peer's certificate and tests a fingerprint or key against another value in a condition. */
export function pinned(node: ts.Node): boolean {
  const scope = scopeOf(node);
  if (!scope.getText().includes('getPeerCertificate')) return false;
  let reads = false;
  let compares = false;
  const visit = (n: ts.Node): void => {
    if (reads && compares) return;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'getPeerCertificate') reads = true;
    if (ts.isBinaryExpression(n) && isEquality(n.operatorToken.kind) && inCondition(n)
      && (PIN_WORD.test(n.left.getText()) || PIN_WORD.test(n.right.getText()))) compares = true;
    ts.forEachChild(n, visit);
  };
  visit(scope);
  return reads && compares;
}

/** The comparison decides a branch (`if`, `?:`, a `&&`/`||` chain in one), so a mismatch can stop the connection. */
function inCondition(n: ts.Node): boolean {
  let child: ts.Node = n;
  for (let p = n.parent; p; child = p, p = p.parent) {
    if (ts.isIfStatement(p)) return child === p.expression;
    if (ts.isConditionalExpression(p)) return child === p.condition;
    if (ts.isParenthesizedExpression(p) || ts.isPrefixUnaryExpression(p)) continue;
    if (ts.isBinaryExpression(p) && (p.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || p.operatorToken.kind === ts.SyntaxKind.BarBarToken)) continue;
    return false;
  }
  return false;
}
