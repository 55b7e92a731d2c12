// A signed, verifiable record of one verdict: an in-toto Statement (subjects: the changed files and
// their sha256; predicate: tool, rules and policy digests, findings by rule, reviews, the verdict)
// signed with the person's own SSH key (`ssh-keygen -Y sign`, namespace `vouch`), the way git signs
// commits with SSH. Verifying needs no network and no account: the signature against an
// allowed-signers file, each subject against the working tree, the ledger's chain (review/verify.ts).
//
// Rules: the statement is serialised once (canonical: sorted keys, LF) and those exact bytes are
// signed and hashed; the signature sits next to it (`<file>.sig`, ssh-keygen's own format);
// ssh-keygen is the only program run, with an argument list (no shell), and only by a person's
// command (`vouch verdict --attest`, `vouch verify`), never by the editor on its own.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { readFileSafe } from '../io/safe-read';

export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
export const PREDICATE_TYPE = 'https://github.com/vouch-dev/vouch/attestation/verdict/v1';
export const SIGNATURE_NAMESPACE = 'vouch';
/** Largest subject file hashed (the scan's own cap on files it reads). */
const MAX_SUBJECT_BYTES = 64 * 1024 * 1024;

export type VerdictKind = 'pass' | 'needs-review' | 'fail';

export interface Subject { name: string; digest: { sha256: string } }

export interface VerdictPredicate {
  verdict: VerdictKind;
  reasons: string[];
  tool: { name: 'vouch'; version: string };
  /** sha256 over the rule ids and their effective severities; and over the policy that applied. */
  rulesDigest: string;
  policyDigest: string;
  baseline?: string;
  findingsByRule: Record<string, number>;
  reviews: Array<{ file: string; lines: [number, number]; reviewer: string; time: string; regionId: string }>;
  unreviewedRegions: number;
  /** The ledger head the reviews were read at (pin it to detect later rewriting). */
  ledgerHead: string;
  time: string;
}

export interface Statement {
  _type: typeof STATEMENT_TYPE;
  subject: Subject[];
  predicateType: typeof PREDICATE_TYPE;
  predicate: VerdictPredicate;
}

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** JSON with object keys sorted at every level, LF-terminated: the exact bytes that are signed. */
export function canonicalJson(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v as object).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])]));
    return v;
  };
  return JSON.stringify(sort(value), null, 2) + '\n';
}

/** Subjects for workspace-relative paths (forward slashes); a file that cannot be read is refused. */
export function subjectsOf(root: string, paths: readonly string[]): Subject[] {
  return [...new Set(paths)].sort().map((name) => {
    const read = readFileSafe(join(root, name), MAX_SUBJECT_BYTES);
    if (!read.ok) throw new Error(`cannot hash ${name}: ${read.reason}`);
    return { name, digest: { sha256: sha256(read.bytes) } };
  });
}

export function statement(subject: Subject[], predicate: VerdictPredicate): Statement {
  return { _type: STATEMENT_TYPE, subject, predicateType: PREDICATE_TYPE, predicate };
}

/** Parses a statement file, saying precisely what is wrong with it. */
export function parseStatement(text: string): { statement?: Statement; problem?: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { problem: `the statement is not JSON (${(e as Error).message})` };
  }
  const s = data as Statement;
  if (!s || typeof s !== 'object' || s._type !== STATEMENT_TYPE) return { problem: `the statement is not an in-toto Statement v1 (_type ${JSON.stringify((s as { _type?: unknown })?._type)})` };
  if (s.predicateType !== PREDICATE_TYPE) return { problem: `unknown predicateType ${JSON.stringify(s.predicateType)}` };
  if (!Array.isArray(s.subject) || !s.subject.every((x) => typeof x?.name === 'string' && /^[0-9a-f]{64}$/.test(x?.digest?.sha256 ?? ''))) return { problem: 'the statement\'s subjects are malformed' };
  if (!s.predicate || !['pass', 'needs-review', 'fail'].includes(s.predicate.verdict)) return { problem: 'the statement has no verdict' };
  return { statement: s };
}

/** Subjects whose file in `root` no longer has the recorded digest (or is gone). */
export function subjectProblems(root: string, subjects: readonly Subject[]): string[] {
  const out: string[] = [];
  for (const s of subjects) {
    const read = readFileSafe(join(root, s.name), MAX_SUBJECT_BYTES);
    if (!read.ok) out.push(`${s.name}: ${read.kind === 'missing' ? 'missing from the working tree' : read.reason}`);
    else if (sha256(read.bytes) !== s.digest.sha256) out.push(`${s.name}: changed since the verdict (sha256 ${sha256(read.bytes).slice(0, 12)}…, signed ${s.digest.sha256.slice(0, 12)}…)`);
  }
  return out;
}

export class SshKeygenError extends Error {}

function sshKeygen(args: string[], input?: Buffer): string {
  try {
    return execFileSync('ssh-keygen', args, { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], timeout: 30_000 });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string; stdout?: string };
    if (err.code === 'ENOENT') throw new SshKeygenError('ssh-keygen was not found: install OpenSSH 8.1 or later to sign and verify');
    throw new SshKeygenError((err.stderr || err.stdout || err.message || String(e)).trim());
  }
}

/** Signs bytes from standard input; returns the armored signature (ssh-keygen writes it to stdout). */
export function signData(data: string, key: string, namespace: string): string {
  return sshKeygen(['-Y', 'sign', '-f', key, '-n', namespace, '-q'], Buffer.from(data, 'utf8')).trim();
}

/** Signs `file` with the private key (or the public key of an agent-held key); writes `<file>.sig`. */
export function signFile(file: string, key: string): string {
  sshKeygen(['-Y', 'sign', '-f', key, '-n', SIGNATURE_NAMESPACE, '-q', file]);
  return `${file}.sig`;
}

/**
 * Who signed `data` with `signature`, by an allowed-signers file (the format git uses for
 * `gpg.ssh.allowedSignersFile`); a problem when nobody listed there did, or the bytes changed.
 */
export function verifySignature(data: Buffer, signatureFile: string, allowedSigners: string, namespace = SIGNATURE_NAMESPACE): { signer?: string; problem?: string } {
  let principals: string[];
  try {
    principals = sshKeygen(['-Y', 'find-principals', '-s', signatureFile, '-f', allowedSigners]).split('\n').map((l) => l.trim()).filter(Boolean);
  } catch (e) {
    return { problem: `the signature is by no one in ${allowedSigners} (${(e as Error).message})` };
  }
  for (const principal of principals) {
    try {
      sshKeygen(['-Y', 'verify', '-f', allowedSigners, '-I', principal, '-n', namespace, '-s', signatureFile], data);
      return { signer: principal };
    } catch (e) {
      return { problem: `the signature does not match the statement: it was changed after signing (${(e as Error).message})` };
    }
  }
  return { problem: `the signature is by no one in ${allowedSigners}` };
}
