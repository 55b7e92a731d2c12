// Whether a JS TLS option sits in a call to the machine itself (`{ host: 'localhost', rejectUnauthorized: false }`):
// a development server or a test's self-signed certificate, where nothing leaves the machine.
import { ts } from '../../core/ts';

function keyOf(n: ts.Node): string | undefined {
  if (ts.isIdentifier(n) || ts.isStringLiteralLike(n)) return n.text;
  return undefined;
}

/** A loopback host in a string: `localhost`, `127.x`, `[::1]`, alone or in a URL. */
const LOOPBACK = /^(?:[a-z]+:\/\/)?(?:localhost|127(?:\.\d{1,3}){3}|\[?::1\]?)(?:[:/]|$)/i;

/** The options sit next to a loopback host (`{ host: 'localhost', … }`) or in a call to one (`https.get('https://127.0.0.1:8443', …)`). */
export function loopback(node: ts.Node): boolean {
  let obj = node.parent;
  // `{ host, ...(secure ? { rejectUnauthorized: false } : {}) }`: the options the spread lands in
  for (let p = obj?.parent; p && (ts.isParenthesizedExpression(p) || ts.isConditionalExpression(p) || ts.isSpreadAssignment(p)); p = p.parent) {
    if (ts.isSpreadAssignment(p) && ts.isObjectLiteralExpression(p.parent)) obj = p.parent;
  }
  const strings: ts.Node[] = [];
  if (obj && ts.isObjectLiteralExpression(obj)) {
    for (const p of obj.properties) if (ts.isPropertyAssignment(p) && /^(host|hostname|servername|url|uri|baseURL)$/.test(keyOf(p.name) ?? '')) strings.push(p.initializer);
    const call = obj.parent;
    if (call && (ts.isCallExpression(call) || ts.isNewExpression(call))) strings.push(...(call.arguments ?? []).filter((a) => a !== obj));
  }
  return strings.some((s) => ts.isStringLiteralLike(s) && LOOPBACK.test(s.text)) || strings.some((s) => hostOfFile(s as ts.Expression));
}

/**
 * `host: HOST` or `host: plan.host` where the file's every `host:` is a loopback constant (maildev's healthcheck: `const
 * HOST = '127.0.0.1'`, the plan built with `host: HOST`): the probe talks to its own machine.
 */
function hostOfFile(e: ts.Expression): boolean {
  if (!ts.isIdentifier(e) && !(ts.isPropertyAccessExpression(e) && /^(host|hostname)$/.test(e.name.text))) return false;
  const sf = e.getSourceFile();
  const text = sf.text;
  const loopConst = (name: string) => new RegExp(`\\bconst\\s+${name}\\s*=\\s*['"]([^'"]*)['"]`).exec(text)?.[1];
  const isLoop = (v: string): boolean => {
    const lit = /^['"]([^'"]*)['"]$/.exec(v)?.[1] ?? (/^[A-Za-z_]\w*$/.test(v) ? loopConst(v) : undefined);
    return lit !== undefined && LOOPBACK.test(lit);
  };
  if (ts.isIdentifier(e)) return isLoop(e.text);
  const hosts = [...text.matchAll(/\bhost(?:name)?\s*:\s*([^,}\n]+)/g)].map((m) => m[1].trim()).filter((v) => !/^[\w$]+\.host(?:name)?$/.test(v));
  return hosts.length > 0 && hosts.every(isLoop);
}
