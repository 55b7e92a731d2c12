import { at, ruleTester } from '../harness';

const c1 = "app.get('/search', (req, res) => {\n  const re = new RegExp(req.query.q, 'i');\n  res.json(items.filter((i) => re.test(i.name)));\n});";

ruleTester('regex-injection', 'javascript', {
  valid: [
    "const escapeRegExp = require('lodash.escaperegexp');\napp.get('/s', (req, res) => { new RegExp(escapeRegExp(req.query.q)); });",
    "app.get('/s', (req, res) => { new RegExp(req.query.q.replace(/[.*+?^${}()|[\\]\\\\]/g, '\\\\$&')); });",
    "const re = new RegExp('^[a-z]+$');",
  ],
  invalid: [{ code: c1, errors: [at(c1, 'req.query.q', 'request:direct')] }],
});

const p1 = "import re\nfrom flask import request\n\n@app.route('/s')\ndef s():\n    pattern = re.compile(request.args['q'])";

ruleTester('regex-injection', 'python', {
  valid: ["import re\nfrom flask import request\n@app.route('/s')\ndef s():\n    pattern = re.compile(re.escape(request.args['q']))"],
  invalid: [{ code: p1, errors: [at(p1, "request.args['q']", 'request:direct')] }],
});
