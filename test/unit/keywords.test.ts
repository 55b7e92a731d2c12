// The keyword prefilter's one-pass matcher (server/src/core/keywords.ts) against the definition it
// replaces: `text.toLowerCase().includes(keyword)` per keyword.
import assert from 'node:assert/strict';
import { KeywordSet } from '../../server/src/core/keywords';
import { random } from '../random';

const naive = (text: string, keyword: string) => text.toLowerCase().includes(keyword);

describe('keyword prefilter (one pass for every keyword)', () => {
  it('finds overlapping keywords, and keywords inside others', () => {
    const set = new KeywordSet(['pass', 'password', 'word', 'sword', 'ass', 'log', 'login']);
    const has = set.scan('const myPassword = login();');
    for (const k of ['pass', 'password', 'word', 'sword', 'ass', 'log', 'login']) assert.equal(has(k), true, k);
    const none = set.scan('const user = logout');
    assert.deepEqual(['pass', 'password', 'word', 'sword', 'ass', 'log', 'login'].filter(none), ['log']);
  });

  it('matches ASCII letters in either case, other characters only as written', () => {
    const set = new KeywordSet(['select *', 'sha-1', '{{{', 'node_tls_reject_unauthorized']);
    const has = set.scan('db.query("SELECT * FROM t"); hash("SHA-1"); {{{body}}} NODE_TLS_REJECT_UNAUTHORIZED');
    assert.deepEqual(['select *', 'sha-1', '{{{', 'node_tls_reject_unauthorized'].filter(has), ['select *', 'sha-1', '{{{', 'node_tls_reject_unauthorized']);
    assert.equal(set.scan('select  *').call(null, 'select *'), false);
  });

  it('restarts after a character outside ASCII (no keyword contains one)', () => {
    const set = new KeywordSet(['token']);
    assert.equal(set.scan('tok\u00e9n')('token'), false);
    assert.equal(set.scan('\u00e9token\u{1F600}')('token'), true);
  });

  it('answers a keyword it was not built with by looking for it directly', () => {
    const set = new KeywordSet(['secret']);
    const has = set.scan('const API_KEY = 1');
    assert.equal(has('api_key'), true);
    assert.equal(has('secret'), false);
    assert.equal(new KeywordSet([]).scan('Password')('password'), true);
  });

  it('refuses keywords the prefilter could never find', () => {
    assert.throws(() => new KeywordSet(['Password']), /lower case/);
    assert.throws(() => new KeywordSet(['']), /non-empty/);
    assert.throws(() => new KeywordSet(['caf\u00e9']), /ASCII/);
  });

  it('agrees with includes() per keyword on random texts over a small alphabet', () => {
    const next = random(7);
    const alphabet = 'abAB-_ *\u00e9\n';
    const word = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
    for (let round = 0; round < 200; round++) {
      const keywords = [...new Set(Array.from({ length: 1 + Math.floor(next() * 12) }, () => word(1 + Math.floor(next() * 4)).toLowerCase()))]
        .filter((k) => /^[\x00-\x7f]+$/.test(k));
      const set = new KeywordSet(keywords);
      const text = word(Math.floor(next() * 60));
      const has = set.scan(text);
      for (const k of keywords) assert.equal(has(k), naive(text, k), `round ${round}: ${JSON.stringify(k)} in ${JSON.stringify(text)}`);
    }
  });
});
