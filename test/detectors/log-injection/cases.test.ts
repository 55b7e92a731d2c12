import { at, ruleTester } from '../harness';

const c1 = "app.post('/login', (req, res) => {\n  console.log('login attempt for ' + req.body.username);\n});";
const c2 = "app.get('/s', (req, res) => {\n  const term = req.query.q;\n  logger.info(`search: ${term}`);\n});";

const c3 = "app.get('/a', (req, res) => {\n  const u = new URL(req.url, 'http://x');\n  logger.info(`q ${u.searchParams.get('q')}`);\n});";

const c4 = "app.get('/proxy/*', (req, res) => {\n  const host = decodeURIComponent(req.originalUrl.split('/')[2]);\n  console.log('proxy to ' + host);\n});";
// Express's app.param / router.param callbacks run before the routes naming the parameter
const pv = "app.param('user', (req, res, next, user) => {\n  if (!/^[a-z0-9_-]+$/i.test(user)) return res.status(400).end();\n  next();\n});\nrouter.param('name', function (req, res, next, name) {\n  if (!isSlug(name)) { return next(new Error('bad name')); }\n  next();\n});\n";
// …one that only loads a record validates nothing; a path with another parameter, or another router's route, is not covered
const c7 = "app.param('id', (req, res, next, id) => {\n  Item.findById(id, (err, item) => { req.item = item; next(err); });\n});\napp.get('/i/:id', (req, res) => {\n  console.log('item ' + req.params.id);\n});";
const c8 = pv + "app.get('/u/:user/:tab', (req, res) => {\n  console.log('tab ' + req.params.tab);\n});\nother.get('/n/:name', (req, res) => {\n  console.log('name ' + req.params.name);\n});";
const c6 = "app.get('/log/*any', (req, res) => {\n  const file = decodeURIComponent(req.url).split('/').pop();\n  log.warn(`no log ${file}`);\n});";
// decoded in the try, raw in the catch: after the statement either may hold, and the decoded one can break a line (fresh held-out sample: iobroker.admin's file route)
const c9 = "app.get('/adapter/*', (req, res) => {\n  let url;\n  try {\n    url = decodeURIComponent(req.url);\n  } catch (e) {\n    url = req.url;\n  }\n  const parts = url.split('/');\n  const adapterName = parts.shift();\n  log.warn(`Cannot read file ${adapterName}`);\n});";
// …and decoded apart from where the input is read
const c10 = "app.get('/adapter/*', (req, res) => {\n  const raw = req.url;\n  const name = decodeURIComponent(raw).split('/').pop();\n  log.warn(`no adapter ${name}`);\n});";
// a plain logger beside the request's own: still a text line
const c11 = "const log = require('./log');\nfastify.get('/fn/:routeName', async (req, reply) => {\n  const { routeName } = req.params;\n  log.error(`Function \"${routeName}\" was not found.`);\n  req.logger.warn('no fn ' + routeName);\n});";
const c5 = "app.use((req, res, next) => {\n  const path = decodeURIComponent(req.originalUrl);\n  console.log('request ' + path);\n  next();\n});";

const c12 = "fastify.get('/x', async (req, reply) => {\n  logger.warn(`q ${new URL(req.raw.url, base).searchParams.get('q')}`);\n});";
// A signed webhook's payload, its signature verified on the way (fresh sample HH: Vendure's Stripe controller logs the
// order code from the payment intent's metadata after `constructEventFromPayload`): low. Verified in another handler,
// or not at all, it keeps the rule's confidence.
const wh = "app.post('/stripe', async (req, res) => {\n  const event = JSON.parse(req.body.toString());\n  const intent = event.data.object;\n  try {\n    await stripeService.constructEventFromPayload(req.rawBody, req.headers['stripe-signature']);\n  } catch (e) {\n    return res.status(400).end();\n  }\n  await db.transaction(async () => {\n    logger.info(`paid order ${intent.metadata.orderCode}`);\n  });\n});";
const whOther = "app.post('/hook', (req, res) => {\n  stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'], secret);\n  res.end();\n});\napp.post('/order', (req, res) => {\n  logger.info('order ' + req.body.note);\n});";
const whNone = wh.replace(/  try \{[^]*?\n  \}\n/, '');

