// plaintext-password, JS/TS syntax: a request's password written to a model or database call, or compared
// with `===` to a stored field, with no hashing call in between. Aliases are followed inside the function
// (`const { password } = req.body`, `const pw = req.body.password`); a name assigned twice (`password =
// await bcrypt.hash(password, 10)`) or a call on the way (a hash) ends the trail.
import { ts } from '../../core/ts';

export interface PasswordSite { start: number; end: number; kind: 'stored' | 'compared'; text: string; from: string }

/** A password's key, also the qualified ones a change-password form sends (`currentPassword`, `new_password`). */
const PASSWORD_KEY = /^(?:(?:user|plain|raw|new|current|old)_?)?(?:password|passwd|pwd|pass)$/i;
/** The request's body (Express, Koa, Next.js/Nest `body` parameters are not guessed). */
const BODY = /^(?:req|request|ctx\.request|context\.request)\.body$/;
/** Receivers whose `password` field is a stored one. */
const STORED = /^(?:(?:new|db|current|the|existing|found|saved|created)_?)?(?:user|account|member|customer|admin|employee|profile|person|owner|patient|student|u|usr|record|row|rows|result|results|doc|entity|dataValues)$/i;
/** Model and driver calls that write their argument: `User.create({…})`, `users.insertOne({…})`, `prisma.user.create({ data })`. */
const WRITE = /^(?:create|insert|insertOne|insertMany|build|upsert|update|updateOne|updateMany|findOneAndUpdate|findByIdAndUpdate|save|add|put|set)$/;
const NOT_MODEL = /^(?:Object|Promise|Array|Map|Set|JSON|Buffer|Reflect|Math|Date|String|URLSearchParams|FormData|Headers|localStorage|sessionStorage|cache|redis|client|axios|http|https|fetch|res|response|req|request|form|formData|params|searchParams|url|map|cookies|headers|ctx)$/;
/** Classes that take a password to connect or authenticate with, not to keep. */
const NOT_MODEL_CLASS = /(?:Client|Pool|Connection|Sequelize|Error|Strategy|Transport|Agent|Request|Response|Session|Auth\w*|Credentials?|Login\w*|Form\w*|Event)$/;

const text = (n: ts.Node, sf: ts.SourceFile) => n.getText(sf);
const keyOf = (n: ts.PropertyName | ts.BindingName | undefined) => (n && (ts.isIdentifier(n) || ts.isStringLiteralLike(n)) ? n.text : undefined);
/** Through wrappers that keep the value: `await`, `as`, `!`, `?? {}`, `String(x)`, `x.trim()`. */
function unwrap(e: ts.Expression): ts.Expression {
  for (;;) {
    if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isAwaitExpression(e)) e = e.expression;
    else if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || e.operatorToken.kind === ts.SyntaxKind.BarBarToken) && ts.isObjectLiteralExpression(e.right)) e = e.left;
    else break;
  }
  if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'String' && e.arguments.length === 1) return unwrap(e.arguments[0]);
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && /^(?:trim|toString)$/.test(e.expression.name.text) && !e.arguments.length) return unwrap(e.expression.expression);
  return e;
}

/** The last name of a member's receiver: `user` in `req.user.password`, `rows` in `rows[0].password`. */
const ownerOf = (e: ts.Expression, sf: ts.SourceFile) => (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) ? text(e.expression, sf).split('.').pop()!.replace(/\[\d+\]$/, '') : '');

function memberKey(e: ts.Expression): string | undefined {
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression) ? e.argumentExpression.text : undefined;
}

/** The function (or file) whose body declares `name` as seen from `at`, with its one declaration, if it has just one. */
function declarationOf(name: string, at: ts.Node): { decl?: ts.VariableDeclaration; element?: ts.BindingElement } | undefined {
  for (let scope: ts.Node | undefined = at.parent; scope; scope = scope.parent) {
    if (!ts.isFunctionLike(scope) && !ts.isSourceFile(scope)) continue;
    if (ts.isFunctionLike(scope) && scope.parameters.some((p) => ts.isIdentifier(p.name) && p.name.text === name)) return undefined;
    const found: Array<{ decl?: ts.VariableDeclaration; element?: ts.BindingElement }> = [];
    let assigned = false;
    const visit = (n: ts.Node): void => {
      if (n !== scope && ts.isFunctionLike(n)) return;
      if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === name) found.push({ decl: n });
      if (ts.isBindingElement(n) && ts.isIdentifier(n.name) && n.name.text === name) {
        let d: ts.Node = n.parent;
        while (d && !ts.isVariableDeclaration(d)) d = d.parent;
        found.push(d && ts.isVariableDeclaration(d) ? { decl: d, element: n } : {});
      }
      if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(n.left) && n.left.text === name) assigned = true;
      ts.forEachChild(n, visit);
    };
    visit(scope);
    if (found.length || assigned) return found.length === 1 && !assigned ? found[0] : undefined;
    if (ts.isSourceFile(scope)) return undefined;
  }
  return undefined;
}

