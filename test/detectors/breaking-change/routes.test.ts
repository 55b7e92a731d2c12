// breaking-change on HTTP routes: a route the file registered at the baseline that no longer answers as
// it did (removed, moved, a method dropped), with the requests in other workspace files it breaks.
// Valid cases: what a naive diff of route strings would flag — a renamed path parameter, a new route,
// a client call (not a registration) changed, a route moved to another file, a test of the same path.
import assert from 'node:assert/strict';
import { MemoryBaseline } from '../../../server/src/vcs/memory-baseline';
import { routeChanges, routePattern, routesOfText } from '../../../server/src/change/routes';
import { urlMatches } from '../../../server/src/change/route-clients';
import { at, ruleTester, type Case, type InvalidCase } from '../harness';

function change(c: Omit<Case, 'services'> & { before: string; path: string }): Case {
  return { ...c, services: { baseline: new MemoryBaseline({ [c.path]: c.before }) } };
}
function broken(c: Omit<Case, 'services'> & { before: string; path: string }, text: string, kind: string, severity: string): InvalidCase {
  return { ...change(c), errors: [{ ...at(c.code, text, kind), severity }] };
}

const APP = (routes: string) => `const express = require('express');\nconst app = express();\napp.get('/health', (req, res) => res.send('ok'));\n${routes}module.exports = app;\n`;
const USERS = "app.get('/api/users/:id', getUser);\n";
const CLIENT = { 'web/src/api.js': "export async function loadUser(id) {\n  const res = await fetch(`/api/users/${id}`);\n  return res.json();\n}\n" };

ruleTester('breaking-change', 'javascript', {
  valid: [
    change({ name: 'a path parameter renamed (:id → :userId) is the same route', path: 'server/app.js', before: APP(USERS), files: CLIENT, code: APP("app.get('/api/users/:userId', getUser);\n") }),
    change({ name: 'a new route; a handler body changed', path: 'server/app.js', before: APP(USERS), files: CLIENT, code: APP("app.get('/api/users/:id', (req, res) => getUser(req, res));\napp.post('/api/users', createUser);\n") }),
    change({ name: 'a client request changed, not a route (axios.get with a config object)', path: 'web/src/users.js', before: "import axios from 'axios';\nexport const list = () => axios.get('/api/users', { params: { all: 1 } });\n", files: { 'server/app.js': APP(USERS) }, code: "import axios from 'axios';\nexport const list = () => axios.get('/api/people', { params: { all: 1 } });\n" }),
    change({ name: 'the route moved to another file that registers it now', path: 'server/app.js', before: APP(USERS), files: { ...CLIENT, 'server/users.js': "const router = require('express').Router();\nrouter.get('/api/users/:id', getUser);\nmodule.exports = router;\n" }, code: APP("app.use(require('./users'));\n") }),
    change({ name: 'app.route(path).get(h) kept while .post was added', path: 'server/app.js', before: APP("app.route('/api/items').get(listItems);\n"), code: APP("app.route('/api/items').get(listItems).post(addItem);\n") }),
    change({ name: 'Python FastAPI: a path parameter renamed', language: 'python', path: 'api/main.py', before: "from fastapi import FastAPI\napp = FastAPI()\n\n@app.get('/items/{id}')\ndef _read_item(id: int):\n    return {}\n", files: { 'web/client.py': "import requests\nrequests.get(f'{BASE}/items/{item_id}')\n" }, code: "from fastapi import FastAPI\napp = FastAPI()\n\n@app.get('/items/{item_id}')\ndef _read_item(item_id: int):\n    return {}\n" }),
  ],
  invalid: [
    broken({ name: 'a route removed: a fetch in another file still requests it', path: 'server/app.js', before: APP(USERS), files: CLIENT, code: APP('') }, 'module.exports = app;', 'route-removed', 'error'),
    broken({ name: 'a route removed that nothing in the workspace requests: hint', path: 'server/app.js', before: APP(USERS), code: APP('') }, 'module.exports = app;', 'route-removed', 'hint'),
    broken({ name: 'a route moved to another path (same handler); axios still calls the old one', path: 'server/app.js', before: APP(USERS), files: { 'web/src/api.js': "import axios from 'axios';\nexport const loadUser = (id) => axios.get('/api/users/' + id);\n" }, code: APP("app.get('/api/people/:id', getUser);\n") }, "'/api/people/:id'", 'route-moved', 'error'),
    broken({ name: 'GET became POST: a fetch without a method (GET) breaks', path: 'server/app.js', before: APP(USERS), files: CLIENT, code: APP("app.post('/api/users/:id', getUser);\n") }, "'/api/users/:id'", 'route-method-changed', 'error'),
    broken({ name: 'a mounted router: the client adds the mount prefix; a supertest test requests it', path: 'server/routes/orders.js', before: "const router = require('express').Router();\nrouter.delete('/orders/:id', removeOrder);\nrouter.get('/orders', listOrders);\nmodule.exports = router;\n", files: { 'test/orders.test.js': "const request = require('supertest');\nit('deletes', () => request(app).delete('/api/v1/orders/42'));\n" }, code: "const router = require('express').Router();\nrouter.get('/orders', listOrders);\nmodule.exports = router;\n" }, "router.get('/orders', listOrders);", 'route-removed', 'error'),
  ],
});

