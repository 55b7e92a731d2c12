// `vouch mcp` driven the way an agent client drives it: the official SDK's client over stdio, the
// built CLI as the server, package names answered by a real registry (Verdaccio on 127.0.0.1).
// initialize, tools/list, each tool on a fixture, and bad arguments answered as tool errors.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { installVerdaccio, Verdaccio } from './verdaccio';

const REPO = resolve(__dirname, '..', '..');
const CLI = join(REPO, 'cli', 'out', 'vouch.js');

type ToolResult = { isError?: boolean; content: Array<{ type: string; text: string }> };
const text = (r: unknown) => (r as ToolResult).content.map((c) => c.text).join('\n');
const body = <T>(r: unknown): T => {
  assert.ok(!(r as ToolResult).isError, text(r));
  return JSON.parse(text(r)) as T;
};

describe('vouch mcp: read-only tools for agents over stdio (issue 13)', function () {
  this.timeout(120_000);
  const verdaccio = new Verdaccio();
  let tmp: string;
  let workspace: string;
  let client: Client;
  let stderr = '';

  before(async function () {
    this.timeout(600_000);
    if (!existsSync(CLI)) execFileSync(process.execPath, ['esbuild.mjs'], { cwd: REPO, stdio: 'inherit', timeout: 240_000 });
    await verdaccio.start(installVerdaccio());
    await Promise.all([
      verdaccio.publish({ name: 'vouch-mcp-real', versions: ['1.0.0', '1.1.0'] }),
      verdaccio.publish({ name: 'vouch-mcp-old', versions: ['1.0.0'], deprecate: 'use vouch-mcp-real' }),
    ]);
    tmp = mkdtempSync(join(tmpdir(), 'vouch-mcp-'));
    workspace = join(tmp, 'ws');
    mkdirSync(join(workspace, 'src'), { recursive: true });
    mkdirSync(join(workspace, '.vouch'), { recursive: true });
    writeFileSync(join(workspace, '.npmrc'), `registry=${verdaccio.url}\n`);
    writeFileSync(join(workspace, 'package.json'), JSON.stringify({ name: 'ws', dependencies: {} }));
    const handler = "const express = require('express');\nconst app = express();\napp.get('/f', (req, res) => {\n  require('child_process').exec('cat ' + req.query.name);\n  res.send('ok');\n});\n";
    writeFileSync(join(workspace, 'src', 'app.js'), handler);
    writeFileSync(join(workspace, '.vouch', 'provenance.json'), JSON.stringify({
      'src/app.js': [{ id: 'r1', source: 'agent', confidence: 'medium', time: '2026-12-01T00:00:00.000Z', hash: 'x', range: { start: { line: 2, character: 0 }, end: { line: 5, character: 3 } } }],
    }));
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [CLI, 'mcp', '--root', workspace],
      env: { PATH: process.env.PATH ?? '', HOME: join(tmp, 'home'), XDG_CACHE_HOME: join(tmp, 'cache'), VOUCH_TEST_FAULTS: '' },
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (d) => (stderr += d));
    client = new Client({ name: 'vouch-test', version: '1.0.0' });
    await client.connect(transport);
  });
  after(async () => {
    await client?.close();
    await verdaccio.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('initializes and lists the four read-only tools with descriptions and input schemas', async () => {
    assert.equal(client.getServerVersion()?.name, 'vouch');
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name).sort(), ['check_code', 'check_packages', 'explain_rule', 'file_trust']);
    for (const t of tools) {
      assert.ok((t.description ?? '').length > 60, `${t.name} has a description an agent can act on`);
      assert.equal(t.inputSchema.type, 'object');
      assert.equal(t.annotations?.readOnlyHint, true, `${t.name} is read-only`);
    }
    assert.deepEqual((tools.find((t) => t.name === 'check_packages')!.inputSchema as { required?: string[] }).required, ['names']);
  });

  it('check_code: a snippet gets findings with positions, rule summaries and fixes; a workspace file by path', async () => {
    const snippet = "from flask import Flask, request\nimport yaml\n\napp = Flask(__name__)\n\n@app.route('/load', methods=['POST'])\ndef load():\n    return yaml.load(request.data)\n";
    const r = body<{ findings: Array<{ ruleId: string; line: number; column: number; endLine: number; rule: { title: string; summary?: string }; fix?: unknown }> }>(
      await client.callTool({ name: 'check_code', arguments: { code: snippet, language: 'python' } }));
    const unsafe = r.findings.find((f) => f.ruleId === 'unsafe-deserialization');
    assert.ok(unsafe, JSON.stringify(r.findings.map((f) => f.ruleId)));
    assert.deepEqual([unsafe.line, unsafe.endLine], [8, 8]);
    assert.ok(unsafe.rule.summary && !unsafe.rule.summary.startsWith('**'), unsafe.rule.summary);
    assert.ok(unsafe.fix, 'yaml.safe_load is offered');

    const file = body<{ path: string; findings: Array<{ ruleId: string; line: number }> }>(await client.callTool({ name: 'check_code', arguments: { path: 'src/app.js' } }));
    assert.equal(file.path, 'src/app.js');
    assert.deepEqual(file.findings.filter((f) => f.ruleId === 'command-injection').map((f) => f.line), [4]);
    const clean = body<{ findings: unknown[] }>(await client.callTool({ name: 'check_code', arguments: { code: "const x = ['a', 'b'].join(',');\n", language: 'javascript' } }));
    assert.deepEqual(clean.findings, []);
  });

  it('check_packages: real, nonexistent, near-miss and deprecated names from the configured registry', async () => {
    const r = body<{ packages: Array<{ name: string; verdict: string; message?: string; source?: string; issues: Array<{ verdict: string; message: string }> }>; registry: string }>(
      await client.callTool({ name: 'check_packages', arguments: { names: ['vouch-mcp-real', 'vouch-mcp-nope-4711', 'vouch-mcp-old'], ecosystem: 'npm' } }));
    assert.equal(r.registry, 'online');
    const by = Object.fromEntries(r.packages.map((p) => [p.name, p]));
    // Published a minute ago: real, but younger than vouch.dependencies.newPackageDays.
    assert.equal(by['vouch-mcp-real'].verdict, 'suspicious', JSON.stringify(by));
    assert.match(by['vouch-mcp-real'].message ?? '', /first published/);
    assert.match(by['vouch-mcp-real'].source ?? '', /^(registry|cache)$/, 'answered by the registry, not the bundled snapshot');
    assert.equal(by['vouch-mcp-nope-4711'].verdict, 'nonexistent', JSON.stringify(by));
    const deprecated = by['vouch-mcp-old'].issues.find((i) => i.verdict === 'deprecated');
    assert.match(deprecated?.message ?? '', /use vouch-mcp-real/, JSON.stringify(by));
  });

  it('explain_rule and file_trust answer from the docs and the committed record', async () => {
    const rule = body<{ ruleId: string; title: string; docs?: string }>(await client.callTool({ name: 'explain_rule', arguments: { ruleId: 'sql-injection' } }));
    assert.equal(rule.ruleId, 'sql-injection');
    assert.match(rule.docs ?? '', /## Why it matters/);
    const trust = body<{ regions: Array<{ id: string; source: string; lines: number[]; state: string }> }>(await client.callTool({ name: 'file_trust', arguments: { path: 'src/app.js' } }));
    assert.deepEqual(trust.regions.map((x) => [x.id, x.source, x.lines, x.state]), [['r1', 'agent', [3, 6], 'unreviewed']]);
  });

  it('answers bad arguments with a tool error an agent can read, and keeps serving', async () => {
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      ['check_code', {}, /give language|give code/],
      ['check_code', { code: 'x', language: 'cobol' }, /language/],
      ['check_code', { path: '../../etc/passwd' }, /inside the workspace/],
      ['check_packages', { names: 5 }, /names|array/],
      ['check_packages', { names: ['bad name!'] }, /not a package name/],
      ['check_packages', { names: ['x'], ecosystem: 'maven' }, /ecosystem/],
      ['explain_rule', { ruleId: 'nope' }, /unknown rule/],
      ['file_trust', { path: 'missing.js' }, /cannot read missing\.js/],
    ];
    for (const [name, args, message] of cases) {
      const r = (await client.callTool({ name, arguments: args })) as ToolResult;
      assert.equal(r.isError, true, `${name} ${JSON.stringify(args)}: ${text(r)}`);
      assert.match(text(r), message);
    }
    const unknown = await client.callTool({ name: 'no_such_tool', arguments: {} }).then((r) => r as ToolResult, (e: Error) => ({ isError: true, content: [{ type: 'text', text: e.message }] }));
    assert.equal(unknown.isError, true);
    assert.equal((await client.listTools()).tools.length, 4, 'still serving');
  });

  it('never writes to the workspace', () => {
    assert.deepEqual(JSON.parse(readFileSync(join(workspace, '.vouch', 'provenance.json'), 'utf8'))['src/app.js'][0].id, 'r1');
    assert.equal(existsSync(join(workspace, '.vouch', 'reviews.jsonl')), false);
    assert.doesNotMatch(stderr, /internal error/);
  });
});
