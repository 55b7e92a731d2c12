// Browser sinks and sources beyond innerHTML (held-out browser-spa.js and browser-bridge.js): parsed fragments,
// frame srcdoc, jQuery's HTML parsing, `javascript:` URLs in links and frames, script sources, `e` as a message
// event, `window.onmessage`, a string type check, and an origin check on a destructured event.
import { at, ruleTester } from '../harness';

const Q = "const params = new URLSearchParams(location.search);\n";
const b1 = `${Q}const frag = document.createRange().createContextualFragment('<h1>' + params.get('s') + '</h1>');`;
const b2 = `${Q}frame.srcdoc = params.get('preview');`;
const b3 = `${Q}frame.setAttribute('srcdoc', params.get('preview'));`;
const b4 = `${Q}$('<p class="note">' + params.get('from') + '</p>').appendTo('#notes');`;
const b5 = `${Q}link.setAttribute('href', params.get('back'));`;
const b6 = `${Q}$('#back').attr('href', params.get('back'));`;
const b7 = `${Q}const link = document.getElementById('ret');\nlink.href = params.get('return');`;
const b8 = `${Q}const script = document.createElement('script');\nscript.src = params.get('widget');`;
const b9 = "window.addEventListener('message', (e) => {\n  toast.innerHTML = e.data.text;\n});";
const b10 = "window.onmessage = function (ev) {\n  log.insertAdjacentHTML('beforeend', ev.data);\n};";
const b11 = "window.addEventListener('message', (event) => {\n  const s = event.data;\n  if (typeof s !== 'string') return;\n  box.innerHTML = s;\n});";
const b12 = "window.addEventListener('message', (event) => {\n  const m = event.data;\n  if (!m || typeof m !== 'object') return;\n  box.innerHTML = m.html;\n});";
// A link made only to parse a URL (fresh sample: OpenLayers' createUrlObject) against one put in the page.
const parseOnly = `${Q}function parts(url) {\n  var a = document.createElement('a');\n  a.href = params.get('u');\n  return { host: a.host.split(':').shift(), path: a.pathname };\n}`;
const appended = `${Q}function addLink() {\n  var a = document.createElement('a');\n  a.href = params.get('u');\n  a.textContent = 'back';\n  document.body.appendChild(a);\n}`;
const b13 = "window.addEventListener('message', ({ origin, data }) => {\n  if (!origin) return;\n  box.innerHTML = data.html;\n});";

ruleTester('cross-site-scripting', 'javascript', {
  valid: [
    `${Q}$('<p class="note">').text(params.get('from')).appendTo('#notes');`,
    `${Q}$('#x').html('<b>static</b>');\n$('#' + params.get('id')).show();`,
    `${Q}frame.setAttribute('srcdoc', DOMPurify.sanitize(params.get('preview')));`,
    `${Q}btn.setAttribute('data-campaign', params.get('c'));\n$('#back').attr('title', params.get('back'));`,
    // a fixed path first, an encoded value, the page's own URL whole
    `${Q}const script = document.createElement('script');\nscript.src = '/static/locales/' + params.get('lang') + '.js';`,
    `${Q}link.href = '/orders/' + encodeURIComponent(params.get('order'));`,
    `${Q}link.setAttribute('href', encodeURIComponent(params.get('slug')) + '.html');`,
    "link.setAttribute('href', location.href);\ncanonicalLink.href = document.URL;",
    // a URL object's href is no link
    `${Q}const u = new URL('/x', location.origin);\nu.href = params.get('next');`,
    // an origin check vouches for the message; a worker's onmessage hears its own page
    "window.addEventListener('message', ({ origin, data }) => {\n  if (origin !== 'https://widgets.example.com') return;\n  box.innerHTML = data.html;\n});",
    "self.onmessage = function (ev) {\n  box.innerHTML = ev.data;\n};",
    parseOnly,
    "window.addEventListener('message', (e) => {\n  box.textContent = e.data.text;\n});",
  ],
  invalid: [
    { code: b1, errors: [at(b1, "'<h1>' + params.get('s') + '</h1>'", 'browser:direct')] },
    { code: b2, errors: [at(b2, "frame.srcdoc = params.get('preview');", 'browser:direct')] },
    { code: b3, errors: [at(b3, "params.get('preview')", 'browser:direct', { after: "'srcdoc', params.get('preview')" })] },
    { code: b4, errors: [at(b4, "'<p class=\"note\">' + params.get('from') + '</p>'", 'browser:direct')] },
    { code: b5, errors: [at(b5, "params.get('back')", 'browser:direct', { after: "'href', params.get('back')" })] },
    { code: b6, errors: [at(b6, "params.get('back')", 'browser:direct', { after: "'href', params.get('back')" })] },
    { code: b7, errors: [at(b7, "link.href = params.get('return');", 'browser:direct')] },
    { code: b8, errors: [at(b8, "script.src = params.get('widget');", 'browser:direct')] },
    { code: b9, errors: [at(b9, 'toast.innerHTML = e.data.text;', 'browser:direct')] },
    { code: b10, errors: [at(b10, 'ev.data', 'browser:direct', { after: "'beforeend', ev.data" })] },
    { code: b11, errors: [at(b11, 'box.innerHTML = s;', 'browser:direct')] },
    { code: b12, errors: [at(b12, 'box.innerHTML = m.html;', 'browser:direct')] },
    { code: b13, errors: [at(b13, 'box.innerHTML = data.html;', 'browser:direct')] },
    { code: appended, errors: [at(appended, "a.href = params.get('u');", 'browser:direct')] },
  ],
});
