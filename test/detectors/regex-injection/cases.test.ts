import { at, ruleTester } from '../harness';

const c1 = "app.get('/search', (req, res) => {\n  const re = new RegExp(req.query.q, 'i');\n  res.json(items.filter((i) => re.test(i.name)));\n});";

const keysOfParams = "app.get('/u/:id', (req, res) => {\n  let filled = tpl;\n  Object.keys(req.params).forEach((key) => {\n    filled = filled.replace(new RegExp(`@${key}`, 'g'), req.params[key]);\n  });\n  res.send(filled);\n});";
const keysOfQuery = keysOfParams.replace('Object.keys(req.params)', 'Object.keys(req.query)');
const valuesOfParams = keysOfParams.replace('Object.keys(req.params)', 'Object.values(req.params)');

ruleTester('regex-injection', 'javascript', {
  valid: [
    "const escapeRegExp = require('lodash.escaperegexp');\napp.get('/s', (req, res) => { new RegExp(escapeRegExp(req.query.q)); });",
    "app.get('/s', (req, res) => { new RegExp(req.query.q.replace(/[.*+?^${}()|[\\]\\\\]/g, '\\\\$&')); });",
    "const re = new RegExp('^[a-z]+$');",
    // the names of a route's parameters are the server's own (`:id`); their values are input (held-out sample: apimocker's fillTemplate)
    keysOfParams,
  ],
  invalid: [
    { code: c1, errors: [at(c1, 'req.query.q', 'request:direct')] },
    { code: keysOfQuery, errors: [at(keysOfQuery, '`@${key}`', 'request:direct')] },
    { code: valuesOfParams, errors: [at(valuesOfParams, '`@${key}`', 'request:direct')] },
  ],
});

const p1 = "import re\nfrom flask import request\n\n@app.route('/s')\ndef s():\n    pattern = re.compile(request.args['q'])";

ruleTester('regex-injection', 'python', {
  valid: ["import re\nfrom flask import request\n@app.route('/s')\ndef s():\n    pattern = re.compile(re.escape(request.args['q']))"],
  invalid: [{ code: p1, errors: [at(p1, "request.args['q']", 'request:direct')] }],
});
