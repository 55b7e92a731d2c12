// Watches document edits: every change moves the tracked regions at once (synchronously, in event
// order); inserted text is tracked as a pending region while the facts that tell its origin arrive
// (the selection change that follows, the clipboard, the file's mtime), then it is classified and
// either committed with its source or dropped.
import * as vscode from 'vscode';
import { regionHash } from '../../../server/src/core/region-hash';
import { classify, commonEnds, nonWhitespace, type ChangeDescription, type ChangeFact, type SelectionKind } from './classify';
import { lineDiff } from './external';
import { contentRange, textEnd, type ContentChange, type Position, type RegionSet } from './regions';
import type { PasteWatcher } from './paste';

/** How long to wait for the selection change that follows an edit (same batch in practice). */
const SELECTION_WAIT_MS = 100;
/** A reload from disk is judged after this delay, so that a branch switch is seen as one burst. */
const DISK_SETTLE_MS = 1500;
/** This many files changed on disk within BURST_WINDOW_MS is a bulk operation, not an agent. */
export const BURST_FILES = 8;
const BURST_WINDOW_MS = 3000;
/** Last known text is kept only for documents up to this size (memory stays bounded). */
export const MAX_TRACKED_TEXT = 1_000_000;

let ownEdits = 0;
/** Runs an edit of Vouch's own (quick fix, suppression, review) without capturing it as assisted code. */
export async function asOwnEdit<T>(run: () => Thenable<T> | Promise<T>): Promise<T> {
  ownEdits++;
  try {
    return await run();
  } finally {
    // The change events of an applied edit are delivered before its promise resolves; one tick more for safety.
    setTimeout(() => ownEdits--, 0);
  }
}

/** Precise mode: set by the Tab binding while VS Code's own accept command runs. */
let preciseUri: string | undefined;
export function setPreciseAccept(uri: string | undefined): void {
  preciseUri = uri;
}

/** Counts distinct files changed on disk recently (shared by open reloads and the closed-file watcher). */
export class BurstDetector {
  private readonly events: Array<{ uri: string; at: number }> = [];
  note(uri: string, at = Date.now()): void {
    this.events.push({ uri, at });
    while (this.events.length && at - this.events[0].at > BURST_WINDOW_MS * 2) this.events.shift();
  }
  isBulk(at: number): boolean {
    const near = new Set(this.events.filter((e) => Math.abs(e.at - at) <= BURST_WINDOW_MS).map((e) => e.uri));
    return near.size >= BURST_FILES;
  }
}

export interface CaptureHost {
  regionsOf(document: vscode.TextDocument): RegionSet;
  /** Regions of the document changed (moved, added, dropped). */
  changed(document: vscode.TextDocument): void;
  log(message: string): void;
}

interface Pending {
  document: vscode.TextDocument;
  ids: string[];
  description: ChangeDescription;
  /** End of the inserted text (single change), to check that the cursor landed after it. */
  insertEnd?: Position;
  selection: (kind: SelectionKind) => void;
}

function selectionKind(kind: vscode.TextEditorSelectionChangeKind | undefined): SelectionKind {
  if (kind === vscode.TextEditorSelectionChangeKind.Keyboard) return 'keyboard';
  if (kind === vscode.TextEditorSelectionChangeKind.Mouse) return 'mouse';
  if (kind === vscode.TextEditorSelectionChangeKind.Command) return 'command';
  return 'other';
}

/** The facts a decision rested on, for the debug log (never the text itself). */
function explain(d: ChangeDescription): string {
  const chars = d.changes.reduce((n, c) => n + c.text.length, 0);
  return `${d.changes.length} change(s), ${chars} chars, atCursor ${d.changes.some((c) => c.atCursor)}, selection ${d.selectionKind}, `
    + `cursorAtEnd ${d.cursorAtInsertEnd ?? '-'}, own ${d.ownEdit ?? false}, disk ${d.fromDisk ?? false}, paste ${d.pasteHint ?? false}/${d.clipboard !== undefined}`;
}

