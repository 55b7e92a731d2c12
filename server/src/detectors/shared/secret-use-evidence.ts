// What the file shows a logged value is used for (sensitive-data-in-logs): the rule's confidence follows that evidence
// where the name alone is weak. A token named for another thing is a credential only where the file sends tokens as
// credentials; a pairing token shown so its owner can store it in the program's settings is delivered, not leaked; a
// Python `request` of an HTTP client is what the program sends. Each is shown at low confidence, never dropped.
import { ts } from '../../core/ts';
import { wordsOf } from './sensitive-names';

/**
 * Words before `token` that say it is a credential of some kind (`accessToken`, `serviceToken`, `oauth1Token`), or
 * only describe it (`newToken`, `cachedToken`): either way it is a credential's name. Any other word names the thing the
 * token belongs to (oslo.db's `db_token`, a database's random name; senlin's `lifecycle_action_token`, an action's id).
 */
const CREDENTIAL_WORD = /^(?:access|refresh|id|auth|authn|authentication|authorization|bearer|api|session|oauth\d?|jwt|sso|login|signin|secret|private|personal|security|service|user|app|application|client|bot|admin|master|root|identity|install|installation|deploy|upload|github|gitlab|npm|slack|discord|telegram|vault|webhook|hook|verify|reset|invite|magic|request|gateway|cloud|pat|pairing|remote|account|xsrf|csrf|new|old|current|cached|stored|saved|valid|fresh|raw|encoded|decoded|signed|my|your|own|the|this|default|global|temp|temporary|long|short|live|expired|stale|last|\d+)$/;

/** The file sends tokens as credentials: a bearer or Authorization header, an `X-…-Token` header, a `token=` parameter, an OAuth flow. */
const SENDS_CREDENTIALS = /\bBearer\b|\bAuthorization\b|\bX-[\w-]*(?:Token|Auth|Key)\b|[?&]\w*token=|\boauth|\baccess_?token\b|\brefresh_?token\b/i;

/** A token named for something other than a credential (`db_token`) in a file that sends no credential: low. */
export function foreignToken(name: string, text: string): boolean {
  const words = wordsOf(name.replace(/^.*[.[]/, ''));
  if (words.length < 2 || !/^tokens?$/.test(words[words.length - 1])) return false;
  return !CREDENTIAL_WORD.test(words[words.length - 2]) && !SENDS_CREDENTIALS.test(text);
}

/** A log message that tells its reader to put the value into the program's settings ("paste this token into the config"). */
const STORE_IT = /\b(?:past(?:e|ing)|cop(?:y|ying)|enter(?:ing)?|put(?:ting)?|add(?:ing)?|insert(?:ing)?)\b[^;]{0,80}\b(?:config(?:uration)?|settings?|field|instance settings|adapter settings)\b/i;
const SETTINGS = /(?:^|\.)(?:config|options|opts|settings|native|cfg|conf)\./i;

/** The deepest node at `pos`. */
function nodeAt(sf: ts.SourceFile, pos: number): ts.Node {
  let node: ts.Node = sf;
  for (let next: ts.Node | undefined = sf; next; next = node.getChildren(sf).find((c) => c.getStart(sf) <= pos && pos < c.end)) node = next;
  return node;
}

/**
 * A secret the program hands to its operator to store (homebridge and ioBroker TV plugins print the pairing token the TV
 * just issued): the log line says to paste it into the settings, or it is written in the branch where that setting is
 * still empty (`if (!adapter.config.token) log.info(`Token: ${remote.token}`)`). The log is the only channel such a
 * plugin has to its user; it is shown at low confidence.
 */
export function deliveredToSettings(sf: ts.SourceFile | undefined, callText: string, hitName: string, start: number, text = ''): boolean {
  if (STORE_IT.test(callText)) return true;
  if (!sf) return generatedWhenEmpty(text, hitName, start);
  const head = wordsOf(hitName).pop();
  for (let p: ts.Node | undefined = nodeAt(sf, start); p && !ts.isSourceFile(p); p = p.parent) {
    if (!ts.isIfStatement(p) || !(p.thenStatement.pos <= start && start < p.thenStatement.end)) continue;
    const cond = p.expression;
    if (!ts.isPrefixUnaryExpression(cond) || cond.operator !== ts.SyntaxKind.ExclamationToken) continue;
    const read = cond.operand.getText(sf);
    if (SETTINGS.test(read) && wordsOf(read.replace(/^.*\./, '')).pop() === head) return true;
  }
  return false;
}

const GENERATED = /\b(?:urandom|token_(?:hex|urlsafe|bytes)|uuid[14]|getrandbits|randbytes|choices|gen(?:erate)?_\w*)\s*\(/;
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Python: the value generated in the branch where its setting is empty (`if not self.password:` then
 * `self.password = hexlify(os.urandom(8))`, scrapy's telnet console), the log being how its operator learns it.
 */
function generatedWhenEmpty(text: string, hitName: string, start: number): boolean {
  const lines = text.slice(0, start).split('\n');
  const indentOf = (l: string): number => /^[ \t]*/.exec(l)![0].length;
  const assign = new RegExp(`^[ \\t]*${escape(hitName)}[ \\t]*=[^=]`);
  let indent = indentOf(lines[lines.length - 1]);
  let generated = false;
  for (let i = lines.length - 2; i >= 0 && indent > 0; i--) {
    if (!lines[i].trim()) continue;
    if (assign.test(lines[i])) generated ||= GENERATED.test(lines[i]);
    if (indentOf(lines[i]) >= indent) continue;
    if (new RegExp(`^[ \\t]*if[ \\t]+not[ \\t]+${escape(hitName)}[ \\t]*:`).test(lines[i])) return generated;
    indent = indentOf(lines[i]);
  }
  return false;
}

const HTTP_CLIENT = /^[ \t]*(?:from[ \t]+(?:requests|httpx)\b|import[ \t]+(?:requests|httpx)\b)/m;
const WEB_SERVER = /^[ \t]*(?:from|import)[ \t]+(?:flask|django|fastapi|starlette|aiohttp\.web|tornado|bottle|pyramid|falcon|sanic|quart|webob|werkzeug|cherrypy|wsme|pecan|rest_framework)\b/m;

/**
 * In Python, `request.files` or `request.headers` of a module that imports an HTTP client (requests, httpx) and no web
 * server framework is the request the program sends (toot's verbose request log): its own data, not a client's.
 */
export function outgoingPythonRequest(hitText: string, text: string): boolean {
  return /^request\./.test(hitText) && HTTP_CLIENT.test(text) && !WEB_SERVER.test(text);
}
