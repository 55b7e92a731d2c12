// nonexistent-package, Python: an import is "not on PyPI" only when neither its name nor a mapped
// distribution exists and nothing the project declares, locks or has installed provides it.
import assert from 'node:assert/strict';
import { MemoryProject } from '../../../server/src/project/memory-project';
import { at, depFindings, registryWith } from './deps-harness';

const ID = 'nonexistent-package';

describe(`${ID}: Python imports provided under another name`, () => {
  it('maps import names through the bundled snapshot (pipreqs mapping): `import Bio` asks for biopython', async () => {
    // AFQ → pyAFQ is in the snapshot only, not in the hand-kept list.
    const registry = registryWith({ 'pypi:pyAFQ': {} });
    const f = await depFindings(ID, { code: 'import AFQ\n', path: 'a.py', registry });
    assert.deepEqual(at(f), []);
    assert.deepEqual(registry.lookups, ['pypi:pyAFQ']);
  });

  it('asks for the import name too before calling a mapped import made up', async () => {
    // The mapped distribution is gone, the import name itself is a distribution: real.
    const registry = registryWith({ 'pypi:AFQ': {} });
    const f = await depFindings(ID, { code: 'import AFQ\n', path: 'a.py', registry });
    assert.deepEqual(at(f), []);
    assert.deepEqual(registry.lookups, ['pypi:pyAFQ', 'pypi:AFQ', 'pypi:python-AFQ', 'pypi:django-AFQ', 'pypi:AFQ-python', 'pypi:py-AFQ', 'pypi:AFQ3', 'pypi:AFQ-py3']);
  });

  it('still flags an import when neither name exists', async () => {
    const f = await depFindings(ID, { code: 'import os\nimport AFQ\n', path: 'a.py', registry: registryWith() });
    assert.deepEqual(at(f), ['2:8']);
  });

  it('asks for django-<name> and a namespace package\'s first two segments too (impersonate, flufl.lock)', async () => {
    const registry = registryWith({ 'pypi:django-impersonate': {}, 'pypi:flufl.lock': {} });
    assert.deepEqual(at(await depFindings(ID, { code: 'from impersonate.helpers import users\nfrom flufl.lock import Lock\n', path: 'a.py', registry })), []);
    assert.deepEqual(at(await depFindings(ID, { code: 'from ghostns_zz.lock import Lock\n', path: 'a.py', registry })), ['1:6']);
  });

  it('a workspace that is itself a package imports itself by its folder name; another folder name does not', async () => {
    const files = { '__init__.py': '', 'models.py': '' };
    const code = 'from cas_server import models\nfrom cas_server_zz import x\n';
    const project = (rootName?: string) => ({ project: new MemoryProject({ ...files, 'views.py': code }, rootName) });
    assert.deepEqual(at(await depFindings(ID, { code, path: 'views.py', registry: registryWith(), services: project('cas_server') })), ['2:6']);
    // without the root's own __init__.py it is a plain folder: its name is no module
    const plain = { project: new MemoryProject({ 'views.py': code }, 'cas_server') };
    assert.deepEqual(at(await depFindings(ID, { code, path: 'views.py', registry: registryWith(), services: plain })), ['1:6', '2:6']);
    assert.deepEqual(at(await depFindings(ID, { code, path: 'views.py', registry: registryWith(), services: project() })), ['1:6', '2:6']);
  });

  it('asks for python-<name> too (`import ntlm` comes from python-ntlm)', async () => {
    assert.deepEqual(at(await depFindings(ID, { code: 'import ntlm\n', path: 'a.py', registry: registryWith({ 'pypi:python-ntlm': {} }) })), []);
  });

  it('asks for the other conventional names of a module (nebula3-python, gremlinpython, opensearch-py, py-zerox)', async () => {
    const registry = registryWith({ 'pypi:nebula3-python': {}, 'pypi:gremlinpython': {}, 'pypi:opensearch-py': {}, 'pypi:py-zerox': {} });
    const code = 'import nebula3\nfrom gremlin_python import x\nimport opensearchpy\nfrom pyzerox import zerox\nimport ghost_sdk_zz\n';
    assert.deepEqual(at(await depFindings(ID, { code, path: 'a.py', registry })), ['5:8']);
  });

  it('asks for py<name> and py-<name> too (fresh held-out sample: MkDocs imports yaml_env_tag from pyyaml-env-tag; cpuinfo comes from py-cpuinfo)', async () => {
    const registry = registryWith({ 'pypi:pyyaml-env-tag': {}, 'pypi:py-cpuinfo': {} });
    const code = 'from yaml_env_tag import construct_env_tag\nimport cpuinfo\nimport ghost_sdk_zz\n';
    assert.deepEqual(at(await depFindings(ID, { code, path: 'a.py', registry })), ['3:8']);
  });

  it('asks for a Python 3 port that kept the module name (fresh sample ZZ: gourmand imports PyRTF from pyrtf3; suds from suds-py3)', async () => {
    const registry = registryWith({ 'pypi:PyRTF3': {}, 'pypi:suds-py3': {}, 'pypi:ghost-sdk-zz2': {} });
    const code = 'import PyRTF\nfrom suds.client import Client\nimport ghost_sdk_zz\n';
    assert.deepEqual(at(await depFindings(ID, { code, path: 'a.py', registry })), ['3:8']);
  });

  it('a module answered by the popular distribution it belongs to is no near miss of it (opensearchpy → opensearch-py)', async () => {
    const base = registryWith({ 'pypi:opensearch-py': { monthlyDownloads: undefined, versions: undefined, created: undefined } });
    const registry = { ...base, lookup: base.lookup, popular: (eco: 'npm' | 'pypi') => new Map(eco === 'pypi' ? [['opensearch-py', 1e6]] : []) };
    const f = await depFindings('suspicious-package', { code: 'import opensearchpy\n', path: 'a.py', registry });
    assert.deepEqual(at(f), []);
  });

  it('an optional import (try/except ImportError) that does not exist is the code running without it; a typo of a popular name there is shown at low confidence', async () => {
    const code = 'try:\n    import ghostopt_zz\nexcept ImportError:\n    ghostopt_zz = None\n';
    assert.deepEqual(at(await depFindings(ID, { code, path: 'a.py', registry: registryWith() })), []);
    const f = await depFindings(ID, { code: code.replaceAll('ghostopt_zz', 'reqests'), path: 'a.py', registry: registryWith() });
    assert.deepEqual([at(f), f[0].confidence], [['2:12'], 'low']);
  });

  it('the fallback in an `except ImportError:` branch is optional as well; another handler\'s is not', async () => {
    const code = 'def parse(x):\n    try:\n        from xml.etree import ElementTree\n    except ImportError:\n        from ghostet_zz import ElementTree\n';
    assert.deepEqual(at(await depFindings(ID, { code, path: 'a.py', registry: registryWith() })), []);
    // inside a function and not optional: lazy, shown at low confidence
    const g = await depFindings(ID, { code: code.replace('ImportError', 'ValueError'), path: 'a.py', registry: registryWith() });
    assert.deepEqual([at(g), g[0].confidence], [['5:14'], 'low']);
  });

  it('the fallback in a bare `except:` is optional too (a Python 2 name after the Python 3 one, sample JJ)', async () => {
    const code = 'try:\n    import _ghostbase_zz\nexcept:\n    import ghostbase_zz as _ghostbase_zz\n';
    assert.deepEqual(at(await depFindings(ID, { code, path: 'a.py', registry: registryWith() })), []);
    // a handler that names another error keeps both findings
    const g = await depFindings(ID, { code: code.replace('except:', 'except KeyError:'), path: 'a.py', registry: registryWith() });
    assert.deepEqual(at(g), ['2:12', '4:12']);
  });

  it('a compiled extension module or stub beside the code is local (apt_pkg.cpython-311-x86_64-linux-gnu.so)', async () => {
    const registry = registryWith();
    const files = { 'apt_pkg.cpython-311-x86_64-linux-gnu.so': '', 'mystub.pyi': '' };
    assert.deepEqual(at(await depFindings(ID, { code: 'import apt_pkg\nimport mystub\n', path: 'apt/cache.py', files, registry })), []);
    assert.deepEqual(registry.lookups, []);
  });

  it('a namespace package holding only subpackages is local; a folder with no Python in it is not', async () => {
    // fresh sample: create-llama's reflex extractor template, `from app.services.model import DEFAULT_MODEL` with app/ holding
    // only api/, services/, ui/ (no __init__.py, no module of its own)
    const registry = registryWith();
    const files = { 'pyproject.toml': '[project]\nname = "x"\ndependencies = []\n', 'app/services/model.py': '', 'app/api/__init__.py': '', 'assets/css/site.css': '' };
    const code = 'from app.services.model import DEFAULT_MODEL\nfrom app.api import routes\nimport assets\n';
    assert.deepEqual(at(await depFindings(ID, { code, path: 'app/api/models.py', files, registry })), ['3:8']);
    assert.deepEqual(at(await depFindings('undeclared-dependency', { code, path: 'app/api/models.py', files, registry: registryWith({ 'pypi:assets': {} }) })), ['3:8']);
  });

  it('a shared namespace asks every candidate; one existing is enough', async () => {
    const registry = registryWith({ 'pypi:aio.core': {} });
    assert.deepEqual(at(await depFindings(ID, { code: 'import aio\n', path: 'a.py', registry })), []);
  });

  it('one unknown answer among the alternatives is never "does not exist"', async () => {
    const registry = registryWith();
    const lookup = registry.lookup.bind(registry);
    registry.lookup = async (eco, name, signal) => (name === 'AFQ' ? undefined : lookup(eco, name, signal));
    assert.deepEqual(at(await depFindings(ID, { code: 'import AFQ\n', path: 'a.py', registry })), []);
  });

  it('a declared distribution whose name says it provides the module (python-foo, foo-client)', async () => {
    const code = 'import ghostmod_zz\nimport othermod_zz\n';
    const files = { 'requirements.txt': 'python-ghostmod-zz==1.0\n', 'pyproject.toml': '[project]\nname = "x"\ndependencies = ["othermod-zz-client>=1"]\n' };
    const f = await depFindings(ID, { code, path: 'app.py', files, registry: registryWith({ 'pypi:python-ghostmod-zz': {}, 'pypi:othermod-zz-client': {} }) });
    assert.deepEqual(at(f), []);
    assert.deepEqual(at(await depFindings('undeclared-dependency', { code, path: 'app.py', files, registry: registryWith() })), []);
  });

  it('an import only a declared distribution provides, when that distribution does not exist either: reported at the import, naming it', async () => {
    const code = 'import requests\nfrom ghostview_zz import render\n';
    const files = { 'requirements.txt': 'requests\ndjango-ghostview-zz==1.0\n' };
    const f = await depFindings(ID, { code, path: 'blog/views.py', files, registry: registryWith() });
    assert.deepEqual(f.map((x) => [x.range.start.line, x.range.start.character, x.range.end.line, x.range.end.character]), [[1, 5, 1, 17]]);
    assert.equal(f[0].message, '`ghostview_zz` would come from `django-ghostview-zz` (declared in requirements.txt), which does not exist on PyPI either: likely hallucinated, and anyone could register that name.');
    assert.equal(f[0].confidence, 'high');
    // The offline list of every PyPI name answers for the provider as it does for the manifest entry.
    assert.deepEqual(at(await depFindings(ID, { code, path: 'blog/views.py', files, registry: registryWith({}, 'snapshot') })), ['2:6']);
  });

  it('says nothing about that import when the declared provider exists, or when nobody knows', async () => {
    const code = 'from ghostview_zz import render\n';
    const files = { 'requirements.txt': 'django-ghostview-zz==1.0\n' };
    assert.deepEqual(at(await depFindings(ID, { code, path: 'views.py', files, registry: registryWith({ 'pypi:django-ghostview-zz': {} }) })), []);
    const unknown = registryWith();
    const lookup = unknown.lookup.bind(unknown);
    unknown.lookup = async (eco, name, signal) => (name === 'django-ghostview-zz' ? undefined : lookup(eco, name, signal));
    assert.deepEqual(at(await depFindings(ID, { code, path: 'views.py', files, registry: unknown })), []);
    // Installed in the workspace's virtualenv: it exists wherever it came from.
    const site = '.venv/lib/python3.12/site-packages';
    const installed = { ...files, [`${site}/django_ghostview_zz-1.0.dist-info/METADATA`]: 'Name: django-ghostview-zz\n' };
    assert.deepEqual(at(await depFindings(ID, { code, path: 'views.py', files: installed, registry: registryWith() })), []);
  });

  it('setup.py install_requires and poetry.lock / uv.lock entries provide modules (read, never run)', async () => {
    const code = 'import alpha_zz\nimport beta_zz\nimport gamma_zz\n';
    const files = {
      'setup.py': 'from setuptools import setup\nsetup(name="x", install_requires=["alpha-zz>=1", \'requests\'])\n',
      'poetry.lock': '[[package]]\nname = "beta-zz"\nversion = "1.0"\n',
      'sub/uv.lock': 'version = 1\n\n[[package]]\nname = "gamma_zz"\nversion = "2.0"\n',
    };
    assert.deepEqual(at(await depFindings(ID, { code, path: 'sub/app.py', files, registry: registryWith({ 'pypi:alpha-zz': {} }) })), []);
  });

  it('an installed distribution in the workspace virtualenv provides it (top_level.txt: editable and renamed installs)', async () => {
    const code = 'import delta_zz\nimport epsilon_zz\n';
    const site = '.venv/lib/python3.12/site-packages';
    const files = {
      'requirements.txt': 'requests\n',
      [`${site}/delta_zz/__init__.py`]: '',
      [`${site}/Epsilon_Dist-1.0.dist-info/top_level.txt`]: 'epsilon_zz\n',
      [`${site}/Epsilon_Dist-1.0.dist-info/METADATA`]: 'Name: Epsilon-Dist\n',
    };
    assert.deepEqual(at(await depFindings(ID, { code, path: 'app.py', files, registry: registryWith() })), []);
  });

  it('a made-up import stays a finding beside a declared distribution with an unrelated name', async () => {
    const files = { 'requirements.txt': 'requests\nflask\n' };
    assert.deepEqual(at(await depFindings(ID, { code: 'import flask\nimport flaskx_magic_zz\n', path: 'app.py', files, registry: registryWith() })), ['2:8']);
  });

  it('Python 2 modules in compatibility branches and 3.14 stdlib packages are never looked up', async () => {
    const registry = registryWith();
    const code = 'if PY2:\n    import StringIO\n    from urllib2 import urlopen\nelse:\n    from compression import zstd\n';
    assert.deepEqual(at(await depFindings(ID, { code, path: 'compat.py', registry })), []);
    assert.deepEqual(registry.lookups, []);
  });
});
