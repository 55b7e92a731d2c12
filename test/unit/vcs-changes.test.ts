// Which lines of a file a change touched (vcs/changes.ts): what `--changed-since` keeps findings on.
import assert from 'node:assert/strict';
import { changedLines } from '../../server/src/vcs/changes';

const lines = (before: string, after: string) => {
  const r = changedLines(before, after);
  return r === 'all' ? r : [...r].sort((a, b) => a - b);
};

describe('vcs: changed lines', () => {
  it('added and modified lines, 0-based in the new text', () => {
    assert.deepEqual(lines('a\nb\nc\n', 'a\nB\nc\nd\n'), [1, 3]);
    assert.deepEqual(lines('a\nb\n', 'x\na\nb\n'), [0]);
  });

  it('a removal marks the line now standing where the removed lines were (the last line at the end)', () => {
    assert.deepEqual(lines('a\nb\nc\n', 'a\nc\n'), [1]);
    assert.deepEqual(lines('a\nb\nc\n', 'a\nb\n'), [1]);
    assert.deepEqual(lines('a\n', ''), [0]);
  });

  it('unchanged text, and line ends alone (CRLF against LF), change nothing', () => {
    assert.deepEqual(lines('a\nb\n', 'a\nb\n'), []);
    assert.deepEqual(lines('a\nb\n', 'a\r\nb\r\n'), []);
  });

  it('lines appended after a last line without a newline: that line counts too (whole lines are compared)', () => {
    assert.deepEqual(lines('a\nb', 'a\nb\nc'), [1, 2]);
  });
});
