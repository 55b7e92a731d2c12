'use strict';

const express = require('express');
const cookieParser = require('cookie-parser');
const path = require('path');
const fs = require('fs');
const { exec, execFile, spawn } = require('child_process');
const mysql = require('mysql2');
const axios = require('axios');
const _ = require('lodash');
const ejs = require('ejs');
const multer = require('multer');
const escapeHtml = require('escape-html');
const serialize = require('node-serialize');
const libxmljs = require('libxmljs');
const mongoose = require('mongoose');
const vm = require('vm');
const { body, validationResult } = require('express-validator');

const app = express();
app.set('view engine', 'ejs');
app.set('views', path.join(__dirname, 'views'));
app.use(express.json({ limit: '100kb' }));
app.use(express.urlencoded({ extended: true }));
app.use(express.text({ type: ['application/xml', 'text/xml'] }));
app.use(cookieParser());

const PORT = process.env.PORT || 3000;
const UPLOAD_DIR = path.join(__dirname, 'uploads');
const REPORT_DIR = path.join(__dirname, 'reports');
const REPO_DIR = '/srv/shop-frontend';
const SORTABLE_COLUMNS = ['name', 'price', 'created_at'];
const ALLOWED_IMAGE_HOSTS = new Set(['images.unsplash.com', 'cdn.example.com']);
const DEFAULT_SETTINGS = { theme: 'light', notifications: { email: true, sms: false } };
const DEFAULT_PREFS = { currency: 'EUR', language: 'en' };
const WELCOME_TEMPLATE = '<h2>Welcome, <%= name %>!</h2><p>Thanks for joining.</p>';
const CATALOG = [
  { sku: 'A-100', name: 'Blue Mug' },
  { sku: 'A-200', name: 'Red Teapot' },
  { sku: 'B-300', name: 'Espresso Cups (x4)' },
];

const db = mysql.createConnection({
  host: process.env.DB_HOST || 'localhost',
  user: 'shop',
  password: process.env.DB_PASSWORD,
  database: 'shop',
});

const User = mongoose.model('User', new mongoose.Schema({
  email: String,
  password: String,
  role: String,
  settings: Object,
}));

const sessions = new Map();

// expect: unbounded-input
const upload = multer({ dest: UPLOAD_DIR });
// ok: unbounded-input
const avatarUpload = multer({ dest: path.join(UPLOAD_DIR, 'avatars'), limits: { fileSize: 2 * 1024 * 1024, files: 1 } });

function requireUser(req, res, next) {
  const session = sessions.get(req.get('authorization'));
  if (!session) return res.status(401).json({ error: 'unauthorized' });
  req.user = session.user;
  next();
}

function findUserByEmail(email, cb) {
  // expect: sql-injection
  db.query("SELECT id, email, display_name FROM users WHERE email = '" + email + "'", cb);
}

function countOrders(userId, cb) {
  // ok: sql-injection
  db.query('SELECT COUNT(*) AS n FROM orders WHERE user_id = ?', [userId], cb);
}

// ---------------------------------------------------------------------------
// Products
// ---------------------------------------------------------------------------

app.get('/products/search', (req, res) => {
  const q = req.query.q || '';
  // expect: sql-injection
  db.query("SELECT * FROM products WHERE name LIKE '%" + q + "%'", (err, rows) => {
    if (err) return res.status(500).json({ error: 'database error' });
    if (rows.length === 0) {
      // expect: cross-site-scripting
      return res.send('<h1>No results for ' + q + '</h1><a href="/products">Back to products</a>');
    }
    res.render('products', { products: rows, q });
  });
});

app.get('/products/:id', (req, res) => {
  // ok: sql-injection
  db.query('SELECT * FROM products WHERE id = ?', [req.params.id], (err, rows) => {
    if (err || rows.length === 0) return res.status(404).json({ error: 'not found' });
    res.json(rows[0]);
  });
});

app.get('/products', (req, res) => {
  const { sort = 'name', dir } = req.query;
  if (!SORTABLE_COLUMNS.includes(sort)) {
    return res.status(400).json({ error: 'invalid sort column' });
  }
  const direction = dir === 'desc' ? 'DESC' : 'ASC';
  // ok: sql-injection
  db.query(`SELECT * FROM products ORDER BY ${sort} ${direction}`, (err, rows) => {
    if (err) return res.status(500).json({ error: 'database error' });
    res.json(rows);
  });
});

