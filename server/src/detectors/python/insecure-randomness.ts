// Flags the `random` module feeding tokens, secrets, passwords, OTPs, nonces or session ids, judged by the name
// that receives the value (or the generating function). Simulations, sampling and jitter are left alone.
import type { Node } from 'web-tree-sitter';
import type { Detector, DetectorContext } from '../../core/types';
import { RULE_META } from '../shared/rule-meta';
import { securityName } from '../shared/random-names';
import { pyCallee, pyNodes, pyNodesOf } from '../shared/py-nodes';

const FUNCS = new Set(['random', 'randint', 'randrange', 'choice', 'choices', 'sample', 'getrandbits', 'randbytes', 'uniform', 'shuffle']);
const BENIGN = /(^|_)(delay|jitter|timeout|backoff|wait|sleep|interval|retry|color|colour|x|y|z|pos|angle|duration|width|height|size|offset|sample|samples|shuffle|percent|chance|probability|weight|weights|noise|index|idx|seed|epoch|batch|split|train|test)(_|$)/;
const NEUTRAL = /^(result|res|s|out|output|value|val|v|id|chars?|c|r|rand|n|num|number|text|ret|code|part|digits?|i|j|_)$/i;

const words = (name: string) => name.replace(/^.*\./, '').replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/**
 * A local whose every use is a URL's query value (`f'{API}/token?v={rand}000'`, viu's cache-buster): it only makes the
 * URL unique; the function's name (`_get_token`) describes what the request fetches, not the random value.
 */
function onlyInQuery(fn: Node, local: string | undefined): boolean {
  if (!local || !/^\w+$/.test(local)) return false;
  const uses = fn.text.match(new RegExp(`(?<![\\w.])${local}(?!\\w)`, 'g'))?.length ?? 0;
  const inQuery = fn.text.match(new RegExp(`[?&][\\w-]+=\\{${local}\\}`, 'g'))?.length ?? 0;
  return inQuery > 0 && uses === inQuery + 1;
}

function receiver(node: Node, text: string): { name: string; direct: boolean; saltOnly: boolean; local?: string } | undefined {
  let local: string | undefined;
  for (let p: Node = node; p.parent; p = p.parent) {
    const parent = p.parent;
    let name: string | undefined;
    if (parent.type === 'assignment' || parent.type === 'augmented_assignment') {
      if (parent.childForFieldName('right')?.id !== p.id) return undefined;
      name = parent.childForFieldName('left')?.text;
    } else if (parent.type === 'keyword_argument') name = parent.childForFieldName('name')?.text;
    else if (parent.type === 'pair') name = parent.childForFieldName('key')?.text.replace(/^["']|["']$/g, '');
    else if (parent.type === 'argument_list' && parent.parent?.type === 'call') {
      if (BENIGN.test(words(parent.parent.childForFieldName('function')?.text ?? ''))) return undefined;
      continue;
    } else if (parent.type === 'function_definition' || parent.type === 'lambda' || parent.type === 'module' || parent.type === 'class_definition') {
      const fn = parent.type === 'function_definition' ? parent.childForFieldName('name')?.text ?? '' : '';
      const named = securityName(words(fn), text);
      return named && !BENIGN.test(words(fn)) ? { name: fn, direct: false, ...named, ...(onlyInQuery(parent, local) ? { saltOnly: true } : {}) } : undefined;
    }
    if (name !== undefined && parent.type === 'assignment') local ??= name;
    if (name === undefined || NEUTRAL.test(name.replace(/^self\./, ''))) continue;
    const w = words(name);
    const named = securityName(w, text);
    return BENIGN.test(w) || !named ? undefined : { name, direct: true, ...named };
  }
  return undefined;
}

export const pyInsecureRandomness: Detector = {
  id: 'insecure-randomness',
  meta: { ...RULE_META['insecure-randomness'], needs: ['python', pyNodes.id] },
  languages: ['python'],
  keywords: ['random'],
  run(ctx: DetectorContext) {
    const tree = ctx.python();
    if (!tree) return;
    const imported = new Set<string>();
    const m = /^from\s+random\s+import\s+(\([^)]*\)|[^\n#]+)/m.exec(ctx.text);
    for (const n of m?.[1].replace(/[()]/g, '').split(',') ?? []) {
      const parts = n.trim().split(/\s+as\s+/);
      if (FUNCS.has(parts[0])) imported.add(parts[1] ?? parts[0]);
    }
    // `import random as random_module` names the module otherwise; `random = random_module.SystemRandom()`
    // (heat's password generator) makes `random.choice` the operating system's generator.
    const imp = /^[ \t]*import[ \t]+random\b(?:[ \t]+as[ \t]+(\w+))?/m.exec(ctx.text);
    const module = imp?.[1] ?? 'random';
    const secure = new RegExp(String.raw`^[ \t]*${module}[ \t]*=[ \t]*[\w.]*SystemRandom[ \t]*\(`, 'm').test(ctx.text);
    if (!imported.size && (!imp || secure)) return;
    for (const call of pyNodesOf(ctx, 'call')) {
      ctx.checkBudget();
      const callee = pyCallee(ctx, call!);
      const fn = imp && !secure && callee.startsWith(`${module}.`) ? callee.slice(module.length + 1) : undefined;
      if (!(fn && FUNCS.has(fn)) && !imported.has(callee)) continue;
      const r = receiver(call!, ctx.text);
      if (!r) continue;
      ctx.report({
        start: call!.startIndex, end: call!.endIndex,
        // `random.shuffle(chars)` only reorders what was chosen (cinder draws the characters from os.urandom).
        confidence: r.saltOnly || (fn ?? callee) === 'shuffle' ? 'low' : r.direct ? undefined : 'medium',
        message: `The \`random\` module is predictable, so \`${r.name}\` can be guessed; use the \`secrets\` module (secrets.token_urlsafe, secrets.choice) instead.`,
      });
    }
  },
};
