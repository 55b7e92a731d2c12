// removed-package-api on Python: Django names removed in 3.0–5.1 and settings removed since 1.10 (rules/removed-apis/pypi.json), reported only
// when the project's Django (installed, declared, locked) is at or past the removal; import-traced only.
// The negatives are what a grep for `force_text` or `url(` would flag.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { testEngine } from '../../engine';
import { applyEdits, caseServices } from '../harness';

const REQ = (spec: string) => ({ 'requirements.txt': `Django${spec}\ncelery>=5\n` });
const D42 = REQ('>=4.2,<5');
const D51 = REQ('==5.1.3');

interface Expected { text: string; nth?: number; message: string; confidence?: string; severity?: string }

async function findings(code: string, files: Record<string, string>, path = 'app/views.py') {
  const engine = await testEngine();
  const r = await engine.analyzeTiers({ text: code, languageId: 'python', path }, caseServices(path, code, files), { budgetMs: 5000, slowBudgetMs: 60_000 });
  assert.deepEqual(r.notices.filter((n) => n.kind === 'detector-error' || n.kind === 'detector-timeout'), []);
  return r.findings.filter((f) => f.ruleId === 'removed-package-api');
}

function span(code: string, text: string, nth = 0) {
  let start = -1;
  for (let i = 0; i <= nth; i++) start = code.indexOf(text, start + 1);
  assert.ok(start >= 0, `${text} not in the case`);
  const pos = (o: number) => { const b = code.slice(0, o).split('\n'); return `${b.length}:${b[b.length - 1].length + 1}`; };
  return `${pos(start)}-${pos(start + text.length)}`;
}

const where = (code: string, f: { range: { start: { line: number; character: number }; end: { line: number; character: number } } }) =>
  `${f.range.start.line + 1}:${f.range.start.character + 1}-${f.range.end.line + 1}:${f.range.end.character + 1}`;

function bad(name: string, code: string, files: Record<string, string>, expected: Expected[], output?: string, path?: string) {
  it(name, async function () {
    this.timeout(30_000);
    const found = await findings(code, files, path);
    assert.deepEqual(found.map((f) => ({ at: where(code, f), message: f.message, confidence: f.confidence, severity: f.severity })),
      expected.map((e) => ({ at: span(code, e.text, e.nth), message: e.message, confidence: e.confidence ?? 'high', severity: e.severity ?? 'error' })));
    if (output !== undefined) {
      const edits = found.flatMap((f) => f.fix?.edits ?? []);
      assert.equal(applyEdits(code, edits), output);
    }
  });
}

function ok(name: string, code: string, files: Record<string, string>, path?: string) {
  it(name, async function () {
    this.timeout(30_000);
    assert.deepEqual((await findings(code, files, path)).map((f) => f.message), []);
  });
}

