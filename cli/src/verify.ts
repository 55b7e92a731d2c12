// `vouch verify`: does the review record hold? Checks the ledger's hash chain, a head pinned outside
// the repository, and `.vouch/provenance.json` against the ledger's region records (review/verify.ts).
// Prints what does not hold and the ledger's head. Exit codes: 0 holds, 1 does not hold, 2 usage.
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LEDGER_FILE } from '../../server/src/core/provenance-types';
import { readFileSync, statSync } from 'node:fs';
import { readLedger } from '../../server/src/review/ledger';
import { rebaseLedgerFile } from '../../server/src/review/rebase';
import { isHead, verify } from '../../server/src/review/verify';
import { readProvenanceFile } from '../../server/src/scan/provenance';

export const VERIFY_USAGE = `Usage: vouch verify [options]

Check that the review record holds: every line of .vouch/reviews.jsonl chains to the one before (reviews
after a break do not count), a pinned head is still in that chain, and .vouch/provenance.json matches the
region records in the ledger. Prints what does not hold, then the ledger's head: pin it (e.g. state it in
the pull request, or pass the target branch's ledger) so later truncation or rewriting is visible.

Options:
  --root <dir>          workspace root holding .vouch/ (default: cwd)
  --head <hash>         a head printed earlier; it must still be in the ledger's intact chain
  --base-ledger <file>  the ledger as the target branch has it (git show main:.vouch/reviews.jsonl > f);
                        its head must still be in this ledger's intact chain
  -h, --help            show this help

After merging a branch whose ledger also grew, the chain breaks where the two meet; rebase it onto the
target branch's ledger (its lines first, then this branch's other lines re-chained), read the diff, commit:

  vouch rebase-ledger --onto <file> [--root <dir>]

Exit codes: 0 the record holds, 1 something does not hold, 2 usage error.`;

export class VerifyUsageError extends Error {}

function exists(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function directory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Runs `vouch verify`; `out` receives the report lines. */
export function runVerify(argv: string[], out: (line: string) => void): number {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv, allowPositionals: false,
      options: { root: { type: 'string' }, head: { type: 'string' }, 'base-ledger': { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
    }));
  } catch (e) {
    throw new VerifyUsageError((e as Error).message);
  }
  if (values.help) {
    out(VERIFY_USAGE);
    return 0;
  }
  if (values.head !== undefined && !isHead(values.head)) throw new VerifyUsageError('--head must be a ledger head: 64 hexadecimal digits, as `vouch verify` prints it');
  if (values.head !== undefined && values['base-ledger'] !== undefined) throw new VerifyUsageError('give --head or --base-ledger, not both');
  const root = resolve(values.root ?? '.');
  if (!directory(root)) throw new VerifyUsageError(`--root must be an existing folder: ${values.root}`);
  let pinned = values.head;
  if (values['base-ledger'] !== undefined) {
    const base = readLedger(resolve(values['base-ledger']));
    if (base.unreadable || !exists(resolve(values['base-ledger']))) throw new VerifyUsageError(`cannot read --base-ledger ${values['base-ledger']}`);
    // An empty base pins nothing; a broken one pins its intact part.
    pinned = base.head || undefined;
  }
  const ledger = readLedger(join(root, LEDGER_FILE));
  const result = verify(ledger, readProvenanceFile(root), pinned);
  for (const p of result.problems) out(`does not hold: ${p}`);
  for (const n of result.notices) out(`note: ${n}`);
  out(`head ${result.head || '(empty ledger)'} (${result.reviews} review${result.reviews === 1 ? '' : 's'}, ${result.records} region record${result.records === 1 ? '' : 's'}${pinned ? `; pinned ${pinned.slice(0, 12)}…` : ''})`);
  out(result.holds ? 'the review record holds' : `the review record does not hold (${result.problems.length} problem${result.problems.length === 1 ? '' : 's'})`);
  return result.holds ? 0 : 1;
}

/** Runs `vouch rebase-ledger --onto <file>`: 0 rebased or nothing to do, 1 a line is not JSON, 2 usage. */
export function runRebase(argv: string[], out: (line: string) => void): number {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, allowPositionals: false, options: { root: { type: 'string' }, onto: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } } }));
  } catch (e) {
    throw new VerifyUsageError((e as Error).message);
  }
  if (values.help) {
    out(VERIFY_USAGE);
    return 0;
  }
  if (values.onto === undefined) throw new VerifyUsageError('rebase-ledger needs --onto <file>: the target branch\'s ledger');
  const root = resolve(values.root ?? '.');
  if (!directory(root)) throw new VerifyUsageError(`--root must be an existing folder: ${values.root}`);
  let base: string;
  try {
    base = readFileSync(resolve(values.onto), 'utf8');
  } catch (e) {
    throw new VerifyUsageError(`cannot read --onto ${values.onto} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const result = rebaseLedgerFile(join(root, LEDGER_FILE), base);
  for (const p of result.problems) out(`cannot rebase: ${p}`);
  if (result.problems.length) return 1;
  out(result.text
    ? `re-chained ${result.moved} line${result.moved === 1 ? '' : 's'} after the target's head: read them (git diff ${LEDGER_FILE}) before committing`
    : 'nothing to rebase: the ledger already follows the target\'s');
  return 0;
}
