import { ruleTester } from '../harness';

// A dev server's own middleware answers the developer who runs it (fresh sample BB: maizzle's email preview, a Vite plugin
// whose configureServer hook renders templates and sends a failed render's stack): low, not silent.
const plugin = [
  'export function previewPlugin(config) {',
  '  return {',
  "    name: 'email-preview',",
  '    configureServer(server) {',
  '      server.middlewares.use(async (req, res, next) => {',
  "        if (!req.url.startsWith('/__preview/')) return next();",
  '        try {',
  '          res.end(await render(req.url, config));',
  '        } catch (error) {',
  '          res.statusCode = 500;',
  '          res.end(`<pre>${error.stack}</pre>`);',
  '        }',
  '      });',
  '    },',
  '  };',
  '}',
].join('\n');
// Vite's SSR server template: Vite only in development, the same handler in production
const ssr = [
  "import express from 'express';",
  'const app = express();',
  "const vite = await (await import('vite')).createServer({ server: { middlewareMode: true } });",
  'app.use(vite.middlewares);',
  "app.use('*', async (req, res) => {",
  '  try {',
  '    res.end(await renderPage(req.originalUrl));',
  '  } catch (e) {',
  '    res.status(500).end(e.stack);',
  '  }',
  '});',
].join('\n');

ruleTester('error-details-in-response', 'javascript', {
  valid: [],
  invalid: [
    { name: "a Vite plugin's dev-server middleware: low", code: plugin, path: 'src/preview.js', errors: [{ line: 11, column: 27, confidence: 'low' }] },
    { name: 'an SSR server that also mounts Vite: the rule\'s confidence', code: ssr, path: 'server.js', errors: [{ line: 9, column: 25, confidence: 'high' }] },
  ],
});
