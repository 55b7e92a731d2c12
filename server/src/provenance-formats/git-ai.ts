// git-ai authorship logs: git notes under `refs/notes/ai`, one per commit, in the format of the Git AI
// Standard v3.0.0 (schema_version "authorship/3.0.0", github.com/git-ai-project/git-ai,
// specs/git_ai_standard_v3.0.0.md), including the session keys git-ai 1.4 added without changing the
// version (docs/migrations/sessions-v2-note-format.md). Parsing is pure; git-store.ts reads the notes.
//
// A note is an attestation section, a line `---`, then a JSON metadata object:
//   src/main.rs                        a file path at the start of a line ("quoted" when it has spaces)
//     d9978a8723e02b52 1-4,9,12-20     two spaces, a key, one space, 1-based lines and ranges
//   ---
//   {"schema_version": "authorship/3.0.0", "base_commit_sha": …, "prompts": {…}, "sessions": {…}, "humans": {…}}
//
// Import, field by field:
//   schema_version          "authorship/3.Y.Z"; any other: the whole note is skipped as unknown
//   file path line          repository-relative; absolute paths and `..` are skipped
//   key, hex (7–64 digits)  an AI prompt: must be a key of `prompts` with an `agent_id` object
//   key `s_<hex>[::t_<hex>]` an AI session: `s_<hex>` must be a key of `sessions` with an `agent_id`
//   key `h_<hex>[::t_<hex>]` a human's lines: not assisted (reported, not imported)
//   each line or range      source `agent` (git-ai records agent edits; nothing says how they were
//                           inserted), confidence medium, lines read in the note's commit and found
//                           again in the working tree, time = the commit's committer time; in a
//                           note Vouch wrote (tool "vouch", git-ai-export.ts) the prompt's
//                           custom_attributes give source (agent or completion) and confidence
// Not used: base_commit_sha, git_ai_version, agent_id's id/model, human_author, messages and
// the line counters. A key naming no metadata entry is skipped (git-ai itself may look it up in
// other notes; Vouch does not follow one note into another).
import { jsonShapeProblem, preview } from '../core/json-limits';
import type { Confidence } from '../core/types';
import { MAX_CLAIMS, type Parsed } from './claims';

export const GIT_AI_SCHEMA = 'authorship/3.0.0';
export const GIT_AI_NOTES_REF = 'refs/notes/ai';
/** `agent_id.tool` of the prompts in notes Vouch writes (git-ai-export.ts). */
export const VOUCH_TOOL = 'vouch';

const SCHEMA = /^authorship\/3\.\d+\.\d+$/;
const PROMPT_KEY = /^[0-9a-f]{7,64}$/;
const SESSION_KEY = /^(s_[0-9a-f]{1,64})(?:::t_[0-9a-f]{1,64})?$/;
const HUMAN_KEY = /^h_[0-9a-f]{1,64}(?:::t_[0-9a-f]{1,64})?$/;
const ENTRY = /^ {2}(\S+) (\S+)$/;
/** Transcripts (tool inputs) nest; nothing legitimate nests this deep. */
const MAX_DEPTH = 128;

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** 1-based inclusive spans of `1-4,9,12-20`, or undefined when any part is not one. */
export function parseLineRanges(spec: string): Array<[number, number]> | undefined {
  const out: Array<[number, number]> = [];
  for (const part of spec.split(',')) {
    const m = /^(\d{1,9})(?:-(\d{1,9}))?$/.exec(part);
    if (!m) return undefined;
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (a < 1 || b < a) return undefined;
    out.push([a, b]);
  }
  return out;
}

/** Whether `records` (prompts or sessions) describes `key` as an AI agent's. */
function describes(records: unknown, key: string): boolean {
  if (!isObject(records) || !Object.prototype.hasOwnProperty.call(records, key)) return false;
  const r = records[key];
  return isObject(r) && isObject(r.agent_id) && typeof r.agent_id.tool === 'string';
}

/**
 * Source and confidence of a prompt: `agent`, medium — except in notes Vouch wrote (`agent_id.tool`
 * "vouch"), whose `custom_attributes` keep the region's own (a completion stays a completion).
 */
