// The parts of registry answers the client reads: npm packuments (abbreviated and full) and PyPI's
// JSON API, and the first-publication time of a full packument.

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

