import { at, ruleTester } from '../harness';

const c1 = "const params = new URLSearchParams(location.search);\nconst q = params.get('q');\ndocument.getElementById('out').innerHTML = 'Results for ' + q;";
const c2 = "app.get('/hi', (req, res) => {\n  res.send(`<h1>Hello ${req.query.name}</h1>`);\n});";
const c3 = "export function Bio({ html }) {\n  return <div dangerouslySetInnerHTML={{ __html: location.hash.slice(1) }} />;\n}";
const c5 = "app.get('/s', (req, res) => {\n  res.set('Content-Type', 'text/html');\n  res.end(`<p>${req.query.q}</p>`);\n});";
const c6 = "router.post('/:id', function (req, res) {\n  users.find(req.params.id).then((user) => {\n    if (!user) return res.status(404).send('User not found: ' + req.params.id);\n  });\n});\nrouter.delete('/:id', function (req, res) {\n  users.find(req.params.id).then((user) => {\n    if (!user) return res.status(404).send('User not found: ' + req.params.id);\n  });\n});";
const c4 = "window.addEventListener('message', (event) => {\n  document.write(event.data);\n});";
const c7 = "function esc(s) {\n  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\"/g, '&quot;');\n}\napp.get('/t', (req, res) => res.send(`<p title='${esc(req.query.t)}'>t</p>`));";
const c9 = "app.get('/x', (req, res) => {\n  res.setHeader('Content-Type', 'application/xhtml+xml');\n  res.send('<p>' + req.query.q + '</p>');\n});";
const c10 = "app.get('/x', (req, res) => {\n  res.type('html');\n  res.send('<p>' + req.query.q + '</p>');\n});";
// the type set by the handler that owns `res`, the body written in a callback inside it (held-out sample:
// configurable-http-proxy's error target); an HTML type there, or a plain type set in another handler, still counts
const N = (type: string, inner = '') => `const http = require('http');\nhttp.createServer(function (req, res) {\n  var query = new URL(req.url, 'http://example.com').searchParams;\n  ${type}\n  req.on('end', function () {\n    ${inner}res.write(query.get('url'));\n    res.end();\n  });\n});`;
const c11 = N('', "res.setHeader('Content-Type', 'text/html');\n    ");
// the URL as the client sent it: browsers percent-encode <, > and " in its path and query (held-out sample: ioBroker
// proxy's "file not found" page); decoded, a query parameter's value, or in a single-quoted attribute it still counts
const U = (body: string) => `app.use('/files', (req, res) => {\n  let fileName = ROOT + req.url;\n  const q = fileName.indexOf('?');\n  if (q !== -1) fileName = fileName.substring(0, q);\n  ${body}\n});`;
const c13 = U('res.status(404).send(`File "${decodeURIComponent(fileName)}" not found.`);');
const c14 = U("res.status(404).send(`<a href='${fileName}'>retry</a>`);");
const c15 = "app.get('/f', (req, res) => {\n  const q = new URL(req.url, 'http://localhost').searchParams;\n  res.send(`File ${q.get('name')} not found`);\n});";
const c12 = "function routes(app) {\n  app.get('/a', (req, res) => { res.type('text/plain'); res.send('ok'); });\n  app.get('/b', (req, res) => { res.send('<p>' + req.query.x); });\n}";
// a static server's error page typed by a MIME table's answer for a fixed name, set on the header map by key (fresh
// sample BF: a static-file CLI's sendError); an HTML name, or a name from the request, still counts
const E = (type: string) => `const http = require('http');\nconst mime = require('mime');\nfunction fail(res, message) {\n  res.headers = {};\n  res.headers['Content-Type'] = ${type};\n  res.writeHead(400, res.headers);\n  res.write(message);\n  res.end();\n}\nhttp.createServer((req, res) => fail(res, 'Invalid range: ' + req.headers.range));`;
const c19 = E("mime.lookup('html')");
const c20 = E('mime.lookup(req.url)');
const c8 = "app.get('/e', (req, res) => res.send(`<a href=\"/q?${req.query.q.replace(/[<>]/g, '')}\">again</a>`));";

const c18 = "app.get('/v', (req, res) => {\n  res.setHeader('Content-Type', `text/${req.query.fmt}`);\n  res.send('<p>' + req.query.q + '</p>');\n});";
const c16 = "app.get('/back', (req, res) => res.send(`<a href='${req.headers.referer}'>back</a>`));";
const c17 = "app.get('/ua', (req, res) => res.send(`<p>${req.headers['user-agent']}</p>`));";

