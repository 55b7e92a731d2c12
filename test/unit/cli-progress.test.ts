// The progress line: drawn in place on a terminal, throttled, cleared at the end; silent elsewhere.
import assert from 'node:assert/strict';
import { Progress } from '../../cli/src/progress';

function fakeStream(columns = 60): { out: NodeJS.WriteStream; text: () => string } {
  const chunks: string[] = [];
  const out = { columns, write: (s: string) => chunks.push(s) > 0 } as unknown as NodeJS.WriteStream;
  return { out, text: () => chunks.join('') };
}

describe('cli: progress', () => {
  it('draws one updating line, shortens long paths from the left and clears itself', () => {
    const { out, text } = fakeStream(60);
    const p = new Progress(out, true);
    p.update(0, 3, 'src/a.ts');
    p.update(1, 3, 'src/too-fast.ts');
    p.update(3, 3, `deep/${'x'.repeat(100)}/file.ts`);
    p.done();
    const t = text();
    assert.match(t, /^\r\x1b\[2K\[0\/3\] src\/a\.ts/);
    assert.doesNotMatch(t, /too-fast/, 'updates within 80 ms are dropped');
    assert.match(t, /\[3\/3\] …x+\/file\.ts/);
    assert.ok(t.endsWith('\r\x1b[2K'));
    assert.doesNotMatch(t, /\n/);
  });

  it('writes nothing when disabled (not a TTY, or --quiet)', () => {
    const { out, text } = fakeStream();
    const p = new Progress(out, false);
    p.update(0, 1, 'a.ts');
    p.done();
    assert.equal(text(), '');
  });
});
