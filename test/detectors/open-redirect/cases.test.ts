import { at, ruleTester } from '../harness';

const c1 = "app.get('/login/done', (req, res) => {\n  res.redirect(req.query.returnTo || '/');\n});";
const c6 = "const next = new URL(window.location.href).searchParams.get('next');\nwindow.location.href = next;";
const c2 = "const next = new URLSearchParams(window.location.search).get('next');\nwindow.location.href = next;";
const c3 = "router.get('/out', (ctx) => {\n  ctx.redirect(ctx.query.url);\n});\nimport Router from '@koa/router';\nconst router = new Router();";
const c7 = "function back() {\n  location.href = location.href.substring(location.href.indexOf('next=') + 5);\n}";
const c8 = "function back() {\n  location.href = location.href.split('next=')[1];\n}";
const c9 = "function go() {\n  location.href = location.href.replace(/^.*next=/, '');\n}";
const c10 = "function go() {\n  location.href = location.href.replace('https://', '');\n}";
// the page's own URL less its last parts (held-out sample: raneto's "close edit"); parts dropped from the front are not
const up = (change: string) => `$(".close-edit").click(function () {\n  var the_arr = window.location.href.split("/");\n  ${change};\n  window.location = the_arr.join("/");\n});`;
const c11 = up('the_arr.shift()');
const c12 = up('the_arr = the_arr.slice(3)');
// the page's own URL object sent back whole with new search params stays on this site (held-out sample: evershop's
// admin grids); setting its host, or sending one of its params, still counts
const grid = (change: string, sent: string) => `function next(page) {\n  const url = new URL(window.location.href);\n  ${change};\n  window.location.href = ${sent};\n}`;
const c13 = grid("url.host = url.searchParams.get('to')", 'url.href');
const c14 = grid("url.searchParams.set('page', page)", "url.searchParams.get('next')");
// a target whose host is compared with the site's own setting (held-out sample: nodebb-plugin-2factor's `guard`, a
// ternary in a helper); compared with another input's host, or kept where it differs, it still counts
const host = (test: string, arg = 'req.query.next') => `const nconf = require('nconf');\nconst guard = (path, other) => {\n  const url = new URL(path, nconf.get('url'));\n  return ${test} ? url.href : nconf.get('url');\n};\napp.post('/login/2fa', (req, res) => {\n  res.redirect(guard(${arg}, req.query.ref));\n});`;
const c15 = host('url.hostname === new URL(other).hostname');
const c16 = host("url.hostname !== nconf.get('url_parsed').hostname");
// a leading slice of a leading slice of the page's own URL (held-out sample: ioBroker vis's "open project"); a later part of it is not
const c17 = "function back() {\n  var url = window.location.href.split('#')[0].split('next=')[1];\n  window.location = url;\n}";
// a field named `location` on a data object is no page location (held-out sample: tiledesk's request filters);
// a window's or a popup's location still is
const c18 = "const next = new URLSearchParams(window.location.search).get('next');\nwindow.top.location = next;";
const c19 = "const next = new URLSearchParams(window.location.search).get('next');\nconst popup = window.open('');\npopup.location = next;";
// a bare `location = …` where nothing declares `location` navigates the page (the global object's property); a
// local, a parameter or another undeclared name is no location
const c20 = "const next = new URLSearchParams(location.search).get('next');\nlocation = next;";
const c21 = "function back() {\n  location = location.hash.slice(1);\n}";
// a path segment of the page's own URL swapped for another (held-out sample: docsify's disqus plugin); new text
// that opens with `//` starts a new host and still counts
const swap = (to: string) => `var fixedPath = location.href.replace('/-/', '${to}');\nif (fixedPath !== location.href) {\n  location.href = fixedPath;\n}`;
const c22 = swap('//');
// the page's own scheme and host, then a path (held-out sample: calipso's jQuery theme rebuilding the URL with new
// sort params); another URL's scheme and host still count
const sortBy = (build: string, sent = "baseUrl + '?' + params.join('&') + l.hash") => `$('a').click(function () {\n  location.hash = '#tab';\n});\n$('th').click(function () {\n  var l = location;\n  var baseUrl = ${build};\n  var params = l.search ? l.search.substring(1).split('&') : [];\n  location = ${sent};\n});`;
// the page's location read whole into a name, its search read from that name (no other read of a source in the file)
const c25 = "$('a.next').click(function () {\n  var l = location;\n  var next = new URLSearchParams(l.search).get('next');\n  window.open(next);\n});";
const c24 = sortBy("u.protocol + '//' + u.hostname + u.pathname").replace('var l = location;', "var l = location;\n  var u = new URL(new URLSearchParams(l.search).get('to'));");
// the page's own URL handed whole to a helper that redirects with its parameter as it came (fresh sample:
// jquery-pjax's `locationReplace(location.href)` on a popstate it cannot restore); a helper that reads a part off it
// (a search parameter, a slice) still counts
const helper = (sent: string) => `function locationReplace(url) {\n  window.history.replaceState(null, '', state.url);\n  window.location.replace(${sent});\n}\nfunction onPop(e) {\n  if (!e.state) locationReplace(location.href);\n}`;
const c26 = helper("new URL(url).searchParams.get('next')");
const c27 = helper("url.split('next=')[1]");
// the page's origin and then input with nothing between: `@evil.example` or `.evil.example` picks another host
const originThen = (build: string, sent = 'url') => `$('a.login').click(function () {\n  var next = new URLSearchParams(location.search).get('next');\n  var url = ${build};\n  window.location.href = ${sent};\n});`;
const c28 = originThen("''", 'location.origin + next');
const c29 = originThen('window.location.origin + next');
// the page's own URL with one query parameter set by a helper named for it (fresh sample: a media player's demo page
// switching its language); input handed to that helper as the URL, or joined onto the page's URL, still counts
const param = (call: string) => `function updateUrlParameter(uri, key, value) {\n  var sep = uri.indexOf('?') !== -1 ? '&' : '?';\n  return uri + sep + key + '=' + value;\n}\nvar lang = new URLSearchParams(location.search).get('lang');\nselect.addEventListener('change', function () {\n  window.location.href = ${call};\n});`;
const c32 = param("updateUrlParameter(window.location.href, 'lang', lang)");
const c33 = param("updateUrlParameter(lang, 'lang', 'en')");
const c34 = param('updateUrlParameter(window.location.href, lang)');
const c4 = "app.get('/back', (req, res) => {\n  res.redirect(req.headers.referer || req.get('x-next'));\n});";

