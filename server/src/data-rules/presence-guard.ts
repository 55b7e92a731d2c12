// A removed Python API whose own presence the code tests first only runs where it still exists:
// `hasattr(inspect, "getargspec") and inspect.getargspec(f)`, `elif hasattr(ssl, "wrap_socket"):`. The probe must
// name the very attribute the match uses (a probe for the replacement is the rule's own `notInBlock` business).
import { inBlockHeadedBy } from './block-headers';

/** The probe `hasattr(mod, "attr")` / `getattr(mod, "attr", …)` as regex source, quotes either way. */
function probeSource(mod: string, attr: string): string {
  return `\\b(?:hasattr|getattr)\\s*\\(\\s*${mod}\\s*,\\s*(?:"${attr}"|'${attr}')[^()\\n]*\\)`;
}

/**
 * Whether the match at `start` (`mod.attr(`: a name, a dot, a name) is guarded by a probe of that attribute: earlier
 * on its line and joined to it by `and` alone (no `or`, no conditional expression between), as the test of a
 * conditional expression right after it (`mod.attr(x) if hasattr(mod, "attr") else …`), or in the header of an
 * enclosing `if`/`elif` without `not` or `or`.
 */
export function presenceGuarded(text: string, start: number, end: number): boolean {
  const m = /^([A-Za-z_]\w*)\.([A-Za-z_]\w*)/.exec(text.slice(start, end));
  if (!m) return false;
  const probe = probeSource(m[1], m[2]);
  const ls = text.lastIndexOf('\n', start - 1) + 1;
  const le = text.indexOf('\n', end);
  const before = text.slice(ls, start);
  let last: RegExpExecArray | undefined;
  for (const g of before.matchAll(new RegExp(probe, 'g'))) last = g;
  if (last && !/\bnot\s*$/.test(before.slice(0, last.index))) {
    const between = before.slice(last.index! + last[0].length);
    if (/^\s*and\b/.test(between) && !/\b(?:or|if|else|lambda)\b|[;:]/.test(between)) return true;
  }
  if (new RegExp(`^[^#\\n]*?\\bif\\s+${probe}\\s*else\\b`).test(text.slice(end, le === -1 ? text.length : le))) return true;
  return inBlockHeadedBy(text, start, [new RegExp(`^\\s*(?:el)?if\\b(?!.*\\b(?:not|or)\\b).*${probe}`)]);
}
