// Static serving rooted at the project, at logs/backups/VCS folders, or with dotfiles on (issue 10);
// valid: ordinary asset folders, folders only mentioned, guarded mounts, shadowed names.
import { at, ruleTester, type InvalidCase } from '../harness';

const RULE = 'sensitive-folder-served';
/** One finding spanning the last occurrence of `text`. */
const one = (code: string, text: string, kind: string, extra: object = {}, language?: 'python'): InvalidCase =>
  ({ code, ...(language ? { language } : {}), errors: [{ ...at(code, text, kind, { after: code.slice(0, code.lastIndexOf(text) + text.length) }), ...extra }] });

const EXPRESS = "const express = require('express');\nconst path = require('path');\nconst app = express();\n";
const FLASK = 'from flask import Flask, send_from_directory\napp = Flask(__name__)\n';

ruleTester(RULE, 'javascript', {
  valid: [
    EXPRESS + "app.use(express.static('public'));",
    // a root name with a folder after it serves that folder (Apostrophe's asset module)
    EXPRESS + "app.use(express.static(self.apos.rootDir + '/public', {}));",
    EXPRESS + "app.use(express.static(path.join(__dirname, 'public')));",
    EXPRESS + "app.use('/static', express.static(path.join(__dirname, '..', 'client', 'dist')));",
    EXPRESS + "app.use(express.static(__dirname + '/public'));",
    EXPRESS + "app.use('/vendor', express.static(path.join(__dirname, 'node_modules/bootstrap/dist')));",
    // one package's folder inside node_modules, joined part by part
    EXPRESS + "app.use('/json-viewer', express.static(path.join(__dirname, '..', 'node_modules', 'jquery.json-viewer', 'json-viewer')));",
    // A folder named logs that is written to, not served.
    EXPRESS + "const logDir = path.join(__dirname, 'logs');\nfs.mkdirSync(logDir, { recursive: true });\napp.use(express.static('public'));",
    // Behind an auth middleware in the same chain, or only in development.
    EXPRESS + "app.use('/logs', requireAdmin, express.static(path.join(__dirname, 'logs')));",
    EXPRESS + "if (process.env.NODE_ENV !== 'production') {\n  app.use(express.static(__dirname));\n}",
    // Not express: a local function called static, a parameter as the folder.
    "function serve(dir) { return express.static(dir); }",
    "const express = { static: (d) => d };\napp.use(express.static('.'));",
    EXPRESS + "app.use(express.static('public', { dotfiles: 'ignore' }));",
    { code: FLASK + '@app.route("/files/<path:name>")\ndef files(name):\n    return send_from_directory("uploads", name)', language: 'python' },
    { code: FLASK + '@app.route("/favicon.ico")\ndef favicon():\n    return send_from_directory(app.root_path, "favicon.ico")', language: 'python' },
    { code: 'from fastapi.staticfiles import StaticFiles\napp.mount("/static", StaticFiles(directory="static"), name="static")', language: 'python' },
    { code: 'from django.conf import settings\nfrom django.conf.urls.static import static\nurlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)', language: 'python' },
  ],
  invalid: [
    one(EXPRESS + 'app.use(express.static(__dirname));', '__dirname', 'root', { severity: 'error', confidence: 'high' }),
    one(EXPRESS + "app.use(express.static('.'));", "'.'", 'root'),
    one(EXPRESS + 'app.use(express.static(process.cwd()));', 'process.cwd()', 'root'),
    one(EXPRESS + "app.use(express.static(rootDir + '/'));", "rootDir + '/'", 'root'),
    one(EXPRESS + "app.use(express.static(rootDir + '/.git'));", "rootDir + '/.git'", 'sensitive'),
    one(EXPRESS + "app.use(express.static(path.join(__dirname, '..')));", "path.join(__dirname, '..')", 'root'),
    one(EXPRESS + "app.use('/logs', express.static(path.join(__dirname, 'logs')));", "path.join(__dirname, 'logs')", 'sensitive', { severity: 'warning', confidence: 'high' }),
    one(EXPRESS + "app.use('/backup', express.static('./backups'));", "'./backups'", 'sensitive'),
    one(EXPRESS + "app.use('/modules', express.static(path.join(__dirname, '..', 'node_modules')));", "path.join(__dirname, '..', 'node_modules')", 'sensitive'),
    one(EXPRESS + "app.use('/repo', express.static(path.join(__dirname, '.git', 'objects')));", "path.join(__dirname, '.git', 'objects')", 'sensitive'),
    one(EXPRESS + "app.use(express.static(path.join(__dirname, '.git')));", "path.join(__dirname, '.git')", 'sensitive'),
    one(EXPRESS + "const LOG_DIR = process.env.LOG_DIR;\napp.use('/logs', express.static(LOG_DIR));", 'LOG_DIR', 'sensitive', { confidence: 'medium' }),
    // A root named in another module (`exports.rootPath = path.resolve(__dirname, '../..')`).
    one(EXPRESS + "const constants = require('./constants');\napp.use('/_static', express.static(constants.rootPath, { fallthrough: false }));", 'constants.rootPath', 'root'),
    one(EXPRESS + "app.use(express.static('public', { dotfiles: 'allow' }));", "dotfiles: 'allow'", 'dotfiles'),
    // Aliased imports and a constant bound once.
    one("import serveStatic from 'serve-static';\nconst ROOT = '.';\napp.use(serveStatic(ROOT));", 'ROOT', 'root'),
    {
      code: "const serve = require('koa-static');\napp.use(serve(__dirname, { hidden: true }));",
      errors: [at("const serve = require('koa-static');\napp.use(serve(__dirname, { hidden: true }));", '__dirname', 'root'), at("const serve = require('koa-static');\napp.use(serve(__dirname, { hidden: true }));", 'hidden: true', 'dotfiles')],
    },
    one("import fastifyStatic from '@fastify/static';\nfastify.register(fastifyStatic, { root: process.cwd() });", 'process.cwd()', 'root'),
    one("import sirv from 'sirv';\npolka().use(sirv('logs')).listen(3000);", "'logs'", 'sensitive'),
    one(FLASK + '@app.route("/logs/<path:name>")\ndef logs(name):\n    return send_from_directory("logs", name)', '"logs"', 'sensitive', {}, 'python'),
    one('import os\nfrom flask import Flask\napp = Flask(__name__, static_folder=".", static_url_path="")', '"."', 'root', {}, 'python'),
    one('import os\nfrom flask import send_from_directory\nBASE_DIR = os.path.dirname(os.path.abspath(__file__))\n\n@app.route("/<path:p>")\ndef anything(p):\n    return send_from_directory(BASE_DIR, p)', 'BASE_DIR', 'root', {}, 'python'),
    one('from pathlib import Path\nfrom starlette.staticfiles import StaticFiles\nBASE = Path(__file__).resolve().parent\napp.mount("/b", StaticFiles(directory=BASE / "backups"))', 'BASE / "backups"', 'sensitive', {}, 'python'),
    one('from django.views.static import serve\nfrom django.conf import settings\nurlpatterns = [re_path(r"^(?P<path>.*)$", serve, {"document_root": settings.BASE_DIR})]', 'settings.BASE_DIR', 'root', {}, 'python'),
  ],
});