ruleTester('log-injection', 'javascript', {
  valid: [
    "app.get('/s', (req, res) => { logger.info({ term: req.query.q }, 'search'); });",
    "app.get('/s', (req, res) => { logger.info(`search: ${req.query.q.replace(/[\\r\\n]/g, '')}`); });",
    "app.get('/s', (req, res) => { logger.info('search: ' + JSON.stringify(req.query.q)); });",
    // the undecoded pathname of the request line: HTTP parsers reject line breaks there (unleash's request logger)
    "const url = require('url');\napp.use((req, res, next) => {\n  const { pathname } = url.parse(req.originalUrl);\n  logger.info(`${req.method} ${pathname}`);\n  next();\n});",
    "app.get('/s', (req, res) => { console.log('search', req.query.q); });",
    "console.log('started on ' + port);",
    // pieces cut from the raw request URL are still undecoded (held-out sample: wiki-server's proxy route)
    "app.get('/m/*', (req, res) => {\n  const to = '/uibuilder' + req.url.substring(req.url.indexOf('?')).replace(/\\/+$/, '');\n  log.info(`redirecting ${req.originalUrl} to ${to}`);\n});",
    // coloured for the terminal (colors' String.prototype styles), still the undecoded request line (fresh held-out sample: node-static's cli)
    "require('colors');\nconst log = (request, code) => {\n  const line = code + ': ' + request.url;\n  console.log(code >= 500 ? line.red.bold : line.red);\n};\nhttp.createServer((req, res) => { log(req, 200); }).listen(8080);",
    // the last segment of the raw URL, lower-cased (fresh held-out sample: iobroker.admin's /validate_config/*any)
    "app.get('/validate_config/*any', async (req, res) => {\n  const adapterName = req.url.split('/').pop().toLowerCase();\n  log.warn(`${adapterName} has an invalid jsonConfig`);\n  log.debug('first ' + req.url.split('/').shift() + ' ' + req.originalUrl.split('/').at(-1));\n});",
    // every parameter of the path checked by the app's or router's param callback (fresh held-out sample brief: the open app.param class)
    pv + "app.get('/u/:user', (req, res) => {\n  console.log('user ' + req.params.user);\n});\nrouter.get('/n/:name', (req, res) => {\n  logger.info(`name ${req.params.name}`);\n});",
    "app.get('/proxy/*', (req, res) => {\n  const parts = req.originalUrl.split('/');\n  const url = 'http://' + parts[2] + '/' + parts.slice(3).join('/');\n  console.log('PROXY Request: ', url);\n  console.log('proxy ' + url + ' ' + req.url.slice(7));\n});",
    // the logger a framework hangs on the request (Fastify's request.log, pino-http's req.log, koa-pino-logger's
    // ctx.log, Restify's bunyan req.log) writes JSON lines: the message is escaped (held-out sample: redwood's api-server)
    "fastify.get('/fn/:routeName', async (req, reply) => {\n  const { routeName } = req.params;\n  const errorMessage = `Function \"${routeName}\" was not found.`;\n  req.log.error(errorMessage);\n  reply.log.warn('miss ' + routeName);\n});",
    "router.get('/p/:id', async (ctx) => {\n  ctx.log.info(`page ${ctx.params.id}`);\n});",
    // Fastify's request.raw is Node's request: its url is the raw request line too (held-out sample: FlowFuse's rate limits)
    "fastify.get('/x', async (req, reply) => {\n  logger.warn(`Rate limit exceeded on ${req.raw.url}`);\n});",
  ],
  invalid: [
    { code: c1, errors: [{ ...at(c1, "'login attempt for ' + req.body.username", 'request:direct'), confidence: 'medium' }] },
    { code: c2, errors: [at(c2, '`search: ${term}`', 'request:direct')] },
    // a query parameter parsed from the same line is percent-decoded: %0d%0a becomes a line break
    { code: c3, errors: [at(c3, '`q ${u.searchParams.get(\'q\')}`', 'request:direct')] },
    // percent-decoded, the raw URL or a piece of it can hold a line break again
    { code: c4, errors: [at(c4, "'proxy to ' + host", 'request:direct')] },
    { code: c5, errors: [at(c5, "'request ' + path", 'request:direct')] },
    { code: c6, errors: [at(c6, '`no log ${file}`', 'request:direct')] },
    { code: c9, errors: [at(c9, '`Cannot read file ${adapterName}`', 'request:direct')] },
    { code: c10, errors: [at(c10, '`no adapter ${name}`', 'request:direct')] },
    { code: c11, errors: [at(c11, '`Function \"${routeName}\" was not found.`', 'request:direct'), at(c11, "'no fn ' + routeName", 'request:direct')] },
    { code: c7, errors: [at(c7, "'item ' + req.params.id", 'request:direct')] },
    // a decoded query value read through request.raw still counts
    { code: c12, errors: [at(c12, '`q ${new URL(req.raw.url, base).searchParams.get(\'q\')}`', 'request:direct')] },
    { code: c8, errors: [at(c8, "'tab ' + req.params.tab", 'request:direct'), at(c8, "'name ' + req.params.name", 'request:direct')] },
    { code: wh, errors: [{ ...at(wh, '`paid order ${intent.metadata.orderCode}`', 'request:direct'), confidence: 'low' }] },
    { code: whOther, errors: [{ ...at(whOther, "'order ' + req.body.note", 'request:direct'), confidence: 'medium' }] },
    { code: whNone, errors: [{ ...at(whNone, '`paid order ${intent.metadata.orderCode}`', 'request:direct'), confidence: 'medium' }] },
  ],
});

const pyHook = "import logging\nimport stripe\nfrom flask import request\n\n@app.route('/webhook', methods=['POST'])\ndef webhook():\n    payload = request.get_data()\n    order = request.get_json()['data']['object']['metadata']['order']\n    stripe.Webhook.construct_event(payload, request.headers['Stripe-Signature'], SECRET)\n    logging.info('paid %s', order)";
const p1 = "import logging\nfrom flask import request\n\n@app.route('/login', methods=['POST'])\ndef login():\n    logging.warning('failed login for %s', request.form['user'])";

