// A route that exists to be logged to: browsers send their console output to `POST /_clientLog` or `/log` (uibuilder's
// client logger, `navigator.sendBeacon` of log lines), and the handler writes the body to the server's log. The body
// there is log text its sender meant for that log, not a form or a payload carrying credentials.
import { ts } from '../../core/ts';

const LOG_PATH = /(?:^|[/_.-])(?:client|browser|remote|front_?end)?[_-]?logs?(?:ger)?\/?$/i;
const ROUTE_METHOD = /^(?:post|put|all|use)$/;

/** The route's path as written: a string literal, or a name bound once in the file to one. */
function pathOf(arg: ts.Expression | undefined, sf: ts.SourceFile): string | undefined {
  if (!arg) return undefined;
  if (ts.isStringLiteralLike(arg)) return arg.text;
  if (!ts.isIdentifier(arg)) return undefined;
  const inits = [...sf.text.matchAll(new RegExp(`(?<![\\w$.])(?:const|let|var)\\s+${arg.text.replace(/\$/g, '\\$')}\\s*=\\s*(['"\`])([^'"\`\\n]*)\\1`, 'g'))];
  return inits.length === 1 ? inits[0][2] : undefined;
}

/** Whether the node at `start`–`end` sits in a handler of a route whose path names a log (`/_clientLog`, `/api/log`). */
export function inLogRoute(sf: ts.SourceFile | undefined, start: number): boolean {
  if (!sf) return false;
  let node: ts.Node | undefined = sf;
  for (let next: ts.Node | undefined = sf; next; next = node.getChildren(sf).find((c) => c.getStart(sf) <= start && start < c.end)) node = next;
  for (let p = node; p && !ts.isSourceFile(p); p = p.parent) {
    if (!ts.isCallExpression(p) || !ts.isPropertyAccessExpression(p.expression) || !ROUTE_METHOD.test(p.expression.name.text)) continue;
    if (!p.arguments.slice(1).some((a) => a.pos <= start && start < a.end)) continue;
    const path = pathOf(p.arguments[0], sf);
    if (path !== undefined) return LOG_PATH.test(path);
  }
  return false;
}
