// Watches document edits: every change moves the tracked regions at once (synchronously, in event
// order); inserted text is tracked as a pending region while the facts that tell its origin arrive
// (the selection change that follows, the clipboard, the file's mtime), then it is classified and
// either committed with its source or dropped.
import * as vscode from 'vscode';
import { regionHash } from '../../../server/src/core/region-hash';
import type { ProvenanceRegion } from '../../../server/src/core/provenance-types';
import { readTextSafe } from '../../../server/src/io/safe-read';
import { CHAIN_MIN_CHARS, LiveRanges, PartialAccepts } from './chain';
import { classify, commonEnds, copiesSelection, linesOnlyMoved, movedInEvent, nonWhitespace, sameModuloFormatting, textInRange, type ChangeDescription, type ChangeFact, type SelectionKind } from './classify';
import { lineDiff } from './external';
import { RegionHistory } from './history';
import { contentRange, textEnd, transformPosition, type ContentChange, type Position, type Range, type RegionSet } from './regions';
import type { PasteWatcher } from './paste';
import type { SuggestWidgetWatcher } from './suggest-widget';
import type { CodeActionWatcher } from './code-actions';
import { type BurstDetector, saveCanEdit } from './outside-facts';
import { findGitDir, type VcsActivity } from './vcs';

/** How long to wait for the selection change that follows an edit (same batch in practice). */
const SELECTION_WAIT_MS = 100;
/** After the first selection change, how long later ones may still move it (a snippet's placeholder). */
const SELECTION_SETTLE_MS = 40;
/** A file on disk older than this when its reload is seen was restored (a revert), not written. */
const REVERT_AGE_MS = 10_000;
/** A reload from disk is judged after this delay, so that a branch switch is seen as one burst. */
const DISK_SETTLE_MS = 1500;
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
  /** The inserted text (single change), moved by later changes: the cursor must land at its end. */
  insert?: Range;
  selection: (kind: SelectionKind) => void;
  finish: () => void;
}

const plain = (p: vscode.Position): Position => ({ line: p.line, character: p.character });

/** The change made the document equal to the file on disk, which it was not before: a reload. */
function isReload(fsPath: string, oldText: string, newText: string): boolean {
  const read = readTextSafe(fsPath, MAX_TRACKED_TEXT * 4);
  if (!read.ok) return false;
  const disk = read.text.replace(/\r\n/g, '\n');
  return disk === newText.replace(/\r\n/g, '\n') && disk !== oldText.replace(/\r\n/g, '\n');
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
    + `cursorAtEnd ${d.cursorAtInsertEnd ?? '-'}, own ${d.ownEdit ?? false}, disk ${d.fromDisk ?? false}, paste ${d.pasteHint ?? false}/${d.clipboard !== undefined}`
    + `${d.suggestAccept ? ', IntelliSense item' : ''}${d.offeredFix ? ', offered quick fix' : ''}${d.movedInEvent ? ', moved' : ''}`;
}

