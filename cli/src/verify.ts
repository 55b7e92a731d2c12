// `vouch verify`: does the review record hold? Checks the ledger's hash chain, a head pinned outside
// the repository, and `.vouch/provenance.json` against the ledger's region records (review/verify.ts).
// Prints what does not hold and the ledger's head. Exit codes: 0 holds, 1 does not hold, 2 usage.
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LEDGER_FILE } from '../../server/src/core/provenance-types';
import { readFileSync, statSync } from 'node:fs';
import { parseStatement, subjectProblems, verifySignature } from '../../server/src/review/attest';
import { readLedger } from '../../server/src/review/ledger';
import { checkEntrySignatures } from '../../server/src/review/signed-entries';
import { rebaseLedgerFile } from '../../server/src/review/rebase';
import { isHead, verify } from '../../server/src/review/verify';
import { readProvenanceFile } from '../../server/src/scan/provenance';

export const VERIFY_USAGE = `Usage: vouch verify [<statement.intoto.json>] [options]

Check that the review record holds: every line of .vouch/reviews.jsonl chains to the one before (reviews
after a break do not count), a pinned head is still in that chain, and .vouch/provenance.json matches the
region records in the ledger. Prints what does not hold, then the ledger's head: pin it (e.g. state it in
the pull request, or pass the target branch's ledger) so later truncation or rewriting is visible.

Options:
  --root <dir>          workspace root holding .vouch/ (default: cwd)
  --head <hash>         a head printed earlier; it must still be in the ledger's intact chain
  --base-ledger <file>  the ledger as the target branch has it (git show main:.vouch/reviews.jsonl > f);
                        its head must still be in this ledger's intact chain
  --allowed-signers <f> an allowed-signers file (git's gpg.ssh.allowedSignersFile format): check the
                        signature of every signed review entry, and of <statement.intoto.json> (a signed
                        verdict from vouch verdict --attest) together with its files' digests
  --require-signatures  with --allowed-signers: unsigned review entries do not hold either
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
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv, allowPositionals: true,
      options: {
        root: { type: 'string' }, head: { type: 'string' }, 'base-ledger': { type: 'string' }, help: { type: 'boolean', short: 'h', default: false },
        'allowed-signers': { type: 'string' }, 'require-signatures': { type: 'boolean', default: false },
      },
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
  if (positionals.length > 1) throw new VerifyUsageError('give at most one statement file');
  const allowed = values['allowed-signers'] !== undefined ? resolve(values['allowed-signers']) : undefined;
  if (allowed !== undefined && !exists(allowed)) throw new VerifyUsageError(`cannot read --allowed-signers ${values['allowed-signers']}`);
  if ((positionals.length || values['require-signatures']) && allowed === undefined) throw new VerifyUsageError('checking signatures needs --allowed-signers <file> (the format of git\'s gpg.ssh.allowedSignersFile)');
  const ledger = readLedger(join(root, LEDGER_FILE));
  const result = verify(ledger, readProvenanceFile(root), pinned);
  if (positionals.length) {
    // A signed verdict: the signature, then every subject against the working tree.
    const problems = verifyStatementFile(root, resolve(positionals[0]), allowed!, out);
    result.problems.push(...problems);
  }
  if (allowed !== undefined) {
    for (const c of checkEntrySignatures(ledger.entries, allowed)) {
      const where = `review of ${c.entry.file}:${c.entry.lines[0]}-${c.entry.lines[1]} by ${c.entry.reviewer.name}`;
      if (!c.problem) out(`signed: ${where} (${c.signer})`);
      else if (c.problem !== 'not signed') result.problems.push(`${where}: ${c.problem}`);
      else if (values['require-signatures']) result.problems.push(`${where}: not signed`);
    }
  }
  result.holds = result.problems.length === 0;
  for (const p of result.problems) out(`does not hold: ${p}`);
  for (const n of result.notices) out(`note: ${n}`);
  out(`head ${result.head || '(empty ledger)'} (${result.reviews} review${result.reviews === 1 ? '' : 's'}, ${result.records} region record${result.records === 1 ? '' : 's'}${pinned ? `; pinned ${pinned.slice(0, 12)}…` : ''})`);
  out(result.holds ? 'the review record holds' : `the review record does not hold (${result.problems.length} problem${result.problems.length === 1 ? '' : 's'})`);
  return result.holds ? 0 : 1;
}

/** Checks a statement written by `vouch verdict --attest`: its signature (`<file>.sig`) and its subjects. */
function verifyStatementFile(root: string, file: string, allowed: string, out: (line: string) => void): string[] {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new VerifyUsageError(`cannot read the statement ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const problems: string[] = [];
  const sig = `${file}.sig`;
  if (!exists(sig)) problems.push(`${basename(file)}: no signature next to it (${basename(sig)})`);
  else {
    const r = verifySignature(bytes, sig, allowed);
    if (r.problem) problems.push(`${basename(file)}: ${r.problem}`);
    else out(`statement signed by ${r.signer}`);
  }
  const parsed = parseStatement(bytes.toString('utf8'));
  if (!parsed.statement) return [...problems, `${basename(file)}: ${parsed.problem}`];
  out(`verdict ${parsed.statement.predicate.verdict} for ${parsed.statement.subject.length} file(s)`);
  return [...problems, ...subjectProblems(root, parsed.statement.subject)];
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