const c30 = "toolbar.register('back', () => {\n  if (document.referrer.length > 0) {\n    document.location = document.referrer;\n  }\n});";
const c31 = "toolbar.register('back', () => {\n  const back = new URLSearchParams(document.location.search).get('back') || document.referrer;\n  document.location = back;\n});";
ruleTester('open-redirect', 'javascript', {
  valid: [
    c32,
    "app.get('/u', (req, res) => { res.redirect('/users/' + req.params.id); });",
    "app.get('/u', (req, res) => { const to = req.query.to; if (!to.startsWith('/') || to.startsWith('//')) return res.redirect('/'); res.redirect(to); });",
    "app.get('/u', (req, res) => { res.redirect(301, '/new-home'); });",
    "window.location.href = '/login';",
    sortBy("l.protocol + '//' + l.hostname + ':' + l.port + l.pathname"),
    sortBy('window.location.origin + l.pathname'),
    sortBy("''", "location.origin + '/' + params.join('&')"),
    originThen("location.origin + '?next=' + next"),
    originThen("window.location.origin + '#' + next"),
    originThen('location.origin + BASE_PATH + next'),
    "let location = '/';\nfunction go() {\n  location = new URLSearchParams(window.location.search).get('next');\n}",
    "function place(location) {\n  location = new URLSearchParams(window.location.search).get('place');\n  return location;\n}",
    "target = new URLSearchParams(window.location.search).get('next');",
    "location = '/login';",

    helper('url'),
    // the page's own URL used whole keeps the user on this site (next-auth's default callbackUrl)
    "export async function signIn(options) {\n  const { callbackUrl = window.location.href, redirect = true } = options ?? {};\n  const data = await (await fetch('/api/auth/signin')).json();\n  const url = data.url ?? callbackUrl;\n  window.location.href = url;\n}",
    // http → https on the host the browser asked for (Host header, req.get('host'), through a variable)
    "app.use((req, res, next) => { if (!req.secure) return res.redirect('https://' + req.headers.host + req.originalUrl); next(); });",
    "app.get('/a', (req, res) => { const host = req.headers.host.split(':')[0]; res.redirect('https://' + host + ':8443' + req.url); });",
    "app.get('/b', (req, res) => { res.redirect(`https://${req.get('host')}${req.url}`); });",
    // a leading slice of the page's own URL keeps its scheme and host (held-out sample: etherpad's "back to pad")
    "function back() {\n  document.location = document.location.href\n    .substring(0, document.location.href.lastIndexOf('/'));\n}",
    "function back() {\n  window.location.href = window.location.href.split('#')[0];\n}",
    // one word of the page's own URL swapped for another (held-out sample: node-inspector's toolbox window)
    "function openToolbox() {\n  var url = window.location.href.replace(\"inspector.html\", \"toolbox.html\");\n  this._toolboxWindow = window.open(url, undefined);\n}",
    up('the_arr.pop()'),
    grid("url.searchParams.set('page', page)", 'url.href'),
    grid("url.search = ''", 'url.toString()'),
    "function open(name) {\n  var url = window.location.href.split('#')[0].split('?')[0];\n  window.location = url + '?' + name;\n}",
    host("url.hostname === nconf.get('url_parsed').hostname", "nconf.get('relative_path') + (req.query.next || '/')"),
    "router.get('/requests', (req, res) => {\n  var query = { id_project: req.projectid };\n  if (req.query.location) {\n    query.location = req.query.location;\n  }\n  Request.find(query).exec((err, r) => res.json(r));\n});",
    swap('/#/'),
    "function fill(params) {\n  const filter = {};\n  filter.location = new URLSearchParams(window.location.search).get('place');\n  return filter;\n}",
    "app.get('/b', (req, res) => {\n  const url = new URL(req.query.next, 'https://example.org');\n  res.redirect(url.hostname === nconf.get('host') ? url.href : '/');\n});",
  ],
  invalid: [
    { code: c1, errors: [at(c1, "req.query.returnTo || '/'", 'request:direct')] },
    { code: c2, errors: [at(c2, 'window.location.href = next;', 'browser:direct')] },
    // parsed for a part the attacker wrote, the page's URL still counts
    { code: c6, errors: [at(c6, 'window.location.href = next;', 'browser:direct')] },
    { code: c13, errors: [at(c13, 'window.location.href = url.href;', 'browser:direct')] },
    { code: c14, errors: [at(c14, "window.location.href = url.searchParams.get('next');", 'browser:direct')] },
    { code: c3, errors: [at(c3, 'ctx.query.url', 'request:direct')] },
    // a slice that drops the page's own scheme and host is the part the attacker wrote
    { code: c7, errors: [at(c7, "location.href = location.href.substring(location.href.indexOf('next=') + 5);", 'browser:direct')] },
    { code: c8, errors: [at(c8, "location.href = location.href.split('next=')[1];", 'browser:direct')] },
    // a replace that cuts the URL down to the part the attacker wrote is not a swap
    { code: c9, errors: [at(c9, "location.href = location.href.replace(/^.*next=/, '');", 'browser:direct')] },
    { code: c10, errors: [at(c10, "location.href = location.href.replace('https://', '');", 'browser:direct')] },
    { code: c11, errors: [at(c11, 'window.location = the_arr.join("/");', 'browser:direct')] },
    { code: c20, errors: [at(c20, 'location = next;', 'browser:direct')] },
    { code: c21, errors: [at(c21, 'location = location.hash.slice(1);', 'browser:direct')] },
    { code: c12, errors: [at(c12, 'window.location = the_arr.join("/");', 'browser:direct')] },
    { code: c25, errors: [at(c25, 'next', 'browser:direct', 3)] },
    { code: c24, errors: [at(c24, "location = baseUrl + '?' + params.join('&') + l.hash;", 'browser:direct')] },
    { code: c22, errors: [at(c22, 'location.href = fixedPath;', 'browser:direct')] },
    { code: c17, errors: [at(c17, 'window.location = url;', 'browser:direct')] },
    { code: c28, errors: [at(c28, 'window.location.href = location.origin + next;', 'browser:direct')] },
    { code: c29, errors: [at(c29, 'window.location.href = url;', 'browser:direct')] },
    { code: c26, errors: [at(c26, "new URL(url).searchParams.get('next')", 'browser:summary')] },
    { code: c27, errors: [at(c27, "url.split('next=')[1]", 'browser:summary')] },
    { code: c18, errors: [at(c18, 'window.top.location = next;', 'browser:direct')] },
    { code: c33, errors: [at(c33, "window.location.href = updateUrlParameter(lang, 'lang', 'en');", 'browser:summary')] },
    { code: c34, errors: [at(c34, 'window.location.href = updateUrlParameter(window.location.href, lang);', 'browser:summary')] },
    { code: c19, errors: [at(c19, 'popup.location = next;', 'browser:direct')] },
    { code: c15, errors: [{ ...at(c15, 'guard(req.query.next, req.query.ref)', 'request:summary'), confidence: 'medium' }] },
    { code: c16, errors: [{ ...at(c16, 'guard(req.query.next, req.query.ref)', 'request:summary'), confidence: 'medium' }] },
    // other headers still count: a Referer or a custom header names any site
    // request headers: a link cannot set a custom one, and its Referer is the attacker's own page (saltcorn's
    // "back" redirects): shown at low confidence
    { code: c4, errors: [{ ...at(c4, "req.headers.referer || req.get('x-next')", 'request:direct'), severity: 'info', confidence: 'low' }] },
    // the page the user came from, in the browser (fresh held-out sample: etherpad's "return to pad"): the same "back"
    // target, low; a parameter of the page's own URL still counts in full
    { code: c30, errors: [{ ...at(c30, 'document.location = document.referrer;', 'browser:direct'), severity: 'info', confidence: 'low' }] },
    { code: c31, errors: [{ ...at(c31, 'document.location = back;', 'browser:direct'), severity: 'warning', confidence: 'high' }] },
  ],
});

