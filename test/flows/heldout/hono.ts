import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import { html } from 'hono/html';
import { zValidator } from '@hono/zod-validator';
import { z } from 'zod';
import Database from 'better-sqlite3';
import { execSync, execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import _ from 'lodash';

const app = new Hono();
const db = new Database(process.env.SQLITE_PATH ?? 'app.db');

const PUBLIC_ROOT = resolve('./public');
const REPORTS_ROOT = resolve('./reports');
const OPENWEATHER = 'https://api.openweathermap.org/data/2.5/weather';
const userPrefs: Record<string, unknown> = { theme: 'system', editor: { tabSize: 2 } };

const postQuery = z.object({
  status: z.enum(['draft', 'published', 'archived']),
  title: z.string().max(200).optional(),
});

// ---------------------------------------------------------------------------
// Users & posts
// ---------------------------------------------------------------------------

app.get('/api/users/:id', (c) => {
  // expect: sql-injection
  const user = db.prepare(`SELECT id, name, email FROM users WHERE id = ${c.req.param('id')}`).get();
  return user ? c.json(user) : c.json({ error: 'not found' }, 404);
});

app.get('/api/users', (c) => {
  // ok: sql-injection
  const user = db.prepare('SELECT id, name FROM users WHERE email = ?').get(c.req.query('email'));
  return c.json(user ?? null);
});

app.post('/api/posts/search', zValidator('json', postQuery), (c) => {
  const { status } = c.req.valid('json');
  // ok: sql-injection
  const posts = db.prepare(`SELECT id, title FROM posts WHERE status = '${status}'`).all();
  return c.json(posts);
});

app.post('/api/notes', async (c) => {
  const body = await c.req.json();
  // expect: sql-injection
  db.exec(`INSERT INTO notes (user_id, text) VALUES (1, '${body.text}')`);
  return c.json({ ok: true }, 201);
});

app.get('/api/notes/count', (c) => {
  const userId = Number(c.req.query('userId'));
  // ok: sql-injection
  const row = db.prepare(`SELECT COUNT(*) AS n FROM notes WHERE user_id = ${userId}`).get();
  return c.json(row);
});

// ---------------------------------------------------------------------------
// Pages
// ---------------------------------------------------------------------------

app.get('/hello', (c) => {
  const name = c.req.query('name') ?? 'world';
  // expect: cross-site-scripting
  return c.html(`<h1>Hello ${name}!</h1>`);
});

app.get('/hello-safe', (c) => {
  const name = c.req.query('name') ?? 'world';
  // ok: cross-site-scripting
  return c.html(html`<h1>Hello ${name}!</h1>`);
});

app.get('/go', (c) => {
  // expect: open-redirect
  return c.redirect(c.req.query('to') ?? '/');
});

app.get('/go-safe', (c) => {
  const to = c.req.query('to') ?? '/';
  if (!to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) {
    return c.redirect('/');
  }
  // ok: open-redirect
  return c.redirect(to);
});

// ---------------------------------------------------------------------------
// Outbound
// ---------------------------------------------------------------------------

app.get('/fetch', async (c) => {
  const target = c.req.query('url');
  if (!target) return c.json({ error: 'url required' }, 400);
  // expect: server-side-request-forgery
  const res = await fetch(target);
  return c.json({ status: res.status, length: (await res.text()).length });
});

app.get('/weather/:city', async (c) => {
  const city = c.req.param('city');
  // ok: server-side-request-forgery
  const res = await fetch(`${OPENWEATHER}?q=${encodeURIComponent(city)}&appid=${process.env.OWM_KEY}`);
  return c.json(await res.json());
});

// ---------------------------------------------------------------------------
// Files
// ---------------------------------------------------------------------------

app.get('/reports/:file', async (c) => {
  // expect: path-traversal
  const data = await readFile(join(REPORTS_ROOT, c.req.param('file')), 'utf8');
  return c.text(data);
});

app.get('/public/:file', async (c) => {
  const full = resolve(PUBLIC_ROOT, c.req.param('file'));
  if (!full.startsWith(PUBLIC_ROOT + sep)) {
    return c.json({ error: 'forbidden' }, 403);
  }
  // ok: path-traversal
  const data = await readFile(full);
  return c.body(data);
});

// ---------------------------------------------------------------------------
// Network diagnostics
// ---------------------------------------------------------------------------

app.get('/dig', (c) => {
  const domain = c.req.query('domain') ?? '';
  // expect: command-injection
  const out = execSync(`dig +short ${domain}`, { encoding: 'utf8', timeout: 5000 });
  return c.json({ records: out.trim().split('\n') });
});

app.get('/dig-safe', (c) => {
  const domain = c.req.query('domain') ?? '';
  // ok: command-injection
  const out = execFileSync('dig', ['+short', domain], { encoding: 'utf8', timeout: 5000 });
  return c.json({ records: out.trim().split('\n') });
});

// ---------------------------------------------------------------------------
// Auth & preferences
// ---------------------------------------------------------------------------

app.post('/login', async (c) => {
  const { username, password } = await c.req.json<{ username: string; password: string }>();
  // expect: log-injection
  console.log(`[auth] login attempt user=${username}`);
  const user = db.prepare('SELECT id, password_hash FROM users WHERE username = ?').get(username);
  if (!user || !password) {
    // ok: log-injection
    console.log(`[auth] login failed user=${String(username).replace(/[\r\n]/g, '')}`);
    return c.json({ error: 'invalid credentials' }, 401);
  }
  return c.json({ ok: true });
});

app.put('/prefs', async (c) => {
  const incoming = await c.req.json();
  // expect: prototype-pollution
  _.mergeWith(userPrefs, incoming, (objValue, srcValue) => (Array.isArray(objValue) ? srcValue : undefined));
  return c.json(userPrefs);
});

app.patch('/prefs/:section', async (c) => {
  const section = c.req.param('section');
  const { key, value } = await c.req.json<{ key: string; value: unknown }>();
  const store = userPrefs as Record<string, any>;
  store[section] ??= {};
  // expect: prototype-pollution
  store[section][key] = value;
  return c.json(store[section]);
});

app.put('/prefs/shallow', async (c) => {
  const incoming = await c.req.json();
  // ok: prototype-pollution
  const next = Object.assign({}, userPrefs, incoming);
  return c.json(next);
});

serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 8787) });
