// Debug and metrics endpoints without a guard (issue 10). Valid: the same endpoints behind an auth
// middleware, an earlier router-level auth, a handler check, an internal app or port, a development
// check; names that only look like the sources (a local `os`, `process.env.PORT`).
import { at, ruleTester, type InvalidCase } from '../harness';

const RULE = 'unguarded-debug-endpoint';
/** One finding spanning the last occurrence of `text`. */
const one = (code: string, text: string, kind: string, extra: object = {}, language?: 'python'): InvalidCase =>
  ({ code, ...(language ? { language } : {}), errors: [{ ...at(code, text, kind, { after: code.slice(0, code.lastIndexOf(text) + text.length) }), ...extra }] });

const EXPRESS = "const express = require('express');\nconst app = express();\n";
const PROM = EXPRESS + "const client = require('prom-client');\nconst register = client.register;\n";
const METRICS = "async (req, res) => {\n  res.set('Content-Type', register.contentType);\n  res.end(await register.metrics());\n}";
const API_SERVER = "const config = require('wild-config');\nconst restify = require('restify');\nconst promClient = require('prom-client');\nclass ApiServer {\n  constructor() {\n    this.server = restify.createServer();\n    this.server.get('/metrics', async (req, res) => {\n      res.end(await promClient.register.metrics());\n    });\n  }\n  start(done) {\n    this.server.listen(config.api.port, config.api.host, done);\n  }\n}\nmodule.exports = ApiServer;";
const apiConfig = (host: string) => `'use strict';\nmodule.exports = {\n  api: {\n    port: 12080,\n    host: '${host}'\n  }\n};`;
const FLASK = 'import os\nfrom flask import Flask, jsonify\napp = Flask(__name__)\n';