app.get('/catalog/filter', (req, res) => {
  // expect: regex-injection
  const matcher = new RegExp(req.query.name, 'i');
  res.json(CATALOG.filter((item) => matcher.test(item.name)));
});

app.get('/catalog/prefix', (req, res) => {
  const prefix = req.query.prefix || '';
  // ok: regex-injection
  const matcher = new RegExp('^' + _.escapeRegExp(prefix), 'i');
  res.json(CATALOG.filter((item) => matcher.test(item.sku)));
});

// ---------------------------------------------------------------------------
// Orders
// ---------------------------------------------------------------------------

app.get('/orders', requireUser, (req, res) => {
  const params = req.query;
  const status = params.status;
  // expect: sql-injection
  db.query(`SELECT id, total, status FROM orders WHERE user_id = ${req.user.id} AND status = '${status}'`, (err, rows) => {
    if (err) return res.status(500).json({ error: 'database error' });
    res.json(rows);
  });
});

app.get('/orders/recent', requireUser, (req, res) => {
  let limit = req.query.limit || 20;
  limit = parseInt(limit, 10);
  // ok: sql-injection
  db.query('SELECT id, total, created_at FROM orders ORDER BY created_at DESC LIMIT ' + limit, (err, rows) => {
    if (err) return res.status(500).json({ error: 'database error' });
    res.json(rows);
  });
});

app.get('/orders/:id/receipt', requireUser, (req, res) => {
  // ok: open-redirect
  res.redirect('/receipts/' + encodeURIComponent(req.params.id) + '.pdf');
});

app.post(
  '/reviews',
  body('productId').isInt({ min: 1 }),
  body('rating').isInt({ min: 1, max: 5 }),
  (req, res) => {
    const errors = validationResult(req);
    if (!errors.isEmpty()) {
      return res.status(400).json({ errors: errors.array() });
    }
    // ok: sql-injection
    db.query(`SELECT AVG(rating) AS avg FROM reviews WHERE product_id = ${req.body.productId} AND rating >= ${req.body.rating}`, (err, rows) => {
      if (err) return res.status(500).json({ error: 'database error' });
      res.json(rows[0]);
    });
  },
);

// ---------------------------------------------------------------------------
// Accounts
// ---------------------------------------------------------------------------

app.post('/login', async (req, res) => {
  // expect: nosql-injection
  const user = await User.findOne({ email: req.body.email, password: req.body.password });
  if (!user) {
    // expect: log-injection
    console.warn('Failed login attempt for ' + req.body.email);
    return res.status(401).render('login', { error: 'Invalid credentials' });
  }
  const token = require('crypto').randomBytes(24).toString('hex');
  sessions.set(token, { user: { id: user.id, role: user.role } });
  res.cookie('token', token, { httpOnly: true, sameSite: 'lax' });
  // expect: open-redirect
  res.redirect(req.query.next || '/dashboard');
});

app.post('/api/login', async (req, res) => {
  const email = String(req.body.email);
  const password = String(req.body.password);
  // ok: nosql-injection
  const user = await User.findOne({ email, password });
  if (!user) return res.status(401).json({ error: 'invalid credentials' });
  res.json({ id: user.id });
});

app.get('/api/users', requireUser, async (req, res) => {
  // expect: nosql-injection
  const users = await User.find(req.query).select('email role').limit(50);
  res.json(users);
});

app.get('/api/user/:id', requireUser, async (req, res) => {
  // ok: nosql-injection
  const user = await User.findById(req.params.id).select('email role');
  res.json(user);
});

app.get('/api/roles/:role/users', requireUser, async (req, res) => {
  // ok: nosql-injection
  const users = await User.find({ role: req.params.role }).select('email').limit(100);
  res.json(users);
});

app.get('/api/users/by-role', requireUser, async (req, res) => {
  // expect: nosql-injection
  const users = await User.find({ $where: `this.role === '${req.query.role}'` }).select('email');
  res.json(users);
});

