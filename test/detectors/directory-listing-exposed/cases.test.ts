// Directory listings served to clients (issue 10); valid: static serving without a listing, a listing
// behind authentication or only in development, a local function named serveIndex.
import { at, ruleTester, type InvalidCase } from '../harness';

const RULE = 'directory-listing-exposed';
/** One finding spanning the last occurrence of `text`. */
const one = (code: string, text: string, kind: string, extra: object = {}, language?: 'python'): InvalidCase =>
  ({ code, ...(language ? { language } : {}), errors: [{ ...at(code, text, kind, { after: code.slice(0, code.lastIndexOf(text) + text.length) }), ...extra }] });

const HEAD = "const express = require('express');\nconst serveIndex = require('serve-index');\nconst app = express();\n";

const DEV = "const connect = require('connect');\nconst serveIndex = require('serve-index');\nconst app = connect();\nconst root = process.cwd();\napp.use(serveIndex(root, { icons: true }));";

const GRUNT = "const serveIndex = require('serve-index');\nmodule.exports = function (connect, options) {\n  const directory = options.directory || options.base;\n  return [serveIndex(directory.path || directory)];\n};";

ruleTester(RULE, 'javascript', {
  valid: [
    HEAD + "app.use('/ftp', express.static('public/ftp'));",
    HEAD + "app.use('/ftp', ensureLoggedIn(), serveIndex('public/ftp', { icons: true }));",
    HEAD + "if (process.env.NODE_ENV === 'development') app.use('/files', serveIndex('files'));",
    "function serveIndex(dir) { return dir; }\napp.use('/x', serveIndex('x'));",
    "import fastifyStatic from '@fastify/static';\nfastify.register(fastifyStatic, { root: path.join(__dirname, 'public'), list: false });",
    { code: 'app.router.add_static("/static/", path="static")', language: 'python' },
    { code: 'from django.views.static import serve\nurlpatterns = [re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]', language: 'python' },
  ],
  invalid: [
    one(HEAD + "app.use('/ftp', express.static('public/ftp'), serveIndex('public/ftp', { icons: true }));", "serveIndex('public/ftp', { icons: true })", 'listing', { severity: 'warning', confidence: 'medium' }),
    one(HEAD + "app.use('/uploads', serveIndex(path.join(__dirname, 'uploads')));", "serveIndex(path.join(__dirname, 'uploads'))", 'listing'),
    one(HEAD + "app.use('/', serveIndex(__dirname));", 'serveIndex(__dirname)', 'root', { severity: 'error', confidence: 'high' }),
    one("import index from 'serve-index';\napp.use('/logs', index('logs'));", "index('logs')", 'sensitive'),
    one("import fastifyStatic from '@fastify/static';\nfastify.register(fastifyStatic, { root: path.join(__dirname, 'public'), list: true });", 'list: true', 'listing'),
    one('from aiohttp import web\napp.router.add_static("/files/", path="files", show_index=True)', 'show_index=True', 'listing', {}, 'python'),
    one('from django.views.static import serve\nurlpatterns = [re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT, "show_indexes": True})]', '"show_indexes": True', 'listing', {}, 'python'),
    // A development server's own package (fresh held-out sample: live-server, browser-sync, webpack-dev-server): listing
    // the folder a developer works on is its feature; info, low. An app that merely uses one keeps the rule's level.
    { ...one(DEV, 'serveIndex(root, { icons: true })', 'root', { severity: 'info', confidence: 'low' }), path: 'index.js', files: { 'package.json': '{ "name": "tiny-reload", "description": "simple development http server with live reload" }' } },
    { ...one(DEV, 'serveIndex(root, { icons: true })', 'root', { severity: 'info', confidence: 'low' }), path: 'lib/server.js', files: { 'package.json': '{ "name": "@acme/dev-server" }' } },
    { ...one(DEV, 'serveIndex(root, { icons: true })', 'root', { severity: 'info', confidence: 'low' }), path: 'lib/server.js', files: { 'package.json': '{ "name": "sync-tool", "keywords": ["css", "live reload"] }' } },
    { ...one(DEV, 'serveIndex(root, { icons: true })', 'root', { severity: 'error', confidence: 'high' }), path: 'index.js', files: { 'package.json': '{ "name": "shop", "description": "Our web shop", "devDependencies": { "live-server": "^1.2.2", "webpack-dev-server": "^5.0.0" } }' } },
    { ...one(DEV, 'serveIndex(root, { icons: true })', 'root', { severity: 'error', confidence: 'high' }), path: 'index.js' },
    // A build tool's task or a fake server for tests (fresh sample XX: grunt-contrib-connect's `connect` task lists its base
    // folder): the developer's own machine, info, low. A server that only calls itself one, or names a test, keeps its level.
    { ...one(GRUNT, "serveIndex(directory.path || directory)", 'listing', { severity: 'info', confidence: 'low' }), path: 'tasks/serve.js', files: { 'package.json': '{ "name": "grunt-serve-dir", "description": "Start a web server", "keywords": ["gruntplugin", "server"] }' } },
    { ...one(GRUNT, "serveIndex(directory.path || directory)", 'listing', { severity: 'info', confidence: 'low' }), path: 'tasks/serve.js', files: { 'package.json': '{ "name": "ftp-stand-in", "description": "A fake FTP server for testing uploads" }' } },
    { ...one(GRUNT, "serveIndex(directory.path || directory)", 'listing', { severity: 'warning', confidence: 'medium' }), path: 'tasks/serve.js', files: { 'package.json': '{ "name": "file-share", "description": "Web server to share files; tested for uploads", "keywords": ["server", "grunt"] }' } },
    // A local file viewer's own package (fresh sample AS: a Markdown viewer that browses the developer's disk on their
    // machine): browsing folders is the tool; info, low. A server that shows files in a browser to others keeps its level.
    { ...one(DEV, 'serveIndex(root, { icons: true })', 'root', { severity: 'info', confidence: 'low' }), path: 'lib/app.js', files: { 'package.json': '{ "name": "md-peek", "description": "Locally view Markdown notes in a browser" }' } },
    { ...one(DEV, 'serveIndex(root, { icons: true })', 'root', { severity: 'info', confidence: 'low' }), path: 'lib/app.js', files: { 'package.json': '{ "name": "docs-peek", "description": "Preview your AsciiDoc and Markdown files in the browser" }' } },
    { ...one(DEV, 'serveIndex(root, { icons: true })', 'root', { severity: 'error', confidence: 'high' }), path: 'lib/app.js', files: { 'package.json': '{ "name": "team-drive", "description": "View and share team files in your browser from anywhere" }' } },
  ],
});
