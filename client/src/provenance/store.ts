// Where regions live between edits and sessions: in memory for open documents, in workspaceState
// for unsaved work (with a hash of the text they refer to), and on save in `.vouch/provenance.json`
// at the workspace folder root (committed: workspace-relative path → regions as saved).
// The file is written only for documents that have or had regions, so a workspace without
// assisted code never gets a `.vouch/` folder from us.
import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import { LEDGER_FILE, PROVENANCE_FILE, type ProvenanceRegion } from '../../../server/src/protocol';
import { readTextSafe } from '../../../server/src/io/safe-read';
import { recordRegions } from '../../../server/src/review/provenance-record';
import { RegionSet, isRegion } from './regions';

const STATE_KEY = 'vouch.provenance.v1';
/** Unsaved-work entries kept in workspaceState (oldest dropped first). */
const MAX_STATE_ENTRIES = 500;
const PERSIST_DELAY_MS = 1000;

interface StateEntry { textHash: string; regions: ProvenanceRegion[]; at: number }
type ProvenanceFile = Record<string, ProvenanceRegion[]>;

export function textHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Parses `.vouch/provenance.json`, keeping every well-formed entry (the file is hand-editable). */
export function parseProvenanceFile(raw: string): ProvenanceFile {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return {};
  }
  const out: ProvenanceFile = {};
  if (!data || typeof data !== 'object' || Array.isArray(data)) return out;
  for (const [path, regions] of Object.entries(data as Record<string, unknown>)) {
    if (Array.isArray(regions)) out[path] = regions.filter(isRegion);
  }
  return out;
}

export function serialiseProvenanceFile(file: ProvenanceFile): string {
  const sorted: ProvenanceFile = {};
  for (const key of Object.keys(file).sort()) if (file[key].length > 0) sorted[key] = file[key];
  return JSON.stringify(sorted, null, 2) + '\n';
}

