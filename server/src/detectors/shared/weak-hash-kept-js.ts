// weak-password-hash's evidence in JS/TS (see weak-hash-kept.ts): what a password's digest turns into. The value is
// followed up through the expressions that carry it (`.digest('hex')`, `salt + h`, `Buffer.from(h)`, a template, an
// outer digest), through the names it is bound to, into object literals, and from a function that returns it to
// the calls of that function in the file, until a use keeps it or passes it on.
import { ts } from '../../core/ts';
import type { Span } from '../../analysis/ir';
import { atCallers, COMPARES_BY, DIGEST_CALL, feedsHash, notAHash, SLOW_KDF, STORED_BY, strongest, WRITES_FILE, type Verdict } from './weak-hash-kept';
import { REQUEST_PAYLOAD } from './weak-hash-stores';

/** Calls that only re-encode a value: the digest goes where their result goes. */
const WRAPS = /^(?:String|from|btoa|toString|encode\w*|base64\w*|toBase64|hex\w*|concat|join)$/;
const equality = (k: ts.SyntaxKind) => k === ts.SyntaxKind.EqualsEqualsEqualsToken || k === ts.SyntaxKind.ExclamationEqualsEqualsToken || k === ts.SyntaxKind.EqualsEqualsToken || k === ts.SyntaxKind.ExclamationEqualsToken;

const calleeName = (c: ts.CallExpression) => (ts.isPropertyAccessExpression(c.expression) ? c.expression.name.text : ts.isIdentifier(c.expression) ? c.expression.text : '');
const keyName = (n: ts.Node): string => (ts.isIdentifier(n) || ts.isStringLiteralLike(n) || ts.isPrivateIdentifier(n) ? n.text : '');

/** The smallest node that covers the span. */
export function nodeAt(sf: ts.SourceFile, span: Span): ts.Node {
  let node: ts.Node = sf;
  for (let deeper = true; deeper; ) {
    deeper = false;
    ts.forEachChild(node, (c) => {
      if (!deeper && c.getStart(sf) <= span.start && span.end <= c.end) {
        node = c;
        deeper = true;
      }
    });
  }
  return node;
}

function enclosingFn(node: ts.Node): ts.SignatureDeclaration | undefined {
  let p = node.parent;
  while (p && !ts.isFunctionLike(p) && !ts.isSourceFile(p)) p = p.parent;
  return p && ts.isFunctionLike(p) ? p : undefined;
}

/** The other occurrences of a bound name in its scope (the enclosing function, else the file). */
function usesOf(name: ts.Identifier): ts.Identifier[] {
  const uses: ts.Identifier[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n) && n.text === name.text && n !== name && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n)
      && !(ts.isBinaryExpression(n.parent) && n.parent.left === n && n.parent.operatorToken.kind === ts.SyntaxKind.EqualsToken)) uses.push(n);
    ts.forEachChild(n, visit);
  };
  visit(enclosingFn(name) ?? name.getSourceFile());
  return uses;
}

/** The name a function is known by: declared, or the variable or property holding it. */
function fnName(fn: ts.SignatureDeclaration): string {
  const p = fn.parent;
  const n = fn.name ?? (ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) ? p.name : undefined);
  return n ? keyName(n) : '';
}

/** What the value at `node` turns into; a returned value is judged at the file's calls of its function. */
export function judgeJs(node: ts.Node, depth = 0): Verdict {
  const v = verdictJs(node, depth);
  const fn = v === 'returned' ? enclosingFn(node) : undefined;
  if (!fn) return v;
  const name = fnName(fn);
  return atCallers(v, name, depth, () => {
    const calls: ts.CallExpression[] = [];
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n) && calleeName(n) === name && !(n.pos >= fn.pos && n.end <= fn.end)) calls.push(n);
      ts.forEachChild(n, visit);
    };
    visit(node.getSourceFile());
    return calls;
  }, judgeJs);
}