/** Whether `e` is the request's password: `req.body.password`, `body.password` of an alias, or a name bound to one. */
function requestPassword(e: ts.Expression, sf: ts.SourceFile, depth = 0): string | undefined {
  e = unwrap(e);
  if (depth > 3) return undefined;
  const key = memberKey(e);
  if (key !== undefined && (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e))) {
    if (!PASSWORD_KEY.test(key)) return undefined;
    return requestBody(e.expression, sf, depth) ? text(e, sf) : undefined;
  }
  if (!ts.isIdentifier(e)) return undefined;
  const d = declarationOf(e.text, e);
  if (!d?.decl?.initializer) return undefined;
  if (d.element) {
    // `const { password } = req.body`, `const { password: pw } = req.body`
    const prop = keyOf(d.element.propertyName) ?? keyOf(d.element.name);
    return prop && PASSWORD_KEY.test(prop) && d.element.parent === d.decl.name && requestBody(d.decl.initializer, sf, depth + 1) ? text(d.decl.initializer, sf) + '.' + prop : undefined;
  }
  return requestPassword(d.decl.initializer, sf, depth + 1);
}

/** `req.body`, or a name bound once to it (`const body = req.body`, `const data = { ...req.body }`). */
function requestBody(e: ts.Expression, sf: ts.SourceFile, depth: number): boolean {
  e = unwrap(e);
  if (BODY.test(text(e, sf))) return true;
  if (!ts.isIdentifier(e) || depth > 3) return false;
  const d = declarationOf(e.text, e);
  return !!d?.decl?.initializer && !d.element && requestBody(d.decl.initializer, sf, depth + 1);
}

/** The value written under a password key in an object argument (one level of nesting: Prisma's `data`, Mongo's `$set`). */
function passwordValue(obj: ts.Expression, depth = 0): ts.Expression | undefined {
  if (!ts.isObjectLiteralExpression(obj)) return undefined;
  for (const p of obj.properties) {
    if (ts.isShorthandPropertyAssignment(p) && PASSWORD_KEY.test(p.name.text)) return p.name;
    if (!ts.isPropertyAssignment(p)) continue;
    const key = keyOf(p.name);
    if (key && PASSWORD_KEY.test(key)) return p.initializer;
    if (depth === 0 && key && /^(?:data|\$set|values|fields|user)$/.test(key)) {
      const inner = passwordValue(p.initializer, 1);
      if (inner) return inner;
    }
  }
  return undefined;
}

function isWrite(call: ts.CallExpression | ts.NewExpression, sf: ts.SourceFile): boolean {
  const callee = call.expression;
  if (ts.isNewExpression(call)) return ts.isIdentifier(callee) && /^[A-Z]/.test(callee.text) && !NOT_MODEL.test(callee.text) && !NOT_MODEL_CLASS.test(callee.text);
  if (!ts.isPropertyAccessExpression(callee) || !WRITE.test(callee.name.text)) return false;
  const receiver = text(callee.expression, sf);
  const last = receiver.split('.').pop() ?? '';
  return !NOT_MODEL.test(last) && (/^[A-Z]/.test(last) || /(?:^|\.)(?:prisma|db|knex|models?)\b/.test(receiver) || /users?|accounts?|members?|customers?|collection|repo(?:sitory)?$/i.test(last));
}

/** Password stores and comparisons in one JS/TS file, from the shared walk's calls, `new`s and binary expressions. */
export function jsPlaintextPasswords(sf: ts.SourceFile, nodes: readonly ts.Node[], checkBudget: () => void): PasswordSite[] {
  const out: PasswordSite[] = [];
  for (let i = 0; i < nodes.length; i++) {
    if ((i & 63) === 63) checkBudget();
    const node = nodes[i];
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && isWrite(node, sf)) {
      for (const arg of node.arguments ?? []) {
        const value = passwordValue(arg);
        const from = value && requestPassword(value, sf);
        if (value && from) out.push({ start: value.getStart(sf), end: value.end, kind: 'stored', text: text(node.expression, sf), from });
      }
    } else if (ts.isBinaryExpression(node)) {
      const op = node.operatorToken.kind;
      if (op === ts.SyntaxKind.EqualsToken) {
        const from = PASSWORD_KEY.test(memberKey(node.left) ?? '') && STORED.test(ownerOf(node.left, sf)) ? requestPassword(node.right, sf) : undefined;
        if (from) out.push({ start: node.right.getStart(sf), end: node.right.end, kind: 'stored', text: text(node.left, sf), from });
      } else if (op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken) {
        for (const [stored, given] of [[node.left, node.right], [node.right, node.left]] as const) {
          if (!PASSWORD_KEY.test(memberKey(stored) ?? '') || !STORED.test(ownerOf(stored, sf))) continue;
          const from = requestPassword(given, sf);
          if (from) { out.push({ start: node.getStart(sf), end: node.end, kind: 'compared', text: text(stored, sf), from }); break; }
        }
      }
    }
  }
  return out;
}
