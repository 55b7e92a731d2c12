// `vouch provenance import|export`: attribution other tools write (Agent Trace records, git-ai notes
// under refs/notes/ai) becomes unreviewed assisted regions in .vouch/provenance.json, with a region
// record chained into the ledger as the editor does (so `vouch verify` holds); Vouch's regions go out
// as Agent Trace records. Formats: server/src/provenance-formats/. Nothing imported is a review.
import { mkdirSync, readdirSync, realpathSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { LEDGER_FILE, PROVENANCE_FILE, type ProvenanceRegion } from '../../server/src/core/provenance-types';
import { clampLines } from '../../server/src/core/region-bounds';
import { readTextSafe } from '../../server/src/io/safe-read';
import { parseAgentTrace, toAgentTrace, type ExportRegion } from '../../server/src/provenance-formats/agent-trace';
import { placeClaims, recordPath, textLines, type Claim, type Placement, type Skip } from '../../server/src/provenance-formats/claims';
import { GIT_AI_NOTES_REF, parseGitAiNote } from '../../server/src/provenance-formats/git-ai';
import { GitStore, GitStoreError, notesRef } from '../../server/src/provenance-formats/git-store';
import { readLedger } from '../../server/src/review/ledger';
import { regionLines } from '../../server/src/review/policy';
import { lastRecords, recordRegions, regionsDigest } from '../../server/src/review/provenance-record';
import { readProvenanceFile } from '../../server/src/scan/provenance';
import { VERSION } from '../../server/src/version';
import { exportGitNotes } from './provenance-git-notes';

export const PROVENANCE_USAGE = `Usage: vouch provenance import --from agent-trace [<file|dir>] [options]
       vouch provenance import --from git-notes [--ref <ref>] [--rev <rev>] [--since <rev>] [options]
       vouch provenance export --to agent-trace [--output <file>] [--root <dir>]
       vouch provenance export --to git-notes [--ref <ref>] [--dry-run] [--root <dir>]

import: read line-level attribution another tool wrote and add it to .vouch/provenance.json as
unreviewed assisted regions (an imported record never counts as a review). Lines Vouch records
already keep their region; importing again adds nothing. Each changed file's regions are recorded in
the ledger, as the editor does, so vouch verify still holds. Malformed records, unknown versions,
paths outside the workspace and lines that are no longer in the file are reported and skipped.
  --from agent-trace  Agent Trace records: a .json/.jsonl file, or a folder of them
                      (default: <root>/.agent-trace, where the reference implementation writes)
  --from git-notes    git-ai authorship logs, read from the repository's object store
    --ref <ref>       notes ref (default: ${GIT_AI_NOTES_REF})
    --rev <rev>       the commit whose note to read (default: HEAD)
    --since <rev>     also every commit after <rev> up to --rev (at most 1000)
  --dry-run           say what would be imported; write nothing
  --strict            exit 1 when any record was skipped

export: write Vouch's regions as Agent Trace records (JSON Lines), one per region, to stdout or
--output (e.g. .agent-trace/vouch.jsonl); or, with --to git-notes, as a git-ai authorship log on
HEAD under --ref (default ${GIT_AI_NOTES_REF}) — the only command that writes into the repository
(a commit on the notes ref; files changed since HEAD and pastes are not exported, and a note Vouch
did not write is never replaced).

  --root <dir>        workspace root holding .vouch/ (default: cwd)

Exit codes: 0 done, 1 records were skipped (with --strict), the ledger's chain is broken (nothing
imported) or HEAD has a note Vouch did not write (nothing exported), 2 usage error.`;

export class ProvenanceUsageError extends Error {}

export interface ProvenanceIO {
  /** Standard output: the import summary, or exported records. */
  out(line: string): void;
  /** Messages that must not mix with exported records. */
  err(line: string): void;
}

/** A working-tree file is read at most this big (the scan's own limit). */
const MAX_FILE_BYTES = 16_000_000;
const MAX_TRACE_BYTES = 64_000_000;
const MAX_TRACE_FILES = 1000;
const LISTED = 50;

const isDir = (p: string): boolean => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};
const inside = (parent: string, child: string): boolean => {
  const r = relative(parent, child);
  return r === '' || (r !== '..' && !r.startsWith('..' + sep) && !isAbsolute(r));
};
const posix = (p: string): string => p.split(sep).join('/');

