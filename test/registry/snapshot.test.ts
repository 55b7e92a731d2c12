// The shipped snapshots (rules/data) and the script that rebuilds them: the loader's Bloom hashing
// matches the script's, the filter never denies a known name, popular lists load with weights.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { BloomFilter, normalizePypiName, Snapshot } from '../../server/src/registry/snapshot';

const ROOT = join(__dirname, '..', '..');
const DATA = join(ROOT, 'rules', 'data');

describe('registry: snapshots', () => {
  it('normalises PyPI names per PEP 503', () => {
    assert.equal(normalizePypiName('Foo.Bar__baz-_-Qux'), 'foo-bar-baz-qux');
    assert.equal(normalizePypiName('PyYAML'), 'pyyaml');
  });

  it('ships compact files: popular lists and a PyPI name filter under 2 MB', () => {
    const manifest = JSON.parse(readFileSync(join(DATA, 'manifest.json'), 'utf8'));
    assert.ok(manifest.npmPopular >= 10_000 && manifest.pypiPopular >= 10_000 && manifest.pypiNames.count >= 500_000);
    assert.ok(manifest.pypiNames.falsePositiveRate <= 0.005);
    assert.ok(statSync(join(DATA, 'pypi-names.bloom')).size < 2_000_000);
  });

  it('never denies a shipped popular PyPI name, and rarely admits made-up ones', () => {
    const snap = new Snapshot(DATA);
    const popular = gunzipSync(readFileSync(join(DATA, 'pypi-popular.tsv.gz'))).toString().split('\n').filter(Boolean).map((l) => l.split('\t')[0]);
    const bloom = BloomFilter.parse(readFileSync(join(DATA, 'pypi-names.bloom')));
    assert.ok(bloom);
    for (const n of popular) assert.equal(bloom.mayContain(n), true, n);
    let falsePositives = 0;
    for (let i = 0; i < 20_000; i++) if (bloom.mayContain(`vouch-made-up-${i}-zq`)) falsePositives++;
    assert.ok(falsePositives / 20_000 < 0.005, `false-positive rate ${falsePositives / 20_000}`);
    assert.equal(snap.lookup('pypi', 'requests')?.exists, true);
  });

  it('knows popular npm names with downloads, and nothing else offline', () => {
    const snap = new Snapshot(DATA);
    const f = snap.lookup('npm', 'react');
    assert.ok(f?.exists && f.source === 'snapshot' && (f.monthlyDownloads ?? 0) > 1_000_000);
    assert.equal(snap.lookup('npm', 'vouch-not-popular-zq'), undefined);
    assert.ok(snap.popular('npm').size >= 10_000);
  });

  it('degrades to "knows nothing" when the folder is missing', () => {
    const snap = new Snapshot(join(tmpdir(), 'vouch-no-such-data'));
    assert.equal(snap.lookup('pypi', 'requests'), undefined);
    assert.equal(snap.popular('npm').size, 0);
  });

  it('scripts/refresh-snapshots.mjs rebuilds the files from a source folder', () => {
    const src = mkdtempSync(join(tmpdir(), 'vouch-snap-src-'));
    const out = join(src, 'out');
    try {
      writeFileSync(join(src, 'npm-popular.tsv'), 'Left-Pad\t100\nexpress\t5000\n');
      writeFileSync(join(src, 'pypi-popular.tsv'), 'Requests\t1\nPyYAML\t2\n');
      writeFileSync(join(src, 'pypi-names.txt.gz'), gzipSync('requests\nZope.Interface\nsome_lib\n'));
      execFileSync(process.execPath, [join(ROOT, 'scripts', 'refresh-snapshots.mjs'), src, '--out', out, '--taken', '2030-01'], { stdio: 'pipe' });
      const snap = new Snapshot(out);
      assert.equal(snap.manifest()?.taken, '2030-01');
      assert.deepEqual([...snap.popular('npm')], [['express', 5000], ['left-pad', 100]]);
      assert.deepEqual([...snap.popular('pypi').keys()], ['requests', 'pyyaml']);
      assert.equal(snap.lookup('pypi', 'zope_interface')?.exists, true);
      assert.equal(snap.lookup('pypi', 'Some.Lib')?.exists, true);
      assert.equal(snap.lookup('pypi', 'pyyaml')?.exists, true); // popular implies listed
      assert.equal(snap.lookup('pypi', 'not-listed-zq')?.exists, false);
    } finally {
      rmSync(src, { recursive: true, force: true });
    }
  });
});