/** What the value at `node` turns into (`depth` bounds the names followed). */
function verdictJs(node: ts.Node, depth: number): Verdict {
  if (depth > 5) return 'passed';
  let n = node;
  const fed = hashObject(n, depth);
  if (fed) return fed;
  for (;;) {
    const p = n.parent;
    if (!p) return 'passed';
    if ((ts.isPropertyAccessExpression(p) && p.expression === n && ts.isCallExpression(p.parent) && p.parent.expression === p)) n = p.parent;
    else if (ts.isParenthesizedExpression(p) || ts.isAwaitExpression(p) || ts.isAsExpression(p) || ts.isNonNullExpression(p) || ts.isTemplateSpan(p) || ts.isTemplateExpression(p)) n = p;
    else if (ts.isConditionalExpression(p) && p.condition !== n) n = p;
    else if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.PlusToken) n = p;
    else if (ts.isCallExpression(p) && p.expression !== n && (WRAPS.test(calleeName(p)) || DIGEST_CALL.test(calleeName(p)) || feedsHash(p.expression.getText()))) n = p;
    else if (ts.isArrayLiteralExpression(p) || ts.isSpreadElement(p) || (ts.isNewExpression(p) && /^(?:Buffer|String|Uint8Array)$/.test(p.expression.getText()))) n = p;
    else break;
  }
  const p = n.parent;
  const into = hashObject(n, depth);
  if (into) return into;
  if (ts.isReturnStatement(p) || (ts.isArrowFunction(p) && p.body === n)) return 'returned';
  if (ts.isBinaryExpression(p) && equality(p.operatorToken.kind)) return 'kept';
  if (ts.isCallExpression(p) && p.expression !== n) {
    const name = calleeName(p);
    if (SLOW_KDF.test(p.expression.getText())) return 'passed';
    return COMPARES_BY.test(name) || STORED_BY.test(name) || WRITES_FILE.test(p.expression.getText()) ? 'kept' : 'passed';
  }
  // `new User({ password: h })`: a record made (a request's `new URLSearchParams(…)`, `new Request(…)` is sent).
  if (ts.isNewExpression(p) && p.expression !== n) return /^[A-Z]/.test(p.expression.getText()) && !/^(?:URL\w*|Request|Headers|FormData|\w*Error)$/.test(p.expression.getText()) ? 'kept' : 'passed';
  if (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) return notAHash(keyName(p.name)) ? 'passed' : verdictJs(p.parent, depth + 1);
  if (ts.isVariableDeclaration(p) && p.initializer === n && ts.isIdentifier(p.name)) {
    return notAHash(p.name.text) ? 'passed' : strongest(usesOf(p.name).map((u) => verdictJs(u, depth + 1)));
  }
  if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && p.right === n) {
    const left = p.left;
    if (ts.isIdentifier(left)) return notAHash(left.text) ? 'passed' : strongest(usesOf(left).map((u) => verdictJs(u, depth + 1)));
    if (ts.isPropertyAccessExpression(left) || ts.isElementAccessExpression(left)) {
      const prop = ts.isPropertyAccessExpression(left) ? left.name.text : keyName(left.argumentExpression);
      return REQUEST_PAYLOAD.test(left.expression.getText()) || notAHash(prop) ? 'passed' : 'kept';
    }
  }
  return 'passed';
}

/** `h.update(x);` as a statement: the hash object's other reads (`h.digest()`) say where its digest goes. */
function hashObject(n: ts.Node, depth: number): Verdict | undefined {
  if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression) || n.expression.name.text !== 'update' || !ts.isIdentifier(n.expression.expression) || !ts.isExpressionStatement(n.parent)) return undefined;
  const isUpdate = (u: ts.Identifier) => ts.isPropertyAccessExpression(u.parent) && u.parent.name.text === 'update';
  return strongest(usesOf(n.expression.expression).filter((u) => !isUpdate(u)).map((u) => verdictJs(u, depth + 1)));
}

/** A call's node lies inside one of the arguments of `outer` (`sha1(sha1(password))`'s inner digest). */
export const argumentOf = (node: ts.Node, outer: ts.CallExpression) => node !== outer && outer.arguments.some((a) => a.pos <= node.pos && node.end <= a.end);

/**
 * A file answering a login handshake: a function given the server's scramble or challenge (MySQL's native password,
 * `token(password, scramble1, scramble2)`). Its other password digests are the scheme's stages (`sha1(sha1(password))`,
 * what the protocol has the server keep), written to the protocol, not chosen: low.
 */
export const HANDSHAKE = /\bfunction\b[^(]*\([^)]*\b(?:scramble|challenge)\w*\s*[,)=]|\([^()]*\b(?:scramble|challenge)\w*\s*[,)=][^()]*\)\s*=>/i;

