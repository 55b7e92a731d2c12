// How a file's public surface changed between the baseline and now, as breaking changes only: each
// says what broke (for the message), where it is now (for the finding) and how to tell whether a use
// elsewhere is broken by it (for the reach). Additive changes (a new optional parameter, a new export,
// a new optional member) produce nothing.
import type { Callable, Entry, Param, Surface } from './surface';

export type ChangeKind =
  | 'param-required' | 'param-removed' | 'params-reordered' | 'param-renamed' | 'default-changed' | 'became-async'
  | 'return-fields' | 'export-removed' | 'export-renamed' | 'member-removed' | 'member-required' | 'enum-member-removed'
  | 'all-entry-removed' | 'package-renamed' | 'subpath-removed' | 'bin-removed'
  | 'route-removed' | 'route-moved' | 'route-method-changed' | 'limit-tightened' | 'peer-narrowed' | 'peer-added';

/** What a use must be like to be hit by the change. */
export type Check =
  | { type: 'call'; now: Callable; was: Callable }
  | { type: 'omits'; index: number; name: string }
  | { type: 'reorder'; from: number }
  | { type: 'keyword'; names: string[] }
  | { type: 'unawaited' }
  | { type: 'fields'; fields: string[] }
  | { type: 'import' }
  | { type: 'member'; members: string[] }
  | { type: 'literal'; required: string[] }
  | { type: 'subpaths'; open: string[]; was?: string[] }
  | { type: 'command'; names: string[] }
  /** An HTTP route (`pattern` as routes.ts normalises it) no longer answering `method`. */
  | { type: 'route'; method: string; pattern: string }
  /** A value its importers may rely on changed (a limit tightened). */
  | { type: 'value' }
  /** A peer dependency the package now needs in `range` (narrowed, or new and required). */
  | { type: 'peer'; peer: string; range: string };

/** Which uses of the exported name the check looks at. */
export type Target = 'call' | 'new' | { method: string } | 'name';

export interface Change {
  kind: ChangeKind;
  /** The exported name importers use. */
  name: string;
  target: Target;
  /** The declaration now (offsets in the current text); absent when it is gone. */
  at?: { start: number; end: number };
  /** Where it was at the baseline (offsets in the baseline text), for changes whose declaration is gone. */
  was?: { start: number; end: number };
  /** One clause: "`formatDate(d)` now requires `locale`". */
  what: string;
  check: Check;
}

const code = (s: string) => '`' + s + '`';
const list = (xs: string[]) => xs.map(code).join(', ');
/** `formatDate(d, locale?)`, `send(to, body=…, *args, **kw)`: how the callable was or is called. */
function sigText(name: string, c: Callable, python: boolean): string {
  const param = (p: Param) => (p.variadic === 'rest' ? (python ? '*' : '...') + p.name : p.variadic === 'keywords' ? `**${p.name}` : p.optional ? (python ? `${p.name}=…` : `${p.name}?`) : p.name);
  return code(`${name}(${c.params.map(param).join(', ')})`);
}
const required = (c: Callable) => c.params.filter((p) => !p.optional);
const positional = (c: Callable) => c.params.filter((p) => !p.variadic && p.pass !== 'keyword');

