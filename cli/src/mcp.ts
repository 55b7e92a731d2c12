// `vouch mcp`: Vouch as a Model Context Protocol server on stdio (the official TypeScript SDK), so
// agents consult it before they propose code. Read-only: the tools never write files or the ledger,
// and what an agent writes afterwards is still unreviewed agent code in the editor. Package names go
// to the registry as the user's settings allow (`--offline`: never).
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { statSync } from 'node:fs';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
import { AgentToolError, AgentTools, TOOL_DESCRIPTIONS } from '../../server/src/agent/tools';
import { mergeSettings } from '../../server/src/core/config';
import { LANGUAGES } from '../../server/src/core/types';
import { defaultCacheDir } from '../../server/src/registry';
import { readWorkspaceConfig } from '../../server/src/scan/config-file';
import { createEngine } from '../../server/src/scan/create-engine';
import { FolderServices } from '../../server/src/scan/compose';
import { docsDir, ruleDocsFrom } from '../../server/src/scan/rule-docs';
import { VERSION } from '../../server/src/version';

export const MCP_USAGE = `Usage: vouch mcp [--root <dir>] [--offline]

Runs Vouch as an MCP server on standard input/output for AI agents: tools check_code, check_packages,
explain_rule and file_trust. Read-only. --root is the workspace (default: the current folder).`;

export class McpUsageError extends Error {}


export async function runMcp(argv: string[]): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { root: { type: 'string' }, offline: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } } }));
  } catch (e) {
    throw new McpUsageError((e as Error).message);
  }
  if (values.help) {
    process.stdout.write(MCP_USAGE + '\n');
    return;
  }
  const root = resolve(values.root ?? process.cwd());
  if (!isDirectory(root)) throw new McpUsageError(`--root must be an existing folder: ${values.root}`);
  const config = readWorkspaceConfig(root);
  // stdout is the protocol: everything else goes to stderr.
  for (const p of config.problems) process.stderr.write(`vouch mcp: warning: ${p}\n`);
  const settings = mergeSettings(config.error ? {} : config.settings, values.offline ? { registry: { enabled: false } } : undefined);
  const { engine, warnings } = await createEngine();
  for (const w of warnings) process.stderr.write(`vouch mcp: warning: ${w}\n`);
  const services = new FolderServices({ trusted: true, cacheDir: defaultCacheDir(), log: (m) => process.stderr.write(`vouch mcp: registry: ${m}\n`) });
  const tools = new AgentTools({ engine, root, settings, services: services.for(root, settings), ruleDocs: ruleDocsFrom(docsDir()) });

  const server = new McpServer({ name: 'vouch', version: VERSION });
  const reply = async (run: () => unknown) => {
    try {
      const value = await run();
      return { content: [{ type: 'text' as const, text: JSON.stringify(value, null, 2) }] };
    } catch (e) {
      // An agent's mistake is a tool error it can read and correct; anything else is ours, said plainly.
      const message = e instanceof AgentToolError ? e.message : `Vouch failed on this request: ${(e as Error)?.message ?? String(e)}`;
      return { isError: true, content: [{ type: 'text' as const, text: message }] };
    }
  };
  const readOnly = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };
  server.registerTool('check_code', {
    title: 'Check code with Vouch',
    description: TOOL_DESCRIPTIONS.check_code,
    inputSchema: {
      code: z.string().optional().describe('The code to check (a snippet or a whole file).'),
      language: z.enum(LANGUAGES).optional().describe('Language of the code, e.g. typescript, javascript, python, yaml, dockerfile.'),
      path: z.string().optional().describe('Workspace-relative path: the file to check, or where the snippet will live.'),
    },
    annotations: readOnly,
  }, (args) => reply(() => tools.checkCode(args)));
  server.registerTool('check_packages', {
    title: 'Check package names with Vouch',
    description: TOOL_DESCRIPTIONS.check_packages,
    inputSchema: {
      names: z.array(z.string()).describe('Package names as they would be installed, e.g. ["express", "reqeusts"].'),
      ecosystem: z.enum(['npm', 'pypi']).optional().describe('npm (default) or pypi.'),
    },
    annotations: { ...readOnly, openWorldHint: settings.registry.enabled },
  }, (args) => reply(() => tools.checkPackages(args)));
  server.registerTool('explain_rule', {
    title: 'Explain a Vouch rule',
    description: TOOL_DESCRIPTIONS.explain_rule,
    inputSchema: { ruleId: z.string().describe('Rule id, e.g. "sql-injection" or "hardcoded-secret".') },
    annotations: readOnly,
  }, (args) => reply(() => tools.explainRule(args)));
  server.registerTool('file_trust', {
    title: 'Assisted code and reviews of a file',
    description: TOOL_DESCRIPTIONS.file_trust,
    inputSchema: { path: z.string().describe('Workspace-relative path of the file.') },
    annotations: readOnly,
  }, (args) => reply(() => tools.fileTrust(args)));

  const transport = new StdioServerTransport();
  const closed = new Promise<void>((done) => { transport.onclose = () => done(); });
  process.stdin.on('end', () => void server.close());
  await server.connect(transport);
  await closed;
  services.dispose();
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
