// Files written by outside tools while closed in the editor: diffed against the last text we saw,
// so regions follow the rewrite and added hunks are recorded as agent edits. Only files that were
// opened this session or have committed provenance are cached, within fixed bounds.
import * as vscode from 'vscode';
import { regionHash } from '../../../server/src/core/region-hash';
import { readTextSafe } from '../../../server/src/io/safe-read';
import { classify, linesOnlyMoved, sameModuloFormatting } from './classify';
import { type BurstDetector } from './outside-facts';
import { lineDiff } from './external';
import { RegionSet, contentRange } from './regions';
import { textHash, type ProvenanceStore } from './store';
import { findGitDir, type VcsActivity } from './vcs';

const MAX_FILES = 64;
const MAX_FILE_CHARS = 512 * 1024;
const SETTLE_MS = 1500;

export class DiskWatcher implements vscode.Disposable {
  /** fsPath-keyed LRU (Map keeps insertion order): last text seen and its hash. */
  private readonly cache = new Map<string, { hash: string; text: string }>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly store: ProvenanceStore, private readonly burst: BurstDetector, private readonly vcs: VcsActivity, private readonly log: (m: string) => void) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*', true, false, true);
    this.disposables.push(
      watcher,
      watcher.onDidChange((uri) => void this.changed(uri)),
      vscode.workspace.onDidOpenTextDocument((d) => this.remember(d.uri, d.getText())),
      vscode.workspace.onDidSaveTextDocument((d) => this.remember(d.uri, d.getText())),
      vscode.workspace.onDidCloseTextDocument((d) => this.remember(d.uri, d.getText())),
    );
    for (const d of vscode.workspace.textDocuments) this.remember(d.uri, d.getText());
  }

  remember(uri: vscode.Uri, text: string): void {
    if (uri.scheme !== 'file' || text.length > MAX_FILE_CHARS) return;
    this.cache.delete(uri.fsPath);
    this.cache.set(uri.fsPath, { hash: textHash(text), text });
    while (this.cache.size > MAX_FILES) this.cache.delete(this.cache.keys().next().value!);
  }

  private async changed(uri: vscode.Uri): Promise<void> {
    if (/[\\/]\.vouch[\\/]/.test(uri.fsPath)) return;
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) return; // open: Capture sees the reload
    // Every file written from outside counts toward a burst, known to Vouch or not: a terminal agent
    // rewriting twenty files is a burst even when only one of them was ever opened.
    this.burst.note(uri.toString());
    const cached = this.cache.get(uri.fsPath);
    if (!cached) return;
    try {
      // The handle is checked, not the path: a file swapped for a FIFO or a device link reads as nothing.
      const read = readTextSafe(uri.fsPath, MAX_FILE_CHARS * 4);
      if (!read.ok) return;
      const text = read.text;
      if (textHash(text) === cached.hash) return;
      const at = Date.now();
      this.remember(uri, text);
      const diff = lineDiff(cached.text, text);
      const regions = new RegionSet((await this.store.committed(uri)) ?? []);
      if (diff) regions.apply(diff.changes);
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      const added = diff?.added ?? [];
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      const gitDir = folder ? findGitDir(uri.fsPath, folder.uri.fsPath) : undefined;
      const verdict = classify({
        changes: added.map((a) => ({ text: a.text, replacedLength: 0, atCursor: false })),
        selectionKind: 'none',
        fromDisk: true,
        bulk: this.burst.isBulk(at),
        vcs: gitDir ? this.vcs.explain(gitDir, at) : undefined,
        formatting: sameModuloFormatting(cached.text, text),
        linesOnlyMoved: linesOnlyMoved(cached.text, text),
      });
      const lines = text.split(/\r?\n/);
      const hashOf = (r: { start: { line: number; character: number }; end: { line: number; character: number } }) => regionHash(sliceLines(lines, r));
      if (verdict.kind === 'agent') {
        for (const a of added) {
          const range = contentRange(a.range.start, a.text);
          if (range) regions.add(range, { source: 'agent', confidence: verdict.confidence ?? 'medium' }, hashOf);
        }
      }
      regions.validate(lines.length, (l) => lines[l]?.length ?? 0);
      await this.store.writeCommitted(uri, regions.regions);
      this.log(`${verdict.kind === 'agent' ? `agent edit on disk (${verdict.confidence})` : `not assisted (${verdict.why ?? verdict.kind})`}: ${vscode.workspace.asRelativePath(uri)}`);
    } catch (err) {
      this.log(`provenance: could not follow ${vscode.workspace.asRelativePath(uri)}: ${String(err)}`);
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.cache.clear();
  }
}

function sliceLines(lines: string[], r: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  if (r.start.line === r.end.line) return (lines[r.start.line] ?? '').slice(r.start.character, r.end.character);
  const out = [(lines[r.start.line] ?? '').slice(r.start.character)];
  // Bounded by the text, whatever line a region names.
  for (let l = r.start.line + 1; l < Math.min(r.end.line, lines.length); l++) out.push(lines[l]);
  out.push((lines[r.end.line] ?? '').slice(0, r.end.character));
  return out.join('\n');
}
