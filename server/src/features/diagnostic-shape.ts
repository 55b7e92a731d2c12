// The fixed shape of a Vouch diagnostic: source "vouch", the rule id as code, a link to its
// documentation, and { ruleId, family, findingId } as data for code actions.
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { Finding, Severity } from '../core/types';
import type { DiagnosticData } from '../protocol';
import { docsDir } from '../scan/rule-docs';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function docsUri(ruleId: string): string {
  return pathToFileURL(join(docsDir(), `${ruleId}.md`)).href;
}

/**
 * A finding as a diagnostic of document `uri`; a flow's path becomes its related information, and so
 * do places in other files (a breaking change's callers) when the workspace folder `root` is known.
 */
export function toDiagnostic(f: Finding, uri?: string, root?: string): Diagnostic {
  const data: DiagnosticData = { ruleId: f.ruleId, family: f.family, findingId: f.id };
  const d: Diagnostic = {
    range: f.range,
    severity: SEVERITY[f.severity],
    source: 'vouch',
    code: f.ruleId,
    codeDescription: { href: docsUri(f.ruleId) },
    message: f.message,
    data,
  };
  if (uri && f.related?.length) {
    d.relatedInformation = f.related.flatMap((r) => {
      if (r.file === undefined) return [{ location: { uri, range: r.range }, message: r.message }];
      return root ? [{ location: { uri: pathToFileURL(join(root, r.file)).href, range: r.range }, message: r.message }] : [];
    });
  }
  return d;
}
