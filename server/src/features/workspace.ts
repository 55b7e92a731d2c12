// Workspace folders and per-resource settings: VS Code settings pulled per document, merged over
// the folder's .vouch.json; both cached and cleared when either changes.
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Connection, type Diagnostic, type WorkspaceFolder } from 'vscode-languageserver/node';
import { mergeSettings, sanitizeSettings } from '../core/config';
import { LEDGER_FILE } from '../core/provenance-types';
import { CONFIG_FILE, type VouchSettings } from '../core/settings';
import { SETTINGS_SECTION } from '../protocol';
import { readConfigFile } from '../scan/config-file';

export interface ResourceScope {
  /** Folder root as a file system path, or the document's directory when it is outside all folders. */
  root: string;
  /** Path of the document relative to root, forward slashes. */
  relPath: string;
  /** The document lies outside every workspace folder (root is then its own directory). */
  outside?: boolean;
}

export class Workspace {
  private folders: string[] = [];
  private readonly settings = new Map<string, Promise<VouchSettings>>();
  private readonly policy = new Map<string, Partial<VouchSettings>>();
  private readonly reported = new Set<string>();
  /** Problems of each folder's policy file, by the file's URI; kept across clear() so a fix can clear them. */
  private readonly policyProblems = new Map<string, Diagnostic[]>();
  private pushed: Partial<VouchSettings> = {};
  pullConfiguration = false;
  /** Called when the problems of a policy file (a `.vouch.json` URI) changed. */
  onPolicyProblems: (uri: string) => void = () => {};

  constructor(private readonly connection: Connection) {}

  setFolders(folders: readonly WorkspaceFolder[] | null | undefined): void {
    this.folders = (folders ?? []).map((f) => fsPath(f.uri)).filter((p): p is string => !!p).sort((a, b) => b.length - a.length);
    this.clear();
  }

  roots(): readonly string[] {
    return this.folders;
  }

  scopeOf(uri: string): ResourceScope | undefined {
    const file = fsPath(uri);
    if (!file) return untitledScope(uri, this.folders[this.folders.length - 1]);
    const norm = file.split('\\').join('/');
    for (const root of this.folders) {
      const r = root.split('\\').join('/').replace(/\/$/, '');
      if (norm.startsWith(r + '/')) return { root, relPath: norm.slice(r.length + 1) };
    }
    const slash = norm.lastIndexOf('/');
    return { root: norm.slice(0, slash) || '/', relPath: norm.slice(slash + 1), outside: true };
  }

  /** Forget cached settings and policy; problems found again are reported again. */
  clear(): void {
    this.settings.clear();
    this.policy.clear();
    this.reported.clear();
  }

  /** Settings pushed with workspace/didChangeConfiguration, used when the client cannot be asked. */
  setPushed(raw: unknown): void {
    const problems: string[] = [];
    this.pushed = raw === undefined || raw === null ? {} : sanitizeSettings(raw, problems);
    this.warnOnce(problems.map((p) => `Vouch settings: ${p}`));
  }

  settingsFor(uri: string): Promise<VouchSettings> {
    let s = this.settings.get(uri);
    if (!s) {
      s = this.load(uri);
      this.settings.set(uri, s);
    }
    return s;
  }

  /** Diagnostics for a policy file (empty for any other URI). */
  policyDiagnostics(uri: string): Diagnostic[] {
    return this.policyProblems.get(uri) ?? [];
  }

  /** Never rejects: a cached rejection would stop every later analysis (issue 7, defect 7). */
  private async load(uri: string): Promise<VouchSettings> {
    try {
      return await this.loadLayers(uri);
    } catch (e) {
      this.warnOnce([`Vouch: settings for ${uri} could not be read (${(e as Error).message}); using the defaults`]);
      return mergeSettings();
    }
  }

  private async loadLayers(uri: string): Promise<VouchSettings> {
    const scope = this.scopeOf(uri);
    const policy = scope ? this.policyFor(scope.root) : {};
    let explicit: Partial<VouchSettings> = this.pushed;
    if (this.pullConfiguration) {
      const problems: string[] = [];
      try {
        explicit = sanitizeSettings(await this.connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }), problems);
      } catch (e) {
        problems.push(`could not be read from the client (${(e as Error).message}); using defaults and ${CONFIG_FILE}`);
      }
      this.warnOnce(problems.map((p) => `Vouch settings: ${p}`));
    }
    return mergeSettings(policy, explicit);
  }

  private policyFor(root: string): Partial<VouchSettings> {
    let p = this.policy.get(root);
    if (!p) {
      const file = join(root, CONFIG_FILE);
      const r = readConfigFile(file);
      this.warnOnce(r.problems.map((p) => `Vouch: problem in the workspace policy file ${CONFIG_FILE} (the settings that could be read still apply): ${p}`));
      p = r.settings;
      this.policy.set(root, p);
      this.setPolicyProblems(pathToFileURL(file).href, file, r.problems, r.error);
    }
    return p;
  }

  private setPolicyProblems(uri: string, file: string, problems: string[], error: string | undefined): void {
    const diagnostics: Diagnostic[] = problems.map((p) => ({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      // With `error` set the file is broken (the CLI refuses it): each of its problems is an error.
      severity: error ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
      source: 'vouch',
      message: p.split(file).join(CONFIG_FILE),
    }));
    const before = this.policyProblems.get(uri) ?? [];
    if (!diagnostics.length && !before.length) return;
    if (JSON.stringify(before) === JSON.stringify(diagnostics)) return;
    this.policyProblems.set(uri, diagnostics);
    this.onPolicyProblems(uri);
  }

  private warnOnce(messages: string[]): void {
    for (const m of messages) {
      if (this.reported.has(m)) continue;
      this.reported.add(m);
      this.connection.console.warn(m);
    }
  }
}

/** Manifests and lockfiles: installs and manifest edits change which packages and typings exist. */
const DEPENDENCY_FILES = /\/(package\.json|package-lock\.json|yarn\.lock|pnpm-lock\.yaml|pyproject\.toml|requirements[^/]*\.txt)$/;

/** What a batch of watched-file changes touches: the policy file, dependencies, the review ledger. */
export function classifyChanges(uris: readonly string[]): { policy: boolean; dependencies: boolean; ledger: boolean } {
  return {
    policy: uris.some((u) => u.endsWith('/' + CONFIG_FILE)),
    dependencies: uris.some((u) => DEPENDENCY_FILES.test(u)),
    ledger: uris.some((u) => u.endsWith('/' + LEDGER_FILE)),
  };
}

/** Unsaved buffers (untitled:Untitled-1) are analysed too: AI-pasted code often lands there first. */
function untitledScope(uri: string, folder: string | undefined): ResourceScope | undefined {
  if (!uri.startsWith('untitled:')) return undefined;
  const name = decodeURIComponent(uri.slice('untitled:'.length)).split(/[\\/]/).pop() || 'untitled';
  return { root: folder ?? '', relPath: name, outside: true };
}

export function fsPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}
