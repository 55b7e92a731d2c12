// Agent Trace records (github.com/cursor/agent-trace, spec 0.1.0, RFC of January 2026) in and out.
// Every record is checked before any of it is used; a bad record, file entry or range is skipped
// with its reason and the rest of the record still counts.
//
// Import, field by field:
//   version                 "X.Y" or "X.Y.Z" with major 0 or 1 (the spec's examples write "0.1.0", its
//                           reference implementation "1.0"; minor versions only add optional fields,
//                           which are ignored); any other major: the record is skipped as unknown
//   id                      a UUID; with the path and lines it makes the region id (stable on re-import)
//   timestamp               RFC 3339 → region `time`
//   vcs {type, revision}    git + a commit id: the lines are read in that commit and found again in the
//                           working tree; another VCS, or no vcs: the lines are the working tree's
//   files[].path            repository-relative; absolute paths and `..` are skipped
//   files[].conversations[].contributor.type, overridden by ranges[].contributor.type:
//                           ai → source `agent`, confidence medium; mixed → `agent`, low;
//                           human and unknown are not assisted (reported, not imported)
//   ranges[].start_line/end_line  1-based inclusive → whole-line region, hash over the working tree text
//   metadata["dev.vouch"] {source, confidence}  what Vouch's own export wrote: the precise source
//                           (completion / paste / agent) and confidence; any of them is still unreviewed
// Not used: tool, conversation url and related, model_id, content_hash (its algorithm is free-form).
//
// Export: one record per region (each region has its own time), version "0.1.0", id a UUID derived
// from the region, vcs = HEAD when the file there equals the working tree (else none: the lines are
// the working tree's), tool {name: "vouch"}, contributor ai (paste: unknown — pasted code's origin is
// not known), the region's whole lines, and metadata["dev.vouch"] {region, source, confidence}.
import { createHash } from 'node:crypto';
import { jsonShapeProblem, preview } from '../core/json-limits';
import type { ProvenanceRegion, ProvenanceSource } from '../core/provenance-types';
import { CONFIDENCES, type Confidence } from '../core/types';
import { MAX_CLAIMS, type Parsed, type Skip } from './claims';

export const AGENT_TRACE_VERSION = '0.1.0';
/** The reverse-domain key Vouch writes under `metadata`, as the spec's section 7.2 asks. */
export const VOUCH_METADATA_KEY = 'dev.vouch';

const VERSION = /^(\d{1,9})\.(\d{1,9})(?:\.(\d{1,9}))?$/;
const KNOWN_MAJORS = new Set([0, 1]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;
const VCS_TYPES = new Set(['git', 'jj', 'hg', 'svn']);
const CONTRIBUTORS = new Set(['human', 'ai', 'mixed', 'unknown']);
const SOURCES: ReadonlySet<string> = new Set(['completion', 'paste', 'agent']);
/** Nesting a record needs is about 8 (record → files → conversations → ranges → contributor); metadata may add some. */
const MAX_DEPTH = 64;

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const isLine = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 1;

/** One parsed JSON value with where it came from. */
interface Located { value: unknown; where: string }

/** Records from a file: one JSON record, a JSON array of records, or JSON Lines (`.agent-trace/traces.jsonl`). */
function values(text: string, name: string, maxChars: number): { values: Located[]; skipped: Skip[] } {
  const trimmed = text.trim();
  if (!trimmed) return { values: [], skipped: [] };
  const whole = (() => {
    if (jsonShapeProblem(trimmed, maxChars, MAX_DEPTH)) return undefined;
    try {
      return { value: JSON.parse(trimmed) as unknown };
    } catch {
      return undefined;
    }
  })();
  if (whole && Array.isArray(whole.value)) return { values: whole.value.map((value, i) => ({ value, where: `${name} record ${i + 1}` })), skipped: [] };
  if (whole) return { values: [{ value: whole.value, where: name }], skipped: [] };
  const out: Located[] = [];
  const skipped: Skip[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const where = `${name} line ${i + 1}`;
    const problem = jsonShapeProblem(line, maxChars, MAX_DEPTH);
    if (problem) return skipped.push({ where, reason: `is not a record: ${problem}` });
    try {
      out.push({ value: JSON.parse(line), where });
    } catch (e) {
      skipped.push({ where, reason: `is not JSON (${(e as Error).message})` });
    }
  });
  return { values: out, skipped };
}

