// `vouch scan --format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.
// Regions are 1-based; columns count UTF-16 code units, as the engine's ranges do.
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import type { RuleInfo } from '../core/engine';
import type { Confidence, Family, Finding, Notice, Severity } from '../core/types';
import type { ScanResult } from '../scan/result';
import { VERSION } from '../version';
import { docsSummary, docsUrl, INFORMATION_URI, uriPath, type RuleDocs } from './common';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const FINGERPRINT_KEY = 'vouchFindingId/v1';
const SRCROOT = '%SRCROOT%';

const SECURITY_FAMILIES: ReadonlySet<Family> = new Set([
  'hallucinated-dependency', 'insecure-default', 'missing-input-validation', 'broken-authorization',
  'privilege-scope-creep', 'hardcoded-secret', 'sensitive-data-exposure',
]);

const LEVEL: Record<Severity, Sarif.ReportingConfiguration.level> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };
/** GitHub buckets: >= 9 critical, 7–8.9 high, 4–6.9 medium, < 4 low. */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.5', info: '3.0', hint: '1.0' };
const PRECISION: Record<Confidence, string> = { high: 'high', medium: 'medium', low: 'low' };

function pascal(id: string): string {
  return id.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

function cweTag(cwe: string): string | undefined {
  const m = /^CWE-(\d+)$/i.exec(cwe.trim());
  return m ? `external/cwe/cwe-${m[1]}` : undefined;
}

function isSecurity(rule: RuleInfo): boolean {
  return SECURITY_FAMILIES.has(rule.meta.family) || (rule.meta.cwe?.length ?? 0) > 0;
}

function ruleDescriptor(rule: RuleInfo, docs: RuleDocs): Sarif.ReportingDescriptor {
  const { meta } = rule;
  const markdown = docs(rule.id) ?? (meta as { docs?: string }).docs;
  const fallback = `${meta.title}. Family: ${meta.family}. Default severity: ${meta.severity}, confidence: ${meta.confidence}.`;
  const security = isSecurity(rule);
  const tags = [security ? 'security' : 'correctness', meta.family, ...(meta.cwe ?? []).map(cweTag).filter((t): t is string => !!t)];
  const properties: Sarif.PropertyBag = { tags, precision: PRECISION[meta.confidence], family: meta.family };
  if (security) properties['security-severity'] = SECURITY_SEVERITY[meta.severity];
  return {
    id: rule.id,
    name: pascal(rule.id),
    shortDescription: { text: meta.title },
    fullDescription: { text: docsSummary(markdown) ?? fallback },
    help: { text: markdown ?? fallback, markdown: markdown ?? fallback },
    helpUri: docsUrl(rule.id),
    defaultConfiguration: { enabled: true, level: LEVEL[meta.severity] },
    properties,
  };
}

function region(f: Finding): Sarif.Region {
  return {
    startLine: f.range.start.line + 1,
    startColumn: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
  };
}

function location(uri: string, f?: Finding): Sarif.Location {
  return { physicalLocation: { artifactLocation: { uri: uriPath(uri), uriBaseId: SRCROOT }, ...(f ? { region: region(f) } : {}) } };
}

function fixes(uri: string, f: Finding): Sarif.Fix[] | undefined {
  if (!f.fix?.edits.length) return undefined;
  return [{
    description: { text: f.fix.title },
    artifactChanges: [{
      artifactLocation: { uri: uriPath(uri), uriBaseId: SRCROOT },
      replacements: f.fix.edits.map((e) => ({
        deletedRegion: { charOffset: e.start, charLength: e.end - e.start },
        ...(e.newText ? { insertedContent: { text: e.newText } } : {}),
      })),
    }],
  }];
}

function result(uri: string, f: Finding, ruleIndex: Map<string, number>): Sarif.Result {
  const r: Sarif.Result = {
    ruleId: f.ruleId,
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [location(uri, f)],
    partialFingerprints: { [FINGERPRINT_KEY]: f.id },
    properties: { family: f.family, confidence: f.confidence, severity: f.severity },
  };
  const index = ruleIndex.get(f.ruleId);
  if (index !== undefined) r.ruleIndex = index;
  const fx = fixes(uri, f);
  if (fx) r.fixes = fx;
  if (f.related?.length) {
    // The data's path, as SARIF code flows (one thread, source first) and as related locations; places
    // in other files (uses a breaking change breaks) are related locations only: they are not a path.
    const step = (x: NonNullable<Finding['related']>[number]): Sarif.Location => ({
      physicalLocation: { artifactLocation: { uri: uriPath(x.file ?? uri), uriBaseId: SRCROOT }, region: region({ range: x.range } as Finding) },
      message: { text: x.message },
    });
    if (f.related.every((x) => x.file === undefined)) r.codeFlows = [{ threadFlows: [{ locations: f.related.map((x) => ({ location: step(x) })) }] }];
    r.relatedLocations = f.related.map((x, i) => ({ id: i + 1, ...step(x) }));
  }
  if (f.suppressed) {
    r.suppressions = [{ kind: 'inSource', ...(f.suppressed.reason ? { justification: f.suppressed.reason } : {}) }];
  }
  return r;
}

const NOTICE_LEVEL: Record<Notice['kind'], Sarif.Notification.level> = {
  skipped: 'note', input: 'note', 'parse-error': 'warning', 'detector-timeout': 'warning', 'detector-error': 'error',
};

function notifications(scan: ScanResult, ruleIndex: Map<string, number>): Sarif.Notification[] {
  const out: Sarif.Notification[] = [];
  for (const w of scan.warnings ?? []) out.push({ level: 'warning', message: { text: w } });
  for (const s of scan.skipped) {
    out.push({ level: 'note', message: { text: `Skipped ${s.path}: ${s.reason}.` }, locations: [location(s.path)], descriptor: { id: 'skipped-file' } });
  }
  for (const file of scan.files) {
    for (const n of file.notices) {
      const note: Sarif.Notification = { level: NOTICE_LEVEL[n.kind], message: { text: n.message }, locations: [location(file.path)], descriptor: { id: n.kind } };
      const index = n.ruleId !== undefined ? ruleIndex.get(n.ruleId) : undefined;
      if (n.ruleId) note.associatedRule = index !== undefined ? { id: n.ruleId, index } : { id: n.ruleId };
      out.push(note);
    }
  }
  return out;
}

export function toSarifLog(scan: ScanResult, rules: readonly RuleInfo[], docs: RuleDocs = () => undefined): Sarif.Log {
  const catalogue = new Map(rules.map((r) => [r.id, r]));
  // Findings of rules missing from the catalogue (should not happen) still get a descriptor.
  for (const file of scan.files) {
    for (const f of file.findings) {
      if (!catalogue.has(f.ruleId)) catalogue.set(f.ruleId, { id: f.ruleId, languages: '*', meta: { title: f.ruleId, family: f.family, severity: f.severity, confidence: f.confidence } });
    }
  }
  const sorted = [...catalogue.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ruleIndex = new Map(sorted.map((r, i) => [r.id, i]));
  const results = scan.files.flatMap((file) => file.findings.map((f) => {
    const r = result(file.path, f, ruleIndex);
    const p = file.findingProvenance?.[f.id];
    if (p) r.properties = { ...r.properties, provenance: p };
    return r;
  }));
  const notes = notifications(scan, ruleIndex);
  const invocation: Sarif.Invocation = { executionSuccessful: true };
  if (notes.length) invocation.toolExecutionNotifications = notes;
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'vouch',
          fullName: 'Vouch — guardrails for AI-assisted code',
          version: VERSION,
          semanticVersion: VERSION,
          informationUri: INFORMATION_URI,
          rules: sorted.map((r) => ruleDescriptor(r, docs)),
        },
      },
      automationDetails: { id: 'vouch/' },
      originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(scan.root).href.replace(/\/?$/, '/') } },
      invocations: [invocation],
      columnKind: 'utf16CodeUnits',
      results,
      properties: { files: scan.fileCount, durationMs: scan.durationMs, ...(scan.changedSince ? { changedSince: scan.changedSince } : {}), ...(scan.provenance ? { reviewCoverage: scan.provenance.total.reviewCoverage, provenance: scan.provenance.total, reviewRecord: scan.provenance.record } : {}) },
    }],
  };
}

export function toSarif(scan: ScanResult, rules: readonly RuleInfo[], docs?: RuleDocs): string {
  return JSON.stringify(toSarifLog(scan, rules, docs), null, 2);
}
