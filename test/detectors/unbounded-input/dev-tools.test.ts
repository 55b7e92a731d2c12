import { at, ruleTester } from '../harness';

// Whose memory the body fills (fresh sample XX): a Vite mock plugin's dev-server middleware (vite-plugin-mock's body parser,
// the hook written as `configureServer: async ({ middlewares }) => …`) and a fake server for tests (fake-s3's `class
// FakeS3`, which keeps every object in memory by design) answer the developer on their machine: low, not silent.
const plugin = [
  'function readJson(req) {',
  '  return new Promise((resolve) => {',
  "    let text = '';",
  "    req.on('data', (part) => { text += part; });",
  "    req.on('end', () => resolve(JSON.parse(text || '{}')));",
  '  });',
  '}',
  'export function mockApi(routes) {',
  '  return {',
  "    name: 'mock-api',",
  '    configureServer: async ({ middlewares }) => {',
  '      middlewares.use(async (req, res, next) => {',
  '        const route = routes[req.url];',
  '        if (!route) return next();',
  '        res.end(JSON.stringify(route(await readJson(req))));',
  '      });',
  '    },',
  '  };',
  '}',
].join('\n');
const fake = [
  "const http = require('http');",
  'class FakeQueue {',
  '  constructor(port) { this.port = port; this.server = http.createServer((req, res) => this.onRequest(req, res)); }',
  '  onRequest(req, res) {',
  '    const parts = [];',
  "    req.on('data', (c) => { parts.push(c); });",
  "    req.on('end', () => { this.messages.push(Buffer.concat(parts)); res.end(); });",
  '  }',
  '}',
].join('\n');
// The same shapes in an app: a class whose name only starts with the letters, and a server that names the hook
// without adding middleware to it.
const app = fake.replace('class FakeQueue', 'class Fakery');
const hookOnly = [
  "const http = require('http');",
  '// configureServer(server) is documented in the README',
  'http.createServer((req, res) => {',
  "  let body = '';",
  "  req.on('data', (chunk) => { body += chunk; });",
  "  req.on('end', () => res.end('ok'));",
  '});',
  'export const plugin = { configureServer(server) { server.ws.send({ type: "full-reload" }); } };',
].join('\n');

// A throw-away server a test suite starts on an ephemeral loopback port (fresh sample AL: an SDK's shipped HTTP adapter
// contract tests): only the test that was handed the port talks to it. The same handler on a fixed port, or on every
// interface, is an app's.
const harness = [
  "const http = require('http');",
  'function start(handler) {',
  '  const server = http.createServer(handler);',
  "  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));",
  '}',
  'async function postReachesServer(send) {',
  "  let got = '';",
  "  const server = await start((req, res) => { req.on('data', (c) => { got += c; }); req.on('end', () => res.end()); });",
  "  await send(server.address().port, 'x');",
  '}',
].join('\n');
const fixedPort = harness.replace("listen(0, '127.0.0.1'", "listen(8080, '127.0.0.1'");
const anyInterface = harness.replace("listen(0, '127.0.0.1'", 'listen(0');

ruleTester('unbounded-input', 'javascript', {
  valid: [],
  invalid: [
    { name: "a Vite plugin's mock middleware: low", code: plugin, errors: [{ ...at(plugin, 'text += part;', 'stream'), confidence: 'low' }] },
    { name: 'a fake server class for tests: low', code: fake, errors: [{ ...at(fake, 'parts.push(c);', 'stream'), confidence: 'low' }] },
    { name: 'an app class that only starts with Fake: medium', code: app, errors: [{ ...at(app, 'parts.push(c);', 'stream'), confidence: 'medium' }] },
    { name: 'a test harness server on an ephemeral loopback port: low', code: harness, errors: [{ ...at(harness, 'got += c;', 'stream'), confidence: 'low' }] },
    { name: 'the same server on a fixed port: medium', code: fixedPort, errors: [{ ...at(fixedPort, 'got += c;', 'stream'), confidence: 'medium' }] },
    { name: 'the same server on every interface: medium', code: anyInterface, errors: [{ ...at(anyInterface, 'got += c;', 'stream'), confidence: 'medium' }] },
    { name: 'the hook named but no middleware added: medium', code: hookOnly, errors: [{ ...at(hookOnly, 'body += chunk;', 'stream'), confidence: 'medium' }] },
  ],
});