describe('removed-package-api (Python, Django)', () => {
  describe('valid', () => {
    ok('Django 3.2 pinned: force_text still exists', 'from django.utils.encoding import force_text\n\nforce_text(b"x")\n', REQ('==3.2.18'));
    ok('a range that allows Django 3.x, nothing installed or locked', 'from django.utils.translation import ugettext_lazy as _\n', REQ('>=2.2'));
    ok('Django declared nowhere: nothing is assumed', 'from django.utils.encoding import force_text\n', {});
    ok('Django unpinned', 'from django.conf.urls import url\n', REQ(''));
    ok('try/except ImportError fallback', 'try:\n    from django.utils.encoding import force_text\nexcept ImportError:\n    from django.utils.encoding import force_str as force_text\n', D42);
    ok('behind a version check', 'import django\nif django.VERSION < (4, 0):\n    from django.conf.urls import url\nelse:\n    from django.urls import re_path as url\n', D42);
    ok('behind a check of an imported VERSION under another name', 'from django import VERSION as DJ_VERSION\nif DJ_VERSION >= (4, 0):\n    from django.urls import re_path\nelse:\n    from django.conf.urls import url as re_path\n', D42);
    ok('behind a check of django.__version__', 'import django\nif django.__version__ < "4":\n    from django.utils.encoding import force_text\n', D42);
    ok("a project's own force_text", 'def force_text(s):\n    return str(s)\n\nforce_text(b"x")\n', D42);
    ok('url imported from another module', 'from rest_framework.compat import url\nfrom .routes import url as route\nfrom myapp.urls import url\n', D42);
    ok('is_ajax on something that is not a view request', 'from django.http import JsonResponse\n\ndef helper(req, request):\n    return request.is_ajax()\n', D42);
    ok('is_ajax behind hasattr', 'from django.http import JsonResponse\n\ndef view(request):\n    if hasattr(request, "is_ajax") and request.is_ajax():\n        return JsonResponse({})\n', D42);
    ok('a view of another framework in a file that only mentions Django', '# ported from the django version\nfrom pyramid.view import view_config\n\ndef search(request):\n    return request.is_ajax()\n', D42);
    ok('request rebound in the view', 'from django.http import JsonResponse\n\ndef view(request):\n    request = wrap(request)\n    return request.is_ajax()\n', D42);
    ok('timezone.utc on Django 4.2 (removed in 5.0)', 'from django.utils import timezone\nnow = timezone.now().astimezone(timezone.utc)\n', D42);
    ok('timezone rebound to another module', 'from django.utils import timezone\nimport datetime as timezone\nx = timezone.utc\n', D51);
    ok('NullBooleanField in a historical migration', 'from django.db import migrations, models\nf = models.NullBooleanField()\n', D42, 'app/migrations/0001_initial.py');
    ok('NullBooleanField registered or passed, not declared: the class still exists for migrations', 'from django.db import models\n\n@converter.register(models.NullBooleanField)\ndef convert(field):\n    return Boolean\n\ncheck(models.NullBooleanField, Boolean)\n', D42);
    ok('postgres JSONField imported but no field declared with it', 'from django.contrib.postgres.fields import JSONField\n\nKNOWN = (JSONField,)\n', D42);
    ok('timezone.utc behind except AttributeError', 'from django.utils import timezone\ntry:\n    UTC = timezone.utc\nexcept AttributeError:\n    UTC = datetime.timezone.utc\n', D51);
    ok('a dotted path in a list of supported backends, not a setting', "SUPPORTED_CACHE_BACKENDS = {\n    'django.core.cache.backends.memcached.MemcachedCache',\n    'django.core.cache.backends.memcached.PyMemcacheCache',\n}\n", D42);
    ok('MemcachedCache configured on Django 4.0 (removed in 4.1)', "CACHES = {'default': {'BACKEND': 'django.core.cache.backends.memcached.MemcachedCache'}}\n", REQ('~=4.0.10'));
    const SETTINGS = "INSTALLED_APPS = ['django.contrib.admin', 'django.contrib.auth']\n";
    ok('USE_L10N in settings on Django 4.2 (removed in 5.0)', SETTINGS + 'USE_L10N = True\n', D42, 'proj/settings.py');
    ok('MIDDLEWARE_CLASSES beside MIDDLEWARE: kept for older releases on purpose', SETTINGS + "MIDDLEWARE = ['a.B']\nMIDDLEWARE_CLASSES = MIDDLEWARE\n", D51, 'proj/settings.py');
    ok('an empty removed setting asked for nothing (a test settings module for older releases)', SETTINGS + 'MIDDLEWARE_CLASSES = ()\nTEMPLATE_DIRS = []\n', D51, 'proj/settings.py');
    ok('a removed setting behind a Django version check', SETTINGS + 'import django\nif django.VERSION < (5, 0):\n    USE_L10N = True\n', D51, 'proj/settings.py');
    ok('a removed setting name outside a settings module, in a class, or only read', "from django.conf import settings\nUSE_L10N = True\n\nclass Defaults:\n    USE_L10N = True\n\ndef fmt():\n    USE_L10N = settings.USE_L10N\n    return USE_L10N\n", D51);
    ok('a settings class body (django-configurations) or a function in a settings module', SETTINGS + 'class Base(Configuration):\n    USE_L10N = True\n\ndef configure():\n    USE_L10N = False\n    return USE_L10N\n', D51, 'proj/settings.py');
    ok('index_together on Django 4.2', 'from django.db import models\n\nclass Post(models.Model):\n    class Meta:\n        index_together = [("a", "b")]\n', D42);
  });

  describe('invalid', () => {
    bad('force_text on Django 4.2 (requirements range)', 'from django.utils.encoding import force_text\n\nlabel = force_text(value)\n', D42,
      [{ text: 'force_text', message: '`force_text` was removed in Django 4.0 and requirements.txt declares Django >=4.2,<5: use `force_str`.' }],
      'from django.utils.encoding import force_str\n\nlabel = force_str(value)\n');
    bad('ugettext_lazy as _ : only the import is renamed', 'from django.utils.translation import ugettext_lazy as _\n\nTITLE = _("Title")\n', D42,
      [{ text: 'ugettext_lazy', message: '`ugettext_lazy` was removed in Django 4.0 and requirements.txt declares Django >=4.2,<5: use `gettext_lazy`.' }],
      'from django.utils.translation import gettext_lazy as _\n\nTITLE = _("Title")\n');
    bad('url() from django.conf.urls, alone in its import: moved to django.urls.re_path', 'from django.conf.urls import url\n\nurlpatterns = [url(r"^$", index)]\n', D51,
      [{ text: 'url', nth: 1, message: '`url` was removed in Django 4.0 and requirements.txt declares Django ==5.1.3: use `django.urls.re_path`.' }],
      'from django.urls import re_path\n\nurlpatterns = [re_path(r"^$", index)]\n');
    bad('url() beside include: no fix', 'from django.conf.urls import include, url\n', D42,
      [{ text: 'url', nth: 1, message: '`url` was removed in Django 4.0 and requirements.txt declares Django >=4.2,<5: use `django.urls.re_path`.' }],
      'from django.conf.urls import include, url\n');
    bad('force_text also a parameter name elsewhere in the file: reported, no rename (a caller passing it by keyword would break)',
      'from django.utils.encoding import force_text\n\nlabel = force_text(value)\n\ndef show(force_text):\n    return force_text\n', D42,
      [{ text: 'force_text', message: '`force_text` was removed in Django 4.0 and requirements.txt declares Django >=4.2,<5: use `force_str`.' }],
      'from django.utils.encoding import force_text\n\nlabel = force_text(value)\n\ndef show(force_text):\n    return force_text\n');
    bad('behind a check of the app\'s own api_version: still reported',
      'if api_version >= 2:\n    from django.utils.encoding import force_text\n', D42,
      [{ text: 'force_text', message: '`force_text` was removed in Django 4.0 and requirements.txt declares Django >=4.2,<5: use `force_str`.' }]);
    bad('url also a loop variable: reported, no rename',
      'from django.conf.urls import url\n\nurlpatterns = [url(r"^$", index)]\nfor url in LINKS:\n    check(url)\n', D51,
      [{ text: 'url', nth: 1, message: '`url` was removed in Django 4.0 and requirements.txt declares Django ==5.1.3: use `django.urls.re_path`.' }],
      'from django.conf.urls import url\n\nurlpatterns = [url(r"^$", index)]\nfor url in LINKS:\n    check(url)\n');
    bad('django.utils.six, the whole module', 'from django.utils import six\nfrom django.utils.six.moves import urllib\n', D42, [
      { text: 'six', message: '`django.utils.six` was removed in Django 3.0 and requirements.txt declares Django >=4.2,<5: use the `six` package, or plain Python 3.' },
      { text: 'django.utils.six.moves', message: '`django.utils.six.moves` was removed in Django 3.0 and requirements.txt declares Django >=4.2,<5: use the `six` package, or plain Python 3.' },
    ]);
    bad('timezone.utc through the module alias on Django 5.1', 'from django.utils import timezone\nnow = timezone.now().astimezone(timezone.utc)\n', D51,
      [{ text: 'utc', message: '`timezone.utc` was removed in Django 5.0 and requirements.txt declares Django ==5.1.3: use `datetime.timezone.utc`.' }]);
    bad('models.NullBooleanField in a model', 'from django.db import models\n\nclass Flag(models.Model):\n    on = models.NullBooleanField()\n', D42,
      [{ text: 'NullBooleanField', message: '`models.NullBooleanField` was removed in Django 4.0 and requirements.txt declares Django >=4.2,<5: use `BooleanField(null=True)`.' }], undefined, 'app/models.py');
    bad('postgres JSONField imported and declared as a model field', 'from django.contrib.postgres.fields import JSONField\nfrom django.db import models\n\nclass Event(models.Model):\n    data = JSONField()\n', D42,
      [{ text: 'JSONField', message: '`JSONField` was removed in Django 4.0 and requirements.txt declares Django >=4.2,<5: use `django.db.models.JSONField`.' }], undefined, 'app/models.py');
    bad('timezone.utc inside try/except Exception that is not a fallback', 'from django.utils import timezone\n\ndef parse(s):\n    try:\n        return timezone.make_aware(strptime(s), timezone.utc)\n    except Exception:\n        return None\n', D51,
      [{ text: 'utc', message: '`timezone.utc` was removed in Django 5.0 and requirements.txt declares Django ==5.1.3: use `datetime.timezone.utc`.' }]);
    bad('settings naming removed classes by dotted path', "CACHES = {\n    'default': {\n        'BACKEND': 'django.core.cache.backends.memcached.MemcachedCache',\n    },\n}\nSESSION_SERIALIZER = 'django.contrib.sessions.serializers.PickleSerializer'\nPASSWORD_HASHERS = ['django.contrib.auth.hashers.PBKDF2PasswordHasher', 'django.contrib.auth.hashers.SHA1PasswordHasher']\n", D51, [
      { text: 'django.core.cache.backends.memcached.MemcachedCache', message: '`django.core.cache.backends.memcached.MemcachedCache` was removed in Django 4.1 and requirements.txt declares Django ==5.1.3: use `PyMemcacheCache` or `PyLibMCCache`.' },
      { text: 'django.contrib.sessions.serializers.PickleSerializer', message: '`django.contrib.sessions.serializers.PickleSerializer` was removed in Django 5.0 and requirements.txt declares Django ==5.1.3: use `JSONSerializer`.' },
      { text: 'django.contrib.auth.hashers.SHA1PasswordHasher', message: '`django.contrib.auth.hashers.SHA1PasswordHasher` was removed in Django 5.1 and requirements.txt declares Django ==5.1.3: use `PBKDF2PasswordHasher` (or Argon2).' },
    ], undefined, 'proj/settings.py');
    bad('request.is_ajax() in a function view', 'from django.http import JsonResponse\n\ndef search(request):\n    if request.is_ajax():\n        return JsonResponse({})\n', D42,
      [{ text: 'is_ajax', message: "`request.is_ajax()` was removed in Django 4.0 and requirements.txt declares Django >=4.2,<5: use `request.headers.get('x-requested-with') == 'XMLHttpRequest'`, or better the `Accept` header." }]);
    bad('self.request.is_ajax() in a class-based view', 'from django.views.generic import ListView\n\nclass Items(ListView):\n    def get_template_names(self):\n        return ["a.html"] if self.request.is_ajax() else ["b.html"]\n', D42,
      [{ text: 'is_ajax', message: "`self.request.is_ajax()` was removed in Django 4.0 and requirements.txt declares Django >=4.2,<5: use `request.headers.get('x-requested-with') == 'XMLHttpRequest'`, or better the `Accept` header." }]);
    bad('index_together on Django 5.1', 'from django.db import models\n\nclass Post(models.Model):\n    class Meta:\n        index_together = [("a", "b")]\n', D51,
      [{ text: 'index_together', message: '`Meta.index_together` was removed in Django 5.1 and requirements.txt declares Django ==5.1.3: use `Meta.indexes = [models.Index(fields=[…])]`.' }], undefined, 'app/models.py');
    bad('USE_L10N in settings.py on Django 5.1: a setting the release ignores (warning)', "INSTALLED_APPS = ['django.contrib.admin']\nUSE_TZ = True\nUSE_L10N = True\n", D51,
      [{ text: 'USE_L10N', severity: 'warning', message: '`USE_L10N` was removed in Django 5.0 and requirements.txt declares Django ==5.1.3: use nothing: localized formatting is always on (`{% localize off %}` or `unlocalize` where a value must not be localized).' }], undefined, 'proj/settings.py');
    bad('MIDDLEWARE_CLASSES alone in settings/base.py: Django runs no middleware (error)', "import os\nMIDDLEWARE_CLASSES = (\n    'django.middleware.csrf.CsrfViewMiddleware',\n)\n", D42,
      [{ text: 'MIDDLEWARE_CLASSES', message: '`MIDDLEWARE_CLASSES` was removed in Django 2.0 and requirements.txt declares Django >=4.2,<5: use `MIDDLEWARE` (new-style middleware): without it Django runs no middleware at all, so no CSRF protection, sessions, authentication or security headers.' }], undefined, 'proj/settings/base.py');
    bad('TEMPLATE_DIRS in a module that sets INSTALLED_APPS, whatever its name', "INSTALLED_APPS = ['django.contrib.auth']\nTEMPLATE_DIRS = ['templates']\n", D42,
      [{ text: 'TEMPLATE_DIRS', severity: 'warning', message: "`TEMPLATE_DIRS` was removed in Django 1.10 and requirements.txt declares Django >=4.2,<5: use `TEMPLATES = [{'BACKEND': 'django.template.backends.django.DjangoTemplates', 'DIRS': […]}]`." }], undefined, 'config/common.py');
    bad('version from an installed dist-info', 'from django.utils.http import is_safe_url\n', { '.venv/lib/python3.12/site-packages/Django-4.2.7.dist-info/METADATA': 'Name: Django\n' },
      [{ text: 'is_safe_url', message: '`is_safe_url` was removed in Django 4.0 and Django 4.2.7 is installed here: use `url_has_allowed_host_and_scheme`.' }]);
    bad('version from poetry.lock when pyproject allows older releases', 'from django.utils.encoding import smart_text\n', {
      'pyproject.toml': '[tool.poetry.dependencies]\npython = "^3.10"\ndjango = ">=3.2"\n',
      'poetry.lock': '[[package]]\nname = "django"\nversion = "4.2.11"\n',
    }, [{ text: 'smart_text', message: '`smart_text` was removed in Django 4.0 and the lockfile has Django 4.2.11: use `smart_str`.' }]);
    bad('setup.cfg install_requires', 'from django.shortcuts import render_to_response\n', { 'setup.cfg': '[options]\ninstall_requires =\n    Django>=4.0\n' },
      [{ text: 'render_to_response', message: '`render_to_response` was removed in Django 3.0 and setup.cfg declares Django >=4.0: use `render(request, template, context)`.' }]);
  });

  describe('the data pack', () => {
    const dir = join(__dirname, '..', '..', '..', 'rules', 'removed-apis');
    const pack = JSON.parse(readFileSync(join(dir, 'pypi.json'), 'utf8'));
    it('validates against rules/removed-apis/schema.json', () => {
      const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(join(dir, 'schema.json'), 'utf8')));
      assert.ok(validate(pack), JSON.stringify(validate.errors, null, 2));
      const wrong = JSON.parse(JSON.stringify(pack));
      wrong.packages.django.removed[0].removedIn = 4;
      assert.equal(validate(wrong), false, 'a release is written "4.0"');
    });
    it('every entry once, each within the releases the rule covers', () => {
      const entries: Array<{ module?: string; on?: string; member: string; removedIn: string }> = pack.packages.django.removed;
      const keys = entries.map((e) => `${e.module ?? e.on}.${e.member}`);
      assert.equal(new Set(keys).size, keys.length);
      for (const name of ['flask', 'werkzeug', 'openai', 'pydantic']) {
        const others: Array<{ module?: string; on?: string; member: string }> = (pack.packages as Record<string, { removed: Array<{ module?: string; on?: string; member: string }> }>)[name].removed;
        assert.equal(new Set(others.map((e) => `${e.module ?? e.on}.${e.member}`)).size, others.length, name);
        assert.ok(others.every((e) => (e.on ? e.on.startsWith(`${name}-`) : e.module === name || e.module?.startsWith(`${name}.`))), name);
      }
      // Names and signatures: 3.0–5.1; settings (a settings module's assignments) since the 1.10 and 2.0 removals too.
      assert.deepEqual([...new Set(entries.filter((e) => e.on !== 'setting').map((e) => e.removedIn))].sort(), ['3.0', '3.1', '4.0', '4.1', '5.0', '5.1']);
      assert.deepEqual([...new Set(entries.filter((e) => e.on === 'setting').map((e) => e.removedIn))].sort(), ['1.10', '2.0', '3.0', '3.1', '4.0', '5.0', '5.1']);
    });
  });
});