ruleTester('breaking-change', 'python', {
  valid: [
    change({ name: 'Flask: a method added', path: 'app/views.py', before: "@app.route('/items/<int:id>')\ndef item(id):\n    return ''\n", files: { 'app/client.py': "requests.get(f'{BASE}/items/{i}')\n" }, code: "@app.route('/items/<int:id>', methods=['GET', 'PUT'])\ndef item(id):\n    return ''\n" }),
    change({ name: 'a requests call changed in a client (not a route)', path: 'app/client.py', before: "import requests\ndef load(i):\n    return requests.get(f'{BASE}/items/{i}')\n", code: "import requests\ndef load(i):\n    return requests.get(f'{BASE}/v2/items/{i}')\n" }),
  ],
  invalid: [
    broken({ name: 'Flask: DELETE dropped from methods; a client still deletes', path: 'app/views.py', before: "@app.route('/items/<int:id>', methods=['GET', 'DELETE'])\ndef item(id):\n    return ''\n", files: { 'app/client.py': "import requests\ndef drop(item_id):\n    requests.delete(f'{BASE}/items/{item_id}')\n" }, code: "@app.route('/items/<int:id>', methods=['GET'])\ndef item(id):\n    return ''\n" }, "'/items/<int:id>'", 'route-method-changed', 'error'),
    broken({ name: 'Django: a path() removed from urls.py; a test client requests it', path: 'shop/urls.py', before: "from django.urls import path\nfrom . import views\nurlpatterns = [\n    path('reports/', views.reports),\n    path('orders/', views.orders),\n]\n", files: { 'shop/tests/test_reports.py': "def test_reports(client):\n    assert client.get('/shop/reports/').status_code == 200\n" }, code: "from django.urls import path\nfrom . import views\nurlpatterns = [\n    path('orders/', views.orders),\n]\n" }, "path('orders/', views.orders),", 'route-removed', 'error'),
  ],
});

describe('change/routes: what counts as a route and a request to it', () => {
  it('normalises parameters of every framework to one placeholder', () => {
    assert.equal(routePattern('/users/:id/'), '/users/{}');
    assert.equal(routePattern('users/<int:id>'), '/users/{}');
    assert.equal(routePattern('/Users/{user_id}/posts'), '/users/{}/posts');
  });
  it('finds registrations, not client calls or commented-out code', () => {
    const routes = routesOfText("app.get('/a', h);\n// app.get('/b', h);\naxios.get('/c', cfg);\nrequest(app).get('/d');\ncache.get('/e');\nrouter.route('/f').put(h);\n", 'js', 'x.js');
    assert.deepEqual(routes.map((r) => `${r.method} ${r.pattern}`), ['GET /a', 'PUT /f']);
  });
  it('reports a dropped method once, whatever the number of registrations', () => {
    const was = routesOfText("app.get('/a/:id', h);\napp.get('/a/:id', h2);\n", 'js', 'x.js');
    assert.equal(routeChanges(was, []).length, 1);
  });
  it('matches a URL by its last segments, with up to two prefix segments and a shared literal', () => {
    assert.ok(urlMatches(['api', 'v1', 'orders', '42'], '/orders/{}'));
    assert.ok(!urlMatches(['a', 'b', 'c', 'orders', '42'], '/orders/{}'), 'three prefix segments');
    assert.ok(!urlMatches(['*', '*'], '/orders/{}'), 'no literal in common');
    assert.ok(!urlMatches(['orders'], '/orders/{}'), 'too short');
    assert.ok(!urlMatches(['users', '42'], '/orders/{}'));
  });
});

describe('breaking-change on routes: the message names the requests it breaks', function () {
  this.timeout(60_000);
  it('says which route, which requests in which files, and the tests', async () => {
    const { testEngine } = await import('../../engine');
    const { caseServices } = await import('../harness');
    const engine = await testEngine();
    const code = APP("app.post('/api/users/:id', getUser);\n");
    const files = { ...CLIENT, 'test/users.test.js': "it('loads', () => request(app).get('/api/users/7'));\n" };
    const services = { ...caseServices('server/app.js', code, files), baseline: new MemoryBaseline({ 'server/app.js': APP(USERS) }) };
    const r = await engine.analyzeTiers({ text: code, languageId: 'javascript', path: 'server/app.js' }, services, { slowBudgetMs: 60_000 });
    const f = r.findings.find((x) => x.ruleId === 'breaking-change')!;
    assert.equal(f.message, '`GET /api/users/:id` no longer answers GET: the route now takes POST; 2 requests in 2 files still expect it — test/users.test.js:1, web/src/api.js:2; tests: test/users.test.js.');
    assert.deepEqual(f.related?.map((x) => `${x.file}:${x.range.start.line + 1}:${x.range.start.character + 1} ${x.message}`), [
      'test/users.test.js:1:36 GET request to `/api/users/7`',
      'web/src/api.js:2:27 GET request to `/api/users/${id}`',
    ]);
  });
});
