import { at, ruleTester } from '../harness';

const c1 = "app.post('/calc', (req, res) => {\n  const { expr } = req.body;\n  res.json({ result: eval(expr) });\n});";
const c2 = "const vm = require('vm');\napp.post('/run', (req, res) => {\n  vm.runInNewContext(req.body.code, {});\n});";
const c3 = "app.get('/t', (req, res) => {\n  setTimeout('refresh(' + req.query.id + ')', 100);\n});";
const c4 = "app.post('/f', (req, res) => {\n  const fn = new Function('x', req.body.src);\n});";

ruleTester('code-injection', 'javascript', {
  valid: [
    "app.post('/calc', (req, res) => { res.json({ result: JSON.parse(req.body.expr) }); });",
    "app.get('/t', (req, res) => { setTimeout(() => refresh(req.query.id), 100); });",
    "eval('1 + 1');",
    "app.post('/calc', (req, res) => { const n = parseFloat(req.body.n); eval('2 * ' + n); });",
    "function evaluate(eval2) { return eval2; }\napp.post('/x', (req, res) => evaluate(req.body.code));",
  ],
  invalid: [
    { code: c1, errors: [at(c1, 'expr', 'request:direct', { after: 'eval(expr' })] },
    { code: c2, errors: [at(c2, 'req.body.code', 'request:direct')] },
    { code: c3, errors: [at(c3, "'refresh(' + req.query.id + ')'", 'request:direct')] },
    { code: c4, errors: [at(c4, 'req.body.src', 'request:direct')] },
  ],
});

const p1 = "from flask import request\n\n@app.route('/calc')\ndef calc():\n    return str(eval(request.args['expr']))";
const p2 = "import sys\nexec(open(sys.argv[1]).read())";

ruleTester('code-injection', 'python', {
  valid: [
    "import ast\nfrom flask import request\n@app.route('/calc')\ndef calc():\n    return str(ast.literal_eval(request.args['expr']))",
    "eval('1 + 2')",
  ],
  invalid: [
    { code: p1, errors: [at(p1, "request.args['expr']", 'request:direct')] },
  ],
});
void p2;
