// sensitive-data-in-logs, JS/TS syntax: console/logger calls whose arguments name secrets or personal
// data, or are whole request bodies, headers, `process.env` or user records.
import { ts } from '../../core/ts';
import type { ExposureSink } from './exposure';
import { aboutSecret } from './secret-name-evidence';
import { classifyMember, classifyName, isLoggerName, isRecordName, isScalarKey, isSettingsOwner, type Exposure } from './sensitive-names';

interface Hit { kind: Exposure; node: ts.Node; key?: string }

const LOG_METHODS = new Set(['log', 'info', 'warn', 'error', 'debug', 'trace', 'fatal', 'verbose', 'silly', 'http', 'dir', 'table']);
const REQUEST = /^(req|request|ctx|context|event)$/;
/** Calls whose result still contains their argument in full. */
const PASSTHROUGH_FN = new Set(['stringify', 'String', 'inspect', 'format', 'assign', 'entries', 'values']);
const PASSTHROUGH_METHOD = new Set(['toString', 'trim', 'toUpperCase', 'toLowerCase', 'valueOf', 'toJSON']);

function nameOf(e: ts.Expression): string | undefined {
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  if (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression)) return e.argumentExpression.text;
  return undefined;
}

function isLogCall(call: ts.CallExpression): boolean {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || !LOG_METHODS.has(callee.name.text)) return false;
  const receiver = nameOf(callee.expression);
  if (!receiver || !isLoggerName(receiver)) return false;
  return receiver === 'console' || !['dir', 'table'].includes(callee.name.text);
}

function unwrap(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isAwaitExpression(e) || ts.isTypeAssertionExpression(e)) e = e.expression;
  return e;
}

/** Whole request parts (`req.body`, `ctx.request.headers`) and `process.env`. */
function wholeObject(e: ts.Expression): Exposure | undefined {
  if (!ts.isPropertyAccessExpression(e) && !ts.isElementAccessExpression(e)) return undefined;
  const prop = nameOf(e);
  const owner = nameOf(e.expression);
  if (!owner) return undefined;
  if (prop === 'env' && owner === 'process') return 'env';
  // Koa's `ctx.body` is the response; `ctx.request.body` is the request.
  if (prop === 'body' && REQUEST.test(owner) && owner !== 'ctx' && owner !== 'context') return 'body';
  if (prop === 'headers' && REQUEST.test(owner)) return 'headers';
  return undefined;
}

/**
 * `named`: the value is written into the message (a template, a concatenation) or under a key that
 * names one value (`username:`), so a user record there is the user's name, not the whole object
 * (which would print `[object Object]`).
 */
function find(e: ts.Expression, out: Hit[], depth = 0, named = false): void {
  if (depth > 6) return;
  e = unwrap(e);
  if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
    const whole = wholeObject(e);
    if (whole) return void out.push({ kind: whole, node: e });
    const name = nameOf(e);
    if (!name || (ts.isIdentifier(e) && e.text === 'undefined')) return;
    const owner = ts.isIdentifier(e) ? undefined : nameOf(e.expression);
    const kind = owner === undefined ? classifyName(name) : classifyMember(owner, name);
    if (kind) return void out.push({ kind, node: e });
    if (isRecordName(name) && !named && !isSettingsOwner(owner)) out.push({ kind: 'record', node: e });
  } else if (ts.isTemplateExpression(e)) {
    for (const span of e.templateSpans) find(span.expression, out, depth + 1, true);
  } else if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    if (op === ts.SyntaxKind.PlusToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) {
      const plus = op === ts.SyntaxKind.PlusToken;
      find(e.left, out, depth + 1, named || plus);
      find(e.right, out, depth + 1, named || plus);
    }
  } else if (ts.isConditionalExpression(e)) {
    find(e.whenTrue, out, depth + 1, named);
    find(e.whenFalse, out, depth + 1, named);
  } else if (ts.isObjectLiteralExpression(e)) {
    for (const p of e.properties) {
      if (ts.isShorthandPropertyAssignment(p)) find(p.name, out, depth + 1);
      else if (ts.isSpreadAssignment(p)) find(p.expression, out, depth + 1);
      else if (ts.isPropertyAssignment(p)) {
        const before = out.length;
        const key = ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) ? p.name.text : undefined;
        find(p.initializer, out, depth + 1, named || isScalarKey(key));
        const value = unwrap(p.initializer);
        const plain = ts.isIdentifier(value) || ts.isPropertyAccessExpression(value) || ts.isElementAccessExpression(value);
        const keyKind = key ? classifyName(key) : undefined;
        if (out.length === before && keyKind && plain && !aboutSecret(nameOf(value) ?? '')) out.push({ kind: keyKind, node: value, key });
      }
    }
  } else if (ts.isArrayLiteralExpression(e)) {
    for (const el of e.elements) find(ts.isSpreadElement(el) ? el.expression : el, out, depth + 1);
  } else if (ts.isCallExpression(e)) {
    const callee = e.expression;
    const fn = nameOf(callee);
    // `await req.json()` / `request.formData()` in a log line is the whole body.
    if (ts.isPropertyAccessExpression(callee) && ['json', 'formData', 'text'].includes(callee.name.text) && REQUEST.test(nameOf(callee.expression) ?? '')) {
      return void out.push({ kind: 'body', node: e });
    }
    // `String(user)` / `user.toString()` name the user; `JSON.stringify(user)`, `user.toJSON()` write it whole.
    if (ts.isPropertyAccessExpression(callee) && fn && PASSTHROUGH_METHOD.has(fn)) return find(callee.expression, out, depth + 1, named || (fn !== 'toJSON' && fn !== 'valueOf'));
    if (fn && PASSTHROUGH_FN.has(fn)) for (const a of e.arguments) find(a, out, depth + 1, fn === 'String');
  }
}

