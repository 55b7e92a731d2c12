// A breaking change as a finding: one sentence with what changed, how far it reaches (the broken uses,
// the first few named) and which tests touch the name; severity by reach; every use as related info.
// Also where a change whose declaration is gone is reported: the line that stands where it was.
import { diffLines } from 'diff';
import type { Confidence, RelatedStep, Severity } from '../core/types';
import type { Change } from './compare';
import type { Reach, Site } from './reach';

const SHOWN_SITES = 3;
const MAX_RELATED = 50;
const WORDS = ['no', 'one', 'two', 'three', 'four', 'five'];

/** What the hit uses still do, said once for the group: singular and plural. */
function doing(change: Change, sites: Site[]): [string, string] {
  const c = change.check;
  if (c.type === 'call' && change.kind === 'param-required') {
    const counts = new Set(sites.map((s) => /passes (\d+)/.exec(s.message)?.[1]));
    const n = counts.size === 1 ? Number([...counts][0]) : NaN;
    const what = Number.isNaN(n) ? 'too few arguments' : `${WORDS[n] ?? n} argument${n === 1 ? '' : 's'}`;
    return [`still passes ${what}`, `still pass ${what}`];
  }
  switch (c.type) {
    case 'call': return ['still passes an argument it no longer takes', 'still pass arguments it no longer takes'];
    case 'reorder': return ['passes arguments by position', 'pass arguments by position'];
    case 'keyword': return ['still passes the old keyword', 'still pass the old keyword'];
    case 'omits': return ['relies on the old default', 'rely on the old default'];
    case 'unawaited': return ['does not await it', 'do not await it'];
    case 'fields': return ['reads what it no longer returns', 'read what it no longer returns'];
    case 'import': return ['still names it', 'still name it'];
    case 'member': return ['still uses what was removed', 'still use what was removed'];
    case 'literal': return ['lacks what is now required', 'lack what is now required'];
    case 'subpaths': return ['still imports a closed subpath', 'still import closed subpaths'];
    case 'command': return ['still runs it', 'still run it'];
    case 'route': return ['still expects it', 'still expect it'];
    case 'value': return ['relies on it', 'rely on it'];
    case 'peer': return ['has a version outside it', 'have versions outside it'];
  }
}

const noun = (change: Change, n: number): string => {
  const c = change.check.type;
  const one = c === 'import' || c === 'subpaths' || c === 'value' ? 'import' : c === 'member' ? 'use' : c === 'literal' ? 'object literal' : c === 'command' ? 'script' : c === 'route' ? 'request' : c === 'peer' ? 'dependent package' : 'call site';
  return `${n} ${n === 1 ? one : one + 's'}`;
};

const where = (s: Site) => `${s.file}:${s.range.start.line + 1}`;

export function describeChange(change: Change, reach: Reach, path: string): { message: string; severity: Severity; confidence: Confidence; related: RelatedStep[] } {
  const sites = [...reach.sites].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character));
  const broken = sites.filter((s) => s.effect === 'broken');
  const hit = broken.length ? broken : sites.filter((s) => s.effect === 'affected');
  const files = new Set(hit.map((s) => s.file));
  const inFile = hit.every((s) => s.file === path) ? ' in this file' : ` in ${files.size} file${files.size === 1 ? '' : 's'}`;
  const list = hit.slice(0, SHOWN_SITES).map(where).join(', ') + (hit.length > SHOWN_SITES ? ', …' : '');
  const others = reach.users.size;
  const scope = hit.length
    ? `${noun(change, hit.length)}${inFile} ${doing(change, hit)[hit.length === 1 ? 0 : 1]} — ${list}`
    : others
      ? `its ${others === 1 ? 'one user' : `${others} users`} in the workspace ${others === 1 ? 'is' : 'are'} compatible`
      : 'nothing outside this file uses it';
  const tests = reach.tests.length ? `tests: ${[...reach.tests].sort().slice(0, SHOWN_SITES).join(', ')}${reach.tests.length > SHOWN_SITES ? ', …' : ''}` : 'no test touches it';
  return {
    message: `${change.what}; ${scope}; ${tests}.`,
    severity: broken.length ? 'error' : hit.length ? 'warning' : 'hint',
    confidence: hit.length ? reach.confidence : 'high',
    related: hit.slice(0, MAX_RELATED).map((s) => ({ file: s.file, range: s.range, message: s.message })),
  };
}

/** The line of `after` standing where line `line` (0-based) of `before` was: itself if kept, else where it was removed. */
export function mapLine(before: string, after: string, line: number): number {
  const parts = diffLines(before, after, { stripTrailingCr: true, timeout: 1000 });
  if (!parts) return Math.min(line, after.split('\n').length - 1);
  let oldLine = 0;
  let newLine = 0;
  for (const p of parts) {
    const n = p.count ?? 0;
    if (p.added) newLine += n;
    else if (p.removed) {
      if (line < oldLine + n) return newLine;
      oldLine += n;
    } else {
      if (line < oldLine + n) return newLine + (line - oldLine);
      oldLine += n;
      newLine += n;
    }
  }
  return Math.max(0, newLine - 1);
}