app.get('/api/users/lookup', requireUser, (req, res) => {
  findUserByEmail(req.query.email, (err, rows) => {
    if (err) return res.status(500).json({ error: 'database error' });
    countOrders(rows[0] && rows[0].id, (err2, counts) => {
      res.json({ user: rows[0] || null, orders: err2 ? 0 : counts[0].n });
    });
  });
});

app.get('/logout', (req, res) => {
  const next = req.query.next;
  res.clearCookie('token');
  if (typeof next === 'string' && next.startsWith('/') && !next.startsWith('//')) {
    // ok: open-redirect
    return res.redirect(next);
  }
  res.redirect('/');
});

app.put('/settings', requireUser, async (req, res) => {
  // expect: prototype-pollution
  const settings = _.merge({}, DEFAULT_SETTINGS, req.body);
  await User.updateOne({ _id: req.user.id }, { settings });
  res.json(settings);
});

app.put('/preferences', requireUser, async (req, res) => {
  // ok: prototype-pollution
  const prefs = Object.assign({}, DEFAULT_PREFS, req.body);
  res.cookie('prefs', Buffer.from(JSON.stringify(prefs)).toString('base64'));
  res.json(prefs);
});

app.get('/cart', (req, res) => {
  if (!req.cookies.cart) return res.json({ items: [] });
  const raw = Buffer.from(req.cookies.cart, 'base64').toString('utf8');
  // expect: unsafe-deserialization
  const cart = serialize.unserialize(raw);
  res.json(cart);
});

app.get('/preferences', (req, res) => {
  const raw = Buffer.from(req.cookies.prefs || 'e30=', 'base64').toString('utf8');
  // ok: unsafe-deserialization
  const prefs = JSON.parse(raw);
  res.json(prefs);
});

// ---------------------------------------------------------------------------
// Files
// ---------------------------------------------------------------------------

app.post('/uploads', requireUser, upload.single('file'), (req, res) => {
  const tmpId = req.file.filename;
  // ok: code-injection
  setTimeout(() => fs.unlink(path.join(UPLOAD_DIR, tmpId), () => {}), 60 * 60 * 1000);
  res.status(201).json({ id: tmpId });
});

app.post('/avatar', requireUser, avatarUpload.single('avatar'), (req, res) => {
  res.status(201).json({ ok: true });
});

app.get('/uploads/:name', (req, res) => {
  // ok: path-traversal
  res.sendFile(req.params.name, { root: UPLOAD_DIR });
});

app.get('/download', requireUser, (req, res) => {
  // expect: path-traversal
  res.download(path.join(UPLOAD_DIR, req.query.file));
});

app.get('/reports/:report', requireUser, (req, res) => {
  // expect: path-traversal
  fs.readFile(`${REPORT_DIR}/${req.params.report}.csv`, 'utf8', (err, data) => {
    if (err) return res.status(404).json({ error: 'report not found' });
    res.type('text/csv').send(data);
  });
});

app.get('/exports/:file', requireUser, (req, res) => {
  const file = path.basename(req.params.file);
  // ok: path-traversal
  res.download(path.join(REPORT_DIR, 'exports', file));
});

app.post('/import/products', requireUser, (req, res) => {
  let doc;
  try {
    // expect: xml-external-entities
    doc = libxmljs.parseXml(req.body, { noent: true, nonet: false });
  } catch (e) {
    return res.status(400).json({ error: 'invalid xml' });
  }
  res.json({ products: doc.find('//product').length });
});

app.post('/import/products/preview', requireUser, (req, res) => {
  let doc;
  try {
    // ok: xml-external-entities
    doc = libxmljs.parseXml(req.body, { noent: false, nonet: true });
  } catch (e) {
    return res.status(400).json({ error: 'invalid xml' });
  }
  res.json({ products: doc.find('//product').length });
});

// ---------------------------------------------------------------------------
// Admin tools
// ---------------------------------------------------------------------------

app.get('/tools/ping', requireUser, (req, res) => {
  const host = req.query.host;
  // expect: command-injection
  exec('ping -c 3 ' + host, { timeout: 10000 }, (err, stdout) => {
    res.json({ ok: !err, output: stdout });
  });
});

