// A team's own models (`models` in .vouch.json) change what the flow rules see: their validator
// helpers clean values, their wrappers around dangerous APIs are sinks.
import assert from 'node:assert/strict';
import { teamPacks } from '../../server/src/analysis/team';
import { sanitizeSettings } from '../../server/src/core/config';
import { testEngine } from '../engine';

const HANDLER = "const { exec } = require('child_process');\napp.get('/x', (req, res) => {\n  const dir = req.query.dir;\n  if (!policy.permits(dir)) return res.sendStatus(403);\n  exec('ls ' + dir);\n  ops.shell('du ' + req.query.other);\n});";

async function rules(models?: unknown): Promise<string[]> {
  const engine = await testEngine();
  const problems: string[] = [];
  const settings = sanitizeSettings(models ? { models } : {}, problems);
  assert.deepEqual(problems, []);
  const r = engine.analyze({ text: HANDLER, languageId: 'javascript', path: 'src/routes.js' }, { models: teamPacks(settings.models) });
  return r.findings.filter((f) => f.family === 'missing-input-validation').map((f) => `${f.ruleId}:${f.range.start.line + 1}`);
}

describe('team models from .vouch.json', () => {
  it('without them, an unknown check does not vouch and an unknown wrapper is not a sink', async () => {
    assert.deepEqual(await rules(), ['command-injection:5']);
  });

  it('their validators clean what they check, their sinks are sinks', async () => {
    const models = { validators: [{ method: ['permits'], receiver: '^policy$' }], sinks: [{ kind: 'command', method: ['shell'], receiver: '^ops$', arg: 0, what: 'a shell command' }] };
    assert.deepEqual(await rules(models), ['command-injection:6']);
  });
});
