// Code actions for Vouch diagnostics, in a fixed order: the fix computed with the finding
// (preferred), suppress on this line, suppress in this file, show documentation.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeAction, CodeActionKind, type CodeActionParams, type TextDocumentEdit, type TextEdit, type WorkspaceEdit,
  type CreateFile,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { lineComment, normalizeLanguageId } from '../core/languages';
import type { Finding, Fix } from '../core/types';
import { Commands, type DiagnosticData } from '../protocol';
import type { AnalysedDocument } from './diagnostics';

function fixEdit(doc: TextDocument, fix: Fix, root: string): WorkspaceEdit {
  const edits: TextEdit[] = fix.edits.map((e) => ({
    range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) },
    newText: e.newText,
  }));
  const changes: Array<TextDocumentEdit | CreateFile> = [{ textDocument: { uri: doc.uri, version: doc.version }, edits }];
  for (const a of fix.appends ?? []) {
    const file = join(root, a.file);
    let current = '';
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      // Created below.
    }
    if (a.unlessLine && current.split(/\r?\n/).some((l) => l.trim().startsWith(a.unlessLine!))) continue;
    const uri = pathToFileURL(file).href;
    const lines = current.split('\n');
    const end = { line: lines.length - 1, character: lines[lines.length - 1].length };
    const text = (current && !current.endsWith('\n') ? '\n' : '') + a.text;
    changes.push({ kind: 'create', uri, options: { ignoreIfExists: true } });
    changes.push({ textDocument: { uri, version: null }, edits: [{ range: { start: end, end }, newText: text }] });
  }
  return { documentChanges: changes };
}

function insertLine(doc: TextDocument, line: number, text: string): WorkspaceEdit {
  return { changes: { [doc.uri]: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: text }] } };
}

function suppressActions(doc: TextDocument, f: Finding, relPath: string): CodeAction[] {
  const lang = normalizeLanguageId(doc.languageId, relPath);
  const comment = lang && lineComment(lang);
  if (!comment) return [];
  const lineText = doc.getText({ start: { line: f.range.start.line, character: 0 }, end: { line: f.range.start.line + 1, character: 0 } });
  const indent = /^[ \t]*/.exec(lineText)?.[0] ?? '';
  const directive = (kind: string) => `${comment.open}vouch-ignore-${kind} ${f.ruleId} -- ${comment.close}`.trimEnd();
  const first = doc.getText({ start: { line: 0, character: 0 }, end: { line: 1, character: 0 } });
  const fileLine = first.startsWith('#!') ? 1 : 0;
  const line = CodeAction.create(`Vouch: Suppress ${f.ruleId} on this line`, insertLine(doc, f.range.start.line, `${indent}${directive('next-line')}\n`), CodeActionKind.QuickFix);
  const file = CodeAction.create(`Vouch: Suppress ${f.ruleId} in this file`, insertLine(doc, fileLine, `${directive('file')}\n`), CodeActionKind.QuickFix);
  return [line, file];
}

export function codeActions(params: CodeActionParams, doc: TextDocument, analysed: AnalysedDocument | undefined, relPath: string): CodeAction[] {
  if (!analysed) return [];
  const out: CodeAction[] = [];
  const byId = new Map(analysed.findings.map((f) => [f.id, f]));
  const current = analysed.version === doc.version;
  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.source !== 'vouch') continue;
    const data = diagnostic.data as DiagnosticData | undefined;
    const f = data && byId.get(data.findingId);
    if (!f) continue;
    if (f.fix && current) {
      const a = CodeAction.create(f.fix.title, fixEdit(doc, f.fix, analysed.root), CodeActionKind.QuickFix);
      a.diagnostics = [diagnostic];
      a.isPreferred = true;
      out.push(a);
    }
    for (const a of suppressActions(doc, f, relPath)) {
      a.diagnostics = [diagnostic];
      out.push(a);
    }
    const docs = CodeAction.create(`Vouch: Show documentation for ${f.ruleId}`, { title: 'Show documentation', command: Commands.showRuleDoc, arguments: [f.ruleId] }, CodeActionKind.QuickFix);
    docs.diagnostics = [diagnostic];
    out.push(docs);
  }
  return out;
}
