// The demo workspace as a newcomer opens it: Problems lists Vouch's findings and nothing from the
// editor's own TypeScript checks ("Cannot find module 'jsonwebtoken'", "Cannot find name 'Buffer'"),
// which demo/tsconfig.json and demo/demo-env.d.ts keep quiet. A probe file with a deliberate type
// error proves TypeScript did check the project before Problems is read.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, copyWorkspace, createSandbox, installVsix, openWorkbench, startCodeServer, workbenchHooks } from './helpers.mjs';
import { dismissWidgets, openProblems, problemRow, quickOpen, waitForProblems } from './workbench.mjs';

const PROBE = "not assignable to type 'number'";

describe('The demo workspace in the workbench', function () {
  this.timeout(180_000);
  let sandbox, server, workbench, page;

  before(async function () {
    this.timeout(240_000);
    sandbox = createSandbox('vouch-e2e-demo');
    await installVsix(sandbox);
    const workspace = copyWorkspace(sandbox, join(ROOT, 'demo'));
    writeFileSync(join(workspace, 'src', 'zz-probe.ts'), "export const probe: number = 'not a number';\n");
    server = await startCodeServer(sandbox, { workspace });
    workbench = await openWorkbench(server, workspace);
    page = workbench.page;
  });

  beforeEach(async () => {
    if (page) await dismissWidgets(page);
  });

  workbenchHooks('demo-', () => ({ page, workbench, server, sandbox }));

  it("Problems shows Vouch's findings and no TypeScript diagnostic except the probe's", async () => {
    // TypeScript files only (JavaScript is not type-checked), few enough that every Problems row is rendered.
    for (const file of ['src/auth.ts', 'src/tokens.ts', 'src/zz-probe.ts']) await quickOpen(page, file);
    await openProblems(page);
    const wanted = ['jwt-verification-disabled', 'weak-password-hash', 'insecure-randomness'];
    const text = await waitForProblems(
      page,
      (t) => wanted.every((r) => problemRow(r).test(t)) && t.includes(PROBE) && t,
      `${wanted.join(', ')} and the probe's type error`,
      // TypeScript's server starts on the first .ts file and checks the project before it reports.
      150_000,
    );
    // A TypeScript row shows its source and code as `ts` then the number (or `ts(2322)` on one line).
    const lines = text.split('\n').map((l) => l.trim());
    const fromTypeScript = lines.flatMap((l, i) => (/^ts\(\d+\)$/.test(l) || (l === 'ts' && /^\d{4,5}$/.test(lines[i + 1] ?? '')) ? [lines[i - 1]] : []));
    assert.deepEqual(fromTypeScript, ["Type 'string' is not assignable to type 'number'."], `TypeScript diagnostics in the demo:\n${text}`);
  });
});
