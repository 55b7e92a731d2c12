// Sends the server only the settings the user set explicitly (so .vouch.json policy is not masked
// by defaults), sanitised with the same code the server and CLI use.
import * as vscode from 'vscode';
import { sanitizeSettings } from '../../server/src/core/config';
import { DEFAULT_SETTINGS, SETTINGS_SECTION, type VouchSettings } from '../../server/src/protocol';

function explicitValue<T>(config: vscode.WorkspaceConfiguration, key: string): T | undefined {
  const i = config.inspect<T>(key);
  if (!i) return undefined;
  return i.workspaceFolderLanguageValue ?? i.workspaceFolderValue ?? i.workspaceLanguageValue ?? i.workspaceValue ?? i.globalLanguageValue ?? i.globalValue;
}

export function explicitSettings(scope: vscode.Uri | undefined, problems: string[] = []): Partial<VouchSettings> {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope);
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(DEFAULT_SETTINGS) as Array<keyof VouchSettings>) {
    const fallback: unknown = DEFAULT_SETTINGS[key];
    // Groups such as `registry` and `dependencies` are contributed as dotted leaf settings.
    if (key !== 'rules' && typeof fallback === 'object' && fallback !== null && !Array.isArray(fallback)) {
      const group: Record<string, unknown> = {};
      for (const leaf of Object.keys(fallback)) {
        const v = explicitValue<unknown>(config, `${key}.${leaf}`);
        if (v !== undefined) group[leaf] = v;
      }
      if (Object.keys(group).length) raw[key] = group;
      continue;
    }
    const v = explicitValue<unknown>(config, key);
    if (v !== undefined) raw[key] = v;
  }
  return sanitizeSettings(raw, problems);
}
