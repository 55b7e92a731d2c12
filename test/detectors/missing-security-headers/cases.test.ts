// One low-confidence finding per Express app without a headers middleware and with X-Powered-By on.
import { at, ruleTester } from '../harness';

const E = "const express = require('express');\n";
const listen = E + "const app = express();\napp.use(express.json());\napp.get('/', (req, res) => res.send('ok'));\napp.listen(3000);";
const exported = "import express from 'express';\nconst app = express();\napp.use(cors());\nexport default app;";
const cjs = E + 'const app = express();\nmodule.exports = app;';

ruleTester('missing-security-headers', 'javascript', {
  valid: [
    E + "const helmet = require('helmet');\nconst app = express();\napp.use(helmet());\napp.listen(3000);",
    E + "const app = express();\napp.disable('x-powered-by');\napp.listen(3000);",
    E + "const app = express();\napp.use((req, res, next) => { res.setHeader('X-Frame-Options', 'DENY'); next(); });\napp.listen(3000);",
    // Middleware set up in another module that receives the app.
    E + "const app = express();\nrequire('./config/middleware')(app);\napp.listen(3000);",
    // A sub-app mounted elsewhere: neither listened to nor exported here.
    E + "const admin = express();\nadmin.get('/', handler);\nparent.use('/admin', admin);",
    // The project depends on helmet (used in another file).
    { code: listen, files: { 'package.json': '{ "dependencies": { "express": "^4.21.0", "helmet": "^7.1.0" } }' } },
    { code: listen, path: 'test/app.test.js' },
    "const app = express();\napp.listen(3000);",
  ],
  invalid: [
    { code: listen, errors: [{ ...at(listen, 'express()', 'no-security-headers'), confidence: 'low', severity: 'info' }] },
    { code: exported, errors: [at(exported, 'express()', 'no-security-headers')] },
    { code: cjs, errors: [at(cjs, 'express()', 'no-security-headers')], files: { 'package.json': '{ "dependencies": { "express": "^4.21.0" } }' } },
  ],
});