/** Breaking changes between two signatures of one callable. */
function callableChanges(label: string, was: Callable, now: Callable, base: Omit<Change, 'kind' | 'what' | 'check'>, python: boolean): Change[] {
  const out: Change[] = [];
  const push = (kind: ChangeKind, what: string, check: Check) => out.push({ ...base, kind, what, check });
  const wasNames = was.params.map((p) => p.name);
  const nowPos = positional(now).map((p) => p.name);
  const wasPos = positional(was).map((p) => p.name);
  if (python) {
    // Python binds by name too: a parameter in the place of one that is gone was renamed.
    const removed = was.params.filter((p) => !p.variadic && !now.params.some((q) => q.name === p.name));
    const renamed = removed.map((p) => ({ from: p, to: now.params[wasNames.indexOf(p.name)] })).filter((r) => r.to && !r.to.variadic && !wasNames.includes(r.to.name));
    const targets = new Set(renamed.map((r) => r.to.name));
    const newlyRequired = required(now).filter((p) => !targets.has(p.name) && (was.params.find((q) => q.name === p.name)?.optional ?? true));
    if (newlyRequired.length) push('param-required', `${sigText(label, was, python)} now requires ${list(newlyRequired.map((p) => p.name))}`, { type: 'call', now, was });
    if (renamed.length && !now.params.some((p) => p.variadic === 'keywords')) {
      push('param-renamed', `${sigText(label, was, python)} renamed ${renamed.map((r) => `${code(r.from.name)} to ${code(r.to.name)}`).join(', ')}`, { type: 'keyword', names: renamed.map((r) => r.from.name) });
    }
    const gone = removed.filter((p) => !renamed.some((r) => r.from === p));
    if (gone.length && !newlyRequired.length) push('param-removed', `${sigText(label, was, python)} no longer takes ${list(gone.map((p) => p.name))}`, { type: 'call', now, was });
  } else {
    // JavaScript binds by position: what counts is how many arguments a call must and may pass.
    const min = (c: Callable) => c.params.reduce((n, p, i) => (p.optional ? n : i + 1), 0);
    if (min(now) > min(was)) push('param-required', `${sigText(label, was, python)} now requires ${list(now.params.slice(min(was), min(now)).map((p) => p.name))}`, { type: 'call', now, was });
    const hasRest = now.params.some((p) => p.variadic === 'rest');
    if (!hasRest && nowPos.length < wasPos.length && min(now) <= min(was)) {
      const missing = wasPos.filter((n) => !nowPos.includes(n));
      push('param-removed', `${sigText(label, was, python)} no longer takes ${list(missing.length ? missing : wasPos.slice(nowPos.length))}`, { type: 'call', now, was });
    }
  }
  // The same parameters in another order: positional callers now pass them to the wrong ones.
  const common = wasPos.filter((n) => nowPos.includes(n));
  const order = nowPos.filter((n) => common.includes(n));
  const from = common.findIndex((n, i) => order[i] !== n);
  if (from >= 0 && common.length > 1) push('params-reordered', `${sigText(label, was, python)} now takes its parameters in the order ${code(`(${nowPos.join(', ')})`)}`, { type: 'reorder', from: Math.min(wasPos.indexOf(common[from]), nowPos.indexOf(common[from])) });
  for (const [i, p] of now.params.entries()) {
    const q = was.params.find((x) => x.name === p.name);
    if (q?.default !== undefined && p.default !== undefined && q.default !== p.default) {
      push('default-changed', `the default of ${code(p.name)} in ${sigText(label, now, python)} changed from ${code(q.default)} to ${code(p.default)}`, { type: 'omits', index: python && p.pass === 'keyword' ? -1 : i, name: p.name });
    }
  }
  if (!was.async && now.async) push('became-async', `${sigText(label, now, python)} is now ${python ? 'a coroutine function' : 'async'}: it returns ${python ? 'a coroutine' : 'a promise'}`, { type: 'unawaited' });
  if (was.returns && now.returns) {
    const lost = was.returns.filter((k) => !now.returns!.includes(k));
    const gained = now.returns.filter((k) => !was.returns!.includes(k));
    const rename = lost.length === 1 && gained.length === 1 ? ` (renamed to ${code(gained[0])}?)` : '';
    if (lost.length) push('return-fields', `${sigText(label, now, python)} no longer returns ${list(lost)}${rename}`, { type: 'fields', fields: lost });
  }
  return out;
}

/** A fingerprint of what an entry offers, to pair a removed export with the one that replaced it. */
function shape(e: Entry): string {
  const sig = (c?: Callable) => (c ? `${c.async}|${c.params.map((p: Param) => `${p.name}:${p.optional}`).join(',')}` : '');
  switch (e.kind) {
    case 'function': return `f|${sig(e.sig)}`;
    case 'class': return `c|${sig(e.ctor)}|${Object.keys(e.methods).sort().join(',')}`;
    case 'shape': return `s|${Object.keys(e.members).sort().join(',')}`;
    case 'enum': return `e|${e.members.join(',')}`;
    default: return `v|${e.kind}`;
  }
}

