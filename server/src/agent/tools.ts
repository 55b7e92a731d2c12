// What an agent may ask Vouch before it proposes code: the same engine, registry rules and review
// record as the editor, read-only. One implementation behind `vouch mcp` (cli/src/mcp.ts) and the
// editor's language-model tools (the server's `vouch/agentTool` request).
//
// Rules: nothing here writes a file or the ledger; paths must lie inside the workspace root and are
// read with the safe reader; package names go to the registry only as the settings allow (the same
// privacy as the editor); bad arguments are an AgentToolError with a message an agent can act on.
import { join, relative, resolve, sep, isAbsolute } from 'node:path';
import type { Engine } from '../core/engine';
import { extensionOf, languageOf } from '../core/languages';
import type { Ecosystem, RegistryService } from '../core/services';
import type { VouchSettings } from '../core/settings';
import { LANGUAGES, type Finding, type LanguageId, type Services } from '../core/types';
import { LEDGER_FILE } from '../core/provenance-types';
import { readTextSafe } from '../io/safe-read';
import { readLedger } from '../review/ledger';
import { evaluateRegions, indexLedger } from '../review/policy';
import { readProvenanceFile } from '../scan/provenance';
import { analyzeOptionsFor as analyzeOptionsOf } from '../scan/scan';

/** Largest snippet or file an agent may have checked (the editor's document cap is larger; agents send snippets). */
export const MAX_CODE_CHARS = 1_000_000;
export const MAX_PACKAGES = 200;

export class AgentToolError extends Error {}

/** Tool descriptions an agent can act on: the MCP tools' and the editor's language-model tools' (package.json). */
export const TOOL_DESCRIPTIONS = {
  check_code: 'Check code for flaws typical of AI-written code (injection, secrets, insecure defaults, hallucinated packages, sensitive data exposure…) before proposing it. Give `code` and `language`, optionally `path` (workspace-relative) so project manifests apply; or only `path` to check a workspace file. Returns findings with 1-based positions, rule summaries and mechanical fixes.',
  check_packages: 'Before adding a dependency or an import, check package names: does each exist on the registry, is it a near miss of a popular package (typo or slopsquat), or deprecated? `ecosystem` is npm or pypi.',
  explain_rule: 'Explain a Vouch rule by id (from a finding): what it looks for, why it matters, how to fix it.',
  file_trust: 'Which lines of a workspace file came from an assistant (completion, paste, agent edit) and whether a person has reviewed them. An agent check never counts as a review.',
} as const;

/** The editor's language-model tool name of each agent tool (package.json `languageModelTools`). */
export const LM_TOOL_NAMES = {
  check_code: 'vouch_check_code',
  check_packages: 'vouch_check_packages',
  explain_rule: 'vouch_explain_rule',
  file_trust: 'vouch_file_trust',
} as const;

export interface AgentToolsOptions {
  engine: Engine;
  /** Workspace root: paths are relative to it and may not leave it. */
  root: string;
  settings: VouchSettings;
  services: Services;
  /** rules/docs/<id>.md text, when present. */
  ruleDocs: (ruleId: string) => string | undefined;
}

export interface ToolFinding {
  ruleId: string;
  family: string;
  severity: string;
  confidence: string;
  message: string;
  /** 1-based lines and columns. */
  line: number; column: number; endLine: number; endColumn: number;
  fix?: { title: string; edits: Array<{ start: number; end: number; newText: string }> };
  /** The rule's one-line summary and why it matters. */
  rule: { title: string; summary?: string };
  related?: Array<{ line: number; message: string }>;
}

export interface CheckCodeResult { path: string; language: LanguageId; findings: ToolFinding[]; notices: string[] }
export interface PackageResult {
  name: string;
  /** `unknown`: no registry answer (offline, unreachable) and not in the bundled snapshot. */
  verdict: 'ok' | 'nonexistent' | 'suspicious' | 'deprecated' | 'unknown';
  /** The strongest verdict's message. */
  message?: string;
  /** Every verdict with its message (a young package can also be deprecated). */
  issues: Array<{ verdict: PackageResult['verdict']; message: string }>;
  latest?: string;
  /** Where the answer came from. */
  source?: 'registry' | 'cache' | 'snapshot';
}

const ECOSYSTEMS = ['npm', 'pypi'] as const;
const PACKAGE_RULES: Record<string, PackageResult['verdict']> = {
  'nonexistent-package': 'nonexistent', 'suspicious-package': 'suspicious', 'deprecated-package': 'deprecated',
};

export class AgentTools {
  constructor(private readonly o: AgentToolsOptions) {}

