// The pure parts of the owner check: reading owner lists from registry answers, and comparing them.
import assert from 'node:assert/strict';
import { sharesOwner } from '../../../server/src/detectors/deps/shared/same-owner';
import { npmOwners, pypiOwners } from '../../../server/src/registry/owners';

describe('suspicious-package: owners', () => {
  it('shares an owner only when both lists are known and have one in common', () => {
    assert.equal(sharesOwner(['wes', 'wes@example.test'], ['doug', 'wes']), true);
    assert.equal(sharesOwner(['x@example.test'], ['doug', 'x@example.test']), true);
    assert.equal(sharesOwner(['squatter'], ['doug', 'wes']), false);
    assert.equal(sharesOwner(undefined, ['doug']), false);
    assert.equal(sharesOwner(['doug'], undefined), false);
    assert.equal(sharesOwner([], []), false);
  });

  it('reads npm top-level maintainers (objects and old "name <email>" strings), lower-cased', () => {
    const doc = { maintainers: [{ name: 'Wes', email: 'Wes@Example.test' }, 'doug <doug@example.test>', 'solo', { name: '' }, null, 7] };
    assert.deepEqual(npmOwners(doc), ['wes', 'wes@example.test', 'doug', 'doug@example.test', 'solo']);
    assert.deepEqual(npmOwners({ maintainers: [] }), []);
  });

  it('never reads what a publisher writes: per-version maintainers, _npmUser, author', () => {
    const doc = {
      author: { name: 'wes' },
      versions: { '1.0.0': { maintainers: [{ name: 'wes' }], _npmUser: { name: 'wes' }, author: 'wes' } },
    };
    assert.equal(npmOwners(doc), undefined);
    assert.equal(npmOwners(undefined), undefined);
  });

  it('reads PyPI ownership roles and organization, never the author/maintainer metadata fields', () => {
    const doc = {
      info: { author: 'Kenneth', author_email: 'k@example.test', maintainer: 'nate', maintainer_email: 'n@example.test' },
      ownership: { roles: [{ role: 'Owner', user: 'Nateprewitt' }, { role: 'Maintainer', user: 'graffatcolmingov' }, { role: 'Owner' }], organization: 'PSF' },
    };
    assert.deepEqual(pypiOwners(doc), ['nateprewitt', 'graffatcolmingov', 'org:psf']);
    assert.deepEqual(pypiOwners({ ownership: { roles: [], organization: null } }), []);
    assert.equal(pypiOwners({ info: doc.info }), undefined);
  });
});
