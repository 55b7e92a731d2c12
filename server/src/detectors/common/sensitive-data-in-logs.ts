// Flags log calls whose arguments carry secrets, personal data, whole request bodies or headers, the
// environment, or whole user records. Assistants add `console.log(req.body)`, `logger.info({ user })`
// or `logger.info(f"login {password}")` while debugging and the line ships, copying credentials into
// log storage (CWE-532). Candidates come from the syntax of each language (what each argument is
// named) and from the flow analysis (a secret renamed on the way, a helper that logs what it is given).
import { ir, type Flow } from '../../analysis';
import { JS_LIKE } from '../../core/languages';
import type { Detector, DetectorContext } from '../../core/types';
import { flowExposures, mergeExposures, syntaxSinks } from '../shared/exposure';
import { EXPOSURE_RANK, EXPOSURE_SHAPE, logMessage, type Exposure } from '../shared/sensitive-names';
import { bindingAt, onlyAssigned } from '../shared/bound-values';
import { jsExposureNodes } from '../shared/js-nodes';
import { pinnedAt } from '../shared/pinned-value';
import { fileWrites, secretEvidence } from '../shared/secret-evidence';
import { inLogRoute } from '../shared/log-route';
import { boundToName, isAccessKeyId, isRegistrationHandle, isSyntaxToken } from '../shared/secret-name-evidence';
import { RULE_META } from '../shared/rule-meta';
import { deliveredToSettings, foreignToken, outgoingPythonRequest } from '../shared/secret-use-evidence';
import { jsLogSinks } from '../shared/sensitive-logs-js';
import { pythonLogSinks } from '../shared/sensitive-logs-python';


/** Request fields that are the whole body in some framework (Express `body`, Flask `json`/`form`/`values`/`data`, Django `POST`). */
const WHOLE_BODY = new Set(['body', 'json', 'form', 'values', 'data', 'POST', 'get_json', 'get_data']);

/**
 * A command-line program (a `#!` script, `bin/`, `cli.py`, `jirashell.py`, `commands/`, an example, a module that
 * parses its arguments) that serves no routes
 * writes to standard output what it was asked for: a generated key, a fetched token, the user's own
 * answer, the record it just made. Values read from the environment still count: CI logs keep them.
 */