ruleTester('cross-site-scripting', 'javascriptreact', {
  valid: [
    "const q = new URLSearchParams(location.search).get('q');\ndocument.getElementById('out').textContent = 'Results for ' + q;",
    "app.get('/hi', (req, res) => { res.json({ greeting: `Hello ${req.query.name}` }); });",
    "const escapeHtml = require('escape-html');\napp.get('/hi', (req, res) => { res.send(`<h1>Hello ${escapeHtml(req.query.name)}</h1>`); });",
    "app.get('/u', (req, res) => { res.send(req.body); });",
    "import DOMPurify from 'dompurify';\nel.innerHTML = DOMPurify.sanitize(location.hash);",
    // an escaper written by hand: <, " and ' turned into entities, in one class or along a chain of replace()
    "const MAP = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\"': '&quot;', \"'\": '&#39;' };\nfunction esc(s) { return String(s).replace(/[&<>\"']/g, (c) => MAP[c]); }\napp.get('/hi', (req, res) => { res.send(`<h1>Hello ${esc(req.query.name)}</h1>`); });",
    "app.get('/hi', (req, res) => {\n  const name = String(req.query.name).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\"/g, '&quot;').replace(/'/g, '&#39;');\n  res.send(`<h1 title=\"${name}\">Hello ${name}</h1>`);\n});",
    "el.innerHTML = location.hash.slice(1).replaceAll('&', '&amp;').replaceAll(\"'\", '&#39;').replaceAll('\"', '&quot;').replaceAll('<', '&lt;');",
    "el.innerHTML = '<b>static</b>';",
    // DELETE, PUT and PATCH are sent by script only, which reads the response as data (express-gateway),
    // in the handler or in a callback of it
    "router.delete('/:id', function (req, res, next) {\n  users.find(req.params.id).then((user) => {\n    if (!user) return res.status(404).send('User not found: ' + req.params.id);\n  });\n});",
    "router.put('/:name', (req, res) => { res.status(409).send(`<p>exists: ${req.params.name}</p>`); });",
    "app.patch('/p', (req, res) => res.send('<b>' + req.body.title + '</b>'));",
    // a plain-text body, a redirect's body: no browser renders them as HTML (Ghost, actionhero)
    "app.post('/sub', (req, res) => {\n  res.writeHead(404, { 'Content-Type': 'text/plain;charset=UTF-8' });\n  return res.end(`Could not find subscription ${req.body.subscription_id}`);\n});",
    // another non-markup type, or a download (held-out sample: peerflix-server's .m3u playlist)
    "app.get('/t/:id/files', (req, res) => {\n  const proto = req.get('x-forwarded-proto') || req.protocol;\n  res.setHeader('Content-Type', 'application/x-mpegurl; charset=utf-8');\n  res.send('#EXTM3U\\n' + proto + '://host/files');\n});",
    N("res.setHeader('Content-Type', 'text/plain');"),
    // a type built in a template literal whose literal part fixes it (fresh sample BB: a git smart-HTTP mock server's
    // ref advertisement); an interpolated text/… subtype could be html, and still counts (c18)
    "app.get('/repo/info/refs', (req, res) => {\n  const service = req.query.service;\n  res.setHeader('content-type', `application/x-${service}-advertisement`);\n  res.write('# service=' + service + '\\n');\n  res.end();\n});",
    "app.get('/n', (req, res) => {\n  res.setHeader('Content-Type', `text/plain`);\n  res.send('no ' + req.query.q);\n});",
    U('res.status(404).send(`[proxy] File "${fileName}" not found.`);'),
    // the URLs a browser writes into headers, serialised the same way (fresh held-out sample: uibuilder's index page)
    "app.get('/index', (req, res) => {\n  const url = new URL(req.headers.referer);\n  url.pathname = '';\n  res.send(`<link rel=\"stylesheet\" href=\"${url.href}brand.css\">`);\n});",
    "app.get('/back', (req, res) => res.send('<a href=\"' + req.headers.origin + '/\">home</a>'));",
    "app.get('/files/*', (req, res) => {\n  let url = req.url.split('/');\n  url.shift();\n  const id = url.shift();\n  url = url.join('/');\n  res.contentType('text/html');\n  res.status(404).send(`File ${url} not found`);\n});",
    "app.get('/csv', (req, res) => {\n  res.attachment('report.csv');\n  res.send('name\\n' + req.query.name);\n});",
    E("mime.lookup('text')"),
    E("'text/plain'"),
    "app.get('/r', (req, res) => {\n  res.setHeader('Content-Type', mime.getType('txt'));\n  res.end('no ' + req.query.q);\n});",
    "app.get('/go', (req, res) => {\n  res.statusCode = 302;\n  res.setHeader('Location', '/x');\n  return res.end(`You are being redirected to ${req.url}`);\n});",
  ],
  invalid: [
    { code: c1, errors: [at(c1, "document.getElementById('out').innerHTML = 'Results for ' + q;", 'browser:direct')], output: c1.replace('.innerHTML =', '.textContent =') },
    { code: c2, errors: [at(c2, '`<h1>Hello ${req.query.name}</h1>`', 'request:direct')] },
    // a Referer beside a single-quoted attribute, or another header, still counts
    { code: c16, errors: [at(c16, "`<a href='${req.headers.referer}'>back</a>`", 'request:direct')] },
    { code: c17, errors: [at(c17, '`<p>${req.headers[\'user-agent\']}</p>`', 'request:direct')] },
    // a POST answers a form, which any page can submit; the same handler registered for DELETE is not reported
    { code: c6, errors: [at(c6, "'User not found: ' + req.params.id", 'request:direct')] },
    // an HTML content type (or none) in the same handler still counts
    { code: c5, errors: [at(c5, '`<p>${req.query.q}</p>`', 'request:direct')] },
    // markup types other than text/html: XHTML runs script too
    { code: c9, errors: [at(c9, "'<p>' + req.query.q + '</p>'", 'request:direct')] },
    { code: c10, errors: [at(c10, "'<p>' + req.query.q + '</p>'", 'request:direct')] },
    { code: c18, errors: [at(c18, "'<p>' + req.query.q + '</p>'", 'request:direct')] },
    { code: c13, errors: [at(c13, '`File "${decodeURIComponent(fileName)}" not found.`', 'request:direct')] },
    { code: c14, errors: [at(c14, "`<a href='${fileName}'>retry</a>`", 'request:direct')] },
    { code: c15, errors: [at(c15, "`File ${q.get('name')} not found`", 'request:direct')] },
    { code: c11, errors: [at(c11, "query.get('url')", 'request:direct')] },
    { code: c12, errors: [at(c12, "'<p>' + req.query.x", 'request:direct')] },
    { code: c3, errors: [at(c3, 'location.hash.slice(1)', 'browser:direct')] },
    { code: c4, errors: [at(c4, 'event.data', 'browser:direct')] },
    // an escaper that leaves ' alone, in a single-quoted attribute; < and > dropped, in a double-quoted one
    { code: c7, errors: [at(c7, "`<p title='${esc(req.query.t)}'>t</p>`", 'request:summary')] },
    { code: c19, errors: [at(c19, 'message', 'request:summary', 1)] },
    { code: c20, errors: [at(c20, 'message', 'request:summary', 1)] },
    { code: c8, errors: [at(c8, "`<a href=\"/q?${req.query.q.replace(/[<>]/g, '')}\">again</a>`", 'request:direct')] },
  ],
});

