// After a merge of two branches that both recorded reviews, the second branch's first line names
// the old tail as `prev`: the chain breaks and its reviews stop counting. Rebasing rewrites the
// ledger as the target branch's ledger followed by the lines it does not have, re-chained in order,
// as `git rebase` replays commits: the target's head stays in the chain (so `vouch verify
// --base-ledger` holds) and what was re-chained is what the pull request adds, for its reviewer to read.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { lineHash, parseLedger } from './ledger';
import { withFileLock } from './lock';

export interface Rebase {
  /** The new ledger text ('' when nothing changes). */
  text: string;
  /** Lines re-chained after the target's head. */
  moved: number;
  /** Lines that are not JSON objects: nothing is written while there are any. */
  problems: string[];
}

const nonBlank = (text: string): string[] => text.split(/\r?\n/).filter((l) => l.trim());

/** The content of a line without its link, to recognise a line the target already has. */
function content(o: Record<string, unknown>): string {
  const { prev: _prev, ...rest } = o;
  return JSON.stringify(rest);
}

/** Pure: `current` rebased onto the intact chain of `base`. */
export function rebaseLedger(base: string, current: string): Rebase {
  const target = parseLedger(base);
  const baseLines = nonBlank(base).slice(0, target.chain.length);
  const have = new Map<string, number>();
  for (const l of baseLines) {
    const key = content(JSON.parse(l) as Record<string, unknown>);
    have.set(key, (have.get(key) ?? 0) + 1);
  }
  const problems: string[] = [];
  const rest: Array<Record<string, unknown>> = [];
  nonBlank(current).forEach((line, i) => {
    let o: unknown;
    try {
      o = JSON.parse(line);
    } catch {
      o = undefined;
    }
    if (!o || typeof o !== 'object' || Array.isArray(o)) {
      problems.push(`line ${i + 1} is not a JSON object; remove or fix it first`);
      return;
    }
    const key = content(o as Record<string, unknown>);
    const n = have.get(key) ?? 0;
    if (n > 0) have.set(key, n - 1);
    else rest.push(o as Record<string, unknown>);
  });
  if (problems.length) return { text: '', moved: 0, problems };
  const out = [...baseLines];
  let prev = target.head;
  for (const o of rest) {
    o.prev = prev;
    const line = JSON.stringify(o);
    out.push(line);
    prev = lineHash(line);
  }
  const text = out.length ? out.join('\n') + '\n' : '';
  return { text: text === current ? '' : text, moved: rest.length, problems };
}

/** Rebases the ledger file onto `base` (its text) under the ledger's lock; writes atomically. */
export function rebaseLedgerFile(file: string, base: string): Rebase {
  mkdirSync(dirname(file), { recursive: true });
  return withFileLock(file, () => {
    let current = '';
    try {
      current = readFileSync(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    const result = rebaseLedger(base, current);
    if (result.text) {
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, result.text);
      renameSync(tmp, file);
    }
    return result;
  });
}
