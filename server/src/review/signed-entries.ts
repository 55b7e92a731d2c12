// Signed reviews: with `review.sign`, each review entry carries an SSH signature by the reviewer's
// own key over its line (namespace `vouch-review`), so "who signed off" is a signature, not a name
// typed into a file. The editor signs (trusted workspaces only: it runs ssh-keygen and, for the key,
// `git config`); `vouch verify --allowed-signers F` checks every signature and names its signer.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signData, verifySignature } from './attest';
import { signedPayload, type EntrySigner, type LedgerEntry } from './ledger';

export const REVIEW_NAMESPACE = 'vouch-review';

export function sshEntrySigner(key: string): EntrySigner {
  return (line) => signData(line, key, REVIEW_NAMESPACE);
}

export interface EntryCheck {
  entry: LedgerEntry;
  /** The allowed signer's principal, when the signature holds. */
  signer?: string;
  problem?: string;
}

/** Checks the signature of every review entry against an allowed-signers file; unsigned entries say so. */
export function checkEntrySignatures(entries: readonly LedgerEntry[], allowedSigners: string): EntryCheck[] {
  const dir = mkdtempSync(join(tmpdir(), 'vouch-sig-'));
  try {
    return entries.map((entry, i) => {
      if (typeof entry.sig !== 'string' || !entry.sig.includes('BEGIN SSH SIGNATURE')) return { entry, problem: 'not signed' };
      const sigFile = join(dir, `${i}.sig`);
      writeFileSync(sigFile, entry.sig.endsWith('\n') ? entry.sig : `${entry.sig}\n`);
      const r = verifySignature(Buffer.from(signedPayload(entry), 'utf8'), sigFile, allowedSigners, REVIEW_NAMESPACE);
      if (r.problem) return { entry, problem: r.problem };
      // The name in the entry must be the signer's: a signature by Bob on "reviewer: Alice" is a forgery.
      const claimed = entry.reviewer.email ?? entry.reviewer.name;
      if (r.signer !== claimed) return { entry, signer: r.signer, problem: `signed by ${r.signer}, but the entry names ${claimed}` };
      return { entry, signer: r.signer };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
