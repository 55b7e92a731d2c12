'use strict';

const http = require('http');
const https = require('https');
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const sqlite3 = require('sqlite3');
const escapeHtml = require('escape-html');

const PORT = Number(process.env.PORT) || 8080;
const PUBLIC_DIR = path.join(__dirname, 'public');
const MAX_BODY = 1024 * 1024;
const db = new sqlite3.Database(path.join(__dirname, 'inventory.sqlite'));

function readBody(req) {
  return new Promise((resolve, reject) => {
    let body = '';
    // expect: unbounded-input
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

function readLimitedBody(req, limit = MAX_BODY) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    // ok: unbounded-input
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > limit) {
        reject(Object.assign(new Error('payload too large'), { statusCode: 413 }));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res, status, payload) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(payload));
}

function listItems(searchParams, res) {
  const category = searchParams.get('category');
  // expect: sql-injection
  db.all(`SELECT id, name, qty FROM items WHERE category = '${category}'`, (err, rows) => {
    if (err) return sendJson(res, 500, { error: 'db error' });
    sendJson(res, 200, rows);
  });
}

function getItem(searchParams, res) {
  // ok: sql-injection
  db.get('SELECT id, name, qty FROM items WHERE id = ?', [searchParams.get('id')], (err, row) => {
    if (err) return sendJson(res, 500, { error: 'db error' });
    sendJson(res, row ? 200 : 404, row || { error: 'not found' });
  });
}

function restock(searchParams, res) {
  const qty = parseInt(searchParams.get('qty'), 10) || 0;
  const sku = searchParams.get('sku');
  // expect: sql-injection
  db.run("UPDATE items SET qty = qty + " + qty + " WHERE sku = '" + sku + "'", (err) => {
    sendJson(res, err ? 500 : 200, { ok: !err });
  });
}

function greet(searchParams, res) {
  const name = searchParams.get('name') || 'visitor';
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
  // expect: cross-site-scripting
  res.write(`<html><body><h1>Hello ${name}</h1>`);
  res.end('</body></html>');
}

function greetSafe(searchParams, res) {
  const name = searchParams.get('name') || 'visitor';
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
  // ok: cross-site-scripting
  res.write(`<html><body><h1>Hello ${escapeHtml(name)}</h1>`);
  res.end('</body></html>');
}

