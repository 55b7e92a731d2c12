// protocol.ts: typed request and notification constants with stable method names, and one JSON-RPC
// library under both the client and the server (the constants are class instances: two copies of
// vscode-jsonrpc would make them foreign to one side, at compile time and at run time).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import * as protocol from '../../server/src/protocol';

const METHODS: Record<string, string> = {
  ProvenanceNotification: 'vouch/provenance',
  AgentToolRequest: 'vouch/agentTool',
  VerdictRequest: 'vouch/verdict',
  FileTrustRequest: 'vouch/fileTrust',
  MarkReviewedRequest: 'vouch/markReviewed',
  TrustChangedNotification: 'vouch/trustChanged',
  ScanWorkspaceRequest: 'vouch/scanWorkspace',
  RenderReportRequest: 'vouch/renderReport',
  RuleDocRequest: 'vouch/ruleDoc',
  StatusNotification: 'vouch/status',
  ActivityNotification: 'vouch/activity',
};

describe('protocol', () => {
  const signatures = Object.entries(protocol as Record<string, unknown>)
    .filter(([, v]) => v instanceof RequestType || v instanceof NotificationType) as Array<[string, { method: string; numberOfParams: number }]>;

  it('declares every request and notification as a typed constant with an unchanged `vouch/camelCase` method', () => {
    assert.deepEqual(Object.fromEntries(signatures.map(([name, s]) => [name, s.method])), METHODS);
    for (const [name, s] of signatures) {
      assert.match(s.method, /^vouch\/[a-z][A-Za-z]*$/, name);
      assert.equal(s.numberOfParams, 1, `${name} takes one params object`);
    }
  });

  it('client and server libraries resolve the same vscode-languageserver-protocol', () => {
    const req = createRequire(__filename);
    const from = (entry: string) => createRequire(req.resolve(entry)).resolve('vscode-languageserver-protocol');
    assert.equal(from('vscode-languageserver/node'), from('vscode-languageclient/node'));
    assert.equal(from('vscode-languageserver/node'), req.resolve('vscode-languageserver-protocol'));
  });
});
