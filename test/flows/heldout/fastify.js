'use strict';

const Fastify = require('fastify');
const Database = require('better-sqlite3');
const { MongoClient, ObjectId } = require('mongodb');
const { execFile, spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const pug = require('pug');
const libxmljs = require('libxmljs');

const fastify = Fastify({ logger: true });
fastify.register(require('@fastify/formbody'));
fastify.addContentTypeParser(['application/xml', 'text/xml'], { parseAs: 'string' }, (req, body, done) => done(null, body));

const db = new Database(path.join(__dirname, 'notes.db'));
const mongo = new MongoClient(process.env.MONGO_URL || 'mongodb://localhost:27017');
const users = mongo.db('notes').collection('users');

const MEDIA_DIR = path.join(__dirname, 'media');
const GEO_API = 'https://geo.internal.example.com';
const ALLOWED_TOOLS = ['ffprobe', 'exiftool', 'mediainfo'];
const CARD_VIEW = path.join(__dirname, 'views', 'card.pug');

function notesByTag(tag) {
  // expect: sql-injection
  return db.prepare("SELECT id, title FROM notes WHERE tag = '" + tag + "' ORDER BY id DESC").all();
}

// ---------------------------------------------------------------------------
// Notes
// ---------------------------------------------------------------------------

fastify.get('/notes', async (request, reply) => {
  const { title } = request.query;
  // expect: sql-injection
  return db.prepare(`SELECT * FROM notes WHERE title = '${title}'`).all();
});

fastify.get('/notes/by-tag/:tag', async (request) => {
  return notesByTag(request.params.tag);
});

fastify.get('/notes/:id', {
  schema: {
    params: {
      type: 'object',
      properties: { id: { type: 'integer', minimum: 1 } },
      required: ['id'],
    },
  },
}, async (request, reply) => {
  // ok: sql-injection
  const note = db.prepare(`SELECT * FROM notes WHERE id = ${request.params.id}`).get();
  if (!note) return reply.code(404).send({ error: 'not found' });
  return note;
});

fastify.post('/notes', async (request, reply) => {
  const { title, body } = request.body;
  // ok: sql-injection
  const info = db.prepare('INSERT INTO notes (title, body) VALUES (?, ?)').run(title, body);
  reply.code(201);
  return { id: info.lastInsertRowid };
});

fastify.delete('/notes/:id', async (request, reply) => {
  // ok: sql-injection
  db.prepare('DELETE FROM notes WHERE id = ?').run(request.params.id);
  reply.code(204).send();
});

fastify.get('/notes/search', async (request) => {
  const q = request.query.q || '';
  // ok: log-injection
  request.log.info({ q }, 'note search');
  return db.prepare('SELECT id, title FROM notes WHERE title LIKE ?').all(`%${q}%`);
});

// ---------------------------------------------------------------------------
// Greeting pages
// ---------------------------------------------------------------------------

fastify.get('/hello', async (request, reply) => {
  const name = request.query.name || 'friend';
  // expect: cross-site-scripting
  reply.type('text/html').send(`<!doctype html><h1>Hello ${name}</h1>`);
});

fastify.get('/api/hello', async (request, reply) => {
  // ok: cross-site-scripting
  reply.send({ greeting: `Hello ${request.query.name || 'friend'}` });
});

fastify.post('/cards/preview', async (request, reply) => {
  const { layout, name } = request.body;
  // expect: template-injection
  const html = pug.render(layout, { name });
  return { html };
});

fastify.post('/cards/render', async (request, reply) => {
  // ok: template-injection
  const html = pug.renderFile(CARD_VIEW, { name: request.body.name });
  return { html };
});

// ---------------------------------------------------------------------------
// Media tools
// ---------------------------------------------------------------------------

fastify.post('/media/probe', async (request, reply) => {
  const { tool, file } = request.body;
  const target = path.join(MEDIA_DIR, path.basename(file));
  return new Promise((resolve) => {
    // expect: command-injection
    execFile(tool, ['-v', 'quiet', target], { timeout: 10000 }, (err, stdout) => {
      resolve({ ok: !err, output: stdout });
    });
  });
});

fastify.post('/media/probe-safe', async (request, reply) => {
  const { tool, file } = request.body;
  if (!ALLOWED_TOOLS.includes(tool)) {
    return reply.code(400).send({ error: 'unsupported tool' });
  }
  const target = path.join(MEDIA_DIR, path.basename(file));
  return new Promise((resolve) => {
    // ok: command-injection
    execFile(tool, [target], { timeout: 10000 }, (err, stdout) => resolve({ ok: !err, output: stdout }));
  });
});

fastify.post('/media/transcode', async (request, reply) => {
  const { source, width } = request.body;
  const out = path.join(MEDIA_DIR, `${Date.now()}.mp4`);
  // ok: command-injection
  const proc = spawn('ffmpeg', ['-i', path.join(MEDIA_DIR, path.basename(source)), '-vf', `scale=${parseInt(width, 10)}:-1`, out]);
  proc.on('error', (err) => request.log.error(err));
  reply.code(202);
  return { output: path.basename(out) };
});

fastify.post('/media/fetch-stream', async (request, reply) => {
  const out = path.join(MEDIA_DIR, `${Date.now()}.ts`);
  // expect: command-injection
  const proc = spawn(`ffmpeg -y -i ${request.body.streamUrl} -t 30 -c copy ${out}`, { shell: true });
  proc.on('exit', (code) => request.log.info({ code }, 'capture finished'));
  reply.code(202);
  return { output: path.basename(out) };
});

fastify.get('/media/*', async (request, reply) => {
  // expect: path-traversal
  const stream = fs.createReadStream(path.join(MEDIA_DIR, request.params['*']));
  return reply.type('application/octet-stream').send(stream);
});

fastify.get('/thumbs/:name', async (request, reply) => {
  // ok: path-traversal
  const stream = fs.createReadStream(path.join(MEDIA_DIR, 'thumbs', path.basename(request.params.name)));
  return reply.type('image/jpeg').send(stream);
});

fastify.put('/media/:name/caption', async (request, reply) => {
  const file = path.join(MEDIA_DIR, 'captions', `${request.params.name}.vtt`);
  // expect: path-traversal
  await fs.promises.writeFile(file, String(request.body.caption || ''));
  reply.code(204).send();
});

// ---------------------------------------------------------------------------
// Rules engine
// ---------------------------------------------------------------------------

fastify.post('/rules/test', async (request) => {
  const { rule, order } = request.body;
  // expect: code-injection
  const predicate = new Function('order', `return (${rule});`);
  return { matches: Boolean(predicate(order)) };
});

fastify.post('/rules/threshold', async (request) => {
  const threshold = Number(request.body.threshold);
  // ok: code-injection
  const predicate = new Function('order', `return order.total > ${threshold};`);
  return { matches: Boolean(predicate(request.body.order || {})) };
});

// ---------------------------------------------------------------------------
// Feeds (XML)
// ---------------------------------------------------------------------------

fastify.post('/feeds/import', async (request, reply) => {
  // expect: xml-external-entities
  const doc = libxmljs.parseXml(request.body, { noent: true, dtdload: true });
  return { items: doc.find('//item').length };
});

fastify.post('/feeds/validate', async (request, reply) => {
  // ok: xml-external-entities
  const doc = libxmljs.parseXml(request.body, { nonet: true });
  return { items: doc.find('//item').length };
});

// ---------------------------------------------------------------------------
// Accounts
// ---------------------------------------------------------------------------

fastify.post('/login', async (request, reply) => {
  // expect: nosql-injection
  const user = await users.findOne({ username: request.body.username, password: request.body.password });
  if (!user) return reply.code(401).send({ error: 'invalid credentials' });
  return { id: user._id.toString() };
});

fastify.get('/users/:id', async (request, reply) => {
  // ok: nosql-injection
  const user = await users.findOne({ _id: new ObjectId(request.params.id) }, { projection: { password: 0 } });
  return user || reply.code(404).send({ error: 'not found' });
});

fastify.get('/users', async (request) => {
  // expect: nosql-injection
  return users.find({ $where: `this.age >= ${request.query.minAge}` }).project({ password: 0 }).toArray();
});

fastify.get('/sso/callback', async (request, reply) => {
  // expect: open-redirect
  return reply.redirect(request.query.returnTo);
});

fastify.get('/orders/:id/pay', async (request, reply) => {
  // ok: open-redirect
  return reply.redirect('/checkout/' + encodeURIComponent(request.params.id));
});

// ---------------------------------------------------------------------------
// Outbound calls
// ---------------------------------------------------------------------------

fastify.post('/hooks', async (request, reply) => {
  const { callbackUrl, event } = request.body;
  // expect: server-side-request-forgery
  const res = await fetch(callbackUrl, { method: 'POST', body: JSON.stringify({ event }), headers: { 'content-type': 'application/json' } });
  return { delivered: res.ok };
});

fastify.get('/geo', async (request) => {
  // ok: server-side-request-forgery
  const res = await fetch(`${GEO_API}/lookup?ip=${encodeURIComponent(request.query.ip)}`);
  return res.json();
});

fastify.listen({ port: Number(process.env.PORT) || 3001, host: '0.0.0.0' }).catch((err) => {
  fastify.log.error(err);
  process.exit(1);
});
