// Where a JS/TS `rejectUnauthorized: false` honours its caller's explicit choice (tls-verification-disabled): a branch
// on a switch named for the insecure choice, the caller's own flag turned off, a loopback test, a slot named insecure.
import { ts } from '../../core/ts';

function keyOf(n: ts.Node): string | undefined {
  if (ts.isIdentifier(n) || ts.isStringLiteralLike(n)) return n.text;
  return undefined;
}

/**
 * A condition that names the insecure choice (`argv['insecure-certificate']`, `opts.allowSelfSigned`,
 * simplecrawler's `crawler.ignoreInvalidSSL`, a payment terminal client's `certificatePath == "unencrypted"`): the user's explicit opt-in.
 */
const NAMED_OPT_IN = /insecure|un[-_ ]?(?:encrypted|verified)|(?:no|skip|disable|ignore)[-_ ]?(?:ssl|tls|cert|verif)|self[-_ ]?signed|allow[-_ ]?unauthori[sz]ed|(?:allow|accept|trust|ignore)[-_ ]?(?:invalid|untrusted|any|all|bad)[-_ ]?(?:cert|ssl|tls)|!\s*[\w.]*verify(?:ssl|tls|cert)/i;
/**
 * A condition that is the caller's own verification flag turned off (`if (self.strictSSL === false)`, `!opts.rejectUnauthorized`:
 * postman-request and node-vault translating `strictSSL` into the agent's option; zigbee2mqtt's snake_case setting
 * `!mqttSettings.reject_unauthorized`), or a loopback host test
 * (superagent's `_trustLocalhost && /^(?:localhost|127\.0\.0\.\d+)$/.test(hostname)`): the choice is not this code's.
 */
const FLAG_OFF = /!\s*[\w.$]*(?:strict_?SSL|reject_?unauthori[sz]ed)\b|(?:strict_?SSL|reject_?unauthori[sz]ed|verify\w*)['"\]]*\s*={2,3}\s*(?:false|0)\b/i;
const LOOPBACK_TEST = /localhost|\b127\\?\.0\\?\.0\\?\./i;
/** A negated loopback test (`!isLocalhost(host)`, `host !== 'localhost'`) turns the checks off for every other host. */
const NOT_LOOPBACK = /!\s*[\w.$]*(?:localhost|loopback)|!==?\s*['"`](?:localhost|127\.)|(?:localhost|127\.0\.0\.1)['"`]\s*!==?/i;
const callersChoice = (cond: string): boolean => FLAG_OFF.test(cond) || (LOOPBACK_TEST.test(cond) && !NOT_LOOPBACK.test(cond));

const exits = (s: ts.Statement): boolean => ts.isReturnStatement(s) || ts.isThrowStatement(s) || (ts.isBlock(s) && s.statements.length > 0 && exits(s.statements[s.statements.length - 1]));
const NEGATED = /^\(*\s*!\s*/;
const OFF = /(?:={2,3}\s*(?:false|undefined|null)|!==?\s*true)\s*\)*$/;

/**
 * After an early exit unless a switch named for the insecure choice is on (testcontainers' `createInsecureAgent()`:
 * `if (!this._allowInsecure) return undefined;`): the code below runs only when the caller opted in, as inside `if (insecure)`.
 * A negated `!verifySsl` exit is not one (it leaves when the caller asked for no verification).
 */
function afterOptInExit(p: ts.Node): boolean {
  const block = p.parent;
  if (!ts.isBlock(block)) return false;
  for (const s of block.statements) {
    if (s === p) return false;
    if (!ts.isIfStatement(s) || s.elseStatement || !exits(s.thenStatement)) continue;
    const cond = s.expression.getText();
    const on = NEGATED.test(cond) ? cond.replace(NEGATED, '') : OFF.test(cond) ? cond.replace(OFF, '') : undefined;
    if (on !== undefined && NAMED_OPT_IN.test(on)) return true;
  }
  return false;
}

/**
 * A local `const` the condition tests whose value is computed from such a switch (h2o2's
 * `const type = … settings.rejectUnauthorized === false ? 'insecure' : 'https'`, then `type === 'https' ? … : insecureAgent`):
 * a mode made of the caller's choice, so a branch on it is a branch on the switch.
 */
function derivedFromSwitch(cond: ts.Expression): boolean {
  const names = new Set<string>();
  const collect = (n: ts.Node): void => {
    if (ts.isIdentifier(n) && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n)) names.add(n.text);
    else ts.forEachChild(n, collect);
  };
  collect(cond);
  for (let p: ts.Node | undefined = cond.parent; p && names.size; p = p.parent) {
    const stmts = ts.isBlock(p) || ts.isSourceFile(p) ? p.statements : undefined;
    for (const s of stmts ?? []) {
      if (!ts.isVariableStatement(s) || !(s.declarationList.flags & ts.NodeFlags.Const)) continue;
      for (const d of s.declarationList.declarations) {
        const init = d.initializer;
        if (!ts.isIdentifier(d.name) || !names.has(d.name.text) || !init || ts.isFunctionLike(init)) continue;
        const text = init.getText();
        if (text.length <= 300 && (NAMED_OPT_IN.test(text) || callersChoice(text))) return true;
      }
    }
  }
  return false;
}

/**
 * Inside an `if` or `?:` branch: an opt-in switch (`if (opts.insecure)`), not a default; `named` when the condition (or a
 * mode it tests, computed from the switch) says so, or after an early exit unless such a switch is on.
 */
export function guarded(node: ts.Node): 'named' | 'branch' | undefined {
  for (let p = node.parent; p && !ts.isSourceFile(p) && !ts.isFunctionLike(p); p = p.parent) {
    if (afterOptInExit(p)) return 'named';
    // `case 'no-verify':` of a switch over the mode (evershop's DB_SSLMODE) is a branch as an `if` is.
    const cond = ts.isIfStatement(p) && p.expression !== node ? p.expression : ts.isConditionalExpression(p) && p.condition !== node ? p.condition
      : ts.isCaseClause(p) && p.expression !== node ? p.expression : undefined;
    if (cond) return NAMED_OPT_IN.test(cond.getText()) || callersChoice(cond.getText()) || derivedFromSwitch(cond) ? 'named' : 'branch';
  }
  return undefined;
}

/**
 * Options (or the agent made of them) kept under a key named for the insecure variant beside a verifying one: Wreck's
 * `agents: { http, https, httpsAllowUnauthorized: new Agent({ rejectUnauthorized: false }) }` is used only for a request that opts in.
 */
export function optInSlot(node: ts.Node): boolean {
  let e: ts.Node = node.parent;
  if ((ts.isNewExpression(e.parent) || ts.isCallExpression(e.parent)) && e.parent.arguments?.includes(e as ts.Expression)) e = e.parent;
  const slot = e.parent, key = ts.isPropertyAssignment(slot) ? keyOf(slot.name) : undefined;
  return !!key && NAMED_OPT_IN.test(key) && ts.isObjectLiteralExpression(slot.parent) && slot.parent.properties.some((p) => p !== slot && !NAMED_OPT_IN.test(p.name?.getText() ?? ''));
}

