import { at, ruleTester } from '../harness';

const c1 = "app.post('/login', (req, res) => {\n  console.log('login attempt for ' + req.body.username);\n});";
const c2 = "app.get('/s', (req, res) => {\n  const term = req.query.q;\n  logger.info(`search: ${term}`);\n});";

ruleTester('log-injection', 'javascript', {
  valid: [
    "app.get('/s', (req, res) => { logger.info({ term: req.query.q }, 'search'); });",
    "app.get('/s', (req, res) => { logger.info(`search: ${req.query.q.replace(/[\\r\\n]/g, '')}`); });",
    "app.get('/s', (req, res) => { logger.info('search: ' + JSON.stringify(req.query.q)); });",
    "app.get('/s', (req, res) => { console.log('search', req.query.q); });",
    "console.log('started on ' + port);",
  ],
  invalid: [
    { code: c1, errors: [{ ...at(c1, "'login attempt for ' + req.body.username", 'request:direct'), confidence: 'medium' }] },
    { code: c2, errors: [at(c2, '`search: ${term}`', 'request:direct')] },
  ],
});

const p1 = "import logging\nfrom flask import request\n\n@app.route('/login', methods=['POST'])\ndef login():\n    logging.warning('failed login for %s', request.form['user'])";

ruleTester('log-injection', 'python', {
  valid: [
    "import logging\nlogging.info('started')",
    "import logging\nfrom flask import request\n@app.route('/login', methods=['POST'])\ndef login():\n    logging.warning('failed login for %r', repr(request.form['user']))",
  ],
  invalid: [{ code: p1, errors: [at(p1, "request.form['user']", 'request:direct')] }],
});
