import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AgentTools, summaryOf } from '../../server/src/agent/tools';
import { extensionOf, languageOf } from '../../server/src/core/languages';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import { LANGUAGES } from '../../server/src/core/types';
import { FolderServices } from '../../server/src/scan/compose';
import { createEngine } from '../../server/src/scan/create-engine';

describe('agent tools (vouch mcp, language-model tools)', () => {
  let root: string;
  let services: FolderServices;
  let tools: AgentTools;
  before(async function () {
    this.timeout(60_000);
    root = mkdtempSync(join(tmpdir(), 'vouch-agent-'));
    writeFileSync(join(root, 'a.js'), 'module.exports = 1;\n');
    const settings = { ...DEFAULT_SETTINGS, registry: { ...DEFAULT_SETTINGS.registry, enabled: false } };
    services = new FolderServices({ trusted: true, log: () => {} });
    const { engine } = await createEngine();
    tools = new AgentTools({ engine, root, settings, services: services.for(root, settings), ruleDocs: () => undefined });
  });
  after(() => {
    services.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it('offline, a name the snapshot does not list is unknown, never ok; a popular one is ok from the snapshot', async () => {
    const r = await tools.checkPackages({ names: ['express', 'vouch-not-in-any-snapshot-4711'] });
    assert.equal(r.registry, 'offline');
    assert.deepEqual(r.packages.map((p) => [p.name, p.verdict, p.source]), [['express', 'ok', 'snapshot'], ['vouch-not-in-any-snapshot-4711', 'unknown', undefined]]);
  });

  it('a snippet with no path is checked under a file name of its language', async () => {
    const r = await tools.checkCode({ code: "const password = 'hunter2hunter2';\n", language: 'typescript' });
    assert.equal(r.path, 'vouch-snippet.ts');
    for (const lang of LANGUAGES) if (lang !== 'dockerfile') assert.equal(languageOf(`x${extensionOf(lang)}`), lang, lang);
  });

  it('summarises a rule doc by its first prose paragraph', () => {
    assert.equal(summaryOf('# x\n\n**Family:** a · **Severity:** b\n\nFirst line\ncontinues.\n\n## Why\nmore'), 'First line continues.');
    assert.equal(summaryOf('# only a title\n'), undefined);
  });
});
