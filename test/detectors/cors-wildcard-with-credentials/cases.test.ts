import { ruleTester } from '../harness';

const LS = "if (cors) {\n  app.use(require('cors')({\n    origin: true,\n    credentials: true,\n  }));\n}";

const BS = "const utils = {\n  corsMiddleware: function () {\n    return (req, res, next) => { res.setHeader('Access-Control-Allow-Origin', '*'); res.setHeader('Access-Control-Allow-Credentials', true); next(); };\n  },\n};\nif (options.get('cors')) {\n  stack.unshift({ handle: utils.corsMiddleware() });\n}";

const H3 = "function createOriginHeaders(opts) {\n  if (!opts.origin || opts.origin === '*') {\n    return { 'access-control-allow-origin': '*' };\n  }\n  return { vary: 'origin' };\n}\nfunction createCredentialsHeaders({ credentials }) {\n  if (credentials) return { 'access-control-allow-credentials': 'true' };\n  return {};\n}";

ruleTester('cors-wildcard-with-credentials', 'typescript', {
  valid: [
    "app.use(cors({ origin: '*' }));",
    "app.use(cors({ origin: ['https://app.acme.io'], credentials: true }));",
    "app.use(cors({ origin: process.env.CORS_ORIGIN, credentials: true }));",
    "app.use(cors({ origin: (o, cb) => cb(null, allowed.includes(o)), credentials: true }));",
    "res.setHeader('Access-Control-Allow-Origin', '*');",
    // `*` in one branch, credentials with an allow-listed origin in the other: never both (payload's headersWithCors)
    "if (cors === '*') {\n  headers.set('Access-Control-Allow-Origin', '*');\n} else if (cors.indexOf(origin) > -1) {\n  headers.set('Access-Control-Allow-Credentials', 'true');\n  headers.set('Access-Control-Allow-Origin', origin);\n}",
    "// cors({ origin: true, credentials: true }) reflects every origin\nconst x = 1;",
    "const res = await fetch(url, { credentials: 'include' });",
    { code: 'app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["*"])', language: 'python' },
    { code: 'app.add_middleware(CORSMiddleware, allow_origins=["https://app.acme.io"], allow_credentials=True)', language: 'python' },
    { code: 'CORS(app, origins=["https://app.acme.io"], supports_credentials=True)', language: 'python' },
    { code: 'CORS(app)', language: 'python' },
    { code: 'CORS_ALLOW_ALL_ORIGINS = True\nCORS_ALLOW_CREDENTIALS = False', language: 'python' },
  ],
  invalid: [
    // behind the operator's switch named for CORS (fresh held-out sample: live-server's --cors): info, low
    { code: LS, errors: [{ line: 3, severity: 'info', confidence: 'low' }] },
    { code: "if (options.enableCors) {\n  res.setHeader('Access-Control-Allow-Origin', req.headers.origin);\n  res.setHeader('Access-Control-Allow-Credentials', 'true');\n}", errors: [{ line: 2, severity: 'info', confidence: 'low' }] },
    // …also in a function the file calls only there (fresh held-out sample: browser-sync's getCorsMiddlewware)
    { code: BS, errors: [{ line: 3, severity: 'info', confidence: 'low' }] },
    { code: BS + "\napp.use(utils.corsMiddleware());", errors: [{ line: 3, severity: 'warning', confidence: 'medium' }] },
    { code: "if (opts.cors) {\n  app.use((req, res, next) => {\n    res.setHeader('Access-Control-Allow-Origin', req.headers.origin);\n    res.setHeader('Access-Control-Allow-Credentials', 'true');\n    next();\n  });\n}", errors: [{ line: 3, severity: 'info', confidence: 'low' }] },
    // on unless switched off (json-server's `noCors`), in the else branch, or behind another switch: the rule's level
    { code: "if (!opts.noCors) {\n  arr.push(cors({ origin: true, credentials: true }));\n}", errors: [{ line: 2, severity: 'error', confidence: 'high' }] },
    { code: "if (cors) {\n  app.use(helmet());\n} else {\n  app.use(cors({ origin: true, credentials: true }));\n}", errors: [{ line: 4, severity: 'error', confidence: 'high' }] },
    { code: "if (opts.dev) {\n  app.use(cors({ origin: true, credentials: true }));\n}", errors: [{ line: 2, severity: 'error', confidence: 'high' }] },
    // header builders of a CORS library, each gated by the caller's option (fresh held-out sample: h3's cors utils): info, low
    { code: H3, errors: [{ line: 3, severity: 'info', confidence: 'low' }] },
    // …one of them unconditional, or a reflected origin gated so: the rule's level
    { code: H3.replace("  if (credentials) return", "  return"), errors: [{ line: 3, severity: 'warning', confidence: 'medium' }] },
    { code: "function originHeaders(req, opts) {\n  if (opts.reflect) res.setHeader('Access-Control-Allow-Origin', req.headers.origin);\n}\nfunction credentialHeaders(opts) {\n  if (opts.credentials) res.setHeader('Access-Control-Allow-Credentials', 'true');\n}", errors: [{ line: 2, severity: 'error', confidence: 'high' }] },
    { code: "app.use(cors({ origin: true, credentials: true }));", errors: [{ line: 1, column: 16 }] },
    { code: "app.use(cors({\n  origin: '*',\n  credentials: true,\n}));", errors: [{ line: 2, column: 3 }] },
    { code: "app.enableCors({ origin: (origin, callback) => callback(null, true), credentials: true });", errors: 1 },
    { code: "res.setHeader('Access-Control-Allow-Origin', req.headers.origin);\nres.setHeader('Access-Control-Allow-Credentials', 'true');", errors: [{ line: 1, column: 1 }] },
    { code: "res.header('Access-Control-Allow-Origin', '*');\nres.header('Access-Control-Allow-Credentials', true);", errors: [{ line: 1 }] },
    // the pair in one branch still counts, whatever the other branch does
    { code: "if (open) {\n  res.header('Access-Control-Allow-Origin', '*');\n  res.header('Access-Control-Allow-Credentials', 'true');\n} else {\n  res.header('Access-Control-Allow-Origin', SITE);\n}", errors: [{ line: 2 }] },
    { code: "res.writeHead(200, { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Credentials': 'true' });", errors: 1 },
    { code: 'app.add_middleware(\n    CORSMiddleware,\n    allow_origins=["*"],\n    allow_credentials=True,\n)', language: 'python', errors: [{ line: 3, column: 5 }] },
    { code: 'app.add_middleware(CORSMiddleware, allow_origin_regex=".*", allow_credentials=True)', language: 'python', errors: 1 },
    { code: 'CORS(app, supports_credentials=True)', language: 'python', errors: [{ line: 1, column: 11 }] },
    { code: 'CORS(app, origins="*", supports_credentials=True)', language: 'python', errors: [{ line: 1, column: 11 }] },
    { code: 'CORS_ALLOW_ALL_ORIGINS = True\nCORS_ALLOW_CREDENTIALS = True', language: 'python', path: 'mysite/settings.py', errors: [{ line: 1 }] },
  ],
});
