import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { normaliseRegionText, regionHash } from '../../server/src/core/region-hash';

describe('regionHash', () => {
  const sha = (s: string) => createHash('sha256').update(s).digest('hex');

  it('is the sha256 hex of the text when nothing needs normalising', () => {
    assert.equal(regionHash('a\nb\n'), sha('a\nb\n'));
    assert.match(regionHash(''), /^[0-9a-f]{64}$/);
  });

  it('ignores line endings and trailing spaces or tabs', () => {
    const h = regionHash('if (x) {\n  y();\n}\n');
    assert.equal(regionHash('if (x) {\r\n  y();\r\n}\r\n'), h);
    assert.equal(regionHash('if (x) {  \n  y();\t\n}\n'), h);
    assert.equal(regionHash('if (x) {\r  y(); \r}\r'), h);
  });

  it('keeps leading indentation, inner spaces and blank lines significant', () => {
    const h = regionHash('a\n  b\n');
    assert.notEqual(regionHash('a\nb\n'), h);
    assert.notEqual(regionHash('a\n  b\n\n'), h);
    assert.notEqual(regionHash('a\n  b  c\n'), regionHash('a\n  b c\n'));
  });

  it('normalises only trailing whitespace per line', () => {
    assert.equal(normaliseRegionText('x = 1 \t\r\n\ty = 2  '), 'x = 1\n\ty = 2');
  });
});