  /** Findings for a snippet (`code` + `language` or a `path` to check it as) or a workspace file (`path`). */
  async checkCode(args: { code?: unknown; path?: unknown; language?: unknown }): Promise<CheckCodeResult> {
    const path = args.path === undefined ? undefined : this.relPath(args.path);
    let language: LanguageId | undefined;
    if (args.language !== undefined) {
      if (typeof args.language !== 'string' || !(LANGUAGES as readonly string[]).includes(args.language)) {
        throw new AgentToolError(`language must be one of ${LANGUAGES.join(', ')}`);
      }
      language = args.language as LanguageId;
    }
    language ??= path ? languageOf(path) : undefined;
    if (!language) throw new AgentToolError(path ? `Vouch does not analyse ${path}; give language` : 'give language (e.g. "typescript", "python") or path');
    let text: string;
    if (args.code !== undefined) {
      if (typeof args.code !== 'string') throw new AgentToolError('code must be a string');
      text = args.code;
    } else if (path) {
      const read = readTextSafe(join(this.o.root, path), MAX_CODE_CHARS * 4);
      if (!read.ok) throw new AgentToolError(`cannot read ${path}: ${read.reason}`);
      text = read.text;
    } else {
      throw new AgentToolError('give code (a snippet) or path (a workspace file)');
    }
    if (text.length > MAX_CODE_CHARS) throw new AgentToolError(`code is ${text.length} characters; the limit is ${MAX_CODE_CHARS}`);
    const checkedAs = path ?? `vouch-snippet${extensionOf(language)}`;
    const result = await this.o.engine.analyzeTiers({ text, languageId: language, path: checkedAs }, this.o.services, analyzeOptionsOf(this.o.settings));
    if (result.skipped) return { path: checkedAs, language, findings: [], notices: [result.skipped] };
    const findings = result.findings.filter((f) => !f.suppressed).map((f) => this.toolFinding(f));
    return { path: checkedAs, language, findings, notices: result.notices.map((n) => n.message) };
  }

  /** Exists / suspicious / deprecated per package name, by the dependency rules over a generated manifest. */
  async checkPackages(args: { names?: unknown; ecosystem?: unknown }): Promise<{ ecosystem: string; packages: PackageResult[]; registry: 'online' | 'offline' }> {
    if (!Array.isArray(args.names) || args.names.length === 0 || !args.names.every((n) => typeof n === 'string' && n.trim() !== '')) {
      throw new AgentToolError('names must be a non-empty array of package names');
    }
    if (args.names.length > MAX_PACKAGES) throw new AgentToolError(`at most ${MAX_PACKAGES} names per call`);
    const ecosystem = args.ecosystem ?? 'npm';
    if (!(ECOSYSTEMS as readonly unknown[]).includes(ecosystem)) throw new AgentToolError(`ecosystem must be one of ${ECOSYSTEMS.join(', ')}`);
    const names = [...new Set((args.names as string[]).map((n) => n.trim()))];
    const bad = names.find((n) => !/^(@[a-z0-9][\w.-]*\/)?[A-Za-z0-9][\w.-]*$/.test(n) || n.length > 214);
    if (bad) throw new AgentToolError(`not a package name: ${JSON.stringify(bad.slice(0, 100))}`);
    // The manifest's lines are the names, in order: line i is names[i].
    const npm = ecosystem === 'npm';
    const text = npm
      ? `{\n  "name": "vouch-agent-check",\n  "dependencies": {\n${names.map((n, i) => `    ${JSON.stringify(n)}: "*"${i < names.length - 1 ? ',' : ''}`).join('\n')}\n  }\n}\n`
      : names.join('\n') + '\n';
    const path = npm ? 'vouch-agent-check/package.json' : 'vouch-agent-check/requirements.txt';
    // Ask the registry first (in parallel, cached): the rules then judge from answers, not from a
    // slow-tier budget that a cold look-up can outlast.
    const registry: RegistryService | undefined = this.o.services.registry;
    const facts = new Map(await Promise.all(names.map(async (n) => [n, await registry?.lookup(ecosystem as Ecosystem, n).catch(() => undefined)] as const)));
    const result = await this.o.engine.analyzeTiers({ text, languageId: npm ? 'json' : 'plaintext', path }, this.o.services, { ...analyzeOptionsOf(this.o.settings), slowBudgetMs: 30_000 });
    const first = npm ? 3 : 0;
    const packages: PackageResult[] = names.map((name) => ({ name, verdict: 'ok', issues: [] }));
    for (const f of result.findings) {
      const verdict = PACKAGE_RULES[f.ruleId];
      const p = packages[f.range.start.line - first];
      if (!verdict || !p) continue;
      p.issues.push({ verdict, message: f.message });
      // The strongest verdict leads: nonexistent > suspicious > deprecated.
      if (rank(verdict) > rank(p.verdict)) Object.assign(p, { verdict, message: f.message });
    }
    // No finding is not the same as a clean bill: say what the registry knew.
    for (const p of packages) {
      const f = facts.get(p.name);
      if (f) Object.assign(p, { latest: f.latest, source: f.source });
      if (p.verdict === 'ok' && !f) {
        Object.assign(p, { verdict: 'unknown', message: `No answer for ${p.name}: registry look-ups are off or failed, and the bundled snapshot of popular packages does not list it. Check it by hand before adding it.` });
      }
    }
    return { ecosystem: ecosystem as string, packages, registry: this.o.settings.registry.enabled ? 'online' : 'offline' };
  }