export class Capture implements vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly selections = new Map<string, readonly vscode.Selection[]>();
  private readonly waiting = new Map<string, Pending>();
  private readonly histories = new Map<string, RegionHistory>();
  /** Small accept-shaped inserts continuing each other, held pending until they add up (or stop). */
  private readonly chains = new PartialAccepts();
  /** The inserts of edits still waiting for their facts, kept current through later changes. */
  private readonly live = new LiveRanges();
  /** Documents whose save participants (format/fix on save) are running: their edits are not assisted. */
  private readonly saving = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly host: CaptureHost, private readonly paste: PasteWatcher, readonly burst: BurstDetector, private readonly vcs: VcsActivity,
    private readonly suggest?: Pick<SuggestWidgetWatcher, 'accepted'>, private readonly fixes?: Pick<CodeActionWatcher, 'applied'>) {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => this.onChange(e)),
      vscode.workspace.onDidOpenTextDocument((d) => this.remember(d)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        const uri = d.uri.toString();
        this.texts.delete(uri);
        this.selections.delete(uri);
        this.histories.delete(uri);
        this.chains.forget(uri);
        this.live.forget(uri);
      }),
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
    if (pending.insert) {
      // The last selection counts: a snippet first lands the cursor at the end, then selects its placeholder.
      const end = pending.insert.end;
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
    const history = this.historyOf(uri);
    const oldText = this.texts.get(uri);
    const newText = document.getText();
    const reason = e.reason === vscode.TextDocumentChangeReason.Undo ? 'undo' : e.reason === vscode.TextDocumentChangeReason.Redo ? 'redo' : undefined;
    const own = ownEdits > 0 || this.saving.has(uri);
    const precise = preciseUri === uri;
    // A reload from disk is recognised by content: the new text is the file's and the old was not.
    // (\`isDirty\` is false for the first edit after every save or open, so it only says when to look.)
    const fromDisk = !document.isDirty && !reason && !own && !precise && document.uri.scheme === 'file' && oldText !== undefined
      && isReload(document.uri.fsPath, oldText, newText);
    const capture = !reason && !own;
    // Asked now, in the event: the provider hears of the widget closing right after the accept.
    const suggestAccept = capture && !!this.suggest?.accepted(uri, e.contentChanges);
    // The event's edits as made (ranges before the edit), against the quick fixes offered for the
    // version before it: looked up now, before the lightbulb asks about the next version. Not for keystrokes.
    const offeredFix = capture && !fromDisk && !precise && this.fixes && e.contentChanges.some((c) => nonWhitespace(c.text) > 1)
      ? this.fixes.applied(uri, document.version - 1, e.contentChanges.map((c) => ({ range: { start: plain(c.range.start), end: plain(c.range.end) }, text: c.text })))
      : undefined;
    const ids: string[] = [];
    const facts: ChangeFact[] = [];
    /** Per fact: the pending region it opened, and where its text ends once the whole event is applied. */
    const factIds: Array<string | undefined> = [];
    const ends: Position[] = [];
    const removedTexts: string[] = [];
    let insert: Range | undefined;
    let moved: boolean;

    const diff = fromDisk ? lineDiff(oldText!, newText) : undefined;
    if (diff) {
      moved = regions.apply(diff.changes);
      for (const c of diff.changes) this.movePending(uri, c);
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
        // Plain positions: vscode.Position keeps line/character in getters, which a spread (as the
        // region code does to copy ranges) would lose.
        const at = plain(c.range.start);
        const change: ContentChange = { range: { start: at, end: plain(c.range.end) }, text: c.text };
        const removed: ProvenanceRegion[] = [];
        moved = regions.apply([change], removed) || moved;
        this.movePending(uri, change);
        for (let k = 0; k < ends.length; k++) ends[k] = transformPosition(ends[k], change, 'left');
        const replacedText = oldText?.slice(c.rangeOffset, c.rangeOffset + c.rangeLength);
        if (removed.length > 0 && replacedText !== undefined) history.removed(at, replacedText, removed);
        if (c.text === '' && replacedText) removedTexts.push(replacedText);
        if (reason && c.text !== '') {
          // Undo/redo putting back text that took regions with it brings them back.
          for (const r of history.reinserted(at, c.text)) moved = regions.restore(r) || moved;
        }
        if (!capture || c.text === '') continue;
        // Ghost text often rewrites the word already typed: record only what is new.
        const replaced = single ? replacedText ?? '' : '';
        const { prefix, suffix } = single ? commonEnds(replaced, c.text) : { prefix: 0, suffix: 0 };
        const text = c.text.slice(prefix, c.text.length - suffix);
        const start = textEnd(at, c.text.slice(0, prefix));
        const atCursor = before.some((s) => c.range.contains(s.active));
        facts.push({ text, replacedLength: c.rangeLength - prefix - suffix, atCursor });
        ends.push(textEnd(at, c.text));
        factIds.push(undefined);
        if (nonWhitespace(text) === 0) continue;
        const range = contentRange(start, text);
        if (range) ids.push(factIds[factIds.length - 1] = regions.addPending(range));
        if (single) insert = { start: at, end: textEnd(at, c.text) };
      }
    }
    if (!capture && facts.length === 0 && e.contentChanges.some((c) => nonWhitespace(c.text) >= 4)) {
      this.host.log(`not captured (${reason ?? (this.saving.has(uri) ? 'save participant' : 'own edit')}) in ${vscode.workspace.asRelativePath(document.uri)}`);
    }
    if (newText.length <= MAX_TRACKED_TEXT) this.texts.set(uri, newText);
    else this.texts.delete(uri);
    if (moved) this.host.changed(document);
    if (ids.length === 0) {
      if (capture) this.chains.break(uri, regions); // a deletion or a blank: the accepts stopped
      return;
    }
    // Fast path: a keystroke is never assisted (except through the precise binding, or as the next
    // piece of a suggestion taken in parts).
    const total = facts.reduce((n, f) => n + nonWhitespace(f.text), 0);
    const continuesChain = insert !== undefined && this.chains.continues(uri, insert.start);
    if (!precise && !fromDisk && total < (continuesChain ? 1 : CHAIN_MIN_CHARS)) {
      for (const id of ids) regions.discard(id);
      this.chains.break(uri, regions);
      return;
    }
    if (!insert && facts.length > 1) {
      // Several changes (an accept with an auto-import): the cursor is checked against the block at it.
      const main = facts.findIndex((f) => f.atCursor && nonWhitespace(f.text) > 0);
      if (main >= 0) insert = { start: ends[main], end: ends[main] };
    }
    // What the person had selected before the edit (a drag with Ctrl inserts a copy of it elsewhere).
    const selected = fromDisk || oldText === undefined ? [] : (this.selections.get(uri) ?? []).filter((sel) => !sel.isEmpty)
      .map((sel) => textInRange(oldText, { start: plain(sel.start), end: plain(sel.end) }));
    const description: ChangeDescription = { changes: facts, reason, ownEdit: own, selectionKind: 'none', fromDisk, preciseAccept: precise,
      movedInEvent: removedTexts.length > 0 && movedInEvent(facts.map((f) => f.text), removedTexts), suggestAccept,
      copiesSelection: selected.length > 0 && copiesSelection(facts.map((f) => f.text), selected) };
    // Formatters keep every token, organize-imports and sorting keep every line: judged on the whole text.
    if (!precise && oldText !== undefined && (fromDisk || total >= 4 || facts.length > 1)) {
      description.formatting = sameModuloFormatting(oldText, newText);
      description.linesOnlyMoved = !description.formatting && linesOnlyMoved(oldText, newText);
    }
    if (fromDisk) this.burst.note(uri);
    void this.decide(document, regions, ids, description, insert && this.live.hold(uri, insert), factIds, offeredFix);
  }

  /** What waits to be judged (chain end, inserts) moves with each change, as the regions do. */
  private movePending(uri: string, change: ContentChange): void {
    this.chains.moved(uri, change);
    this.live.moved(uri, change);
  }

  private historyOf(uri: string): RegionHistory {
    let h = this.histories.get(uri);
    if (!h) this.histories.set(uri, h = new RegionHistory());
    return h;
  }

  private async decide(document: vscode.TextDocument, regions: RegionSet, ids: string[], description: ChangeDescription, insert?: Range, factIds: Array<string | undefined> = [],
    offeredFix?: Promise<boolean>): Promise<void> {
    const uri = document.uri.toString();
    const hint = this.paste.takeHint(uri, description.changes);
    const selection = description.fromDisk ? Promise.resolve<SelectionKind>('none') : this.selectionAfter(document, ids, description, insert);
    try {
      // With the paste edit provider every paste announces itself, so the clipboard is never read:
      // in browser hosts a read raises a permission prompt and can stall classification.
      const clipboard = hint || this.paste.precise || description.preciseAccept || description.fromDisk ? undefined : this.paste.clipboard();
      description.selectionKind = await selection;
      description.pasteHint = hint !== undefined;
      description.clipboard = await clipboard;
      description.copiedInEditor = hint ? hint.internal : this.paste.copiedInEditor(description.clipboard);
      description.offeredFix = await offeredFix;
      if (description.fromDisk) {
        const at = Date.now();
        const stat = await Promise.resolve(vscode.workspace.fs.stat(document.uri)).catch(() => undefined);
        // A revert restores an old file (old mtime); an outside tool has just written it.
        description.revert = !stat || at - stat.mtime > REVERT_AGE_MS;
        await new Promise((r) => setTimeout(r, DISK_SETTLE_MS));
        description.bulk = this.burst.isBulk(at);
        description.vcs = this.vcsExplains(document.uri, at);
      }
      let result = classify(description);
      const chained = this.chains.step(uri, regions, ids, description, insert, result);
      if (chained) result = chained;
      if (result.kind !== 'completion' && result.kind !== 'paste' && result.kind !== 'agent') {
        this.host.log(`${result.kind} (${result.why ?? '-'}): ${explain(description)} in ${vscode.workspace.asRelativePath(document.uri)}`);
        if (this.chains.holds(uri, ids[0])) return; // held by a chain of partial accepts
        return this.drop(regions, ids);
      }
      if (result.only) {
        // Only some changes of the event are the suggestion (not its auto-import).
        const keep = new Set(result.only.map((i) => factIds[i]));
        for (const id of ids) if (!keep.has(id)) regions.discard(id);
        ids = ids.filter((id) => keep.has(id));
      }
      const hashOf = (r: { start: Position; end: Position }) => regionHash(document.getText(new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character)));
      // One region for a suggestion taken in parts; it merges with the region of the parts committed before.
      if (this.chains.holds(uri, ids[0])) ids = this.chains.join(uri, regions);
      const blank = (r: Range) => document.getText(new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character)).trim() === '';
      for (const id of ids) regions.commit(id, { source: result.kind, confidence: result.confidence ?? 'medium' }, hashOf, blank);
      this.host.log(`${result.kind} (${result.confidence}, ${result.why ?? '-'}): ${explain(description)} in ${vscode.workspace.asRelativePath(document.uri)}`);
      this.host.changed(document);
    } catch (err) {
      this.drop(regions, ids);
      this.host.log(`provenance capture failed: ${String(err)}`);
    } finally {
      this.live.release(uri, insert);
    }
  }

  /** Waits for the selection change that follows an edit, and for the selection to settle. */
  private selectionAfter(document: vscode.TextDocument, ids: string[], description: ChangeDescription, insert?: Range): Promise<SelectionKind> {
    const uri = document.uri.toString();
    return new Promise<SelectionKind>((resolve) => {
      this.waiting.get(uri)?.finish(); // an older edit still waiting: what it saw is all it gets
      let kind: SelectionKind | undefined;
      let timer: NodeJS.Timeout | undefined;
      const finish = () => {
        clearTimeout(timer);
        if (this.waiting.get(uri)?.ids === ids) this.waiting.delete(uri);
        resolve(kind ?? 'none');
      };
      timer = setTimeout(finish, SELECTION_WAIT_MS);
      this.waiting.set(uri, {
        document, ids, description, insert, finish,
        selection: (k) => {
          kind ??= k; // the first change says who moved the cursor; later ones only where it ended
          clearTimeout(timer);
          timer = setTimeout(finish, SELECTION_SETTLE_MS);
        },
      });
    });
  }

  /** The version-control operation that explains a reload of `uri` seen at `at`, if any. */
  private vcsExplains(uri: vscode.Uri, at: number): string | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const gitDir = folder ? findGitDir(uri.fsPath, folder.uri.fsPath) : undefined;
    return gitDir ? this.vcs.explain(gitDir, at) : undefined;
  }

  private drop(regions: RegionSet, ids: string[]): void {
    for (const id of ids) regions.discard(id);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.waiting.clear();
  }
}