export class ProvenanceStore implements vscode.Disposable {
  private readonly live = new Map<string, RegionSet>();
  private readonly files = new Map<string, Promise<ProvenanceFile>>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly context: vscode.ExtensionContext, private readonly log: (m: string) => void) {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${PROVENANCE_FILE}`);
    // Written from outside (an import, a pull): read it again when next needed.
    const forget = (uri: vscode.Uri) => {
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      if (folder) this.files.delete(folder.uri.toString());
    };
    this.disposables.push(
      watcher, watcher.onDidChange(forget), watcher.onDidCreate(forget), watcher.onDidDelete(forget),
      vscode.workspace.onDidSaveTextDocument((d) => void this.saved(d)),
      vscode.workspace.onDidCloseTextDocument((d) => { this.flush(d); this.live.delete(d.uri.toString()); }),
    );
  }

  has(uri: string): boolean { return this.live.has(uri); }

  /** Regions of an open document, restored on first use. */
  regionsOf(document: vscode.TextDocument): RegionSet {
    const uri = document.uri.toString();
    let set = this.live.get(uri);
    if (!set) {
      set = this.restoreFromState(document) ?? new RegionSet();
      this.live.set(uri, set);
    }
    return set;
  }

  /** Loads committed regions for a document opened without unsaved state (async: reads the file). */
  async restoreFromFile(document: vscode.TextDocument): Promise<boolean> {
    const set = this.regionsOf(document);
    const located = this.locate(document.uri);
    if (set.size > 0 || !located) return false;
    const entry = (await this.read(located.folder))[located.path];
    if (!entry?.length || this.live.get(document.uri.toString()) !== set || set.size > 0) return false;
    const restored = new RegionSet(entry);
    restored.validate(document.lineCount, (l) => document.lineAt(l).text.length);
    if (restored.size === 0) return false;
    this.live.set(document.uri.toString(), restored);
    return true;
  }

  private restoreFromState(document: vscode.TextDocument): RegionSet | undefined {
    const entry = this.state()[document.uri.toString()];
    if (!entry) return undefined;
    // Same text: the ranges are exact. Otherwise the file changed while closed (or unsaved work was
    // discarded): the committed file, followed through outside rewrites by DiskWatcher, is better.
    return entry.textHash === textHash(document.getText()) ? new RegionSet(entry.regions) : undefined;
  }

  private state(): Record<string, StateEntry> {
    return this.context.workspaceState.get<Record<string, StateEntry>>(STATE_KEY) ?? {};
  }

  /** Regions changed: keep them for the next session (debounced). */
  persistSoon(document: vscode.TextDocument): void {
    const uri = document.uri.toString();
    clearTimeout(this.timers.get(uri));
    this.timers.set(uri, setTimeout(() => this.flush(document), PERSIST_DELAY_MS));
  }

  private flush(document: vscode.TextDocument): void {
    const uri = document.uri.toString();
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    const set = this.live.get(uri);
    if (!set) return;
    const state = this.state();
    if (set.size === 0 && !state[uri]) return;
    if (set.size === 0) delete state[uri];
    else state[uri] = { textHash: textHash(document.getText()), regions: set.regions, at: Date.now() };
    const keys = Object.keys(state);
    if (keys.length > MAX_STATE_ENTRIES) {
      for (const k of keys.sort((a, b) => state[a].at - state[b].at).slice(0, keys.length - MAX_STATE_ENTRIES)) delete state[k];
    }
    void this.context.workspaceState.update(STATE_KEY, state);
  }

  private locate(uri: vscode.Uri): { folder: vscode.WorkspaceFolder; path: string } | undefined {
    if (uri.scheme !== 'file') return undefined;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return undefined;
    const path = vscode.workspace.asRelativePath(uri, false).replace(/\\/g, '/');
    if (path.startsWith('.vouch/')) return undefined;
    return { folder, path };
  }

  private read(folder: vscode.WorkspaceFolder): Promise<ProvenanceFile> {
    const key = folder.uri.toString();
    let p = this.files.get(key);
    if (!p) {
      p = this.load(folder);
      this.files.set(key, p);
    }
    return p;
  }

  /** The file as it is on disk now (an import, a pull or another window may have written it). */
  private load(folder: vscode.WorkspaceFolder): Promise<ProvenanceFile> {
    return folder.uri.scheme === 'file' ? Promise.resolve(this.readLocal(folder.uri)) : Promise.resolve(vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, PROVENANCE_FILE)))
      .then((bytes) => parseProvenanceFile(Buffer.from(bytes).toString('utf8')), () => ({}));
  }

  /** A committed symlink to /dev/zero or a FIFO must not hang or fill the extension host: read the open handle, capped. */
  private readLocal(folder: vscode.Uri): ProvenanceFile {
    const read = readTextSafe(vscode.Uri.joinPath(folder, PROVENANCE_FILE).fsPath);
    if (read.ok) return parseProvenanceFile(read.text);
    if (read.kind !== 'missing') this.log(`${PROVENANCE_FILE} ${read.reason}; its regions are not used`);
    return {};
  }

  /** Regions the committed file holds for a path (closed files). */
  async committed(uri: vscode.Uri): Promise<ProvenanceRegion[] | undefined> {
    const located = this.locate(uri);
    return located ? (await this.read(located.folder))[located.path] : undefined;
  }

  private async saved(document: vscode.TextDocument): Promise<void> {
    this.flush(document);
    const set = this.live.get(document.uri.toString());
    if (set) await this.writeCommitted(document.uri, set.regions);
  }

  /** Writes one path's regions into `.vouch/provenance.json`, keeping the other entries; atomic. */
  async writeCommitted(uri: vscode.Uri, regions: ProvenanceRegion[]): Promise<void> {
    const located = this.locate(uri);
    if (!located) return;
    const key = located.folder.uri.toString();
    // Writes of one folder run in order, each merging into the file as it is on disk now: entries
    // written meanwhile by `vouch provenance import`, a pull or another window are kept.
    const previous = this.files.get(key) ?? Promise.resolve({});
    const write = previous.catch(() => ({})).then(() => this.load(located.folder)).then(async (file) => {
      const next = { ...file };
      if (regions.length === 0 && !next[located.path]) return file; // never had regions: nothing to write
      if (regions.length === 0) delete next[located.path];
      else next[located.path] = regions;
      const target = vscode.Uri.joinPath(located.folder.uri, PROVENANCE_FILE);
      const tmp = vscode.Uri.joinPath(located.folder.uri, `${PROVENANCE_FILE}.${process.pid}.tmp`);
      try {
        await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(target, '..'));
        await vscode.workspace.fs.writeFile(tmp, Buffer.from(serialiseProvenanceFile(next), 'utf8'));
        await vscode.workspace.fs.rename(tmp, target, { overwrite: true });
        this.record(located.folder, located.path, regions);
        return next;
      } catch (err) {
        this.log(`could not write ${PROVENANCE_FILE}: ${String(err)}`);
        return file;
      }
    });
    this.files.set(key, write);
    await write;
  }

  /**
   * Chains a record of the path's regions into the review ledger, so removing one from
   * provenance.json by hand is detectable (`vouch verify`). Appends under the ledger's lock.
   */
  private record(folder: vscode.WorkspaceFolder, path: string, regions: readonly ProvenanceRegion[]): void {
    if (folder.uri.scheme !== 'file') return;
    try {
      recordRegions(vscode.Uri.joinPath(folder.uri, LEDGER_FILE).fsPath, path, regions);
    } catch (err) {
      this.log(`could not record the regions of ${path} in ${LEDGER_FILE}: ${String(err)}`);
    }
  }

  dispose(): void {
    for (const d of vscode.workspace.textDocuments) if (this.live.has(d.uri.toString())) this.flush(d);
    for (const d of this.disposables) d.dispose();
  }
}