describe('removed-package-api (Python, Flask and Werkzeug)', () => {
  const F30 = { 'requirements.txt': 'Flask==3.0.3\n' };
  const F22 = { 'requirements.txt': 'Flask==2.2.5\n' };
  describe('valid', () => {
    ok('escape from flask on Flask 2.2 (removed in 3.0)', 'from flask import Flask, escape\n\nsafe = escape(name)\n', F22);
    ok('escape and Markup from markupsafe', 'from markupsafe import escape, Markup\nfrom flask import Flask\n', F30);
    ok('url_quote from werkzeug.urls with neither Werkzeug nor Flask pinned', 'from werkzeug.urls import url_quote\n', { 'requirements.txt': 'Flask>=2\n' });
    ok('iri_to_uri stays in werkzeug.urls', 'from werkzeug.urls import iri_to_uri\n', F30);
    ok('a project module named like the old one', 'from .urls import url_quote\nfrom myapp.security import safe_str_cmp\n', F30);
    const APP = 'from flask import Flask\n\napp = Flask(__name__)\n';
    ok('before_first_request and config keys on Flask 2.2', APP + '@app.before_first_request\ndef setup():\n    pass\n\napp.config["JSON_SORT_KEYS"] = False\n', F22);
    ok('an app the file does not make, or rebinds', 'from flask import current_app\n\ndef init(app):\n    app.json_encoder = Enc\n    current_app.config["JSON_AS_ASCII"] = False\n', F30);
    ok('another object beside an app the file makes', APP + 'def init(other):\n    other.json_encoder = Enc\n    other.config["JSON_AS_ASCII"] = False\n', F30);
    ok('an app rebound to another object', APP + 'app = DispatcherMiddleware(app)\napp.before_first_request(setup)\n', F30);
    ok('other members and keys; a probe with hasattr', APP + 'app.json.sort_keys = False\napp.config["SESSION_COOKIE_NAME"] = "s"\nif hasattr(app, "before_first_request"):\n    app.before_first_request(setup)\n', F30);
    ok('url_quote behind an ImportError fallback', 'try:\n    from werkzeug.urls import url_quote\nexcept ImportError:\n    from urllib.parse import quote as url_quote\n', F30);
  });
  describe('invalid', () => {
    bad('escape from flask on Flask 3.0', 'from flask import Flask, escape\n\nsafe = escape(name)\n', F30,
      [{ text: 'escape', message: '`escape` was removed in Flask 3.0 and requirements.txt declares Flask ==3.0.3: use `markupsafe.escape`.' }]);
    bad('JSONEncoder from flask.json on Flask 2.3', 'from flask.json import JSONEncoder\n\nclass Enc(JSONEncoder):\n    pass\n', { 'requirements.txt': 'flask~=2.3.2\n' },
      [{ text: 'JSONEncoder', message: '`JSONEncoder` was removed in Flask 2.3 and requirements.txt declares flask ~=2.3.2: use a `flask.json.provider.DefaultJSONProvider` subclass set as `app.json_provider_class`.' }]);
    bad('@app.before_first_request on Flask 3.0 (removed in 2.3)', 'from flask import Flask\n\napp = Flask(__name__)\n\n@app.before_first_request\ndef setup():\n    pass\n', F30,
      [{ text: 'before_first_request', message: '`app.before_first_request` was removed in Flask 2.3 and requirements.txt declares Flask ==3.0.3: use one setup call where the app is made (the app factory), or `with app.app_context():` at startup.' }]);
    bad('app.json_encoder assigned, on a blueprint too', 'import flask\n\napp = flask.Flask(__name__)\nbp = flask.Blueprint("b", __name__)\napp.json_encoder = Enc\nbp.before_app_first_request(setup)\n', F30, [
      { text: 'json_encoder', message: '`app.json_encoder` was removed in Flask 2.3 and requirements.txt declares Flask ==3.0.3: use a `flask.json.provider.DefaultJSONProvider` subclass: `app.json = MyProvider(app)` (assigning `json_encoder` is silently ignored).' },
      { text: 'before_app_first_request', message: '`bp.before_app_first_request` was removed in Flask 2.3 and requirements.txt declares Flask ==3.0.3: use one setup call where the app is made, or `with app.app_context():` at startup.' },
    ]);
    bad('config keys Flask ignores since 2.3 (warnings): assigned, updated, set by default', 'from flask import Flask\n\napp = Flask(__name__)\napp.config["JSON_SORT_KEYS"] = False\napp.config.update(JSON_AS_ASCII=False, DEBUG=True)\napp.config.setdefault("JSONIFY_PRETTYPRINT_REGULAR", True)\n', F30, [
      { text: '"JSON_SORT_KEYS"', severity: 'warning', message: "`app.config['JSON_SORT_KEYS']` was removed in Flask 2.3 and requirements.txt declares Flask ==3.0.3: use `app.json.sort_keys = False` (the key is ignored)." },
      { text: 'JSON_AS_ASCII', severity: 'warning', message: "`app.config['JSON_AS_ASCII']` was removed in Flask 2.3 and requirements.txt declares Flask ==3.0.3: use `app.json.ensure_ascii = False` (the key is ignored)." },
      { text: '"JSONIFY_PRETTYPRINT_REGULAR"', severity: 'warning', message: "`app.config['JSONIFY_PRETTYPRINT_REGULAR']` was removed in Flask 2.3 and requirements.txt declares Flask ==3.0.3: use `app.json.compact = False` (the key is ignored)." },
    ]);
    bad('url_quote on Werkzeug 3 pinned', 'from werkzeug.urls import url_quote, iri_to_uri\n', { 'requirements.txt': 'Werkzeug==3.0.1\n' },
      [{ text: 'url_quote', message: '`url_quote` was removed in Werkzeug 3.0 and requirements.txt declares Werkzeug ==3.0.1: use `urllib.parse.quote`.' }]);
    bad('url_quote with Flask 3.0 pinned: Flask 3.0 requires Werkzeug 3.0', 'from werkzeug.urls import url_quote\n', F30,
      [{ text: 'url_quote', message: '`url_quote` was removed in Werkzeug 3.0 and requirements.txt declares Flask ==3.0.3, which requires Werkzeug 3.0 or later: use `urllib.parse.quote`.' }]);
    bad('safe_str_cmp with Flask 2.2 pinned (Werkzeug 2.2 or later)', 'from werkzeug.security import safe_str_cmp\n\nok = safe_str_cmp(a, b)\n', F22,
      [{ text: 'safe_str_cmp', message: '`safe_str_cmp` was removed in Werkzeug 2.1 and requirements.txt declares Flask ==2.2.5, which requires Werkzeug 2.2 or later: use `hmac.compare_digest`.' }]);
  });
});

