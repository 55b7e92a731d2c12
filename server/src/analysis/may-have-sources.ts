// The walk's prefilter: could input enter this file at all? Read on the IR before any function is walked.
import type { Expr, FileIR } from './ir';
import type { Models } from './models';
import { exprsOf } from './walk';

/**
 * Could input enter this file at all? A parameter with a role, an import of a source (`flask.request`),
 * a read of a source path or one of its prefixes (`process.argv`, `window.location`), a source call,
 * or a listener for messages or request data. Most library files have none and skip the walk.
 */
const prefixCache = new WeakMap<Models, Set<string>>();

export function mayHaveSources(ir: FileIR, models: Models): boolean {
  let prefixes = prefixCache.get(models);
  if (!prefixes) {
    prefixes = new Set<string>();
    for (const p of [...models.sourcePaths.keys(), ...models.sourceCallNames]) {
      const parts = p.split('.');
      for (let i = 2; i <= parts.length; i++) prefixes.add(parts.slice(0, i).join('.'));
      if (parts.length === 1) prefixes.add(p);
      // The page's location read whole (`var l = location; … l.search`): the alias carries the source.
      if (parts[0] === 'location') prefixes.add('location');
    }
    prefixCache.set(models, prefixes);
  }
  const pathOf = (e: Expr): string | undefined => {
    if (e.k === 'name') return e.binding?.import ? (e.binding.import.name === '*' ? e.binding.import.module : `${e.binding.import.module}.${e.binding.import.name}`) : e.binding && !e.binding.implicit ? undefined : e.name;
    if (e.k === 'member' && e.prop) {
      const o = pathOf(e.object);
      return o && `${o}.${e.prop}`;
    }
    return undefined;
  };
  let found = false;
  for (const fn of ir.funcs) {
    if (found) break;
    exprsOf(fn).forEach((e) => {
      if (found) return;
      if (e.k === 'member' || e.k === 'name') {
        const p = pathOf(e);
        if (p && prefixes!.has(p)) found = true;
      } else if (e.k === 'call' && e.callee.k === 'member' && /^(addEventListener|on|once)$/.test(e.callee.prop ?? '') && e.args[0]?.k === 'lit' && (e.args[0].value === 'message' || e.args[0].value === 'data')) found = true;
    });
  }
  return found;
}