/**
 * `vouch provenance …` as main() dispatches it: stdout written once the command is done, usage
 * errors turned into the caller's (exit 2 with this usage).
 */
export async function provenanceCommand(argv: string[], usageError: (message: string, usage: string) => Error, writeStdout: (text: string) => Promise<void>): Promise<number> {
  const lines: string[] = [];
  try {
    const code = await runProvenance(argv, { out: (line) => lines.push(line), err: (line) => process.stderr.write(printable(line) + '\n') });
    if (lines.length) await writeStdout(lines.join('\n') + '\n');
    return code;
  } catch (e) {
    if (e instanceof ProvenanceUsageError) throw usageError(e.message, PROVENANCE_USAGE);
    throw e;
  }
}

export async function runProvenance(argv: string[], io: ProvenanceIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, allowPositionals: true,
      options: {
        from: { type: 'string' }, to: { type: 'string' }, root: { type: 'string' }, ref: { type: 'string' }, rev: { type: 'string' },
        since: { type: 'string' }, output: { type: 'string' }, strict: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    throw new ProvenanceUsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(PROVENANCE_USAGE);
    return 0;
  }
  const [command, ...rest] = positionals;
  const root = resolve(values.root ?? '.');
  if (!isDir(root)) throw new ProvenanceUsageError(`--root must be an existing folder: ${values.root}`);
  const repo = await GitStore.open(root);
  // Records name paths from the repository root; provenance.json from the workspace root.
  const prefix = repo ? posix(relative(repo.dir, root)) : '';
  if (command === 'export') {
    if (values.to === 'git-notes') {
      if (rest.length || values.from || values.rev || values.since || values.output) throw new ProvenanceUsageError('export --to git-notes takes only --ref, --dry-run and --root');
      if (!repo) throw new ProvenanceUsageError(`${root} is not inside a git repository`);
      const ref = notesRef(values.ref ?? GIT_AI_NOTES_REF);
      if (!ref) throw new ProvenanceUsageError(`--ref must name a notes ref such as ${GIT_AI_NOTES_REF}: ${values.ref}`);
      return exportGitNotes(root, repo, prefix, ref, values['dry-run'], { out: (line) => io.out(printable(line)), err: io.err });
    }
    if (values.to !== 'agent-trace') throw new ProvenanceUsageError('export needs --to agent-trace or --to git-notes');
    if (rest.length || values.from || values.ref || values.rev || values.since) throw new ProvenanceUsageError('export takes only --to, --output and --root');
    return exportAgentTrace(root, repo, prefix, values.output, io);
  }
  if (command !== 'import') throw new ProvenanceUsageError(command ? `unknown provenance command "${command}" (import or export)` : 'missing command: import or export');
  if (values.to || values.output) throw new ProvenanceUsageError('--to and --output are for export');
  let claims: { claims: Claim[]; skipped: Skip[]; ignored: Skip[]; read: string };
  if (values.from === 'agent-trace') {
    if (values.ref || values.rev || values.since) throw new ProvenanceUsageError('--ref, --rev and --since are for --from git-notes');
    if (rest.length > 1) throw new ProvenanceUsageError('give one Agent Trace file or folder');
    claims = readAgentTrace(root, rest[0]);
  } else if (values.from === 'git-notes') {
    if (rest.length) throw new ProvenanceUsageError('--from git-notes reads the repository: it takes no file');
    if (!repo) throw new ProvenanceUsageError(`${root} is not inside a git repository`);
    claims = await readGitNotes(repo, values.ref ?? GIT_AI_NOTES_REF, values.rev ?? 'HEAD', values.since);
  } else {
    throw new ProvenanceUsageError('import needs --from agent-trace or --from git-notes');
  }
  return importClaims(root, repo, prefix, claims, { dryRun: values['dry-run'], strict: values.strict }, io);
}

