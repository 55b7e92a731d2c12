// Vouch's regions as a git-ai authorship log (the note git-ai attaches to a commit under
// `refs/notes/ai`), written as git-ai 1.x serialises it (src/authorship/authorship_log_serialization.rs
// and authorship_log.rs in github.com/git-ai-project/git-ai): the attestation section — a file path
// (quoted when it holds whitespace), then `  <key> <lines>` per prompt — a line `---`, then the
// metadata pretty-printed with two spaces: schema_version, git_ai_version, base_commit_sha and
// `prompts`, keyed by the first 16 hex digits of sha256("<tool>:<id>") as git-ai keys them.
//
// Each region is one prompt: agent_id {tool "vouch", id: the region id, model "unknown"} (Vouch saw
// the code arrive, not which assistant wrote it), human_author null, zero line counters, and
// `custom_attributes` with the region's source, confidence and time, which Vouch's import reads back.
// Lines are 1-based in the file as the commit has it. Pastes are not exported: git-ai's attestations
// are AI lines only, and a paste's origin is unknown. Pure: the CLI reads the files and writes the note.
import { createHash } from 'node:crypto';
import type { ProvenanceRegion } from '../core/provenance-types';
import { GIT_AI_SCHEMA, VOUCH_TOOL } from './git-ai';

export interface NoteRegion {
  /** Repository-relative path. */
  path: string;
  region: ProvenanceRegion;
  /** 1-based inclusive lines in the commit's file. */
  lines: [number, number];
}

/** git-ai's prompt key: the first 16 hex digits of sha256("<tool>:<id>"). */
export function gitAiPromptKey(tool: string, id: string): string {
  return createHash('sha256').update(`${tool}:${id}`).digest('hex').slice(0, 16);
}

const quoted = (path: string): string => (/[ \t\n]/.test(path) ? `"${path}"` : path);

/** The note text for `commit`; regions of source `paste` are left out (see above). */
export function toGitAiNote(regions: readonly NoteRegion[], commit: string): string {
  const byPath = new Map<string, NoteRegion[]>();
  for (const r of regions) {
    if (r.region.source === 'paste') continue;
    byPath.set(r.path, [...(byPath.get(r.path) ?? []), r]);
  }
  const lines: string[] = [];
  const prompts: Record<string, unknown> = {};
  for (const path of [...byPath.keys()].sort()) {
    lines.push(quoted(path));
    for (const { region, lines: [a, b] } of byPath.get(path)!.sort((x, y) => x.lines[0] - y.lines[0])) {
      const key = gitAiPromptKey(VOUCH_TOOL, region.id);
      lines.push(`  ${key} ${a === b ? a : `${a}-${b}`}`);
      prompts[key] = {
        agent_id: { tool: VOUCH_TOOL, id: region.id, model: 'unknown' },
        human_author: null,
        total_additions: 0,
        total_deletions: 0,
        accepted_lines: 0,
        overriden_lines: 0,
        custom_attributes: { 'vouch.confidence': region.confidence, 'vouch.source': region.source, 'vouch.time': region.time },
      };
    }
  }
  const sorted = Object.fromEntries(Object.keys(prompts).sort().map((k) => [k, prompts[k]]));
  const meta = { schema_version: GIT_AI_SCHEMA, git_ai_version: null, base_commit_sha: commit, prompts: sorted };
  return `${lines.join('\n')}${lines.length ? '\n' : ''}---\n${JSON.stringify(meta, null, 2)}`;
}

/** Whether a note was written by Vouch (every prompt's tool is "vouch", no sessions or humans): safe to replace. */
export function isVouchNote(text: string): boolean {
  const divider = text.split('\n').indexOf('---');
  if (divider === -1) return false;
  let meta: unknown;
  try {
    meta = JSON.parse(text.split('\n').slice(divider + 1).join('\n'));
  } catch {
    return false;
  }
  if (!meta || typeof meta !== 'object') return false;
  const m = meta as Record<string, unknown>;
  const empty = (v: unknown) => v === undefined || (!!v && typeof v === 'object' && !Object.keys(v).length);
  if (!empty(m.sessions) || !empty(m.humans) || !m.prompts || typeof m.prompts !== 'object') return false;
  return Object.values(m.prompts).every((p) => (p as { agent_id?: { tool?: unknown } })?.agent_id?.tool === VOUCH_TOOL);
}