function serveStatic(pathname, res) {
  const filePath = path.join(PUBLIC_DIR, decodeURIComponent(pathname.replace(/^\/static\//, '')));
  // expect: path-traversal
  fs.readFile(filePath, (err, data) => {
    if (err) {
      res.writeHead(404);
      return res.end('Not found');
    }
    res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
    res.end(data);
  });
}

function serveDownload(searchParams, res) {
  const requested = path.resolve(PUBLIC_DIR, 'downloads', searchParams.get('file') || '');
  if (!requested.startsWith(path.join(PUBLIC_DIR, 'downloads') + path.sep)) {
    res.writeHead(403);
    return res.end('Forbidden');
  }
  res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
  // ok: path-traversal
  fs.createReadStream(requested).pipe(res);
}

function fetchFeed(searchParams, res) {
  const feedUrl = searchParams.get('url');
  // expect: server-side-request-forgery
  https.get(feedUrl, (upstream) => {
    res.writeHead(upstream.statusCode, { 'Content-Type': 'application/xml' });
    upstream.pipe(res);
  }).on('error', () => sendJson(res, 502, { error: 'upstream error' }));
}

function packageInfo(searchParams, res) {
  const pkg = searchParams.get('name') || 'express';
  // ok: server-side-request-forgery
  https.get(`https://registry.npmjs.org/${encodeURIComponent(pkg)}/latest`, (upstream) => {
    let raw = '';
    upstream.on('data', (c) => { if (raw.length < MAX_BODY) raw += c; });
    upstream.on('end', () => sendJson(res, 200, { version: JSON.parse(raw).version }));
  }).on('error', () => sendJson(res, 502, { error: 'upstream error' }));
}

function upstreamStatus(res) {
  // ok: server-side-request-forgery
  https.get('https://status.example.com/api/v2/status.json', (upstream) => {
    let body = '';
    // ok: unbounded-input
    upstream.on('data', (chunk) => { body += chunk; });
    upstream.on('end', () => sendJson(res, 200, JSON.parse(body).status || {}));
  }).on('error', () => sendJson(res, 502, { error: 'upstream error' }));
}

function trackSearch(q) {
  const req = https.request({ hostname: 'analytics.example.com', path: '/v1/events', method: 'POST', headers: { 'content-type': 'application/json' } });
  req.on('error', () => {});
  // ok: cross-site-scripting
  req.write(JSON.stringify({ type: 'search', q }));
  req.end();
}

function calculate(req, res) {
  readBody(req).then((raw) => {
    const { expr } = JSON.parse(raw);
    // expect: code-injection
    const result = vm.runInNewContext(expr, {}, { timeout: 100 });
    sendJson(res, 200, { result });
  }).catch(() => sendJson(res, 400, { error: 'bad request' }));
}

function compileTemplateFn(req, res) {
  readLimitedBody(req).then((raw) => {
    const { source } = JSON.parse(raw);
    // expect: code-injection
    const script = new vm.Script(`(function (row) { return ${source}; })`);
    sendJson(res, 200, { compiled: typeof script.runInNewContext({}) === 'function' });
  }).catch((err) => sendJson(res, err.statusCode || 400, { error: 'bad request' }));
}

function logSearch(searchParams, res) {
  const q = searchParams.get('q') || '';
  // expect: log-injection
  console.log('search query: ' + q);
  // ok: log-injection
  console.log('search query length: ' + q.length);
  trackSearch(q);
  sendJson(res, 200, { results: [] });
}

function login(req, res, searchParams) {
  readLimitedBody(req).then(() => {
    const next = searchParams.get('next') || '/';
    // expect: open-redirect
    res.writeHead(302, { Location: next });
    res.end();
  }).catch(() => sendJson(res, 400, { error: 'bad request' }));
}

function logout(res, searchParams) {
  const next = searchParams.get('next') || '/';
  if (!next.startsWith('/') || next.startsWith('//')) {
    res.writeHead(302, { Location: '/' });
    return res.end();
  }
  // ok: open-redirect
  res.writeHead(302, { Location: next });
  res.end();
}

const server = http.createServer((req, res) => {
  const { pathname, searchParams } = new URL(req.url, 'http://localhost');

  if (pathname === '/items') return listItems(searchParams, res);
  if (pathname === '/item') return getItem(searchParams, res);
  if (pathname === '/restock' && req.method === 'POST') return restock(searchParams, res);
  if (pathname === '/greet') return greet(searchParams, res);
  if (pathname === '/greet-safe') return greetSafe(searchParams, res);
  if (pathname.startsWith('/static/')) return serveStatic(pathname, res);
  if (pathname === '/download') return serveDownload(searchParams, res);
  if (pathname === '/feed') return fetchFeed(searchParams, res);
  if (pathname === '/package') return packageInfo(searchParams, res);
  if (pathname === '/calc' && req.method === 'POST') return calculate(req, res);
  if (pathname === '/compile' && req.method === 'POST') return compileTemplateFn(req, res);
  if (pathname === '/search') return logSearch(searchParams, res);
  if (pathname === '/login' && req.method === 'POST') return login(req, res, searchParams);
  if (pathname === '/logout') return logout(res, searchParams);
  if (pathname === '/status') return upstreamStatus(res);

  res.writeHead(404, { 'Content-Type': 'text/plain' });
  res.end('Not found');
});

server.listen(PORT, () => {
  // ok: log-injection
  console.log(`inventory service listening on :${PORT}`);
});