function readAgentTrace(root: string, given: string | undefined) {
  const input = resolve(given ?? join(root, '.agent-trace'));
  const shown = (p: string) => (inside(root, p) ? posix(relative(root, p)) : p);
  let files: string[];
  if (isDir(input)) {
    files = readdirSync(input, { withFileTypes: true }).filter((d) => d.isFile() && /\.jsonl?$/i.test(d.name)).map((d) => join(input, d.name)).sort();
    if (files.length > MAX_TRACE_FILES) throw new ProvenanceUsageError(`${shown(input)} holds ${files.length} trace files; the limit is ${MAX_TRACE_FILES}`);
  } else {
    try {
      statSync(input);
    } catch {
      throw new ProvenanceUsageError(given ? `cannot read ${given}: it does not exist` : `no file or folder given, and ${shown(input)} does not exist`);
    }
    files = [input];
  }
  const out = { claims: [] as Claim[], skipped: [] as Skip[], ignored: [] as Skip[], read: `${files.length} Agent Trace file${files.length === 1 ? '' : 's'}` };
  for (const f of files) {
    const read = readTextSafe(f, MAX_TRACE_BYTES);
    if (!read.ok) {
      out.skipped.push({ where: shown(f), reason: read.reason });
      continue;
    }
    const p = parseAgentTrace(read.text, shown(f), MAX_TRACE_BYTES);
    out.claims.push(...p.claims);
    out.skipped.push(...p.skipped);
    out.ignored.push(...p.ignored);
  }
  return out;
}

async function readGitNotes(repo: GitStore, ref: string, rev: string, since: string | undefined) {
  const full = notesRef(ref);
  if (!full) throw new ProvenanceUsageError(`--ref must name a notes ref such as ${GIT_AI_NOTES_REF}: ${ref}`);
  let commits: string[];
  try {
    const tip = await repo.resolve(rev);
    commits = await repo.commitsSince(tip, since === undefined ? undefined : await repo.resolve(since));
  } catch (e) {
    if (e instanceof GitStoreError) throw new ProvenanceUsageError(e.message);
    throw e;
  }
  const out = { claims: [] as Claim[], skipped: [] as Skip[], ignored: [] as Skip[], read: '' };
  let notes = 0;
  for (const commit of commits) {
    let text: string | undefined;
    try {
      text = await repo.note(full, commit);
    } catch (e) {
      out.skipped.push({ where: `note on ${commit.slice(0, 12)}`, reason: (e as Error).message });
      continue;
    }
    if (text === undefined) continue;
    notes++;
    const p = parseGitAiNote(text, commit, await repo.commitTime(commit));
    out.claims.push(...p.claims);
    out.skipped.push(...p.skipped);
    out.ignored.push(...p.ignored);
  }
  out.read = `${notes} note${notes === 1 ? '' : 's'} under ${full} (${commits.length} commit${commits.length === 1 ? '' : 's'} looked at)`;
  return out;
}

/** Maps a record's repository path to a workspace path that stays inside the workspace, links included. */
function workspacePathOf(root: string, prefix: string) {
  let realRoot: string | undefined;
  return (repoPath: string): { path: string } | { reason: string } => {
    const checked = recordPath(repoPath);
    if ('reason' in checked) return checked;
    let path = checked.path;
    if (prefix) {
      if (!path.startsWith(prefix + '/')) return { reason: `is outside the workspace folder (${prefix}/)` };
      path = path.slice(prefix.length + 1);
    }
    if (path === '.vouch' || path.startsWith('.vouch/')) return { reason: "is one of Vouch's own record files" };
    try {
      realRoot ??= realpathSync(root);
      if (!inside(realRoot, realpathSync(join(root, path)))) return { reason: 'is a link that leads out of the workspace' };
    } catch {
      // Missing: the working-tree read says so.
    }
    return { path };
  };
}