const STDOUT = /^(?:console\s*\.\s*(?:log|info|table|dir)|print)\s*\(/;
const SERVES = /\b(?:app|router|server|fastify)\s*\.\s*(?:get|post|put|patch|delete|all|route)\s*[(<]|\bcreateServer\s*\(|\.listen\s*\(|\b(?:app|uvicorn)\.run\s*\(|\bserve_forever\s*\(|@\w+\s*\.\s*(?:route|get|post)\s*\(/;
const CLI_PATH = /(?:^|\/)(?:bin|examples?|demos?|commands|cli)\/|(?:^|\/)(?:[\w-]*(?:cli|shell)|__main__)\.(?:[cm]?[jt]s|py)$/;
/** A program that reads its own command line (argparse, click, commander, yargs) talks to the person who ran it. */
const PARSES_ARGS = /\bArgumentParser\s*\(|@click\.(?:command|group)\b|\brequire\(\s*['"](?:commander|yargs)['"]\s*\)|\bfrom\s+['"](?:commander|yargs)['"]/;
/**
 * A module that asks its user questions (inquirer, prompts, enquirer, souffleur…) is an interactive command: what it
 * prints is shown to the person answering (claudia-bot-builder's setup prints the verify token to paste into Facebook).
 */
const ASKS = /\b(?:require\(|from)\s*['"](?:inquirer|prompts?|enquirer|readline-sync|souffleur|@inquirer\/[\w-]+|@clack\/prompts)['"]/;
const FROM_ENV = /\bprocess\.env\b|\bos\.environ\b|\bgetenv\b/;

/**
 * A session id is a credential when it is the web session's (read from the request's session or
 * cookies); a variable named `sessionId` elsewhere is as often a chat thread's or a job's id, so it
 * is shown at low confidence; read by key too (`self.queues[q]['session_id']`, a Consul lock session's).
 */
const SESSION_ID = /(?:^|[^\w$])[\w$]*session_?id(?:['"]\s*\])?\s*$/i;
const WEB_SESSION = /\b(?:req|request|ctx)\s*\.\s*(?:session|sessionID|cookies|COOKIES|headers)\b|\bcookie/i;

/** Also when the id reached the log inside another value (a path or message built from `config.sessionId`). */
function sessionIdOnly(text: string, from: string | undefined, key?: string): boolean {
  return (SESSION_ID.test(key ?? text) || (from !== undefined && SESSION_ID.test(from))) && !WEB_SESSION.test(`${text} ${from ?? ''}`);
}

/**
 * The token of an ACME challenge in a file that answers or sets one up (wildduck's acme.js): the CA fetches it from
 * `/.well-known/acme-challenge/<token>` in the clear, so it is public by design. Other tokens there still count.
 */
const ACME = /acme-challenge|\bkey_?[aA]uthorization\b|['"]http-01['"]/;
const isAcmeChallengeToken = (name: string, text: string) => /(?:^|[^\w$])(?:challenge_?)?token$/i.test(name) && ACME.test(text);

/**
 * A list of push targets in a file that sends push notifications (parse-push-adapter's `failedTokens`,
 * `successfulTokens`): the device registration tokens a delivery went to, named for its outcome. They select a device,
 * as `deviceToken` does; the push service's own credential there (`this.config.token`, a JWT signer) is no list.
 */
const PUSH_FILE = /\bdevice_?tokens?\b|\bregistration_?(?:ids|tokens?)\b|\bsend(?:Each(?:For)?)?Multicast\b|['"](?:firebase-admin\/messaging|node-gcm|@parse\/node-apn|apn|web-push)['"]/i;
const PUSH_TARGETS = /(?:^|[^\w$])(?:(?:failed|failure|successful|success|succeeded|invalid|valid|expired|unregistered|stale|sent|delivered|rejected|bad)_?)?tokens$/i;
const isPushTargetList = (name: string, text: string) => PUSH_TARGETS.test(name) && PUSH_FILE.test(text);

/**
 * `request.body` of a request the code built itself (`const request = new OrdersCreateRequest()` in PayPal's samples,
 * `new Request(url)`): the outgoing call's payload, which the code wrote, not a body a client sent.
 */
function builtHere(ctx: DetectorContext, text: string, start: number): boolean {
  const owner = /^([\w$]+)\s*\.\s*(?:body|headers)$/.exec(text)?.[1];
  const lowered = owner ? ctx.get(ir) : undefined;
  return !!lowered && onlyAssigned(bindingAt(lowered, start, owner!), (e) => e.k === 'call' && e.isNew);
}

/** A Python print under `if yes(…)` (borg's "display your passphrase? [yN]") or in `if __name__ == "__main__":` (a demo run by hand): asked for. */
function askedToShow(text: string, at: number): boolean {
  const lines = text.slice(0, at).split('\n').reverse();
  const indent = /^[ \t]*/.exec(lines[0])![0].length;
  const head = lines.find((l) => l.trim() && /^[ \t]*/.exec(l)![0].length < indent);
  return (!!head && /^\s*if\s+(?:\w+\.)*(?:yes|confirm|ask_?yes_?no|prompt_?yes_?no)\s*\(/.test(head)) || (indent > 0 && /^if\s+__name__\s*==/.test(lines.find((l) => /^[^\s#]/.test(l)) ?? ''));
}

function isCommandLine(ctx: DetectorContext): boolean {
  return (ctx.text.startsWith('#!') || CLI_PATH.test(ctx.path) || PARSES_ARGS.test(ctx.text) || ASKS.test(ctx.text)) && !SERVES.test(ctx.text);
}

/**
 * What the analysis adds to the syntax: values that reach the log line from elsewhere (a variable, a
 * helper's parameter). A value written in the call itself was already judged by its name.
 */
function levelOf(f: Flow): Exposure | null {
  const { origin, sink } = f;
  const inCall = origin.source.start >= sink.call.start && origin.source.end <= sink.call.end;
  if (inCall && !origin.steps.length) return null;
  if (origin.label === 'sensitive') return origin.detail === 'secret' || origin.detail === 'pii' ? origin.detail : null;
  if (origin.label === 'record' && origin.detail === 'fetch') return 'record';
  if (origin.label !== 'request' || origin.stringified) return null;
  if (WHOLE_BODY.has(origin.detail ?? '')) return 'body';
  return origin.detail === 'headers' ? 'headers' : null;
}

/** A CoAP server's module (node-coap, no HTTP framework beside it): its `req.headers` are CoAP options, no Authorization or Cookie (ponte). */
const coapOnly = (text: string): boolean => /\brequire\(\s*['"]coap['"]\s*\)|\bfrom\s+['"]coap['"]/.test(text) && !/['"](?:node:)?(?:https?|http2|express|koa|fastify)['"]/.test(text);

export const sensitiveDataInLogs: Detector = {
  id: 'sensitive-data-in-logs',
  meta: { ...RULE_META['sensitive-data-in-logs'], needs: ['js', 'python', 'ir', 'analysis', jsExposureNodes.id, fileWrites.id] },
  languages: [...JS_LIKE, 'python'],
  keywords: ['log', 'print'],
  run(ctx: DetectorContext) {
    const flows = flowExposures(ctx, ['log', 'print'], levelOf, (f) => (f.origin.label === 'sensitive' ? `a ${f.origin.detail === 'pii' ? 'personal' : 'secret'} value` : 'the value'));
    const cli = isCommandLine(ctx);
    // In the branch where it equals a literal, the value logged is that literal (lightgallery's demo licence key).
    const js = ctx.languageId !== 'python';
    for (const sink of mergeExposures(syntaxSinks(ctx, jsLogSinks, pythonLogSinks), flows)) {
      const output = STDOUT.test(ctx.text.slice(sink.start, sink.start + 40)) && (cli || (!js && askedToShow(ctx.text, sink.start)));
      const kept = [...sink.hits].filter((h) => !output || h.level === 'env' || FROM_ENV.test(`${h.text} ${h.from ?? ''}`)).sort((a, b) => EXPOSURE_RANK.indexOf(a.level as Exposure) - EXPOSURE_RANK.indexOf(b.level as Exposure))
        .filter((h) => !(h.level === 'secret' && (isSyntaxToken(h.text, ctx.text) || isAcmeChallengeToken(h.text, ctx.text) || isPushTargetList(h.text, ctx.text) || boundToName(h.text, ctx.text)))
          && !(js && (h.level === 'body' || h.level === 'headers') && builtHere(ctx, h.text, h.start)) && !(js && pinnedAt(ctx.js(), h.start, h.end)));
      // A secret by its name whose value the file shows to be inert or masked (secret-evidence.ts), an access key's id or a
      // registration's handle, is low; another hit is preferred.
      // So is a token named for another thing in a file that sends no credential, or one handed to its owner for the settings
      // (secret-use-evidence.ts): the name alone is not the evidence; and, in Python, an HTTP client's own request.
      const call = ctx.text.slice(sink.start, sink.end);
      const overruledAt = (h: (typeof kept)[number]) => (h.level === 'secret' && (isAccessKeyId(h.text, h.key, ctx.text) || isRegistrationHandle(h.text, ctx.text) || foreignToken(h.key ?? h.text, ctx.text)
        || deliveredToSettings(js ? ctx.js() : undefined, call, h.text, h.start, ctx.text) || !!secretEvidence(ctx, h.start, h.end, !js))) || (!js && (h.level === 'body' || h.level === 'headers') && outgoingPythonRequest(h.text, ctx.text));
      const hit = kept.find((h) => !overruledAt(h)) ?? kept[0];
      if (!hit) continue;
      const kind = hit.level as Exposure;
      const shape = EXPOSURE_SHAPE[kind];
      const overruled = overruledAt(hit);
      ctx.report({
        start: hit.start, end: hit.end, related: hit.related, kind,
        message: hit.from && hit.from !== hit.text ? logMessage(kind, hit.text, hit.from) : logMessage(kind, hit.text),
        // A development-only branch (`if (isDev)`) is shown, not alarmed about.
        severity: hit.devOnly ? 'info' : shape.severity,
        confidence: hit.indirect || hit.devOnly || overruled || (kind === 'secret' && sessionIdOnly(hit.text, hit.from, hit.key)) || (kind === 'headers' && coapOnly(ctx.text)) || (js && kind === 'body' && inLogRoute(ctx.js(), hit.start)) ? 'low' : shape.confidence,
      });
    }
  },
};