function contributorType(c: unknown): string | undefined | { problem: string } {
  if (c === undefined) return undefined;
  if (!isObject(c) || typeof c.type !== 'string' || !CONTRIBUTORS.has(c.type)) return { problem: `has a contributor that is not one of human, ai, mixed, unknown (${preview(c)})` };
  return c.type;
}

/** Why a record's header cannot be used, or its checked parts. */
function header(r: unknown): { problem: string } | { id: string; time: string; revision?: string; vouch?: { source?: ProvenanceSource; confidence?: Confidence } } {
  if (!isObject(r)) return { problem: 'is not a JSON object' };
  if (typeof r.version !== 'string') return { problem: 'has no "version" string' };
  const v = VERSION.exec(r.version);
  if (!v) return { problem: `has a version that is not X.Y or X.Y.Z (${preview(r.version)})` };
  if (!KNOWN_MAJORS.has(Number(v[1]))) return { problem: `has version ${r.version}, which this Vouch does not know (it reads 0.x and 1.x)` };
  if (typeof r.id !== 'string' || !UUID.test(r.id)) return { problem: `has no UUID "id" (${preview(r.id)})` };
  if (typeof r.timestamp !== 'string' || !RFC3339.test(r.timestamp) || Number.isNaN(Date.parse(r.timestamp))) return { problem: `has no RFC 3339 "timestamp" (${preview(r.timestamp)})` };
  if (!Array.isArray(r.files)) return { problem: 'has no "files" list' };
  let revision: string | undefined;
  if (r.vcs !== undefined) {
    if (!isObject(r.vcs) || typeof r.vcs.type !== 'string' || !VCS_TYPES.has(r.vcs.type) || typeof r.vcs.revision !== 'string') return { problem: `has a "vcs" that is not {type: git|jj|hg|svn, revision} (${preview(r.vcs)})` };
    if (r.vcs.type === 'git') {
      if (!/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i.test(r.vcs.revision)) return { problem: `has a git revision that is not a commit id (${preview(r.vcs.revision)})` };
      revision = r.vcs.revision.toLowerCase();
    }
  }
  if (r.metadata !== undefined && !isObject(r.metadata)) return { problem: 'has a "metadata" that is not an object' };
  const mine = isObject(r.metadata) ? r.metadata[VOUCH_METADATA_KEY] : undefined;
  const vouch = isObject(mine) ? {
    source: typeof mine.source === 'string' && SOURCES.has(mine.source) ? mine.source as ProvenanceSource : undefined,
    confidence: (CONFIDENCES as readonly unknown[]).includes(mine.confidence) ? mine.confidence as Confidence : undefined,
  } : undefined;
  return { id: r.id.toLowerCase(), time: new Date(Date.parse(r.timestamp)).toISOString(), revision, vouch };
}