/** Paths whose regions in provenance.json differ from the ledger's last record: importing would bless the change. */
function unheldPaths(files: Readonly<Record<string, readonly ProvenanceRegion[]>>, records: ReturnType<typeof lastRecords>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [path, record] of records) {
    if (regionsDigest(files[path] ?? []) !== record.digest) out.set(path, `${PROVENANCE_FILE} differs from the ledger's record of this file (run vouch verify); nothing is imported into it`);
  }
  return out;
}

const spanOf = (r: ProvenanceRegion): string => {
  const [a, b] = regionLines(r.range);
  return a === b ? `line ${a}` : `lines ${a}-${b}`;
};

/**
 * Record paths and keys are the attacker's text: control characters (terminal escapes) and bidi
 * overrides are shown escaped, never sent to a terminal as they are.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u200e\u200f\u2028-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function list(io: ProvenanceIO, title: string, items: readonly Skip[]): void {
  if (!items.length) return;
  io.out(`${title} (${items.length}):`);
  for (const s of items.slice(0, LISTED)) io.out(printable(`  ${s.where}: ${s.reason}`));
  if (items.length > LISTED) io.out(`  … and ${items.length - LISTED} more`);
}

async function importClaims(root: string, repo: GitStore | undefined, prefix: string, read: { claims: Claim[]; skipped: Skip[]; ignored: Skip[]; read: string }, opts: { dryRun: boolean; strict: boolean }, io: ProvenanceIO): Promise<number> {
  const ledgerFile = join(root, LEDGER_FILE);
  const ledger = readLedger(ledgerFile);
  if (ledger.broken || ledger.unreadable) {
    io.out(`nothing imported: the review record does not hold (${ledger.warnings[0]}); run vouch verify`);
    return 1;
  }
  const raw = readRaw(root);
  if ('problem' in raw) {
    io.out(`nothing imported: ${raw.problem}`);
    return 1;
  }
  const provenance = readProvenanceFile(root);
  const unheld = unheldPaths(provenance.files, lastRecords(ledger));
  const placed: Placement = await placeClaims(read.claims, {
    existing: provenance.files,
    workspacePath: workspacePathOf(root, prefix),
    current: (path) => {
      const r = readTextSafe(join(root, path), MAX_FILE_BYTES);
      return r.ok ? { text: r.text } : { reason: r.kind === 'missing' ? 'does not exist in the working tree' : r.reason };
    },
    atRevision: (rev, repoPath) => {
      const p = recordPath(repoPath);
      return repo && 'path' in p ? repo.fileAt(rev, p.path) : undefined;
    },
    blocked: (path) => unheld.get(path),
  });
  const skipped = [...read.skipped, ...placed.skipped];
  const ignored = [...read.ignored, ...placed.ignored];
  const files = Object.keys(placed.added).sort();
  io.out(`read ${read.read}: ${placed.imported.length} region${placed.imported.length === 1 ? '' : 's'} to import into ${files.length} file${files.length === 1 ? '' : 's'}, ${placed.unchanged.length} recorded already, ${ignored.length} not assisted, ${skipped.length} skipped`);
  for (const i of placed.imported.slice(0, LISTED)) io.out(printable(`  + ${i.path} ${spanOf(i.region)} (${i.region.source}, unreviewed) from ${i.where}`));
  if (placed.imported.length > LISTED) io.out(`  … and ${placed.imported.length - LISTED} more`);
  list(io, 'skipped', skipped);
  list(io, 'not assisted', ignored);
  if (files.length && !opts.dryRun) {
    const merged = { ...raw.map };
    for (const path of files) merged[path] = [...(Array.isArray(merged[path]) ? merged[path] as unknown[] : []), ...placed.added[path]];
    writeProvenance(root, raw.wrapped ? { ...raw.top, files: merged } : merged);
    // As the editor does on save: the ledger records each changed file's regions, so removing one is visible.
    for (const path of files) recordRegions(ledgerFile, path, [...(provenance.files[path] ?? []), ...placed.added[path]]);
    io.out(`wrote ${PROVENANCE_FILE} and recorded the regions of ${files.length} file${files.length === 1 ? '' : 's'} in ${LEDGER_FILE}`);
  } else if (files.length) {
    io.out('dry run: nothing written');
  }
  return opts.strict && skipped.length ? 1 : 0;
}

type RawProvenance = { map: Record<string, unknown>; wrapped: boolean; top: Record<string, unknown> } | { problem: string };

/** provenance.json as written, so entries this reader would drop are kept as they are. */
function readRaw(root: string): RawProvenance {
  const read = readTextSafe(join(root, PROVENANCE_FILE));
  if (!read.ok) return read.kind === 'missing' ? { map: {}, wrapped: false, top: {} } : { problem: `${PROVENANCE_FILE} ${read.reason}` };
  let data: unknown;
  try {
    data = JSON.parse(read.text);
  } catch (e) {
    return { problem: `${PROVENANCE_FILE} is not valid JSON (${(e as Error).message})` };
  }
  const obj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
  if (!obj(data)) return { problem: `${PROVENANCE_FILE} does not map paths to regions` };
  if (obj(data.files)) return { map: data.files, wrapped: true, top: data };
  return { map: data, wrapped: false, top: {} };
}

