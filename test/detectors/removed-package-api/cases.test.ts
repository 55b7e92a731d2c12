// removed-package-api: APIs a package removed in a major, reported when the workspace's version is past the
// removal (installed, declared range, lockfile; assumed at low confidence when nothing says). The negatives
// are what a regex over `app.configure` or `res.send(` would flag.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { testEngine } from '../../engine';
import { at, caseServices, ruleTester, type InvalidCase } from '../harness';
import { parseMarkers } from '../markers';

const PKG = (deps: Record<string, string>) => ({ 'package.json': JSON.stringify({ name: 'app', dependencies: deps }) });
const EXPRESS4 = PKG({ express: '^4.18.2' });
const EXPRESS5 = PKG({ express: '^5.1.0' });
const MONGOOSE8 = PKG({ mongoose: '^8.0.0' });
const APP = "const express = require('express');\nconst app = express();\n";
const bad = (c: Omit<InvalidCase, 'errors'>, text: string, kind = 'removed-member', nth = 0, confidence?: string): InvalidCase =>
  ({ ...c, errors: [{ ...at(c.code, text, kind, nth), ...(confidence ? { confidence } : {}) }] });

ruleTester('removed-package-api', 'javascript', {
  services: () => ({}),
  valid: [
    { name: 'Express 3 declared: its own API', code: `${APP}app.configure(() => app.use(express.bodyParser()));\n`, files: PKG({ express: '~3.21.2' }) },
    { name: 'app.configure on an object that is not an Express app', code: "const config = require('./config');\nconst app = config.load();\napp.configure({ debug: true });\n", files: EXPRESS4 },
    { name: 'a local function named express', code: "function express() { return { configure() {} }; }\nconst app = express();\napp.configure();\n", files: EXPRESS4 },
    { name: 'a relative module named express', code: "const express = require('./express');\nexpress.bodyParser();\n", files: EXPRESS4 },
    { name: 'res.send(200) with one argument', code: `${APP}app.get('/', (req, res) => res.send(200));\n`, files: EXPRESS5 },
    { name: 'res.status(404).send(body): the current form', code: `${APP}app.get('/', (req, res) => res.status(404).send('no'));\n`, files: EXPRESS5 },
    { name: 'res.redirect(301, url): the current order', code: `${APP}app.get('/', (req, res) => res.redirect(301, '/new'));\n`, files: EXPRESS5 },
    { name: 'router.del never existed (phantom-member\'s, not a removal)', code: "const express = require('express');\nconst router = express.Router();\nrouter.del('/x', () => {});\n", files: EXPRESS5 },
    { name: 'router.del of another library', code: "const Router = require('koa-router');\nconst router = new Router();\nrouter.del('/x', async (ctx) => {});\n", files: { ...EXPRESS5, ...PKG({ express: '^5.1.0', 'koa-router': '^12.0.0' }) } },
    { name: 'Express 5 removals on Express 4', code: `${APP}app.del('/x', (req, res) => res.sendfile(req.param('f')));\n`, files: EXPRESS4 },
    { name: 'a range that also allows Express 4, nothing installed or locked', code: `${APP}app.del('/x', () => {});\n`, files: PKG({ express: '>=4' }) },
    { name: 'app.router is back in Express 5', code: `${APP}console.log(app.router.stack.length);\n`, files: EXPRESS5 },
    { name: 'res redeclared by a variable inside the handler', code: `${APP}app.get('/', (req, res) => { if (req.query.x) { var res = other(); } res.sendfile('a'); });\n`, files: EXPRESS5 },
    { name: 'req shadowed inside the handler', code: `${APP}app.get('/', (req, res) => { const f = (req) => req.param('x'); res.send(f({ param: () => 1 })); });\n`, files: EXPRESS5 },
    { name: 'res reassigned inside the handler', code: `${APP}app.get('/', (req, res) => { res = wrap(res); res.sendfile('a'); });\n`, files: EXPRESS5 },
    { name: 'parameters not named like a handler', code: `${APP}function helper(a, b) { return b.sendfile(a.param('f')); }\nmodule.exports = helper;\n`, files: EXPRESS5 },
    { name: 'a controller by name, but no Express version known', code: "module.exports = function show(req, res) { res.sendfile(req.param('f')); };\n" },
    { name: 'a controller by name in a Next.js project', code: "module.exports = function show(req, res) { res.redirect('/login', 307); };\n", files: PKG({ express: '^5.1.0', next: '^15.0.0' }) },
    { name: 'a controller by name in a file that imports restify', code: "const restify = require('restify');\nmodule.exports = function show(req, res) { res.send(404, 'x'); };\n", files: EXPRESS5 },
    { name: 'a raw Node server callback', code: "const http = require('http');\nhttp.createServer((req, res) => { res.sendfile('x'); }).listen(80);\n", files: EXPRESS5 },
    { name: 'app rebound', code: "const express = require('express');\nlet app = express();\napp = makeApp();\napp.configure();\n", files: EXPRESS4 },
    { name: 'an alias of something else', code: `${APP}const server = require('./server');\nconst other = server;\nother.configure();\n`, files: EXPRESS4 },
    { name: 'feature probe', code: `${APP}if (app.configure) app.configure(() => {});\n`, files: EXPRESS4 },
    { name: 'code for several majors behind a version check', code: "const mongoose = require('mongoose');\nconst M = mongoose.model('M', s);\nif (mongooseMajorVersion < 8) { await M.count(); }\nconst n = semver.lt(mongoose.version, '7.0.0') ? await M.remove({}) : await M.deleteMany({});\n", files: MONGOOSE8 },
    { name: 'member the file defines', code: `${APP}app.configure = (fn) => fn();\napp.configure(() => {});\n`, files: EXPRESS4 },
    { name: 'workspace package named express', code: `${APP}app.configure();\n`, files: { 'package.json': '{"name":"express","version":"4.0.0"}' } },
    { name: 'bodyParser.json() on body-parser 2', code: "const bodyParser = require('body-parser');\napp.use(bodyParser.json());\n", files: PKG({ 'body-parser': '^2.2.0' }) },
    { name: 'bare bodyParser() on body-parser 1', code: "const bodyParser = require('body-parser');\napp.use(bodyParser());\n", files: PKG({ 'body-parser': '^1.20.3' }) },
    { name: 'Mongoose removals on Mongoose 6', code: "const mongoose = require('mongoose');\nconst User = mongoose.model('User', s);\nUser.remove({});\nUser.find({}, (err, d) => {});\n", files: PKG({ mongoose: '^6.12.0' }) },
    { name: 'Mongoose with no version known: no assumption', code: "const mongoose = require('mongoose');\nconst User = mongoose.model('User', s);\nUser.remove({});\n" },
    { name: 'a Sequelize model another module exports', code: "const User = require('./models/user');\nawait User.update({ a: 1 }, { where: {} });\n", files: { ...MONGOOSE8, 'src/models/user.js': "const { Model } = require('sequelize');\nclass User extends Model {}\nmodule.exports = User;\n" } },
    { name: 'imports are followed one level deep', code: "const { User } = require('./models');\nawait User.remove({});\n", files: { ...MONGOOSE8, 'src/models/index.js': "module.exports = { User: require('./user') };\n", 'src/models/user.js': "const mongoose = require('mongoose');\nmodule.exports = mongoose.model('User', s);\n" } },
    { name: 'a model static the schema defines', code: "const mongoose = require('mongoose');\nschema.statics.remove = function (q) { return this.deleteMany(q); };\nconst User = mongoose.model('User', schema);\nUser.remove({});\n", files: MONGOOSE8 },
    { name: 'promise API on Mongoose 8', code: "const mongoose = require('mongoose');\nconst User = mongoose.model('User', s);\nawait User.deleteMany({});\nconst n = await User.countDocuments();\nUser.find({}).then((d) => d);\n", files: MONGOOSE8 },
    { language: 'typescript', name: 'type-only import', code: "import type { Application } from 'express';\ndeclare const app: Application;\napp.configure();\n", files: EXPRESS4 },
  ],
  invalid: [
    bad({ name: 'app.configure on Express 4', code: `${APP}app.configure(function () {});\n`, files: EXPRESS4 }, 'configure'),
    bad({ name: 'express.bodyParser() on Express 4', code: "const express = require('express');\nexpress().use(express.bodyParser());\n", files: EXPRESS4 }, 'bodyParser'),
    bad({ name: 'express.createServer() on Express 4 (ES import)', language: 'typescript', code: "import express from 'express';\nconst app = express.createServer();\n", files: EXPRESS4 }, 'createServer'),
    bad({ name: 'member of the app read at once', code: "const express = require('express');\nexpress().configure();\n", files: EXPRESS4 }, 'configure'),
    bad({ name: 'a const alias of the app is the app', code: `${APP}const server = app;\nserver.configure();\n`, files: EXPRESS4 }, 'configure'),
    bad({ name: 'var app = module.exports = express()', code: "var express = require('express');\nvar app = module.exports = express();\napp.use(app.router);\n", files: EXPRESS4 }, 'router'),
    { ...bad({ name: 'app.del on Express 5: renamed', code: `${APP}app.del('/items/:id', (req, res) => res.sendStatus(204));\n`, files: EXPRESS5 }, 'del'), output: `${APP}app.delete('/items/:id', (req, res) => res.sendStatus(204));\n` },
    bad({ name: 'Router from a named require makes a router', code: "const { Router } = require('express');\nconst router = Router();\nrouter.get('/x', (q, r) => r.sendfile('a'));\n", files: EXPRESS5 }, 'sendfile'),
    bad({ name: 'req.param() in a route handler', code: `${APP}app.get('/u', (req, res) => res.json(find(req.param('id'))));\n`, files: EXPRESS5 }, 'param'),
    bad({ name: 'res.sendfile in a handler passed by name', code: `${APP}function download(req, res) { res.sendfile('files/a.pdf'); }\napp.get('/d', download);\n`, files: EXPRESS5 }, 'sendfile'),
    { ...bad({ name: 'res.send(status, body): the status chained', code: `${APP}const router = express.Router();\nrouter.post('/', function (req, res) { res.send(201, { ok: true }); });\n`, files: EXPRESS5 }, 'send', 'removed-signature'), output: `${APP}const router = express.Router();\nrouter.post('/', function (req, res) { res.status(201).send({ ok: true }); });\n` },
    { ...bad({ name: 'res.json(obj, status): the status chained', code: `${APP}app.get('/', (req, res) => { res.json({ error: 'x' }, 500); });\n`, files: EXPRESS5 }, 'json', 'removed-signature'), output: `${APP}app.get('/', (req, res) => { res.status(500).json({ error: 'x' }); });\n` },
    { ...bad({ name: 'req.acceptsLanguage: renamed', code: `${APP}app.get('/', (req, res) => res.send(req.acceptsLanguage('en')));\n`, files: EXPRESS5 }, 'acceptsLanguage'), output: `${APP}app.get('/', (req, res) => res.send(req.acceptsLanguages('en')));\n` },
    bad({ name: 'res.send(404) sends 200 on Express 5', code: `${APP}app.get('/', (req, res) => res.send(404));\n`, files: EXPRESS5 }, 'send', 'removed-signature'),
    { ...bad({ name: 'res.redirect(url, status): the arguments swapped', code: `${APP}app.route('/old').get((req, res) => res.redirect('/new', 301));\n`, files: EXPRESS5 }, 'redirect', 'removed-signature'), output: `${APP}app.route('/old').get((req, res) => res.redirect(301, '/new'));\n` },
    bad({ name: 'error middleware: req and res are the second and third', code: `${APP}app.use((err, req, res, next) => { res.json(500, { error: err.message }); });\n`, files: EXPRESS5 }, 'json', 'removed-signature'),
    { name: 'a controller registered from another file: by its parameter names, medium confidence', code: "exports.show = (req, res) => res.sendfile(req.param('f'));\n", files: EXPRESS5,
      errors: [{ ...at("exports.show = (req, res) => res.sendfile(req.param('f'));\n", 'sendfile', 'removed-member'), confidence: 'medium' }, { ...at("exports.show = (req, res) => res.sendfile(req.param('f'));\n", 'param', 'removed-member'), confidence: 'medium' }] },
    bad({ name: 'a nested callback with its own res does not hide the handler\'s', code: `${APP}app.get('/', (req, res) => { db.get(1, (err, row) => res.send(404, err)); http.get('/x', (res) => res.send(500, 'not express')); });\n`, files: EXPRESS5 }, 'send', 'removed-signature'),
    bad({ name: 'a class controller method (TypeScript)', language: 'typescript', code: "import type { Request, Response } from 'express';\nexport class Users {\n  remove(req: Request, res: Response) { res.send(204); }\n}\n", files: EXPRESS5 }, 'send', 'removed-signature', 0, 'medium'),
    bad({ name: 'installed version wins over the range', code: `${APP}app.del('/x', () => {});\n`, files: { ...EXPRESS4, 'node_modules/express/package.json': '{"version":"5.1.0"}' } }, 'del'),
    bad({ name: 'lockfile decides a range that allows both', code: `${APP}app.del('/x', () => {});\n`, files: { ...PKG({ express: '>=4' }), 'package-lock.json': JSON.stringify({ lockfileVersion: 3, packages: { '': {}, 'node_modules/express': { version: '5.1.0' } } }, null, 2) } }, 'del'),
    bad({ name: 'nothing declared: Express 3 API at low confidence', code: `${APP}app.configure(() => {});\n` }, 'configure', 'removed-member', 0, 'low'),
    bad({ name: 'bare bodyParser() on body-parser 2', code: "const bodyParser = require('body-parser');\napp.use(bodyParser());\n", files: PKG({ 'body-parser': '^2.0.0' }) }, 'bodyParser', 'removed-signature', 1),
    bad({ name: 'a model another module exports (module.exports = mongoose.model(…))', code: "const User = require('./models/user');\nawait User.remove({});\n", files: { ...MONGOOSE8, 'src/models/user.js': "const mongoose = require('mongoose');\nmodule.exports = mongoose.model('User', new mongoose.Schema({}));\n" } }, 'remove'),
    bad({ name: 'models exported as an object, destructured', code: "const { Post, Tag } = require('./model');\nPost.find({}, (err, posts) => {});\n", files: { ...MONGOOSE8, 'src/model.js': "const mongoose = require('mongoose');\nconst Post = mongoose.model('Post', s);\nconst Tag = mongoose.model('Tag', t);\nmodule.exports = { Post, Tag };\n" } }, 'find', 'removed-signature'),
    bad({ name: 'an ES default export of a model', language: 'typescript', code: "import Order from './order';\nexport const n = await Order.count();\n", path: 'src/sample.ts', files: { ...MONGOOSE8, 'src/order.ts': "import { model, Schema } from 'mongoose';\nexport default model('Order', new Schema({}));\n" } }, 'count'),
    bad({ name: 'Model.remove on Mongoose 7', code: "const mongoose = require('mongoose');\nconst User = mongoose.model('User', s);\nawait User.remove({ a: 1 });\n", files: PKG({ mongoose: '^7.0.0' }) }, 'remove'),
    bad({ name: 'Model.count on Mongoose 8 (named model import)', language: 'typescript', code: "import { model } from 'mongoose';\nconst Post = model('Post', s);\nexport const n = await Post.count();\n", files: MONGOOSE8 }, 'count'),
    bad({ name: 'a callback on Mongoose 8', code: "const mongoose = require('mongoose');\nconst User = mongoose.model('User', s);\nUser.findById(id, function (err, user) {});\n", files: MONGOOSE8 }, 'findById', 'removed-signature'),
    bad({ name: 'doc.save(callback) on a new document', code: "const mongoose = require('mongoose');\nconst User = mongoose.model('User', s);\nconst u = new User({ name });\nu.save((err) => {});\n", files: MONGOOSE8 }, 'save', 'removed-signature'),
  ],
});