export class Capture implements vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly selections = new Map<string, readonly vscode.Selection[]>();
  private readonly waiting = new Map<string, Pending>();
  /** Documents whose save participants (format/fix on save) are running: their edits are not assisted. */
  private readonly saving = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly host: CaptureHost, private readonly paste: PasteWatcher, readonly burst: BurstDetector) {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => this.onChange(e)),
      vscode.workspace.onDidOpenTextDocument((d) => this.remember(d)),
      vscode.workspace.onDidCloseTextDocument((d) => { this.texts.delete(d.uri.toString()); this.selections.delete(d.uri.toString()); }),
      vscode.window.onDidChangeTextEditorSelection((e) => this.onSelection(e)),
      vscode.workspace.onWillSaveTextDocument((e) => {
        // Only a save that can run participants may edit the text: format or code actions on save, and
        // not an auto-save after a delay (VS Code runs neither then). Marking any other save would drop
        // the next real insertion (a Tab accepted while the file is written).
        if (!saveCanEdit(e.document, e.reason)) return;
        const uri = e.document.uri.toString();
        this.saving.add(uri);
        setTimeout(() => this.saving.delete(uri), 5000); // a failed save fires no onDidSave
      }),
      vscode.workspace.onDidSaveTextDocument((d) => this.saving.delete(d.uri.toString())),
    );
    for (const d of vscode.workspace.textDocuments) this.remember(d);
    for (const e of vscode.window.visibleTextEditors) this.selections.set(e.document.uri.toString(), e.selections);
  }

  private remember(document: vscode.TextDocument): void {
    const text = document.getText();
    if (text.length <= MAX_TRACKED_TEXT) this.texts.set(document.uri.toString(), text);
    else this.texts.delete(document.uri.toString());
  }

  private onSelection(e: vscode.TextEditorSelectionChangeEvent): void {
    const uri = e.textEditor.document.uri.toString();
    this.selections.set(uri, e.selections);
    const pending = this.waiting.get(uri);
    if (!pending) return;
    this.waiting.delete(uri);
    if (pending.insertEnd) {
      const end = pending.insertEnd;
      pending.description.cursorAtInsertEnd = e.selections.length > 0
        && e.selections.every((s) => s.isEmpty) && e.selections.some((s) => s.active.line === end.line && s.active.character === end.character);
    }
    pending.selection(selectionKind(e.kind));
  }

  private onChange(e: vscode.TextDocumentChangeEvent): void {
    if (e.contentChanges.length === 0) return;
    const document = e.document;
    const uri = document.uri.toString();
    const regions = this.host.regionsOf(document);
    const oldText = this.texts.get(uri);
    const reason = e.reason === vscode.TextDocumentChangeReason.Undo ? 'undo' : e.reason === vscode.TextDocumentChangeReason.Redo ? 'redo' : undefined;
    const own = ownEdits > 0 || this.saving.has(uri);
    const precise = preciseUri === uri;
    // A change that leaves the document clean without undo/redo is a reload from disk (or a revert).
    const fromDisk = !document.isDirty && !reason && !own && document.uri.scheme === 'file';
    const capture = !reason && !own;
    const ids: string[] = [];
    const facts: ChangeFact[] = [];
    let insertEnd: Position | undefined;
    let moved: boolean;

    const diff = fromDisk && oldText !== undefined ? lineDiff(oldText, document.getText()) : undefined;
    if (diff) {
      moved = regions.apply(diff.changes);
      for (const a of diff.added) {
        const range = contentRange(a.range.start, a.text);
        if (range) ids.push(regions.addPending(range));
        facts.push({ text: a.text, replacedLength: 0, atCursor: false });
      }
    } else {
      const before = this.selections.get(uri) ?? [];
      const single = e.contentChanges.length === 1 && oldText !== undefined;
      moved = false;
      for (const c of e.contentChanges) {
        const change: ContentChange = { range: { start: c.range.start, end: c.range.end }, text: c.text };
        moved = regions.apply([change]) || moved;
        if (!capture || c.text === '') continue;
        // Ghost text often rewrites the word already typed: record only what is new.
        const replaced = single ? oldText!.slice(c.rangeOffset, c.rangeOffset + c.rangeLength) : '';
        const { prefix, suffix } = single ? commonEnds(replaced, c.text) : { prefix: 0, suffix: 0 };
        const text = c.text.slice(prefix, c.text.length - suffix);
        const start = textEnd(c.range.start, c.text.slice(0, prefix));
        const atCursor = before.some((s) => c.range.contains(s.active));
        facts.push({ text, replacedLength: c.rangeLength - prefix - suffix, atCursor });
        if (nonWhitespace(text) === 0) continue;
        const range = contentRange(start, text);
        if (range) ids.push(regions.addPending(range));
        if (single) insertEnd = textEnd(c.range.start, c.text);
      }
    }
    if (!capture && facts.length === 0 && e.contentChanges.some((c) => nonWhitespace(c.text) >= 4)) {
      this.host.log(`not captured (${reason ?? (this.saving.has(uri) ? 'save participant' : 'own edit')}) in ${vscode.workspace.asRelativePath(document.uri)}`);
    }
    if (oldText !== undefined || document.getText().length <= MAX_TRACKED_TEXT) this.remember(document);
    if (moved) this.host.changed(document);
    if (ids.length === 0) return;
    // Fast path: a keystroke or a short word is never assisted (except through the precise binding).
    const total = facts.reduce((n, f) => n + nonWhitespace(f.text), 0);
    if (!precise && !fromDisk && total < 4) {
      for (const id of ids) regions.discard(id);
      return;
    }
    if (fromDisk) this.burst.note(uri);
    const description: ChangeDescription = { changes: facts, reason, ownEdit: own, selectionKind: 'none', fromDisk, preciseAccept: precise };
    void this.decide(document, regions, ids, description, insertEnd);
  }

  private async decide(document: vscode.TextDocument, regions: RegionSet, ids: string[], description: ChangeDescription, insertEnd?: Position): Promise<void> {
    const uri = document.uri.toString();
    const hint = this.paste.takeHint(uri);
    const selection = description.fromDisk ? Promise.resolve<SelectionKind>('none') : new Promise<SelectionKind>((resolve) => {
      this.waiting.get(uri)?.selection('none'); // an older edit still waiting: it got no selection change of its own
      const timer = setTimeout(() => { if (this.waiting.get(uri)?.ids === ids) this.waiting.delete(uri); resolve('none'); }, SELECTION_WAIT_MS);
      this.waiting.set(uri, { document, ids, description, insertEnd, selection: (k) => { clearTimeout(timer); resolve(k); } });
    });
    try {
      // With the paste edit provider every paste announces itself, so the clipboard is never read:
      // in browser hosts a read raises a permission prompt and can stall classification.
      const clipboard = hint || this.paste.precise || description.preciseAccept || description.fromDisk ? undefined : this.paste.clipboard();
      description.selectionKind = await selection;
      description.pasteHint = hint !== undefined;
      description.clipboard = await clipboard;
      description.copiedInEditor = hint ? hint.internal : this.paste.copiedInEditor(description.clipboard);
      if (description.fromDisk) {
        const at = Date.now();
        const stat = await Promise.resolve(vscode.workspace.fs.stat(document.uri)).catch(() => undefined);
        // A revert restores an old file (old mtime); an outside tool has just written it.
        if (!stat || at - stat.mtime > 10_000) return this.drop(regions, ids);
        await new Promise((r) => setTimeout(r, DISK_SETTLE_MS));
        description.bulk = this.burst.isBulk(at);
      }
      const result = classify(description);
      if (result.kind !== 'completion' && result.kind !== 'paste' && result.kind !== 'agent') {
        this.host.log(`${result.kind}: ${explain(description)} in ${vscode.workspace.asRelativePath(document.uri)}`);
        return this.drop(regions, ids);
      }
      const hashOf = (r: { start: Position; end: Position }) => regionHash(document.getText(new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character)));
      for (const id of ids) regions.commit(id, { source: result.kind, confidence: result.confidence ?? 'medium' }, hashOf);
      this.host.log(`${result.kind} (${result.confidence}): ${explain(description)} in ${vscode.workspace.asRelativePath(document.uri)}`);
      this.host.changed(document);
    } catch (err) {
      this.drop(regions, ids);
      this.host.log(`provenance capture failed: ${String(err)}`);
    }
  }

  private drop(regions: RegionSet, ids: string[]): void {
    for (const id of ids) regions.discard(id);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.waiting.clear();
  }
}

/** Does saving this document run something that edits it (format on save, code actions on save)? */
export function saveCanEdit(document: vscode.TextDocument, reason: vscode.TextDocumentSaveReason): boolean {
  if (reason === vscode.TextDocumentSaveReason.AfterDelay) return false;
  const config = vscode.workspace.getConfiguration('editor', document);
  const actions = config.get<unknown>('codeActionsOnSave');
  const anyAction = Array.isArray(actions) ? actions.length > 0
    : !!actions && typeof actions === 'object' && Object.values(actions).some((v) => v === true || v === 'explicit' || v === 'always');
  return config.get<boolean>('formatOnSave') === true || anyAction;
}
