// The parts of registry answers the client reads: npm packuments (abbreviated and full) and PyPI's
// JSON API, and the first-publication time of a full packument. `summarise` keeps only those parts, so
// a big answer (a busy package's packument is tens of MB) can be parsed on another thread and only its
// summary sent back (doc-thread.ts).
import { npmOwners, pypiOwners } from './owners';

export interface NpmDoc {
  'dist-tags'?: { latest?: string };
  versions?: Record<string, { deprecated?: unknown } | undefined>;
  modified?: string;
  time?: { created?: unknown; modified?: string };
}

interface PypiFile {
  upload_time_iso_8601?: string;
  upload_time?: string;
  yanked?: boolean;
  yanked_reason?: string | null;
}

export interface PypiDoc {
  info?: { version?: unknown; classifiers?: unknown };
  releases?: Record<string, PypiFile[] | undefined>;
  urls?: PypiFile[];
}

/** A packument's `time.created`, else its earliest version's time (registries that keep no `created`). */
export function firstTime(doc: unknown): string | undefined {
  const time = isObject(doc) && isObject(doc.time) ? (doc.time as Record<string, unknown>) : undefined;
  if (!time) return undefined;
  if (typeof time.created === 'string') return time.created;
  const versions = Object.entries(time).filter(([k, v]) => k !== 'modified' && typeof v === 'string' && !Number.isNaN(Date.parse(v)));
  return versions.map(([, v]) => v as string).sort((a, b) => Date.parse(a) - Date.parse(b))[0];
}

export function isObject(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}


/** Which answer a body is: npm's abbreviated packument, npm's full one, PyPI's JSON API. */
export type DocKind = 'npm' | 'npm-full' | 'pypi';

/** npm's abbreviated packument: versions (0: unpublished), latest, its deprecation, times when given. */
export interface NpmSummary {
  count: number;
  latest?: string;
  deprecated?: string;
  created?: string;
  modified?: string;
}

/** What only npm's full packument tells: owners and the first publication. */
export interface FullSummary {
  owners: string[];
  created?: string;
}

/** PyPI: releases with files, latest, owners, first upload, and why it is deprecated (yanked, inactive). */
export interface PypiSummary {
  versions: number;
  latest?: string;
  owners?: string[];
  created?: string;
  deprecated?: string;
}

export type Summary<K extends DocKind> = K extends 'npm' ? NpmSummary : K extends 'npm-full' ? FullSummary : PypiSummary;

/** The summary of a parsed answer, or undefined when it is not a JSON object. */
export function summarise<K extends DocKind>(kind: K, doc: unknown): Summary<K> | undefined {
  if (!isObject(doc)) return undefined;
  if (kind === 'npm-full') return { owners: npmOwners(doc) ?? [], ...opt('created', firstTime(doc)) } as Summary<K>;
  return (kind === 'npm' ? npmSummary(doc as NpmDoc) : pypiSummary(doc as PypiDoc)) as Summary<K>;
}

const opt = <T>(k: string, v: T | undefined) => (v === undefined ? {} : { [k]: v });

function npmSummary(doc: NpmDoc): NpmSummary {
  const versions = isObject(doc.versions) ? doc.versions : {};
  const latest = typeof doc['dist-tags']?.latest === 'string' ? doc['dist-tags'].latest : undefined;
  const dep = latest ? versions[latest]?.deprecated : undefined;
  return {
    count: Object.keys(versions).length, ...opt('latest', latest), ...opt('deprecated', typeof dep === 'string' && dep ? dep : undefined),
    ...opt('created', typeof doc.time?.created === 'string' ? doc.time.created : undefined), ...opt('modified', doc.modified ?? doc.time?.modified),
  };
}

function pypiSummary(doc: PypiDoc): PypiSummary {
  const releases = isObject(doc.releases) ? doc.releases : {};
  let created: string | undefined;
  let withFiles = 0;
  for (const files of Object.values(releases)) {
    if (!Array.isArray(files) || !files.length) continue;
    withFiles++;
    for (const f of files) {
      const t = f?.upload_time_iso_8601 ?? (f?.upload_time ? `${f.upload_time}Z` : undefined);
      if (typeof t === 'string' && (!created || Date.parse(t) < Date.parse(created))) created = t;
    }
  }
  const latest = typeof doc.info?.version === 'string' ? doc.info.version : undefined;
  const out: PypiSummary = { versions: withFiles || Object.keys(releases).length, latest, ...opt('owners', pypiOwners(doc)) };
  if (created) out.created = new Date(Date.parse(created)).toISOString();
  const urls = Array.isArray(doc.urls) ? doc.urls : [];
  if (urls.length && urls.every((u) => u?.yanked)) {
    const reason = urls.find((u) => u?.yanked_reason)?.yanked_reason;
    out.deprecated = `the latest release${latest ? ` ${latest}` : ''} is yanked${reason ? `: ${reason}` : ''}`;
  } else if (Array.isArray(doc.info?.classifiers) && doc.info.classifiers.includes('Development Status :: 7 - Inactive')) {
    out.deprecated = 'the project is marked "Development Status :: 7 - Inactive"';
  }
  return out;
}