function vouchSource(prompts: unknown, key: string): { source: 'agent' | 'completion'; confidence: Confidence } {
  const r = isObject(prompts) ? prompts[key] : undefined;
  const attrs = isObject(r) && isObject(r.agent_id) && r.agent_id.tool === VOUCH_TOOL && isObject(r.custom_attributes) ? r.custom_attributes : {};
  const source = attrs['vouch.source'] === 'completion' ? 'completion' : 'agent';
  const confidence = attrs['vouch.confidence'] === 'high' || attrs['vouch.confidence'] === 'low' ? attrs['vouch.confidence'] : 'medium';
  return { source, confidence };
}

/**
 * Claims from the note git-ai attached to `commit` (committed at `time`, ISO); `name` is how messages
 * refer to the note.
 */
export function parseGitAiNote(text: string, commit: string, time: string, name = `note on ${commit.slice(0, 12)}`): Parsed {
  const out: Parsed = { claims: [], skipped: [], ignored: [] };
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const divider = lines.indexOf('---');
  if (divider === -1) {
    out.skipped.push({ where: name, reason: "is not a git-ai authorship log: it has no '---' line between attestations and metadata" });
    return out;
  }
  const json = lines.slice(divider + 1).join('\n');
  const shape = jsonShapeProblem(json, Number.MAX_SAFE_INTEGER, MAX_DEPTH);
  let meta: unknown;
  try {
    meta = shape ? undefined : JSON.parse(json);
  } catch {
    meta = undefined;
  }
  if (!isObject(meta)) {
    out.skipped.push({ where: name, reason: `has metadata that is not a JSON object${shape ? ` (${shape})` : ''}` });
    return out;
  }
  if (typeof meta.schema_version !== 'string' || !SCHEMA.test(meta.schema_version)) {
    out.skipped.push({ where: name, reason: `has schema_version ${preview(meta.schema_version)}, which this Vouch does not know (it reads ${GIT_AI_SCHEMA})` });
    return out;
  }
  for (const k of ['prompts', 'sessions', 'humans'] as const) {
    if (meta[k] !== undefined && !isObject(meta[k])) {
      out.skipped.push({ where: name, reason: `has a "${k}" that is not an object` });
      return out;
    }
  }
  let file: string | undefined;
  let fileOk = false;
  lines.slice(0, divider).forEach((line, i) => {
    const where = `${name} line ${i + 1}`;
    if (!line.trim()) return;
    if (!/^\s/.test(line)) {
      const quoted = line.startsWith('"');
      fileOk = !quoted || (line.length > 1 && line.endsWith('"'));
      file = quoted ? line.slice(1, -1) : line;
      if (!fileOk) out.skipped.push({ where, reason: 'has a file path with an opening quote and no closing one' });
      return;
    }
    const m = ENTRY.exec(line);
    if (!m) return out.skipped.push({ where, reason: `is neither a file path nor "  <key> <lines>" (${preview(line, 40)})` });
    if (file === undefined || !fileOk) return out.skipped.push({ where, reason: 'is an attestation with no file path before it' });
    const [, key, spec] = m;
    if (HUMAN_KEY.test(key)) return out.ignored.push({ where, reason: `${/^\d+$/.test(spec) ? 'line' : 'lines'} ${spec} of ${file} ${/^\d+$/.test(spec) ? 'is' : 'are'} a human's: not assisted` });
    const session = SESSION_KEY.exec(key);
    if (session ? !describes(meta.sessions, session[1]) : PROMPT_KEY.test(key) ? !describes(meta.prompts, key) : true) {
      const what = session ? `session ${session[1]}` : PROMPT_KEY.test(key) ? `prompt ${key}` : undefined;
      return out.skipped.push({ where, reason: what ? `names ${what}, which the note's metadata does not describe as an AI agent's` : `has an unknown key ${preview(key, 40)}` });
    }
    const ranges = parseLineRanges(spec);
    if (!ranges) return out.skipped.push({ where, reason: `has lines that are not 1-based numbers and ranges (${preview(spec, 40)})` });
    for (const span of ranges) {
      if (out.claims.length >= MAX_CLAIMS) return out.skipped.push({ where, reason: `more than ${MAX_CLAIMS} ranges in one import` });
      out.claims.push({ format: 'git-ai', key: `${commit}:${key}`, where: `${where} (${file})`, path: file, lines: span, revision: commit, ...vouchSource(session ? undefined : meta.prompts, key), time });
    }
  });
  return out;
}
