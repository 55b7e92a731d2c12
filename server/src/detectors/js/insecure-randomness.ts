// Flags `Math.random()` feeding tokens, secrets, passwords, OTPs, nonces or session ids, judged by the name that
// receives the value (or the generating function). Jitter, animation, shuffling and sampling are left alone.
import { ts } from '../../core/ts';
import type { Detector, DetectorContext } from '../../core/types';
import { JS_LIKE } from '../../core/languages';
import { walkJsKinds } from '../shared/js-nodes';
import { RULE_META } from '../shared/rule-meta';
import { securityName } from '../shared/random-names';

const BENIGN = /(^|_)(delay|jitter|timeout|backoff|wait|sleep|interval|retry|ms|color|colour|hue|x|y|z|pos|position|angle|opacity|duration|width|height|size|offset|sample|shuffle|shuffled|percent|chance|probability|weight|speed|noise|index|idx|class|name|animation|rotation|scale|left|top)(_|$)/;
/** A function that schedules work (`scheduleTokenCleanupJob`): its random numbers spread the load, whatever the work is about. */
const SCHEDULING = /(^|_)(schedule|scheduled|cleanup|cron|stagger|spread)(_|$)/;
const NEUTRAL = /^(result|res|str|s|out|output|value|val|v|id|chars?|c|r|rand|random|rnd|n|num|number|text|ret|buf|code|part|digits?|i|j)$/i;

/** Keys of an analytics record (`{ measurementId, sessionId, totalEngagementSeconds }`): its session id counts visits, guessing it grants nothing. */
const ANALYTICS_KEY = /measurement|engagement|analytics|telemetry|tracking|pageviews?/i;
const analyticsRecord = (p: ts.PropertyAssignment, sf: ts.SourceFile) =>
  p.parent.properties.some((q) => q !== p && !!q.name && ANALYTICS_KEY.test(q.name.getText(sf)));

/**
 * A file using a feature-flag SDK: its `sessionId` is a stickiness key hashed to a rollout bucket (Unleash's
 * context), guessing it grants nothing. Tokens and secrets beside it are still reported.
 */
const FLAG_SDK = /(['"])(?:unleash-client|unleash-proxy-client|@unleash\/[\w-]+|launchdarkly-[\w-]+|@launchdarkly\/[\w-]+|@growthbook\/[\w-]+|flagsmith(?:-nodejs)?|@openfeature\/[\w-]+|configcat-[\w-]+|posthog-node)(?:\/[\w./-]*)?\1/;
const SESSION_ONLY = /^(?:\w+_)?(?:session|sess)_id$/;

/** A logging call: `console.log`, `this.log.debug`, `logger.warn`, `this.debugLog` (the value only labels log lines). */
const LOG_CALLEE = /(?:^|\.)(?:console|log|logger|_log|\w*Logger)\.\w+$|(?:^|\.)(?:debugLog|logDebug|logInfo|logWarn|logError|log|debug|trace|verbose)$/;

/**
 * A local whose every use is an argument of a logging call (`const id = `#${rand}#`` then `this.debugLog(`… [${id}]`)`):
 * a tag that pairs a function's log lines, whatever the function is named (a token refresh's).
 */
function onlyLogged(local: ts.Identifier, fn: ts.Node, sf: ts.SourceFile): boolean {
  let uses = 0;
  let other = false;
  const visit = (n: ts.Node): void => {
    if (other) return;
    if (ts.isIdentifier(n) && n !== local && n.text === local.text && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n)) {
      uses++;
      let p: ts.Node = n;
      while (p.parent && !ts.isStatement(p.parent) && !(ts.isCallExpression(p.parent) && p.parent.arguments.includes(p as ts.Expression))) p = p.parent;
      const call = p.parent;
      if (!call || !ts.isCallExpression(call) || !LOG_CALLEE.test(call.expression.getText(sf))) other = true;
    }
    ts.forEachChild(n, visit);
  };
  visit(fn);
  return uses > 0 && !other;
}

const words = (name: string) => name.replace(/^.*[.>]/, '').replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/** The security-relevant name this value flows into, or undefined. */
function receiver(node: ts.Node, sf: ts.SourceFile, flags: boolean): { name: string; direct: boolean; saltOnly: boolean; logTag?: boolean } | undefined {
  let local: ts.Identifier | undefined;
  for (let p: ts.Node = node; p.parent && !ts.isSourceFile(p.parent); p = p.parent) {
    const parent = p.parent;
    let name: string | undefined;
    if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isJsxAttribute(parent)) name = parent.name.getText(sf);
    else if (ts.isBinaryExpression(parent) && parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment && parent.right === p) name = parent.left.getText(sf);
    // `Math.random() < 0.1`: a probability (sampling a log line), not a value anyone receives.
    else if (ts.isBinaryExpression(parent) && parent.operatorToken.kind >= ts.SyntaxKind.LessThanToken && parent.operatorToken.kind <= ts.SyntaxKind.GreaterThanEqualsToken) return undefined;
    else if (ts.isCallExpression(parent) && parent.arguments.includes(p as ts.Expression)) {
      // Math.floor(…), setTimeout(fn, …): the callee says nothing about secrecy, but may say "timing".
      if (BENIGN.test(words(parent.expression.getText(sf)))) return undefined;
      continue;
    }
    else if (ts.isFunctionLike(parent)) {
      const n = (parent as ts.FunctionLikeDeclaration).name ?? (ts.isVariableDeclaration(parent.parent) || ts.isPropertyAssignment(parent.parent) ? parent.parent.name : undefined);
      const fn = n ? words(n.getText(sf)) : '';
      const named = securityName(fn, sf.text);
      if (!named || BENIGN.test(fn) || SCHEDULING.test(fn)) return undefined;
      return { name: n!.getText(sf), direct: false, ...named, logTag: !!local && onlyLogged(local, parent, sf) };
    }
    if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name) && !local) local = parent.name;
    if (name === undefined || NEUTRAL.test(name.replace(/^this\./, ''))) continue;
    if (ts.isPropertyAssignment(parent) && analyticsRecord(parent, sf)) return undefined;
    const w = words(name);
    const named = securityName(w, sf.text);
    if (BENIGN.test(w) || !named || (flags && SESSION_ONLY.test(w))) return undefined;
    return { name, direct: true, ...named };
  }
  return undefined;
}

export const insecureRandomness: Detector = {
  id: 'insecure-randomness',
  meta: { ...RULE_META['insecure-randomness'], needs: ['js', 'js-nodes'] },
  languages: JS_LIKE,
  keywords: ['math.random'],
  run(ctx: DetectorContext) {
    const sf = ctx.js();
    if (!sf) return;
    const flags = FLAG_SDK.test(sf.text);
    walkJsKinds(ctx, [ts.SyntaxKind.CallExpression], (node) => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'random'
        && ts.isIdentifier(node.expression.expression) && node.expression.expression.text === 'Math') {
        const r = receiver(node, sf, flags);
        if (r) {
          ctx.report({
            start: node.getStart(sf), end: node.end,
            confidence: r.saltOnly || r.logTag ? 'low' : r.direct ? undefined : 'medium',
            message: `\`Math.random()\` is predictable, so \`${r.name}\` can be guessed; use crypto.randomBytes, crypto.randomUUID or crypto.getRandomValues.`,
          });
        }
      }
    });
  },
};
