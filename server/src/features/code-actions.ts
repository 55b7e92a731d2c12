// textDocument/codeAction. Code actions for Vouch diagnostics, in a fixed order: the fix computed with
// the finding (preferred, unless it is only a suggestion such as a likely package name), suppress on this line, suppress in this file, mark reviewed (a finding in
// unreviewed assisted code), show documentation; then "mark reviewed" as a source action inside any
// open region.
import { readTextSafe } from '../io/safe-read';
import { isAbsolute, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeAction, CodeActionKind, type CodeActionParams, type TextDocumentEdit, type TextEdit, type WorkspaceEdit,
  type CreateFile, type Range, type TextDocuments,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lineComment, normalizeLanguageId } from '../core/languages';
import { SUPPRESSION_RULE, type Engine } from '../core/engine';
import type { Finding, Fix, LanguageId } from '../core/types';
import { Commands, type DiagnosticData } from '../protocol';
import type { AnalysedDocument, Diagnostics } from './diagnostics';
import type { Provenance } from './provenance';
import type { Workspace } from './workspace';

function fixEdit(doc: TextDocument, fix: Fix, root: string): WorkspaceEdit {
  const edits: TextEdit[] = fix.edits.map((e) => ({
    range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) },
    newText: e.newText,
  }));
  const changes: Array<TextDocumentEdit | CreateFile> = [{ textDocument: { uri: doc.uri, version: doc.version }, edits }];
  // Appends need a real folder to land in (not an untitled buffer's placeholder root).
  for (const a of isAbsolute(root) ? fix.appends ?? [] : []) {
    const file = join(root, a.file);
    const read = readTextSafe(file);
    // Missing: created below. A FIFO, a device or a huge file is left alone.
    if (!read.ok && read.kind !== 'missing') continue;
    const current = read.ok ? read.text : '';
    if (a.unlessLine && current.split(/\r?\n/).some((l) => l.trim().startsWith(a.unlessLine!))) continue;
    const uri = pathToFileURL(file).href;
    const lines = current.split('\n');
    const end = { line: lines.length - 1, character: lines[lines.length - 1].length };
    const text = (current && !current.endsWith('\n') ? '\n' : '') + a.text;
    changes.push({ kind: 'create', uri, options: { ignoreIfExists: true } });
    changes.push({ textDocument: { uri, version: null }, edits: [{ range: { start: end, end }, newText: text }] });
  }
  // Edits to other files (a manifest): offsets are in the text the fix was computed on, read from disk.
  for (const fe of isAbsolute(root) ? fix.fileEdits ?? [] : []) {
    const read = readTextSafe(join(root, fe.file));
    if (!read.ok) continue;
    const current = read.text;
    const other = TextDocument.create(pathToFileURL(join(root, fe.file)).href, '', 0, current);
    const edits = fe.edits.map((e) => ({ range: { start: other.positionAt(e.start), end: other.positionAt(e.end) }, newText: e.newText }));
    changes.push({ textDocument: { uri: other.uri, version: null }, edits });
  }
  return { documentChanges: changes };
}

function insertLine(doc: TextDocument, line: number, text: string): WorkspaceEdit {
  return { changes: { [doc.uri]: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: text }] } };
}

function lineAt(doc: TextDocument, line: number): string {
  return doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
}