/** Claims from the text of an Agent Trace file; `name` is how messages refer to it. */
export function parseAgentTrace(text: string, name: string, maxChars = 64_000_000): Parsed {
  const { values: records, skipped } = values(text, name, maxChars);
  const out: Parsed = { claims: [], skipped, ignored: [] };
  for (const { value, where } of records) {
    const h = header(value);
    if ('problem' in h) {
      out.skipped.push({ where, reason: `record ${h.problem}` });
      continue;
    }
    const at = `${where} (record ${h.id.slice(0, 8)})`;
    (value as { files: unknown[] }).files.forEach((file, fi) => {
      const fwhere = `${at} file ${fi + 1}`;
      if (!isObject(file) || typeof file.path !== 'string' || !Array.isArray(file.conversations)) return out.skipped.push({ where: fwhere, reason: 'is not {path, conversations}' });
      file.conversations.forEach((conv, ci) => {
        const cwhere = `${at} ${file.path as string} conversation ${ci + 1}`;
        if (!isObject(conv) || !Array.isArray(conv.ranges)) return out.skipped.push({ where: cwhere, reason: 'has no "ranges" list' });
        const ctype = contributorType(conv.contributor);
        if (ctype && typeof ctype === 'object') return out.skipped.push({ where: cwhere, reason: ctype.problem });
        conv.ranges.forEach((range, ri) => {
          const rwhere = `${cwhere} range ${ri + 1}`;
          if (!isObject(range) || !isLine(range.start_line) || !isLine(range.end_line)) return out.skipped.push({ where: rwhere, reason: `is not {start_line, end_line} with lines from 1 (${preview(range)})` });
          if (range.end_line < range.start_line) return out.skipped.push({ where: rwhere, reason: `ends (line ${range.end_line}) before it starts (line ${range.start_line})` });
          const rtype = contributorType(range.contributor);
          if (rtype && typeof rtype === 'object') return out.skipped.push({ where: rwhere, reason: rtype.problem });
          const type = rtype ?? ctype ?? 'unknown';
          const assisted = type === 'ai' || type === 'mixed' || (type === 'unknown' && !!h.vouch?.source);
          if (!assisted) return out.ignored.push({ where: rwhere, reason: `lines ${range.start_line}-${range.end_line} of ${file.path as string} are attributed to a ${type === 'human' ? 'human' : 'contributor of unknown origin'}: not assisted` });
          if (out.claims.length >= MAX_CLAIMS) return out.skipped.push({ where: rwhere, reason: `more than ${MAX_CLAIMS} ranges in one import` });
          out.claims.push({
            format: 'agent-trace', key: h.id, where: rwhere, path: file.path as string,
            lines: [range.start_line, range.end_line], revision: h.revision,
            source: h.vouch?.source ?? 'agent',
            confidence: h.vouch?.confidence ?? (type === 'mixed' ? 'low' : 'medium'),
            time: h.time,
          });
        });
      });
    });
  }
  return out;
}

/** A region to export: its repository-relative path and whole lines, and the commit whose file it matches. */
export interface ExportRegion {
  path: string;
  region: ProvenanceRegion;
  /** 1-based first and last line in the working tree. */
  lines: [number, number];
  revision?: string;
}

/** A UUID (version 8: custom) that is the same for the same region, so exporting twice writes the same ids. */
export function recordId(path: string, regionId: string): string {
  const h = createHash('sha256').update(`vouch-region\0${path}\0${regionId}`, 'utf8').digest('hex').split('');
  h[12] = '8';
  h[16] = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
}

const rfc3339 = (time: string): string => {
  const t = Date.parse(time);
  return new Date(Number.isNaN(t) ? 0 : t).toISOString();
};

/** Agent Trace records for Vouch's regions, one per region. */
export function toAgentTrace(regions: readonly ExportRegion[], toolVersion: string): Array<Record<string, unknown>> {
  return regions.map(({ path, region, lines, revision }) => ({
    version: AGENT_TRACE_VERSION,
    id: recordId(path, region.id),
    timestamp: rfc3339(region.time),
    ...(revision ? { vcs: { type: 'git', revision } } : {}),
    tool: { name: 'vouch', version: toolVersion },
    files: [{ path, conversations: [{ contributor: { type: region.source === 'paste' ? 'unknown' : 'ai' }, ranges: [{ start_line: lines[0], end_line: lines[1] }] }] }],
    metadata: { [VOUCH_METADATA_KEY]: { region: region.id, source: region.source, confidence: region.confidence } },
  }));
}
