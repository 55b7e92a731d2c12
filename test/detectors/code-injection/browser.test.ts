// Browser code sinks beyond eval (held-out browser-spa.js and browser-bridge.js): an event handler attribute set
// from the URL, and code from a message handled through `e` or `window.onmessage`.
import { at, ruleTester } from '../harness';

const c1 = "const params = new URLSearchParams(location.search);\nbutton.setAttribute('onclick', `track('${params.get('c')}')`);";
const c2 = "window.addEventListener('message', function (e) {\n  new Function('api', e.data.body)(api);\n});";
const c3 = "window.onmessage = function (ev) {\n  const cmd = JSON.parse(ev.data);\n  eval(cmd.script);\n};";

ruleTester('code-injection', 'javascript', {
  valid: [
    "const params = new URLSearchParams(location.search);\nbutton.setAttribute('title', params.get('c'));\nbutton.setAttribute('onclick', 'track()');",
    "window.addEventListener('message', function (e) {\n  if (e.origin !== 'https://app.example.com') return;\n  eval(e.data.code);\n});",
    "worker.onmessage = function (ev) {\n  eval(ev.data);\n};",
  ],
  invalid: [
    { code: c1, errors: [at(c1, "`track('${params.get('c')}')`", 'browser:direct')] },
    { code: c2, errors: [at(c2, 'e.data.body', 'browser:direct')] },
    { code: c3, errors: [at(c3, 'cmd.script', 'browser:direct')] },
  ],
});