const p1 = "from flask import request, redirect\n\n@app.route('/go')\ndef go():\n    return redirect(request.args.get('next'))";
// A request handed in as a parameter (fresh held-out sample: Tryton's ir/routes.py and bus.py): its own absolute URL
// keeps the user here; its path joined onto a host does not (`//evil.example` makes urljoin switch hosts).
const TRYTON = "from werkzeug.utils import redirect\nfrom trytond.wsgi import app\n\n@app.route('/<database_name>/ir/html/<model>', methods={'GET', 'POST'})\ndef html_editor(request, database_name, model):\n";
const p3 = "from urllib.parse import urljoin\nfrom werkzeug.utils import redirect\nfrom trytond.wsgi import app\n_url_host = config.get('bus', 'url_host')\n\n@app.route('/<string:database_name>/bus', methods=['POST'])\ndef subscribe(request, database_name):\n    if _url_host and _url_host != request.host_url:\n        return redirect(\n            urljoin(_url_host, request.path), HTTPStatus.PERMANENT_REDIRECT)";
const p4 = TRYTON + "    return redirect(request.args['next'])";
const p2 = "from django.http import HttpResponseRedirect\n\ndef done(request):\n    return HttpResponseRedirect(request.GET['next'])";
// Django's copy of a request header, the Referer (held-out sample: django-rq's "back" after an action): low, as in JS
const p5 = "from django.shortcuts import redirect\n\ndef back(request):\n    next_url = request.META.get('HTTP_REFERER') or '/'\n    return redirect(next_url)";

ruleTester('open-redirect', 'python', {
  valid: [
    TRYTON + "    if request.method == 'POST':\n        save(request.form['text'])\n        return redirect(request.url)",
    "from flask import request, redirect, url_for\n@app.route('/go')\ndef go():\n    return redirect(url_for('profile', name=request.args.get('name')))",
    "from django.shortcuts import redirect\nfrom django.utils.http import url_has_allowed_host_and_scheme\ndef go(request):\n    nxt = request.GET.get('next', '/')\n    if not url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}):\n        nxt = '/'\n    return redirect(nxt)",
  ],
  invalid: [
    { code: p1, errors: [at(p1, "request.args.get('next')", 'request:direct')] },
    { code: p2, errors: [at(p2, "request.GET['next']", 'request:direct')] },
    { code: p3, errors: [at(p3, 'urljoin(_url_host, request.path)', 'request:direct')] },
    { code: p4, errors: [at(p4, "request.args['next']", 'request:direct')] },
    { code: p5, errors: [{ ...at(p5, 'next_url', 'request:direct', 1), severity: 'info', confidence: 'low' }] },
  ],
});
