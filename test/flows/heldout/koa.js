'use strict';

const Koa = require('koa');
const Router = require('@koa/router');
const { koaBody } = require('koa-body');
const nunjucks = require('nunjucks');
const { Client } = require('pg');
const http = require('http');
const superagent = require('superagent');
const { exec } = require('child_process');
const util = require('util');
const path = require('path');
const fs = require('fs/promises');
const _ = require('lodash');

const execAsync = util.promisify(exec);

const app = new Koa();
const router = new Router();
const pg = new Client({ connectionString: process.env.DATABASE_URL });

const TEMPLATES_DIR = path.join(__dirname, 'templates');
const EXPORT_DIR = path.join(__dirname, 'exports');
const MAX_WEBHOOK_BYTES = 256 * 1024;
const TRUSTED_REDIRECTS = ['/dashboard', '/articles', '/settings'];
const DEFAULT_WIDGET = { title: 'Latest', layout: { columns: 2, compact: false } };
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const dashboardLayout = { header: {}, sidebar: {}, footer: {} };

// expect: unescaped-template-output
const env = nunjucks.configure(TEMPLATES_DIR, { autoescape: false, watch: false });
// ok: unescaped-template-output
const safeEnv = new nunjucks.Environment(new nunjucks.FileSystemLoader(TEMPLATES_DIR), { autoescape: true });

app.use(async (ctx, next) => {
  try {
    await next();
  } catch (err) {
    ctx.status = err.status || 500;
    ctx.body = { error: ctx.status === 500 ? 'internal error' : err.message };
  }
});

// ---------------------------------------------------------------------------
// Articles
// ---------------------------------------------------------------------------

router.get('/articles', async (ctx) => {
  const { author } = ctx.query;
  // expect: sql-injection
  const { rows } = await pg.query(`SELECT id, title FROM articles WHERE author = '${author}' ORDER BY published_at DESC`);
  ctx.body = rows;
});

router.get('/articles/:id', async (ctx) => {
  // ok: sql-injection
  const { rows } = await pg.query({ text: 'SELECT * FROM articles WHERE id = $1', values: [ctx.params.id] });
  if (rows.length === 0) ctx.throw(404, 'not found');
  ctx.body = env.render('page.njk', { article: rows[0] });
});

router.get('/articles/:id/related', async (ctx) => {
  const id = Number(ctx.params.id);
  // ok: sql-injection
  const { rows } = await pg.query(`SELECT id, title FROM articles WHERE category = (SELECT category FROM articles WHERE id = ${id}) AND id <> ${id} LIMIT 5`);
  ctx.body = rows;
});

router.get('/authors/:username', async (ctx) => {
  // expect: cross-site-scripting
  ctx.body = `<h1>Articles by ${ctx.params.username}</h1><div id="list"></div>`;
});

router.get('/api/authors/:username', async (ctx) => {
  // ok: cross-site-scripting
  ctx.body = { username: ctx.params.username, articles: [] };
});

router.get('/search', async (ctx) => {
  // ok: template-injection
  ctx.body = safeEnv.render('search.njk', { q: ctx.query.q });
});

router.post('/newsletter/preview', koaBody(), async (ctx) => {
  const { template, subscriber } = ctx.request.body;
  // expect: template-injection
  const html = nunjucks.renderString(template, { subscriber, unsubscribeUrl: '/unsubscribe' });
  ctx.body = { html };
});

router.post('/newsletter/signup', koaBody(), async (ctx) => {
  const { email } = ctx.request.body;
  // expect: log-injection
  console.log(`[newsletter] signup requested for ${email}`);
  // ok: log-injection
  console.log('[newsletter] signup payload ' + JSON.stringify({ email }));
  await pg.query('INSERT INTO subscribers (email) VALUES ($1) ON CONFLICT DO NOTHING', [email]);
  const welcome = safeEnv.render('mail/welcome.njk', { email });
  ctx.body = { ok: true, preview: welcome.length };
});

// ---------------------------------------------------------------------------
// Redirects
// ---------------------------------------------------------------------------

router.get('/out', async (ctx) => {
  // expect: open-redirect
  ctx.redirect(ctx.query.url);
});

router.get('/continue', async (ctx) => {
  const target = ctx.query.to;
  if (!TRUSTED_REDIRECTS.includes(target)) {
    ctx.redirect('/');
    return;
  }
  // ok: open-redirect
  ctx.redirect(target);
});

