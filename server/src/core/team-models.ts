// `models` in .vouch.json (or the `vouch.models` setting): the team's own sources, sinks, sanitizers,
// validators and propagators, in the shape of rules/models/*.json entries. Untrusted JSON, so every
// entry is checked field by field; what does not fit is dropped with a message, never guessed.
import { preview } from './json-limits';
import type { TeamModels } from './settings';

const LISTS = ['sources', 'sinks', 'sanitizers', 'validators', 'propagators'] as const;
const STRING_LISTS = new Set(['callee', 'method', 'path', 'call', 'store']);
const STRINGS = new Set(['receiver', 'kind', 'label', 'what', 'kwarg', 'field']);
const ALLOWED: Record<(typeof LISTS)[number], ReadonlySet<string>> = {
  sources: new Set(['path', 'call', 'label', 'trust']),
  sinks: new Set(['kind', 'callee', 'method', 'receiver', 'arg', 'kwarg', 'field', 'store', 'what']),
  sanitizers: new Set(['callee', 'method', 'receiver', 'clears']),
  validators: new Set(['callee', 'method', 'receiver']),
  propagators: new Set(['callee', 'method', 'receiver', 'from']),
};

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function validEntry(list: (typeof LISTS)[number], e: Record<string, unknown>, where: string, problems: string[]): boolean {
  for (const [k, v] of Object.entries(e)) {
    const ok = !ALLOWED[list].has(k) ? false
      : STRING_LISTS.has(k) ? Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string' && x.length > 0)
        : STRINGS.has(k) ? typeof v === 'string' && v.length > 0
          : k === 'arg' ? v === '*' || (Number.isInteger(v) && (v as number) >= 0)
            : k === 'clears' ? v === '*' || (Array.isArray(v) && v.every((x) => typeof x === 'string'))
              : k === 'trust' ? v === 'high' || v === 'low'
                : k === 'from' ? v === 'args' || v === 'receiver' || v === 'both' || v === 'first' : false;
    if (!ok) {
      problems.push(`${where}.${k}: ${ALLOWED[list].has(k) ? `unexpected value ${preview(v)}` : 'unknown key'}`);
      return false;
    }
  }
  if (typeof e.receiver === 'string') {
    try {
      if (!e.receiver.startsWith('@')) new RegExp(e.receiver);
    } catch {
      problems.push(`${where}.receiver: not a valid regular expression`);
      return false;
    }
  }
  const matches = e.callee || e.method || (list === 'sources' && (e.path || e.call)) || (list === 'sinks' && e.store);
  if (!matches) problems.push(`${where}: needs "callee" or "method"${list === 'sources' ? ' ("path" or "call")' : ''}`);
  if (list === 'sinks' && typeof e.kind !== 'string') problems.push(`${where}: needs a "kind" (sql, command, path, html, ssrf, redirect, …)`);
  if (list === 'sanitizers' && e.clears === undefined) problems.push(`${where}: needs "clears" ("*" or sink kinds)`);
  if (list === 'propagators' && e.from === undefined) problems.push(`${where}: needs "from"`);
  return !!matches && (list !== 'sinks' || typeof e.kind === 'string') && (list !== 'sanitizers' || e.clears !== undefined) && (list !== 'propagators' || e.from !== undefined);
}

export function sanitizeModels(raw: unknown, problems: string[]): TeamModels | undefined {
  if (!isObject(raw)) {
    problems.push('models: expected an object with sources, sinks, sanitizers, validators or propagators');
    return undefined;
  }
  const out: TeamModels = {};
  for (const [key, value] of Object.entries(raw)) {
    const list = LISTS.find((l) => l === key);
    if (!list) {
      problems.push(`models.${key}: unknown key (expected ${LISTS.join(', ')})`);
      continue;
    }
    if (!Array.isArray(value)) {
      problems.push(`models.${key}: expected an array`);
      continue;
    }
    const kept = value.filter((e, i) => isObject(e) && validEntry(list, e, `models.${key}[${i}]`, problems));
    if (kept.length) out[list] = kept as Array<Record<string, unknown>>;
  }
  return out;
}
