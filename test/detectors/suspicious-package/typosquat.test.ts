// The near-miss arithmetic behind suspicious-package.
import assert from 'node:assert/strict';
import { confusable, editDistance, popularIndex, typosquatOf } from '../../../server/src/detectors/deps/shared/typosquat';

describe('suspicious-package: typosquat helpers', () => {
  it('Damerau-Levenshtein counts a transposition as one edit and stops past the limit', () => {
    assert.equal(editDistance('reqeusts', 'requests', 2), 1);
    assert.equal(editDistance('expresss', 'express', 2), 1);
    assert.equal(editDistance('abcdef', 'uvwxyz', 2), 3);
  });

  it('separator, suffix and scope confusion collapse to one key', () => {
    assert.equal(confusable('@types-node'), confusable('@types/node'));
    assert.equal(confusable('lodash.js'), confusable('lodash'));
    assert.equal(confusable('python3-dateutil'), confusable('python-dateutil'));
  });

  it('short names allow one edit, long ones two; popular names are never squats', () => {
    const index = popularIndex('npm', new Map([['express', 1e8], ['react', 1e8], ['preact', 1e7], ['typescript', 1e8]]));
    assert.equal(typosquatOf('npm', 'exprss', index), 'express');
    assert.equal(typosquatOf('npm', 'exprs', index), undefined);
    assert.equal(typosquatOf('npm', 'typescirpt', index), 'typescript');
    assert.equal(typosquatOf('npm', 'typscrpt', index), undefined);
    assert.equal(typosquatOf('npm', 'preact', index), undefined);
    assert.equal(typosquatOf('npm', 'exprss', index, 5e7), undefined, 'not much less popular');
  });
});
