// public/js/embed-bridge.js — postMessage bridge between the host page and embedded widgets
const WIDGET_ORIGIN = 'https://widgets.example.com';
const TRUSTED_ORIGINS = ['https://app.example.com', 'https://widgets.example.com'];
const toast = document.getElementById('toast');
const slot = document.getElementById('embed-slot');

const api = {
  refresh() { document.dispatchEvent(new Event('refresh')); },
  close() { slot.replaceChildren(); },
};

// Legacy bridge: accepts commands from any window.
window.addEventListener('message', function (e) {
  const msg = e.data;
  if (!msg || typeof msg !== 'object') return;
  if (msg.type === 'notify') {
    // expect: cross-site-scripting
    toast.innerHTML = msg.text;
  } else if (msg.type === 'navigate') {
    // expect: open-redirect
    location.assign(msg.url);
  } else if (msg.type === 'run') {
    // expect: code-injection
    new Function('api', msg.body)(api);
  } else if (msg.type === 'title') {
    // ok: cross-site-scripting
    document.getElementById('widget-title').textContent = msg.title;
  }
});

// Widget frame: only talks to the widget host.
window.addEventListener('message', (event) => {
  if (event.origin !== WIDGET_ORIGIN) return;
  const { type, payload } = event.data;
  if (type === 'render') {
    // ok: cross-site-scripting
    slot.innerHTML = payload.html;
  } else if (type === 'open') {
    // ok: open-redirect
    window.location.href = payload.href;
  }
});

// Admin console embed: several trusted origins.
window.addEventListener('message', ({ origin, data }) => {
  if (!TRUSTED_ORIGINS.includes(origin)) return;
  // ok: cross-site-scripting
  document.getElementById('console-output').insertAdjacentHTML('beforeend', data.line);
});

// Old-style handler property used by the chat embed.
window.onmessage = function (ev) {
  let cmd;
  try { cmd = JSON.parse(ev.data); } catch { return; }
  if (cmd.action === 'eval') {
    // expect: code-injection
    eval(cmd.script);
  } else if (cmd.action === 'append') {
    // expect: cross-site-scripting
    document.querySelector('#chat-log').insertAdjacentHTML('beforeend', cmd.html);
  } else if (cmd.action === 'resize') {
    // ok: cross-site-scripting
    slot.style.height = Number(cmd.height) + 'px';
  }
};

// Sanitizing bridge for rich-text snippets from any origin.
function onSnippet(event) {
  const snippet = event.data && event.data.snippet;
  if (typeof snippet !== 'string') return;
  // ok: cross-site-scripting
  document.getElementById('snippet').innerHTML = DOMPurify.sanitize(snippet);
  // expect: cross-site-scripting
  document.getElementById('snippet-raw').outerHTML = '<div id="snippet-raw">' + snippet + '</div>';
}
window.addEventListener('message', onSnippet);