/** Sorted keys, two-space indent, as the editor writes it; atomic (a reader never sees half a file). */
function writeProvenance(root: string, data: Record<string, unknown>): void {
  const sorted = (m: Record<string, unknown>) => Object.fromEntries(Object.keys(m).sort().map((k) => [k, m[k]]));
  const body = 'files' in data && data.files && typeof data.files === 'object' && !Array.isArray(data.files)
    ? { ...data, files: sorted(data.files as Record<string, unknown>) }
    : sorted(data);
  const target = join(root, PROVENANCE_FILE);
  mkdirSync(dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(body, null, 2) + '\n');
  renameSync(tmp, target);
}

async function exportAgentTrace(root: string, repo: GitStore | undefined, prefix: string, output: string | undefined, io: ProvenanceIO): Promise<number> {
  const provenance = readProvenanceFile(root);
  for (const w of provenance.warnings) io.err(`vouch: warning: ${w}`);
  const head = repo ? await repo.head() : undefined;
  const regions: ExportRegion[] = [];
  for (const path of Object.keys(provenance.files).sort()) {
    const list = provenance.files[path];
    if (!list.length) continue;
    const read = readTextSafe(join(root, path), MAX_FILE_BYTES);
    if (!read.ok) {
      io.err(`vouch: ${path} ${read.kind === 'missing' ? 'does not exist' : read.reason}: its ${list.length} region${list.length === 1 ? ' is' : 's are'} not exported`);
      continue;
    }
    const count = textLines(read.text).length;
    const repoPath = prefix ? `${prefix}/${path}` : path;
    // The lines are the working tree's: name HEAD only when the file there is the same text.
    const revision = head && (await repo!.fileAt(head, repoPath)) === read.text ? head : undefined;
    for (const region of [...list].sort((a, b) => a.range.start.line - b.range.start.line)) {
      regions.push({ path: repoPath, region, lines: clampLines(regionLines(region.range), count), revision });
    }
  }
  const text = toAgentTrace(regions, VERSION).map((r) => JSON.stringify(r)).join('\n') + (regions.length ? '\n' : '');
  if (output === undefined) {
    if (text) io.out(text.slice(0, -1));
    return 0;
  }
  try {
    const target = resolve(output);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  } catch (e) {
    io.err(`vouch: error: cannot write ${output}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    return 2;
  }
  io.err(`vouch: wrote ${regions.length} Agent Trace record${regions.length === 1 ? '' : 's'} to ${output}`);
  return 0;
}
