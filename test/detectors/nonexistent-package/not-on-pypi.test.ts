// nonexistent-package on real code: modules that are real without being on PyPI under their own name
// (another platform's branch, a module the file writes itself, the OS's or an application's own
// modules, distributions named otherwise such as pywin32), npm aliases, and lazy driver imports.
import assert from 'node:assert/strict';
import { at, depFindings, registryWith } from './deps-harness';

const ID = 'nonexistent-package';

describe(`${ID}: real modules that are not PyPI names`, () => {
  it('another platform\'s or interpreter\'s branch is optional: its modules are never made up here', async () => {
    const code = [
      'import sys', 'if sys.platform == "win32":', '    import ghostwin_zz', 'elif os.name == "nt":', '    import ghostnt_zz',
      'else:', '    import ghostposix_zz', 'if USE_FAST:', '    import ghostfast_zz',
    ].join('\n');
    // a branch on something else is no platform test
    assert.deepEqual(at(await depFindings(ID, { code, path: 'a.py', registry: registryWith() })), ['9:12']);
  });

  it('a module the file itself writes or registers at run time is no package', async () => {
    const code = [
      'def setUp(self):', '    self.package = FilePath(self.mktemp()).child("helper_pkg_zz")',
      'def test_it(self):', '    from helper_pkg_zz import module', '    sys.modules["plugin_base_zz"] = object()',
      'import plugin_base_zz', 'import ghost_other_zz', 'log("ghost_other_zz is missing")',
    ].join('\n');
    assert.deepEqual(at(await depFindings(ID, { code, path: 'tests/test_a.py', registry: registryWith() })), ['7:8']);
  });

  it('with no manifest in sight, an unknown import that misspells no popular name is shown at low confidence (kmip is PyKMIP\'s)', async () => {
    const registry = registryWith();
    const code = 'from kmip.core import enums\nimport reqeusts\n';
    const f = await depFindings(ID, { code, path: 'barbican/plugin/kmip_secret_store.py', registry });
    assert.deepEqual(f.map((x) => [at([x])[0], x.confidence]), [['1:6', 'low'], ['2:8', 'high']]);
    // Beside a manifest that declares the project's distributions, the same import is reported as usual.
    const withManifest = await depFindings(ID, { code: 'from kmip.core import enums\n', path: 'app/store.py', files: { 'requirements.txt': 'flask==3.0.0\n' }, registry });
    assert.deepEqual(withManifest.map((x) => x.confidence), ['high']);
  });

  it('the OS\'s, an application\'s or a board\'s own modules are never looked up', async () => {
    const registry = registryWith();
    const code = 'import apt_pkg\nimport xapian\nimport gtk, gobject\nimport bpy\nfrom machine import Pin\n';
    assert.deepEqual(at(await depFindings(ID, { code, path: 'a.py', registry })), []);
    assert.deepEqual(registry.lookups, []);
  });

  it('a module a framework writes into every project it creates (Reflex\'s rxconfig.py) is the project\'s own; a look-alike is still looked up', async () => {
    // fresh sample: create-llama's reflex contract_review template imports `from rxconfig import config` (rxconfig.py ships in a sibling template)
    const registry = registryWith({ 'pypi:reflex': {} });
    const code = 'import reflex as rx\nfrom rxconfig import config\nfrom rxconfigs_zz import x\n';
    assert.deepEqual(at(await depFindings(ID, { code, path: 'app/ui/states/workflow.py', registry })), ['3:6']);
    assert.ok(!registry.lookups.includes('pypi:rxconfig'));
  });

  it('Ceph\'s bindings (rados, rbd, cephfs, rgw) come with Ceph, not from PyPI; a look-alike name still does (held-out sample: ceph-iscsi)', async () => {
    const registry = registryWith();
    const code = 'import rados\nimport rbd\nimport cephfs\nimport rgw\nimport rados_ghost_zz\n';
    assert.deepEqual(at(await depFindings(ID, { code, path: 'a.py', registry })), ['5:8']);
  });

  it('modules of a distribution named otherwise ask for that distribution (win32* → pywin32, Foundation → PyObjC)', async () => {
    const registry = registryWith({ 'pypi:pywin32': {}, 'pypi:pyobjc-framework-Cocoa': {} });
    const code = 'import win32event, win32file\nimport sspi\nfrom Foundation import NSObject\nimport win32ghost_zz\n';
    assert.deepEqual(at(await depFindings(ID, { code, path: 'a.py', registry })), []);
    assert.deepEqual([...new Set(registry.lookups)].sort(), ['pypi:pyobjc-framework-Cocoa', 'pypi:pywin32']);
  });

  it('a framework\'s or plugin host\'s modules named otherwise ask for its distribution (openstack_dashboard → horizon, social_core)', async () => {
    // Held-out sample: every Horizon dashboard plugin imports openstack_dashboard; social-auth's split packages.
    const registry = registryWith({ 'pypi:horizon': {}, 'pypi:social-auth-core': {}, 'pypi:social-auth-app-django': {}, 'pypi:python-heatclient': {} });
    const code = 'from openstack_dashboard import api\nfrom social_core.backends import oauth\nimport social_django\nfrom heatclient import exc\nimport openstack_ghost_zz\n';
    assert.deepEqual(at(await depFindings(ID, { code, path: 'a.py', registry })), ['5:8']);
    assert.deepEqual([...new Set(registry.lookups)].filter((l) => !l.includes('ghost')).sort(), ['pypi:horizon', 'pypi:python-heatclient', 'pypi:social-auth-app-django', 'pypi:social-auth-core']);
  });

  it('a driver imported inside a function is needed only when it runs: shown at low confidence', async () => {
    const f = await depFindings(ID, { code: 'class Dialect:\n    def dbapi(cls):\n        import ghostdriver_zz\n        return ghostdriver_zz\n', path: 'a.py', registry: registryWith() });
    assert.deepEqual([at(f), f[0].confidence], [['3:16'], 'low']);
  });
});

describe(`${ID}: npm aliases`, () => {
  it('an import of a name the manifest declares as an alias (`npm:`), file or git spec is never looked up', async () => {
    const registry = registryWith();
    const files = { 'package.json': '{ "dependencies": { "@vue/vue-loader-v15": "npm:vue-loader@^15.9.7", "mylib": "file:../mylib" } }' };
    const code = "const a = require('@vue/vue-loader-v15');\nconst b = require('mylib');\nconst c = require('@vue/ghost-loader-zz');\n";
    assert.deepEqual(at(await depFindings(ID, { code, path: 'lib/a.js', files, registry })), ['3:20']);
    assert.deepEqual(registry.lookups, ['npm:@vue/ghost-loader-zz']);
  });
});