// ---------------------------------------------------------------------------
// Feeds & link previews
// ---------------------------------------------------------------------------

function fetchText(url) {
  return new Promise((resolve, reject) => {
    // expect: server-side-request-forgery
    http.get(url, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { if (data.length < 1e6) data += c; });
      res.on('end', () => resolve(data));
    }).on('error', reject);
  });
}

router.get('/feeds/preview', async (ctx) => {
  const xml = await fetchText(ctx.query.feed);
  ctx.body = { length: xml.length };
});

router.post('/links/unfurl', koaBody(), async (ctx) => {
  // expect: server-side-request-forgery
  const res = await superagent.get(ctx.request.body.url).timeout({ response: 5000 });
  ctx.body = { status: res.status, type: res.type };
});

router.get('/links/shorten', async (ctx) => {
  // ok: server-side-request-forgery
  const res = await superagent.post('https://api-ssl.bitly.com/v4/shorten').set('Authorization', `Bearer ${process.env.BITLY_TOKEN}`).send({ long_url: ctx.query.url });
  ctx.body = { link: res.body.link };
});

// ---------------------------------------------------------------------------
// Git helpers for the editorial team
// ---------------------------------------------------------------------------

router.get('/history', async (ctx) => {
  // expect: command-injection
  const { stdout } = await execAsync(`git log --format=%s --author=${ctx.query.author} -n 50`, { cwd: '/srv/content' });
  ctx.body = stdout.split('\n');
});

router.get('/history/summary', async (ctx) => {
  // ok: command-injection
  const { stdout } = await execAsync('git shortlog -sn --no-merges', { cwd: '/srv/content' });
  ctx.body = stdout.split('\n');
});

router.get('/exports/:name', async (ctx) => {
  // expect: path-traversal
  ctx.body = await fs.readFile(path.join(EXPORT_DIR, ctx.params.name));
  ctx.type = 'application/octet-stream';
});

router.get('/exports-safe/:name', async (ctx) => {
  // ok: path-traversal
  ctx.body = await fs.readFile(path.join(EXPORT_DIR, path.basename(ctx.params.name)));
  ctx.type = 'application/octet-stream';
});

// ---------------------------------------------------------------------------
// Widgets & layout
// ---------------------------------------------------------------------------

router.post('/widgets', koaBody(), async (ctx) => {
  // expect: prototype-pollution
  const widget = _.defaultsDeep({}, ctx.request.body, DEFAULT_WIDGET);
  ctx.body = widget;
});

router.patch('/layout/:section', koaBody(), async (ctx) => {
  const { section } = ctx.params;
  const { key, value } = ctx.request.body;
  if (FORBIDDEN_KEYS.has(section) || FORBIDDEN_KEYS.has(key)) {
    ctx.throw(400, 'invalid key');
  }
  if (!Object.prototype.hasOwnProperty.call(dashboardLayout, section)) {
    ctx.throw(404, 'unknown section');
  }
  // ok: prototype-pollution
  dashboardLayout[section][key] = value;
  ctx.body = dashboardLayout;
});

// ---------------------------------------------------------------------------
// Raw webhook endpoints (signature verification needs the exact bytes)
// ---------------------------------------------------------------------------

router.post('/webhooks/cms', async (ctx) => {
  let raw = '';
  await new Promise((resolve, reject) => {
    // expect: unbounded-input
    ctx.req.on('data', (chunk) => { raw += chunk; });
    ctx.req.on('end', resolve);
    ctx.req.on('error', reject);
  });
  // ok: unsafe-deserialization
  const event = JSON.parse(raw || '{}');
  ctx.body = { received: raw.length, type: event.type };
});

router.post('/webhooks/payments', async (ctx) => {
  let raw = '';
  let size = 0;
  await new Promise((resolve, reject) => {
    // ok: unbounded-input
    ctx.req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_WEBHOOK_BYTES) {
        reject(Object.assign(new Error('payload too large'), { status: 413 }));
        ctx.req.destroy();
        return;
      }
      raw += chunk;
    });
    ctx.req.on('end', resolve);
  });
  ctx.body = { received: raw.length };
});

app.use(router.routes()).use(router.allowedMethods());

pg.connect().then(() => app.listen(process.env.PORT || 3002));