describe('removed-package-api (Python, openai and pydantic)', () => {
  const V1 = { 'requirements.txt': 'openai>=1.3\n' };
  const OLD = { 'requirements.txt': 'openai==0.28.1\n' };
  describe('valid', () => {
    ok('openai.ChatCompletion on openai 0.28', 'import openai\n\nr = openai.ChatCompletion.create(model="gpt-4", messages=m)\n', OLD);
    ok('the 1.x client', 'import openai\nfrom openai import OpenAI, RateLimitError\n\nopenai.api_key = key\nclient = OpenAI()\nr = client.chat.completions.create(model="gpt-4", messages=m)\n', V1);
    ok('a name openai bound twice (a client, not the module)', 'import openai\nopenai = make_client()\nr = openai.ChatCompletion.create()\n', V1);
    ok('openai unpinned: nothing is assumed', 'import openai\nr = openai.Completion.create(prompt=p)\n', { 'requirements.txt': 'openai\n' });
    ok('BaseSettings from pydantic_settings, or from pydantic 1.x', 'from pydantic_settings import BaseSettings\n', { 'requirements.txt': 'pydantic>=2\n' });
    ok('BaseSettings on pydantic 1.10', 'from pydantic import BaseSettings\n', { 'requirements.txt': 'pydantic==1.10.13\n' });
  });
  describe('invalid', () => {
    bad('openai.ChatCompletion.create on openai 1.x', 'import openai\n\nr = openai.ChatCompletion.create(model="gpt-4", messages=m)\n', V1,
      [{ text: 'ChatCompletion', message: '`openai.ChatCompletion` was removed in openai 1.0 and requirements.txt declares openai >=1.3: use a client: `OpenAI().chat.completions.create(...)`.' }]);
    bad('from openai import Embedding; openai.error in an except', 'import openai\nfrom openai import Embedding\n\ntry:\n    e = Embedding.create(input=t)\nexcept openai.error.RateLimitError:\n    pass\n', V1, [
      { text: 'Embedding', message: '`Embedding` was removed in openai 1.0 and requirements.txt declares openai >=1.3: use a client: `OpenAI().embeddings.create(...)`.' },
      { text: 'error', message: '`openai.error` was removed in openai 1.0 and requirements.txt declares openai >=1.3: use the top-level exceptions: `openai.APIError`, `openai.RateLimitError`, `openai.APIConnectionError`, ….' },
    ]);
    bad('from pydantic import BaseSettings on pydantic 2', 'from pydantic import BaseModel, BaseSettings\n\nclass S(BaseSettings):\n    debug: bool = False\n', { 'pyproject.toml': '[project]\ndependencies = ["pydantic>=2.5"]\n' },
      [{ text: 'BaseSettings', message: '`BaseSettings` was removed in pydantic 2.0 and pyproject.toml declares pydantic >=2.5: use `from pydantic_settings import BaseSettings` (the pydantic-settings package).' }]);
  });
});