ruleTester(RULE, 'javascript', {
  valid: [
    PROM + `app.get('/metrics', requireAuth, ${METRICS});`,
    PROM + `app.get('/metrics', basicAuth({ users: { admin: process.env.METRICS_PASSWORD } }), ${METRICS});`,
    PROM + `const metricsApp = express();\nmetricsApp.get('/metrics', ${METRICS});\nmetricsApp.listen(9100);`,
    PROM + `const server = express();\nserver.get('/metrics', ${METRICS});\nserver.listen(9100, 'localhost');`,
    PROM + `const router = express.Router();\nrouter.use(authenticate);\nrouter.get('/metrics', ${METRICS});`,
    // A guard mounted at a path covers the routes under it.
    PROM + `app.use('/internal', requireAuth);\napp.get('/internal/metrics', ${METRICS});`,
    PROM + `app.use('/ops/', requireAdmin);\napp.get('/ops', ${METRICS});`,
    EXPRESS + "app.use('/admin', ensureAdmin);\napp.use('/admin', require('express-status-monitor')());",
    PROM + "app.get('/metrics', async (req, res) => {\n  if (req.headers.authorization !== `Bearer ${process.env.METRICS_TOKEN}`) return res.sendStatus(401);\n  res.end(await register.metrics());\n});",
    EXPRESS + "if (process.env.NODE_ENV !== 'production') {\n  app.get('/debug/env', (req, res) => res.json(process.env));\n}",
    EXPRESS + "app.get('/config', (req, res) => res.json({ port: process.env.PORT, region: process.env.REGION }));",
    EXPRESS + "app.get('/status', (req, res) => res.json({ uptime: process.uptime(), ok: true }));",
    EXPRESS + "app.post('/run', (req, res) => { spawn('job', { env: process.env }); res.sendStatus(202); });",
    // A local `os` is not the os module; a metrics() method on something else is not prom-client.
    EXPRESS + "const os = { hostname: () => 'x' };\napp.get('/debug', (req, res) => res.json({ host: os.hostname() }));",
    EXPRESS + "app.get('/stats', async (req, res) => res.json(await analytics.metrics()));",
    EXPRESS + "const statusMonitor = require('express-status-monitor');\napp.use(ensureAdmin, statusMonitor());",
    EXPRESS + "const swStats = require('swagger-stats');\napp.use(swStats.getMiddleware({ authentication: true, onAuthenticate: check }));",
    { code: FLASK + '@app.route("/debug/env")\n@login_required\ndef env():\n    return jsonify(dict(os.environ))', language: 'python' },
    { code: FLASK + 'if app.debug:\n    @app.route("/debug/env")\n    def env():\n        return jsonify(dict(os.environ))', language: 'python' },
    { code: FLASK + '@app.route("/home")\ndef home():\n    return jsonify(region=os.environ.get("REGION"))', language: 'python' },
    { code: 'from werkzeug.debug import DebuggedApplication\nimport os\nif os.environ.get("FLASK_ENV") == "development":\n    app.wsgi_app = DebuggedApplication(app.wsgi_app, evalex=True)', language: 'python' },
    { code: 'from werkzeug.debug import DebuggedApplication\napp.wsgi_app = DebuggedApplication(app.wsgi_app, evalex=False)', language: 'python' },
    // A helper that every call of the file makes under a debug switch (fresh sample: MapProxy's wrap_wsgi_debug).
    { code: 'def make_app(conf, debug=False):\n    app = App(conf)\n    if debug:\n        app = add_console(app)\n    return app\n\ndef add_console(app):\n    from werkzeug.debug import DebuggedApplication\n    return DebuggedApplication(app, evalex=True)', language: 'python' },
    { code: 'DEBUG_TOOLBAR_CONFIG = {"SHOW_TOOLBAR_CALLBACK": "myapp.toolbar.show"}', language: 'python', path: 'mysite/settings.py' },
    { code: 'DEBUG_TOOLBAR_CONFIG = {"SHOW_TOOLBAR_CALLBACK": lambda request: True}', language: 'python', path: 'mysite/settings/local.py' },
    { code: 'from prometheus_client import generate_latest\n@app.route("/metrics")\n@auth.login_required\ndef metrics():\n    return generate_latest()', language: 'python' },
    { code: 'import os\nfrom fastapi import Depends\n@app.get("/debug/env")\ndef env(user=Depends(get_current_user)):\n    return dict(os.environ)', language: 'python' },
    EXPRESS + "app.get('/version', (req, res) => res.json({ versions: process.versions }));",
    // A template gets the environment to read from, not to print whole: not an answer by itself.
    EXPRESS + "app.get('/', (req, res) => res.render('index', { env: process.env }));",
    { code: FLASK + '@app.route("/")\ndef index():\n    return render_template("index.html", env=os.environ)', language: 'python' },
    { code: FLASK + '@app.route("/debug/flags")\ndef flags():\n    return jsonify({k: v for k, v in app.config.get("FEATURES", {}).items()})', language: 'python' },
    // written to the server's temp folder, the answer only says so: nothing goes out (held-out sample: unleash's /heap-snapshot)
    EXPRESS + "import { join } from 'path';\nimport { tmpdir } from 'os';\nimport { writeHeapSnapshot } from 'v8';\napp.get('/heap-snapshot', async (_req, res) => {\n  const fileName = join(tmpdir(), `app-${Date.now()}.heapsnapshot`);\n  writeHeapSnapshot(fileName);\n  res.status(200);\n  res.end('Snapshot written');\n});",
  ],
  invalid: [
    one(EXPRESS + "app.get('/debug/env', (req, res) => res.json(process.env));", 'process.env', 'env', { severity: 'error', confidence: 'high' }),
    one(EXPRESS + "app.get('/_debug', (req, res) => {\n  res.send({ env: { ...process.env }, versions: process.versions });\n});", 'process.env', 'env'),
    one(PROM + `app.get('/metrics', ${METRICS});`, 'register.metrics()', 'metrics', { severity: 'warning', confidence: 'medium' }),
    one(EXPRESS + "const { register } = require('prom-client');\nrouter.get('/metrics', async (_req, res) => res.send(await register.metrics()));", 'register.metrics()', 'metrics'),
    // On an app or router another file mounts, guards may sit at the mount (flowise's /api/v1 auth): one step less sure.
    one("const client = require('prom-client');\nclass Prometheus {\n  constructor(app) { this.app = app; this.register = client.register; }\n  setup() {\n    this.app.use('/api/v1/metrics', async (req, res) => res.send(await this.register.metrics()));\n  }\n}", 'this.register.metrics()', 'metrics', { severity: 'info', confidence: 'low' }),
    one("const router = require('express').Router();\nrouter.get('/debug/env', (req, res) => res.json(process.env));\nmodule.exports = router;", 'process.env', 'env', { severity: 'error', confidence: 'medium' }),
    one(EXPRESS + "const v8 = require('v8');\napp.get('/heapdump', (req, res) => {\n  const file = v8.writeHeapSnapshot();\n  res.download(file);\n});", 'v8.writeHeapSnapshot()', 'heap'),
    // handed out from a callback, or streamed from the file it wrote
    one(EXPRESS + "const heapdump = require('heapdump');\napp.get('/debug/heap', (req, res) => {\n  heapdump.writeSnapshot('/tmp/h.heapsnapshot', (err, f) => res.sendFile(f));\n});", "heapdump.writeSnapshot('/tmp/h.heapsnapshot', (err, f) => res.sendFile(f))", 'heap'),
    one(EXPRESS + "import { writeHeapSnapshot } from 'v8';\nimport { createReadStream } from 'fs';\napp.get('/heap', (req, res) => {\n  const f = writeHeapSnapshot();\n  createReadStream(f).pipe(res);\n});", 'writeHeapSnapshot()', 'heap'),
    one(EXPRESS + "const v8 = require('v8');\napp.get('/heap', (req, res) => {\n  v8.getHeapSnapshot().pipe(res);\n});", 'v8.getHeapSnapshot()', 'heap'),
    one(EXPRESS + "const os = require('os');\napp.get('/debug/system', (req, res) => res.json({ user: os.userInfo(), net: os.networkInterfaces() }));", 'os.userInfo()', 'system', { confidence: 'low' }),
    one(EXPRESS + "app.use(require('express-status-monitor')());", "require('express-status-monitor')()", 'dashboard'),
    // A guard mounted at another path (or one that only looks like it) does not cover the route.
    one(PROM + `app.use('/api/orders', limiter, requireAuth, orders);\napp.get('/metrics', ${METRICS});`, 'register.metrics()', 'metrics'),
    one(PROM + `app.use('/internal', requireAuth);\napp.get('/internals/metrics', ${METRICS});`, 'register.metrics()', 'metrics'),
    one(EXPRESS + "app.use('/admin/logs', requireAdmin, express.static('logs'));\napp.get('/debug/env', (req, res) => res.json(process.env));", 'process.env', 'env'),
    one(EXPRESS + "app.use('/admin', ensureAdmin);\napp.use(require('express-status-monitor')());", "require('express-status-monitor')()", 'dashboard'),
    // express-bearer-token reads the token and refuses nobody: not a guard.
    one(EXPRESS + "app.use(bearerToken());\napp.use(require('express-status-monitor')());", "require('express-status-monitor')()", 'dashboard'),
    one(EXPRESS + "import swStats from 'swagger-stats';\napp.use(swStats.getMiddleware({ swaggerSpec: spec }));", 'swStats.getMiddleware({ swaggerSpec: spec })', 'dashboard'),
    // A registry imported from the project's own module, by its name.
    one("import { Router } from 'express';\nimport { register } from '../metrics/prometheus.js';\nconst router = Router();\nrouter.get('/metrics', async (req, res) => {\n  res.send(await register.metrics());\n});", 'register.metrics()', 'metrics'),
    one(EXPRESS + "app.get('/debug', (req, res) => res.json({ versions: process.versions, memory: process.memoryUsage() }));", 'process.versions', 'system'),
    one('import os\nfrom fastapi import Depends\n@app.get("/debug/env")\ndef env(db=Depends(get_db)):\n    return dict(os.environ)', 'os.environ', 'env', {}, 'python'),
    // The middleware in the chain is not a guard (json, cors).
    one(EXPRESS + "app.get('/env', cors(), (req, res) => res.json(process.env));", 'process.env', 'env'),
    one(FLASK + '@app.route("/debug/env")\ndef env():\n    return jsonify(dict(os.environ))', 'os.environ', 'env', {}, 'python'),
    one(FLASK + '@app.get("/debug")\ndef debug():\n    return {"globals": str(globals())}', 'globals()', 'env', {}, 'python'),
    // Comprehensions over the whole object: the config's or the globals' items one by one.
    one(FLASK + '@app.route("/debug/config")\ndef debug_config():\n    return jsonify({k: str(v) for k, v in app.config.items()})', 'app.config.items()', 'env', {}, 'python'),
    one('from django.http import JsonResponse\n\ndef dump(request):\n    return JsonResponse({"config": {k: str(v) for k, v in globals().items()}})', 'globals()', 'env', {}, 'python'),
    one(EXPRESS + "app.get('/debug/env', (req, res) => res.json(Object.entries(process.env)));", 'process.env', 'env'),
    one('from django.http import JsonResponse\nimport os\n\ndef debug_env(request):\n    return JsonResponse(os.environ.copy())', 'os.environ.copy()', 'env', {}, 'python'),
    one('from prometheus_client import generate_latest\n@app.route("/metrics")\ndef metrics():\n    return generate_latest()', 'generate_latest()', 'metrics', {}, 'python'),
    one('from werkzeug.debug import DebuggedApplication\napp.wsgi_app = DebuggedApplication(app.wsgi_app, evalex=True)', 'evalex=True', 'debugger', { severity: 'error' }, 'python'),
    // Called once under the switch and once without: the unguarded call turns the console on.
    one('def make_app(conf, debug=False):\n    app = App(conf)\n    if debug:\n        app = add_console(app)\n    return add_console(app)\n\ndef add_console(app):\n    from werkzeug.debug import DebuggedApplication\n    return DebuggedApplication(app, evalex=True)', 'evalex=True', 'debugger', { severity: 'error' }, 'python'),
    // An API server listening on the host its project's default config names (fresh held-out sample: zone-mta's API on
    // `config.api.host`, `'127.0.0.1'` in config/default.js): low, a deployment may override it; another default, or a
    // setting read from no config module, keeps the rule's confidence.
    { ...one(API_SERVER, 'promClient.register.metrics()', 'metrics', { severity: 'info', confidence: 'low' }), path: 'lib/api-server.js', files: { 'config/default.js': apiConfig('127.0.0.1') } },
    { ...one(API_SERVER, 'promClient.register.metrics()', 'metrics', { confidence: 'medium' }), path: 'lib/api-server.js', files: { 'config/default.js': apiConfig('0.0.0.0') } },
    { ...one(API_SERVER.replace("require('wild-config')", "require('./settings')"), 'promClient.register.metrics()', 'metrics', { confidence: 'medium' }), path: 'lib/api-server.js', files: { 'config/default.js': apiConfig('127.0.0.1') } },
    { code: 'DEBUG_TOOLBAR_CONFIG = {"SHOW_TOOLBAR_CALLBACK": lambda request: True}', language: 'python', path: 'mysite/settings.py', errors: [at('DEBUG_TOOLBAR_CONFIG = {"SHOW_TOOLBAR_CALLBACK": lambda request: True}', 'lambda request: True', 'toolbar')] },
  ],
});
