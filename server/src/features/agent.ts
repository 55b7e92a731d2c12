// The editor's language-model tools: the agent tools of `vouch mcp`, over the workspace's first
// folder with its settings and the editor's services (registry off in an untrusted workspace).
import { pathToFileURL } from 'node:url';
import { AgentToolError, AgentTools } from '../agent/tools';
import type { Engine } from '../core/engine';
import type { AgentToolParams, AgentToolResult } from '../protocol';
import type { FolderServices } from '../scan/compose';
import { docsDir, ruleDocsFrom } from '../scan/rule-docs';
import type { Workspace } from './workspace';

const ruleDocs = ruleDocsFrom(docsDir());

export async function agentTool(engine: Engine, workspace: Workspace, services: FolderServices, params: AgentToolParams): Promise<AgentToolResult> {
  const root = workspace.roots()[0];
  if (!root) return { isError: true, text: 'Open a folder: Vouch checks code against a workspace.' };
  const settings = await workspace.settingsFor(`${pathToFileURL(root).href}/`);
  const tools = new AgentTools({ engine, root, settings, services: services.for(root, settings), ruleDocs });
  const input = params.input && typeof params.input === 'object' ? params.input : {};
  try {
    const value = params.tool === 'check_code' ? await tools.checkCode(input)
      : params.tool === 'check_packages' ? await tools.checkPackages(input)
      : params.tool === 'explain_rule' ? tools.explainRule(input)
      : params.tool === 'file_trust' ? tools.fileTrust(input)
      : undefined;
    if (value === undefined) return { isError: true, text: `unknown tool ${JSON.stringify(String(params.tool)).slice(0, 80)}` };
    return { text: JSON.stringify(value, null, 2) };
  } catch (e) {
    if (e instanceof AgentToolError) return { isError: true, text: e.message };
    throw e;
  }
}