/** A switch for logging the request's headers, body, refused auth data or passwords (`opts.debugBody`, `this._logInvalidAuthData`, `isPasswordLoggingEnabled`): an opt-in. */
const LOG_SWITCH = /(?<![\w$])_?(?:log|debug|dump|trace)_?(?:(?:req(?:uest)?_?)?(?:headers?|body|bodies|payload)|(?:invalid_?)?(?:auth_?data|tokens?|credentials|passwords?|secrets?))\b|(?<![\w$])_?(?:(?:is|should|allow|enable)_?)?(?:passwords?|secrets?|credentials?|tokens?|auth_?data)_?logging(?:_?(?:enabled|allowed))?\b/i;
const switchOn = (cond: string): boolean => LOG_SWITCH.test(cond) && !/!|&&|===?\s*false/.test(cond);
/** The true side of `opts.logInvalidAuthData === true ? token : '-'` (deepstream): written only where that switch is on. */
const switchedValue = (hit: ts.Node, call: ts.Node, sf: ts.SourceFile): boolean =>
  hit !== call && !!hit.parent && ((ts.isConditionalExpression(hit.parent) && hit.parent.whenTrue === hit && switchOn(hit.parent.condition.getText(sf))) || switchedValue(hit.parent, call, sf));

/**
 * Inside `if (isDev)`, `if (process.env.NODE_ENV === 'development')` (a route registered there too): a branch only a developer's
 * machine runs; or inside `if (options.logRequestHeaders)` (apimocker), or `if (process.env.STORAGE_EMULATOR_DEBUG)` (a
 * debug variable tested alone, a local emulator's): one the operator turned on to see exactly that.
 */
function devBranch(node: ts.Node, sf: ts.SourceFile): boolean {
  for (let p: ts.Node | undefined = node.parent; p && !ts.isSourceFile(p); p = p.parent) {
    const cond = ts.isIfStatement(p) && p.thenStatement.pos <= node.pos && node.end <= p.thenStatement.end ? p.expression.getText(sf) : '';
    if (/\bisDev(?:elopment)?\b|===?\s*['"]dev(?:elopment)?['"]|^process\.env\.(?:\w+_)?DEBUG$/.test(cond.trim()) && !/!\s*isDev|!==?\s*['"]dev/.test(cond)) return true;
    if (switchOn(cond)) return true;
    // The operator's switch for personal data in logs (passport-azure-ad's `loggingNoPII`, turned off; msal's `piiLoggingEnabled`).
    const pii = ts.isIfStatement(p) ? /^(!\s*)?[\w$.]*?(no_?pii|pii_?logging(?:_?enabled)?|log_?pii)$/i.exec(p.expression.getText(sf).trim()) : null;
    const branch = pii && (/^no/i.test(pii[2]) === !pii[1] ? (p as ts.IfStatement).elseStatement : (p as ts.IfStatement).thenStatement);
    if (branch && branch.pos <= node.pos && node.end <= branch.end) return true;
  }
  return false;
}

/** Log calls and the sensitive values in their arguments, by the syntax. */
export function jsLogSinks(sf: ts.SourceFile, nodes: readonly ts.Node[], checkBudget: () => void): ExposureSink[] {
  const out: ExposureSink[] = [];
  let n = 0;
  for (const node of nodes) {
    if ((++n & 63) === 0) checkBudget();
    if (!ts.isCallExpression(node) || !isLogCall(node)) continue;
    const hits: Hit[] = [];
    // After a `%s` message (util.format), the arguments are formatted into it; `%o`/`%j` print objects whole.
    let formatted = false;
    for (const arg of node.arguments) {
      find(arg, hits, 0, formatted);
      if (ts.isStringLiteralLike(arg) && /%[sdif]/.test(arg.text) && !/%[oOj]/.test(arg.text)) formatted = true;
    }
    const dev = hits.length > 0 && devBranch(node, sf);
    if (hits.length) out.push({ start: node.getStart(sf), end: node.getEnd(), hits: hits.map((h) => ({ start: h.node.getStart(sf), end: h.node.getEnd(), level: h.kind, text: h.node.getText(sf), key: h.key, devOnly: dev || switchedValue(h.node, node, sf) })) });
  }
  return out;
}