describe('removed-package-api: the data pack', () => {
  const dir = join(__dirname, '..', '..', '..', 'rules', 'removed-apis');
  const pack = JSON.parse(readFileSync(join(dir, 'npm.json'), 'utf8'));
  it('validates against rules/removed-apis/schema.json', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(join(dir, 'schema.json'), 'utf8')));
    assert.ok(validate(pack), JSON.stringify(validate.errors, null, 2));
  });
  it('every receiver is the module, a value of its package or a handler parameter', () => {
    const problems: string[] = [];
    for (const [name, p] of Object.entries<{ values?: Record<string, { from: string }>; handlers?: { on: string[] }; removed: Array<{ on: string; member: string; args?: string }> }>(pack.packages)) {
      const known = new Set(['module', ...Object.keys(p.values ?? {}), ...(p.handlers ? ['request', 'response'] : [])]);
      for (const e of p.removed) if (!known.has(e.on)) problems.push(`${name}: ${e.on}.${e.member}`);
      for (const v of Object.values(p.values ?? {})) if (!known.has(v.from)) problems.push(`${name}: value from ${v.from}`);
      for (const h of p.handlers?.on ?? []) if (!known.has(h)) problems.push(`${name}: handlers on ${h}`);
      const keys = p.removed.map((e) => `${e.on}.${e.member}.${e.args ?? ''}`);
      if (new Set(keys).size !== keys.length) problems.push(`${name}: an entry twice`);
    }
    assert.deepEqual(problems, []);
  });
});

