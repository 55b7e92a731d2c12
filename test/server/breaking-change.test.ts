// breaking-change in the editor over real JSON-RPC: the baseline is the folder's git HEAD (read from the
// object store), the edited text comes from the editor, and the broken callers in other files arrive as
// relatedInformation pointing at those files.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tempRepo, type TempRepo } from '../fixtures/git-repo';
import { LspClient } from './lsp-client';

const BEFORE = "export function formatDate(d: Date): string {\n  return d.toISOString();\n}\n";

describe('server over JSON-RPC: breaking-change against git HEAD', () => {
  let repo: TempRepo;
  let client: LspClient;
  before(async () => {
    repo = tempRepo({
      'src/date.ts': BEFORE,
      'src/header.ts': "import { formatDate } from './date';\nexport const title = formatDate(new Date());\n",
    });
    client = await LspClient.start(repo.dir);
  });
  after(async () => {
    await client.stop();
    repo.remove();
  });

  it('reports a parameter made required on the declaration, with the broken caller as related information', async () => {
    const uri = pathToFileURL(join(repo.dir, 'src', 'date.ts')).href;
    client.open(uri, 'typescript', BEFORE);
    client.change(uri, BEFORE.replace('(d: Date)', '(d: Date, locale: string)'));
    const diags = await client.diagnosticsWhere(uri, (d) => d.some((x) => x.code === 'breaking-change'), 'a breaking-change finding');
    const bc = diags.find((d) => d.code === 'breaking-change')!;
    assert.deepEqual([bc.range.start.line, bc.range.start.character, bc.severity], [0, 16, 1]);
    assert.match(String(bc.message), /^`formatDate\(d\)` now requires `locale`; 1 call site in 1 file still passes one argument — src\/header\.ts:2; no test touches it\.$/);
    assert.deepEqual(bc.relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line, r.message]), [
      [pathToFileURL(join(repo.dir, 'src', 'header.ts')).href, 1, 'passes 1 argument'],
    ]);
  });
});