const p1 = "from flask import request\n\n@app.route('/hi')\ndef hi():\n    name = request.args.get('name', '')\n    return f'<h1>Hello {name}</h1>'";
const p2 = "from django.utils.safestring import mark_safe\n\ndef bio(request):\n    return render(request, 'bio.html', {'bio': mark_safe(request.POST['bio'])})";

const p3 = "from django.views import View\nfrom django.http import HttpResponse\nclass Note(View):\n    def get(self, request):\n        return HttpResponse('<p>' + request.GET['title'] + '</p>')";

// a markup type given to the response still counts
const p4 = "from django.http import HttpResponse\ndef cb(request):\n    return HttpResponse('Failed for {r}'.format(r=str(request.GET)), content_type='text/html; charset=utf-8')";
// one string conversion among numeric ones still counts
const p5 = "from django.http import HttpResponseNotFound\ndef sheets(request):\n    return HttpResponseNotFound('<p>Class %d: %s</p>' % (request.GET['id'], request.GET['name']))";

ruleTester('cross-site-scripting', 'python', {
  valid: [
    "from flask import request, render_template\n@app.route('/hi')\ndef hi():\n    return render_template('hi.html', name=request.args.get('name'))",
    "from flask import request, jsonify\n@app.route('/hi')\ndef hi():\n    return jsonify(name=request.args.get('name'))",
    "from markupsafe import escape\nfrom flask import request\n@app.route('/hi')\ndef hi():\n    return f'<h1>Hello {escape(request.args.get(\"name\"))}</h1>'",
    "from flask import request\n@app.route('/hi')\ndef hi():\n    return {'name': request.args.get('name')}",
    // FastAPI's and Flask's verb decorators, a class-based view's put method
    "from flask import request\n@app.delete('/hi/<name>')\ndef bye(name):\n    return f'<h1>Deleted {name}</h1>'",
    "from django.views import View\nfrom django.http import HttpResponse\nclass Note(View):\n    def put(self, request):\n        return HttpResponse('<p>' + request.GET['title'] + '</p>')",
    // a body sent with its own non-markup type (held-out sample: django-cas's proxy callback)
    "from django.http import HttpResponse\ndef cb(request):\n    return HttpResponse('PGT storage failed for {r}'.format(r=str(request.GET)), content_type=\"text/plain\")",
    // numeric %-conversions put only digits in the page (held-out sample: wims-lti's "WimsClass of ID %d")
    "from django.http import HttpResponseNotFound\ndef sheets(request):\n    return HttpResponseNotFound('<p>Class %d (%.1f%%) not found</p>' % (request.GET['id'], request.GET['r']))",
  ],
  invalid: [
    { code: p1, errors: [at(p1, "f'<h1>Hello {name}</h1>'", 'request:direct')] },
    { code: p4, errors: [at(p4, "'Failed for {r}'.format(r=str(request.GET))", 'request:direct')] },
    { code: p5, errors: [at(p5, "'<p>Class %d: %s</p>' % (request.GET['id'], request.GET['name'])", 'request:direct')] },
    { code: p2, errors: [at(p2, "request.POST['bio']", 'request:direct')] },
    { code: p3, errors: [at(p3, "'<p>' + request.GET['title'] + '</p>'", 'request:direct')] },
  ],
});
