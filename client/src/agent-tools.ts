// The agent tools of `vouch mcp` as VS Code language-model tools, so chat agents in the editor check
// code and package names before they propose them. Declared in package.json (`languageModelTools`),
// registered here where the API exists (feature-detected: the typings are pinned below it). Each
// call is answered by the language server (`vouch/agentTool`); nothing is written. What an agent then
// writes is still captured as unreviewed agent code.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { LM_TOOL_NAMES } from '../../server/src/agent/tools';
import { AGENT_TOOLS, AgentToolRequest } from '../../server/src/protocol';


interface LmShim {
  registerTool?: (name: string, tool: {
    invoke(options: { input: unknown }, token: vscode.CancellationToken): Promise<unknown>;
    prepareInvocation?(options: { input: unknown }): { invocationMessage?: string } | undefined;
  }) => vscode.Disposable;
}
interface LmParts {
  LanguageModelToolResult?: new (parts: unknown[]) => unknown;
  LanguageModelTextPart?: new (text: string) => unknown;
}

export function registerAgentTools(client: () => LanguageClient | undefined, log: (m: string) => void): vscode.Disposable[] {
  const lm = (vscode as unknown as { lm?: LmShim }).lm;
  const parts = vscode as unknown as LmParts;
  if (typeof lm?.registerTool !== 'function' || !parts.LanguageModelToolResult || !parts.LanguageModelTextPart) {
    log('language-model tools: not available in this VS Code; agents can use `vouch mcp` instead');
    return [];
  }
  const Result = parts.LanguageModelToolResult;
  const Text = parts.LanguageModelTextPart;
  return AGENT_TOOLS.map((tool) => lm.registerTool!(LM_TOOL_NAMES[tool], {
    prepareInvocation: () => ({ invocationMessage: `Vouch: ${tool.replace('_', ' ')}` }),
    invoke: async (options, token) => {
      const c = client();
      if (!c?.isRunning()) throw new Error('The Vouch language server is not running.');
      const input = options.input && typeof options.input === 'object' ? options.input as Record<string, unknown> : {};
      const answer = await c.sendRequest(AgentToolRequest, { tool, input }, token);
      // A tool error goes back as text the model can act on, not as an exception.
      return new Result([new Text(answer.isError ? `Error: ${answer.text}` : answer.text)]);
    },
  }));
}