  /** What a rule looks for, why it matters and how to fix it. */
  explainRule(args: { ruleId?: unknown }): { ruleId: string; title: string; family: string; severity: string; cwe?: string[]; docs?: string } {
    if (typeof args.ruleId !== 'string') throw new AgentToolError('ruleId must be a string, e.g. "hardcoded-secret"');
    const rule = this.o.engine.rule(args.ruleId);
    if (!rule) {
      const ids = this.o.engine.rules().map((r) => r.id);
      throw new AgentToolError(`unknown rule ${JSON.stringify(args.ruleId.slice(0, 100))}; rules: ${ids.join(', ')}`);
    }
    return { ruleId: rule.id, title: rule.meta.title, family: rule.meta.family, severity: rule.meta.severity, cwe: rule.meta.cwe, docs: this.o.ruleDocs(rule.id) };
  }

  /** The assisted regions of a workspace file and whether a person reviewed each (from the committed record). */
  fileTrust(args: { path?: unknown }): { path: string; regions: Array<{ id: string; source: string; lines: [number, number]; state: string; reviewer?: string }>; note: string } {
    const path = this.relPath(args.path);
    const read = readTextSafe(join(this.o.root, path), MAX_CODE_CHARS * 4);
    if (!read.ok) throw new AgentToolError(`cannot read ${path}: ${read.reason}`);
    const { files } = readProvenanceFile(this.o.root);
    const ledger = readLedger(join(this.o.root, LEDGER_FILE));
    const evaluated = evaluateRegions(read.text, files[path] ?? [], indexLedger(ledger.entries, path));
    return {
      path,
      regions: evaluated.map((r) => ({ id: r.region.id, source: r.region.source, lines: r.lines, state: r.state, reviewer: r.review?.reviewer.name })),
      note: 'From .vouch/provenance.json and .vouch/reviews.jsonl as saved; an agent check is not a review.',
    };
  }

  private relPath(p: unknown): string {
    if (typeof p !== 'string' || p.trim() === '') throw new AgentToolError('path must be a workspace-relative file path');
    const abs = resolve(this.o.root, p);
    const rel = relative(this.o.root, abs);
    if (rel === '' || rel === '..' || rel.startsWith('..' + sep) || isAbsolute(rel)) throw new AgentToolError(`path must lie inside the workspace: ${p}`);
    return rel.split(sep).join('/');
  }

  private toolFinding(f: Finding): ToolFinding {
    const rule = this.o.engine.rule(f.ruleId);
    const docs = this.o.ruleDocs(f.ruleId);
    return {
      ruleId: f.ruleId, family: f.family, severity: f.severity, confidence: f.confidence, message: f.message,
      line: f.range.start.line + 1, column: f.range.start.character + 1, endLine: f.range.end.line + 1, endColumn: f.range.end.character + 1,
      fix: f.fix && !f.fix.appends && !f.fix.fileEdits ? { title: f.fix.title, edits: f.fix.edits.map((e) => ({ start: e.start, end: e.end, newText: e.newText })) } : undefined,
      rule: { title: rule?.meta.title ?? f.ruleId, summary: docs ? summaryOf(docs) : undefined },
      related: f.related?.map((r) => ({ line: r.range.start.line + 1, message: r.message })),
    };
  }
}

function rank(v: PackageResult['verdict']): number {
  return ['ok', 'unknown', 'deprecated', 'suspicious', 'nonexistent'].indexOf(v);
}

/** The first paragraph of a rule doc after its title and its metadata line. */
export function summaryOf(markdown: string): string | undefined {
  const paragraphs = markdown.replace(/\r\n/g, '\n').split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p && !p.startsWith('#') && !p.startsWith('**Family:**'));
  return paragraphs[0]?.replace(/\s*\n\s*/g, ' ');
}