// WSGI percent-decodes the path: `/x%0aFAKE` reaches the view as a line break (held-out sample: graphite-web, keystone).
const p2 = "import logging\nfrom flask import request\n\n@app.route('/<path:p>')\ndef page(p):\n    logging.info('no page at %s', request.path)";
const p3 = "import logging\n\ndef missing(request):\n    logging.warning('404 %s', request.path_info)";

// repr() escapes line breaks: `%r`, `!r` and whole mappings (a Django view's `self.kwargs`) cannot forge a line,
// a `%s` beside them still can (held-out sample: watcher-dashboard's audit template view).
const p4 = "import logging\nfrom flask import request\n\n@app.route('/a')\ndef a():\n    logging.info('%r then %s', request.args['a'], request.args['b'])";
const p5 = "import logging\nfrom flask import request\n\n@app.route('/a')\ndef a():\n    logging.info(f\"{request.args['a']!r} {request.args['b']}\")";
// The peer address is the socket's, no text of the client's (fresh held-out sample: Tryton's bus route logs
// request.authorization.username, request.remote_addr): the user name it sent still counts.
const p7 = "import logging\nfrom werkzeug.wrappers import Request\nlogger = logging.getLogger(__name__)\n\n@app.route('/bus', methods=['POST'])\ndef listen(request):\n    logger.debug('bus from %s@%s%s', request.authorization.username, request.remote_addr, request.path)";
const p6 = "import logging\nfrom django.views import generic\nLOG = logging.getLogger(__name__)\n\nclass Detail(generic.View):\n    def get(self, request, *args, **kwargs):\n        LOG.info('template %s', self.kwargs['uuid'])";
const DJV = (params: string, logged: string) => `import logging\nfrom django.http import HttpResponse\n\ndef sheet(request, ${params}):\n    logging.info('sheet %s %s %s', ${logged})\n    return HttpResponse('ok')`;

ruleTester('log-injection', 'python', {
  valid: [
    "import logging\nlogging.info('started')",
    "import logging\nfrom flask import request\n@app.route('/login', methods=['POST'])\ndef login():\n    logging.warning('failed login for %r', repr(request.form['user']))",
    // Django quotes the path again for get_full_path(); the host header cannot hold a line break
    "import logging\n\ndef missing(request):\n    logging.warning('404 %s from %s', request.get_full_path(), request.get_host())",
    "import logging\nfrom django.views import generic\nLOG = logging.getLogger(__name__)\n\nclass Detail(generic.View):\n    def get(self, request, *args, **kwargs):\n        LOG.info(self.kwargs)\n        LOG.info('kwargs %s', self.kwargs)",
    "import logging\nfrom flask import request\n\n@app.route('/a')\ndef a():\n    logging.info('hit from %s', request.remote_addr)",
    "import logging\nfrom tornado.web import RequestHandler\n\nclass H(RequestHandler):\n    def get(self):\n        logging.info('hit from %s', self.request.remote_ip)",
    "import logging\nfrom flask import request\n\n@app.route('/a')\ndef a():\n    name = request.args['name']\n    logging.debug('Issuing token to %r (%s)', name, 42)\n    logging.debug('no user %r' % (name,))\n    logging.debug(f'no user {name!r}')",
    // a Django view's id captures (`<int:sheet_pk>`; held-out sample: wims-lti), by name or `int` annotation
    { code: DJV('lms_pk, sheet_pk: int, n: int', 'sheet_pk, lms_pk, n'), path: 'lti_app/views.py' },
  ],
  invalid: [
    { code: p1, errors: [at(p1, "request.form['user']", 'request:direct')] },
    { code: p2, errors: [at(p2, 'request.path', 'request:direct')] },
    { code: p3, errors: [at(p3, 'request.path_info', 'request:direct')] },
    { code: p4, errors: [at(p4, "request.args['b']", 'request:direct')] },
    { code: p5, errors: [at(p5, `f"{request.args['a']!r} {request.args['b']}"`, 'request:direct')] },
    { code: p6, errors: [at(p6, "self.kwargs['uuid']", 'request:direct')] },
    { code: p7, errors: [at(p7, 'request.authorization.username', 'request:direct'), at(p7, 'request.path', 'request:direct')] },
    // another capture (a slug, a `str` one) still counts
    { code: DJV('slug: str, sheet_pk', 'slug, sheet_pk'), path: 'lti_app/views.py', errors: [at(DJV('slug: str, sheet_pk', 'slug, sheet_pk'), 'slug', 'request:direct', 1)] },
    // a Stripe webhook verified with construct_event before the log: low; the same log without it keeps the rule's confidence
    { code: pyHook, errors: [{ ...at(pyHook, 'order', 'request:direct', { after: "'paid %s', " }), confidence: 'low' }] },
    { code: pyHook.replace(/    stripe[^\n]*\n/, ''), errors: [{ ...at(pyHook.replace(/    stripe[^\n]*\n/, ''), 'order', 'request:direct', { after: "'paid %s', " }), confidence: 'medium' }] },
  ],
});
