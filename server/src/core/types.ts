// The shapes every part of Vouch agrees on: detectors, findings, fixes. Pure data, no I/O.
import type { FileMemo } from './memo';
import type { ts } from '@ts-morph/common';
import type { Node as PyNode, Tree as PyTree } from 'web-tree-sitter';
import type { Document as YamlDocument } from 'yaml';

export const FAMILIES = [
  'hallucinated-dependency',
  'phantom-api',
  'wrong-logic',
  'insecure-default',
  'missing-input-validation',
  'missing-error-handling',
  'broken-authorization',
  'privilege-scope-creep',
  'hardcoded-secret',
  'sensitive-data-exposure',
  'breaking-change',
  'weak-test',
] as const;
export type Family = (typeof FAMILIES)[number];

export const SEVERITIES = ['error', 'warning', 'info', 'hint'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CONFIDENCES = ['low', 'medium', 'high'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

/** Languages Vouch understands; ids follow VS Code's language identifiers. */
export const LANGUAGES = [
  'javascript',
  'javascriptreact',
  'typescript',
  'typescriptreact',
  'python',
  'json',
  'jsonc',
  'yaml',
  'dotenv',
  'dockerfile',
  'terraform',
  'shellscript',
  'markdown',
  'toml',
  'ini',
  'plaintext',
  // Server-side templates (unescaped output) and HTML pages.
  'html',
  'ejs',
  'handlebars',
  'pug',
  'nunjucks',
  'jinja',
] as const;
export type LanguageId = (typeof LANGUAGES)[number];

export interface Position {
  /** 0-based line */
  line: number;
  /** 0-based UTF-16 column */
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** An edit expressed in offsets of the analysed text (converted to ranges when served). */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

/** An edit to another file, relative to the workspace root (e.g. append to `.env.example`). */
export interface FileAppend {
  file: string;
  /** Text to append unless a line equal to `unlessLine` already exists. */
  text: string;
  unlessLine?: string;
}

/** Offset edits to another file (workspace-relative), in offsets of that file's current text. */
export interface FileEdits {
  file: string;
  edits: OffsetEdit[];
}

export interface Fix {
  title: string;
  /** Run the detector again on the fixed text and offer the fix only if its finding is gone. */
  verify?: boolean;
  /**
   * A guess at what was meant (the popular package a made-up name is close to): offered in the menu,
   * never the preferred fix, so nothing (Auto Fix, fix on save) applies it without the person choosing.
   */
  suggestion?: boolean;
  edits: OffsetEdit[];
  appends?: FileAppend[];
  fileEdits?: FileEdits[];
}

export interface DetectorMeta {
  title: string;
  family: Family;
  severity: Severity;
  confidence: Confidence;
  /** e.g. "CWE-798" */
  cwe?: string[];
  fixable?: boolean;
  /**
   * Findings in test files and fixtures: `lower` (low confidence, at most info), `keep` or `skip`.
   * Default by family (core/test-files.ts); the engine applies it, detectors never check test paths for it.
   */
  testFiles?: 'keep' | 'lower' | 'skip';
  /**
   * Parsers and shared facts the detector asks for (`js`, `python`, `yaml`, or a `Fact` id such as
   * `analysis`); the engine computes each lazily, once per run, and refuses undeclared ones.
   */
  needs?: string[];
}

/**
 * A fact about one file that several detectors share (the flow analysis, dependency verdicts, type
 * facts): the engine computes it at most once per file version, on first `ctx.get`, shared by both
 * tiers. `compute` may call `ctx.checkBudget()`; a fact that fails or runs out of time yields
 * `undefined` to every detector and one notice. A slow-tier fact (`SlowFact`) computes a promise
 * under the slow budget; only slow-tier contexts can ask for it (the compiler checks: `compute` is a
 * property, so its context parameter is checked contravariantly).
 */
export interface Fact<T, C extends DetectorContext = DetectorContext> {
  readonly id: string;
  readonly compute: (ctx: C & FactContext) => T;
}

/**
 * What a fact sees besides the asking detector's context: the engine's memo of earlier runs, per
 * path and bounded (`core/memo.ts`), where a fact may keep its work for the next version of the file.
 * Absent when a run must not leave anything behind (a fix being verified).
 */
export interface FactContext {
  readonly memo?: FileMemo;
  /**
   * The host edits this file and will analyse its next version soon (`AnalyzeOptions.incremental`):
   * what a fact keeps for the path is reused by the next version. Otherwise (a scan) a fact keeps
   * only what other files will ask for (the summaries of files that export functions): a scan's
   * memo full of IR nobody reads again made every run after it slower (a larger heap to collect).
   */
  readonly editing?: boolean;
}

/** A fact that waits on services (registry look-ups, type checks): `await ctx.get(fact)`. */
export type SlowFact<T> = Fact<Promise<T>, AsyncDetectorContext>;

export interface Report {
  start: number;
  end: number;
  message: string;
  fix?: Fix;
  /** Overrides of the detector's defaults for this finding. */
  severity?: Severity;
  confidence?: Confidence;
  /** Rule id when one detector serves several rules (data packs). */
  ruleId?: string;
  /** Short id of the message's shape (`stack`, `whole`, `message`), asserted by tests instead of prose. */
  kind?: string;
  /** The path the data took, in order: where it entered, the names it went through. */
  related?: RelatedStep[];
}

/**
 * One step of a finding's path, in offsets of the analysed text; or, with `file`, a place in another
 * workspace file (a caller a breaking change breaks), given by its range there.
 */
export type RelatedStep =
  | { start: number; end: number; message: string; file?: undefined }
  | { file: string; range: Range; message: string };

export interface DetectorContext {
  readonly text: string;
  readonly languageId: LanguageId;
  /** Path relative to the workspace root, forward slashes. */
  readonly path: string;
  /** True for files under test/, spec files, fixtures — detectors may lower confidence there. */
  readonly isTestFile: boolean;
  /** TypeScript AST (JS/TS/JSX/TSX); undefined for other languages. */
  js(): ts.SourceFile | undefined;
  /** tree-sitter tree for Python; undefined when the parser is not initialised or not Python. */
  python(): PyTree | undefined;
  /** Parsed YAML documents; undefined when not YAML or unparseable. */
  yaml(): YamlDocument[] | undefined;
  report(r: Report): void;
  /** Throws once the detector's time budget is spent; loops call it. */
  checkBudget(): void;
  /** A shared fact, computed once per file version (undefined when it failed). */
  get<T>(fact: Fact<T>): T | undefined;
}

export interface Detector {
  id: string;
  meta: DetectorMeta;
  languages: readonly LanguageId[] | '*';
  /** Lower-case substrings; the detector runs only if the text contains one of them. */
  keywords?: readonly string[];
  /** Rule ids this detector may report besides its own id (data packs). */
  ruleIds?: readonly string[];
  /** Metadata of those extra rules. */
  ruleMeta?: Readonly<Record<string, DetectorMeta & { docs?: string }>>;
  /** Fast tier: synchronous, on every keystroke. */
  run?(ctx: DetectorContext): void;
  /** Slow tier: may wait on injected services; runs after the fast tier has published. */
  runAsync?(ctx: AsyncDetectorContext): Promise<void>;
}

/**
 * Host-provided services for slow-tier detectors. Detectors stay free of I/O: the server and the
 * CLI inject implementations (registry client with cache, workspace file access, type checker,
 * the index of workspace files that imports name);
 * tests inject fakes or real local servers.
 */
export interface Services {
  registry?: import('./services').RegistryService;
  project?: import('./services').ProjectService;
  types?: import('./services').TypeService;
  workspace?: import('./services').WorkspaceIndex;
  baseline?: import('./services').BaselineService;
  [name: string]: unknown;
}

export interface AsyncDetectorContext extends DetectorContext {
  readonly services: Services;
  readonly signal?: AbortSignal;
  get<T>(fact: Fact<T, AsyncDetectorContext>): T | undefined;
}

export type SuppressionKind = 'line' | 'file';

export interface Suppression {
  kind: SuppressionKind;
  reason?: string;
  /** 0-based line of the comment */
  line: number;
}

export interface Finding {
  /** Stable across runs while the flagged text and its rule stay the same. */
  id: string;
  ruleId: string;
  family: Family;
  severity: Severity;
  confidence: Confidence;
  range: Range;
  message: string;
  /** Shape of the message (see `Report.kind`). */
  kind?: string;
  fix?: Fix;
  suppressed?: Suppression;
  /** The data's path to the finding, oldest first (flow rules); places in other files carry `file` (workspace-relative). */
  related?: Array<{ range: Range; message: string; file?: string }>;
  /** On a line changed since the baseline (the editor's report marks these; `--changed-since` keeps only these). */
  inChange?: true;
}

/** Something the engine wants the user to know that is not a finding (skipped file, detector error). */
export interface Notice {
  /** `input`: how the file was read (bad bytes replaced, UTF-16, cut into windows); its findings stand. */
  kind: 'skipped' | 'detector-error' | 'detector-timeout' | 'parse-error' | 'input';
  message: string;
  ruleId?: string;
}

export type PyNodeType = PyNode;