/** First line a file-level directive may go on: after a shebang and a Python encoding declaration. */
function fileDirectiveLine(doc: TextDocument, lang: LanguageId): number {
  let line = 0;
  if (lineAt(doc, 0).startsWith('#!')) line++;
  if (lang === 'python' && line < doc.lineCount && /^[ \t\f]*#.*coding[:=]/.test(lineAt(doc, line))) line++;
  return line;
}

function suppressActions(doc: TextDocument, f: Finding, line: number, relPath: string): CodeAction[] {
  if (f.ruleId === SUPPRESSION_RULE.id) return [];
  const lang = normalizeLanguageId(doc.languageId, relPath);
  const comment = lang && lineComment(lang);
  if (!lang || !comment) return [];
  const eol = doc.getText().includes('\r\n') ? '\r\n' : '\n';
  const indent = /^[ \t]*/.exec(lineAt(doc, line))?.[0] ?? '';
  // The trailing "-- " leaves the cursor where the reason goes.
  const directive = (kind: string) => `${comment.open}vouch-ignore-${kind} ${f.ruleId} -- ${comment.close}`;
  const onLine = CodeAction.create(`Vouch: Suppress ${f.ruleId} on this line`, insertLine(doc, line, `${indent}${directive('next-line')}${eol}`), CodeActionKind.QuickFix);
  const inFile = CodeAction.create(`Vouch: Suppress ${f.ruleId} in this file`, insertLine(doc, fileDirectiveLine(doc, lang), `${directive('file')}${eol}`), CodeActionKind.QuickFix);
  return [onLine, inFile];
}

/** Kind of the "mark as reviewed" action offered without a diagnostic (Source Action… menu). */
export const MARK_REVIEWED_KIND = `${CodeActionKind.Source}.vouch.markReviewed`;
/** An assisted region no one has reviewed (or whose reviewed text changed), as the code actions need it. */
export interface OpenRegion { id: string; range: Range }

const wants = (only: string[] | undefined, kind: string) => !only || only.some((k) => k === kind || k === CodeActionKind.Empty || kind.startsWith(`${k}.`));
const inRange = (outer: Range, p: Range['start']) =>
  (p.line > outer.start.line || (p.line === outer.start.line && p.character >= outer.start.character)) &&
  (p.line < outer.end.line || (p.line === outer.end.line && p.character <= outer.end.character));

function markReviewedAction(uri: string, regionId: string, kind: string): CodeAction {
  return CodeAction.create('Vouch: Mark suggestion as reviewed', { title: 'Mark suggestion as reviewed', command: Commands.markReviewed, arguments: [uri, regionId] }, kind);
}

/** Whether a fix marked `verify` clears its finding on this text (the engine re-runs the rule). */
export type VerifyFix = (doc: TextDocument, relPath: string, finding: Finding) => boolean;

export function codeActions(
  params: CodeActionParams, doc: TextDocument, analysed: AnalysedDocument | undefined, relPath: string,
  openRegions: readonly OpenRegion[] = [], verify: VerifyFix = () => true,
): CodeAction[] {
  const only = params.context.only;
  // Source action: the cursor or selection lies in unreviewed assisted code, with or without a finding.
  const region = wants(only, MARK_REVIEWED_KIND) && openRegions.find((r) => inRange(r.range, params.range.start) && inRange(r.range, params.range.end));
  const source = region ? [markReviewedAction(doc.uri, region.id, MARK_REVIEWED_KIND)] : [];
  if (!analysed || !wants(only, CodeActionKind.QuickFix)) return source;
  const out: CodeAction[] = [];
  const reviewOffered = new Set<string>();
  const byId = new Map(analysed.findings.map((f) => [f.id, f]));
  const current = analysed.version === doc.version;
  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.source !== 'vouch') continue;
    const data = diagnostic.data as DiagnosticData | undefined;
    const f = data && byId.get(data.findingId);
    if (!f) continue;
    // Offsets of a fix are only valid for the text they were computed on.
    if (f.fix && current && verify(doc, relPath, f)) {
      const a = CodeAction.create(f.fix.title, fixEdit(doc, f.fix, analysed.root), CodeActionKind.QuickFix);
      a.diagnostics = [diagnostic];
      a.isPreferred = !f.fix.suggestion;
      out.push(a);
    }
    // The client keeps the diagnostic's range in step with edits; the finding's may be stale.
    const line = Math.min(Math.max(0, diagnostic.range?.start?.line ?? f.range.start.line), doc.lineCount - 1);
    for (const a of suppressActions(doc, f, line, relPath)) {
      a.diagnostics = [diagnostic];
      out.push(a);
    }
    const p = data.provenance;
    if (p && p.state !== 'reviewed' && !reviewOffered.has(p.regionId)) {
      reviewOffered.add(p.regionId);
      const review = markReviewedAction(doc.uri, p.regionId, CodeActionKind.QuickFix);
      review.diagnostics = [diagnostic];
      out.push(review);
    }
    const docs = CodeAction.create(`Vouch: Show documentation for ${f.ruleId}`, { title: 'Show documentation', command: Commands.showRuleDoc, arguments: [f.ruleId] }, CodeActionKind.QuickFix);
    docs.diagnostics = [diagnostic];
    out.push(docs);
  }
  return [...out, ...source];
}

/** The textDocument/codeAction handler: the document's findings and its open regions, then codeActions. */
export class CodeActions {
  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly workspace: Workspace,
    private readonly diagnostics: Diagnostics,
    private readonly provenance: Provenance,
    private readonly engine?: Engine,
  ) {}

  /** Verified fixes per finding and document version: the lightbulb asks again and again. */
  private readonly verified = new Map<string, boolean>();

  private verify: VerifyFix = (doc, relPath, f) => {
    if (!f.fix?.verify || !this.engine) return true;
    const key = `${doc.uri}\u0000${doc.version}\u0000${f.id}`;
    let ok = this.verified.get(key);
    if (ok === undefined) {
      const languageId = normalizeLanguageId(doc.languageId, relPath);
      ok = !!languageId && this.engine.verifyFix({ text: doc.getText(), languageId, path: relPath }, f);
      if (this.verified.size > 500) this.verified.clear();
      this.verified.set(key, ok);
    }
    return ok;
  };

  async provide(params: CodeActionParams): Promise<CodeAction[]> {
    const doc = this.documents.get(params.textDocument.uri);
    const scope = this.workspace.scopeOf(params.textDocument.uri);
    if (!doc || !scope) return [];
    // Unreviewed or stale regions, for "Mark suggestion as reviewed" where no finding is.
    const ev = this.provenance.evaluate(doc.uri, [], await this.workspace.settingsFor(doc.uri));
    const open = ev?.regions.filter((r) => r.state !== 'reviewed').map((r) => ({ id: r.region.id, range: r.region.range })) ?? [];
    return codeActions(params, doc, this.diagnostics.results.get(doc.uri), scope.relPath, open, this.verify);
  }
}
