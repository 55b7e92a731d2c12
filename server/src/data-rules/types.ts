// The TypeScript shape of rules/schema.json.
import type { Confidence, Family, Severity } from '../core/types';

export interface DataRule {
  id: string;
  title: string;
  family: Family;
  severity: Severity;
  confidence: Confidence;
  cwe?: string[];
  languages: '*' | string[];
  keywords: string[];
  pattern: string;
  flags?: string;
  /** How many lines one match may span (default 1): data rules run over windows of whole lines. */
  lines?: number;
  group?: number;
  minEntropy?: number;
  allow?: string[];
  notOnLine?: string[];
  /** Regexes; a match on a line matching any is low confidence. */
  lowOnLine?: string[];
  /** Regexes; a match inside an indented block (Python) whose header, or an outer one, matches any is skipped. */
  notInBlock?: string[];
  /** Regexes; like `notInBlock`, but such a match is low confidence (a `try:` header is read with its `except` clauses, an `except` header with its `try:` body). */
  lowInBlock?: string[];
  /** Regexes; a match with a line above it in its own block (same indentation, back to the block's header) matching any is low confidence. */
  lowAfterInBlock?: string[];
  /** Python: a match inside a string literal (a docstring, a doctest, a message) is skipped. */
  notInString?: boolean;
  /** Regexes (multiline); in a file matching any, findings are low confidence (shown, not alarmed about). */
  lowInFileWith?: string[];
  /**
   * Regexes (multiline); findings are low confidence unless the file matches one: the evidence that the match is the
   * API the rule means (its receiver's import or binding). `$1`…`$9` stand for the match's groups and `$r` for the
   * dotted name just before the match (`worker` in `worker.isAlive()`), regex-escaped; a regex naming a group that took
   * no part in the match, or `$r` without such a name, fails.
   */
  lowUnlessInFileWith?: string[];
  /** Language ids whose files are documentation for this rule (README examples): findings there are low confidence. */
  lowInLanguages?: string[];
  /** Regexes on the workspace-relative path of documentation pages (`docs/…/page.ejs`): findings there are examples, low confidence and info. */
  docPages?: string[];
  /** Regexes on the matched value: in a test file such a value is a test vector (a webhook signing secret), low confidence. */
  testVectors?: string[];
  /** The value is a JWT: one whose payload's `exp` has passed authenticates no one, so it is low confidence. */
  lowWhenExpired?: boolean;
  /** The value is a PEM private key: one whose body is too short to hold a key of its type is low confidence. */
  lowWhenShortKey?: boolean;
  testFiles?: 'keep' | 'lower' | 'skip';
  message: string;
  fix?: { title: string; replace?: string; kind?: 'move-to-env' };
  tests: { language?: string; match: string[]; noMatch: string[]; fixed?: string[] };
}

export interface RulePack {
  pack: string;
  description?: string;
  rules: DataRule[];
}