app.get('/tools/changelog', requireUser, (req, res) => {
  const branch = req.query.branch || 'main';
  // ok: command-injection
  execFile('git', ['log', '--oneline', '-n', '20', branch], { cwd: REPO_DIR }, (err, stdout) => {
    res.json({ ok: !err, log: stdout.split('\n') });
  });
});

app.get('/tools/disk', requireUser, (req, res) => {
  // ok: command-injection
  exec('df -h /', (err, stdout) => res.json({ ok: !err, output: stdout }));
});

app.post('/tools/backup', requireUser, (req, res) => {
  const { dir } = req.body;
  // expect: command-injection
  const child = spawn('tar', ['-czf', `/backups/${Date.now()}.tgz`, dir], { shell: true });
  child.on('close', (code) => res.json({ code }));
});

app.post('/tools/calculator', requireUser, (req, res) => {
  const { expression } = req.body;
  // expect: code-injection
  const result = eval(expression);
  res.json({ result });
});

app.post('/tools/vat', (req, res) => {
  const total = Number(req.body.total);
  // ok: code-injection
  const gross = vm.runInNewContext('Math.round(total * (1 + rate) * 100) / 100', { total, rate: 0.19, Math });
  res.json({ gross });
});

app.post('/emails/preview', requireUser, (req, res) => {
  // expect: template-injection
  const html = ejs.render(req.body.template, { user: req.user });
  res.json({ html });
});

app.post('/emails/welcome-preview', (req, res) => {
  // ok: template-injection
  const html = ejs.render(WELCOME_TEMPLATE, { name: req.body.name });
  res.json({ html });
});

app.post('/notes', requireUser, (req, res) => {
  const title = req.body.title || 'Untitled';
  // ok: cross-site-scripting
  res.send(`<p>Saved note <strong>${escapeHtml(title)}</strong>.</p>`);
});

app.get('/echo', (req, res) => {
  // ok: cross-site-scripting
  res.json({ query: req.query.q, receivedAt: Date.now() });
});

// ---------------------------------------------------------------------------
// Outbound HTTP
// ---------------------------------------------------------------------------

app.get('/proxy/image', async (req, res) => {
  const { url } = req.query;
  try {
    // expect: server-side-request-forgery
    const upstream = await axios.get(url, { responseType: 'arraybuffer', timeout: 5000 });
    res.set('Content-Type', 'application/octet-stream').end(upstream.data);
  } catch (e) {
    res.status(502).json({ error: 'upstream error' });
  }
});

app.get('/proxy/thumbnail', async (req, res) => {
  let target;
  try {
    target = new URL(req.query.src);
  } catch (e) {
    return res.status(400).json({ error: 'invalid url' });
  }
  if (target.protocol !== 'https:' || !ALLOWED_IMAGE_HOSTS.has(target.hostname)) {
    return res.status(400).json({ error: 'host not allowed' });
  }
  // ok: server-side-request-forgery
  const upstream = await axios.get(target.href, { responseType: 'arraybuffer', timeout: 5000 });
  res.type('image/jpeg').end(upstream.data);
});

app.get('/github/:user', async (req, res) => {
  // ok: server-side-request-forgery
  const { data } = await axios.get(`https://api.github.com/users/${encodeURIComponent(req.params.user)}`);
  res.json({ login: data.login, repos: data.public_repos });
});

// ---------------------------------------------------------------------------
// Nightly maintenance. `req` here is a queued dump request built from the
// static job table below, not an HTTP request.
// ---------------------------------------------------------------------------

const NIGHTLY_DUMPS = [
  { body: { database: 'shop', target: '/backups/shop.sql' } },
  { body: { database: 'analytics', target: '/backups/analytics.sql' } },
];

function runDump(req) {
  // ok: command-injection
  exec(`mysqldump ${req.body.database} > ${req.body.target}`, (err) => {
    if (err) console.error('dump failed with code', err.code);
  });
}

setInterval(() => NIGHTLY_DUMPS.forEach(runDump), 24 * 60 * 60 * 1000);

app.listen(PORT, () => {
  // ok: log-injection
  console.log('Shop API listening on port ' + PORT);
});