describe('removed-package-api: an Express 5 + Mongoose 8 app written from older tutorials', () => {
  const root = join(__dirname, 'apps', 'shop-api');
  const list = (dir: string): string[] => readdirSync(join(root, dir)).flatMap((f) => {
    const rel = dir ? `${dir}/${f}` : f;
    return statSync(join(root, rel)).isDirectory() ? list(rel) : [rel];
  });
  const files = Object.fromEntries(list('').map((f) => [f, readFileSync(join(root, f), 'utf8')]));
  for (const path of Object.keys(files).filter((f) => f.endsWith('.js'))) {
    it(`${path}: every planted removed API, nothing else`, async function () {
      this.timeout(30_000);
      const code = files[path];
      const r = await (await testEngine()).analyzeTiers({ text: code, languageId: 'javascript', path }, caseServices(path, code, files));
      const found = r.findings.filter((f) => f.ruleId === 'removed-package-api').map((f) => f.range.start.line + 1);
      const marks = parseMarkers(code).filter((m) => m.ids.includes('removed-package-api'));
      assert.deepEqual(found, marks.filter((m) => m.kind === 'expect').map((m) => m.line));
      // Other phantom-api rules leave these places alone.
      assert.deepEqual(r.findings.filter((f) => f.ruleId === 'phantom-member' && found.includes(f.range.start.line + 1)), []);
    });
  }
});