function entryChanges(exported: string, was: Entry, now: Entry, python: boolean): Change[] {
  const at = { start: now.start, end: now.end };
  // Messages use the declaration's name (`View`, not `default`); uses are found by the exported one.
  const label = now.local ?? exported;
  const name = exported;
  if (was.kind === 'function' && now.kind === 'function') return callableChanges(label, was.sig, now.sig, { name, target: 'call', at }, python);
  if (was.kind === 'class' && now.kind === 'class') {
    const out: Change[] = [];
    if (was.ctor && now.ctor) out.push(...callableChanges(python ? label : `new ${label}`, was.ctor, now.ctor, { name, target: python ? 'call' : 'new', at }, python));
    for (const [m, w] of Object.entries(was.methods)) {
      const n = now.methods[m];
      if (!n) out.push({ kind: 'member-removed', name, target: 'name', at, what: `${code(`${label}.${m}()`)} was removed`, check: { type: 'member', members: [m] } });
      else out.push(...callableChanges(`${label}.${m}`, w.sig, n.sig, { name, target: { method: m }, at: { start: n.start, end: n.end } }, python));
    }
    return out;
  }
  if (was.kind === 'shape' && now.kind === 'shape') {
    const gone = Object.keys(was.members).filter((k) => !(k in now.members));
    const req = Object.entries(now.members).filter(([k, v]) => !v.optional && (!(k in was.members) || was.members[k].optional)).map(([k]) => k);
    const out: Change[] = [];
    if (gone.length) out.push({ kind: 'member-removed', name, target: 'name', at, what: `${list(gone.map((k) => `${label}.${k}`))} ${gone.length > 1 ? 'were' : 'was'} removed`, check: { type: 'member', members: gone } });
    if (req.length) {
      const first = now.members[req[0]];
      out.push({ kind: 'member-required', name, target: 'name', at: { start: first.start, end: first.end }, what: `${list(req.map((k) => `${label}.${k}`))} ${req.length > 1 ? 'are' : 'is'} now required`, check: { type: 'literal', required: req } });
    }
    return out;
  }
  if (was.kind === 'value' && now.kind === 'value' && was.limits && now.limits) {
    const out: Change[] = [];
    for (const [key, w] of Object.entries(was.limits)) {
      const n = now.limits[key];
      if (!n || n.value >= w.value) continue;
      const shown = key ? `${label}.${key}` : label;
      out.push({ kind: 'limit-tightened', name, target: 'name', at: { start: n.start, end: n.end }, what: `${code(shown)} went down from ${code(String(w.value))} to ${code(String(n.value))}`, check: { type: 'value' } });
    }
    return out;
  }
  if (was.kind === 'enum' && now.kind === 'enum') {
    const gone = was.members.filter((m) => !now.members.includes(m));
    return gone.length ? [{ kind: 'enum-member-removed', name, target: 'name', at, what: `${list(gone.map((m) => `${label}.${m}`))} ${gone.length > 1 ? 'were' : 'was'} removed`, check: { type: 'member', members: gone } }] : [];
  }
  return [];
}

/** The breaking changes from `before` (baseline) to `after` (now). */
export function compareSurfaces(before: Surface, after: Surface, python: boolean): Change[] {
  const out: Change[] = [];
  const added = Object.keys(after.exports).filter((k) => !(k in before.exports));
  for (const [name, was] of Object.entries(before.exports)) {
    const now = after.exports[name];
    if (now) {
      out.push(...entryChanges(name, was, now, python));
      continue;
    }
    const twins = added.filter((k) => shape(after.exports[k]) === shape(was));
    const renamed = twins.length === 1 ? after.exports[twins[0]] : undefined;
    out.push({
      kind: renamed ? 'export-renamed' : 'export-removed', name, target: 'name', was: { start: was.start, end: was.end },
      ...(renamed ? { at: { start: renamed.start, end: renamed.end } } : {}),
      what: renamed ? `${code(name)} was renamed to ${code(renamed.name)}` : python ? `${code(name)} was removed` : `${code(name)} is no longer exported`,
      check: { type: 'import' },
    });
  }
  const gone = before.all?.names.filter((n) => after.all && !after.all.names.includes(n) && after.exports[n]) ?? [];
  if (gone.length && after.all) {
    out.push({ kind: 'all-entry-removed', name: gone[0], target: 'name', at: { start: after.all.start, end: after.all.end }, what: `${list(gone)} ${gone.length > 1 ? 'were' : 'was'} removed from ${code('__all__')}`, check: { type: 'import' } });
  }
  return out;
}
