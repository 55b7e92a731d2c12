// public/js/dashboard.js — single-page dashboard: hash router, jQuery plugins, embed loader, OAuth callback
import DOMPurify from 'dompurify';
import $ from 'jquery';

const ALLOWED_THEMES = ['light', 'dark', 'contrast'];
const SAFE_RETURN_PATHS = ['/', '/account', '/billing', '/projects'];
const params = new URLSearchParams(window.location.search);

function escapeHtml(value) {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

function setHtml(el, html) {
  // expect: cross-site-scripting
  el.innerHTML = html;
}

// ---------------------------------------------------------------------------
// Hash router
// ---------------------------------------------------------------------------

function currentRoute() {
  const hash = window.location.hash.replace(/^#\/?/, '');
  const [path, query = ''] = hash.split('?');
  return { path: decodeURIComponent(path), query: new URLSearchParams(query) };
}

function renderNotFound() {
  const route = currentRoute();
  const view = document.getElementById('view');
  // expect: cross-site-scripting
  view.innerHTML = '<h2>Page not found</h2><p>Nothing lives at /' + route.path + '</p>';
}

function renderBreadcrumb() {
  const { path } = currentRoute();
  const crumb = document.getElementById('crumb');
  // ok: cross-site-scripting
  crumb.textContent = path.split('/').join(' › ');
}

function renderTab() {
  const { query } = currentRoute();
  const tab = query.get('tab') || 'overview';
  const panel = document.querySelector('.tab-panel');
  // expect: cross-site-scripting
  panel.outerHTML = `<section class="tab-panel" data-tab="${tab}"></section>`;
}

function renderTabTitle() {
  const tab = params.get('tab');
  const title = document.querySelector('.tab-title');
  // ok: cross-site-scripting
  title.innerHTML = `<span>${escapeHtml(tab)}</span>`;
}

function renderSectionHeading() {
  const section = decodeURIComponent(location.hash.substring(1));
  const range = document.createRange();
  // expect: cross-site-scripting
  const frag = range.createContextualFragment(`<h1 class="section">${section}</h1>`);
  document.getElementById('heading').replaceChildren(frag);
}

function applyTheme() {
  const theme = params.get('theme');
  if (!ALLOWED_THEMES.includes(theme)) return;
  // ok: cross-site-scripting
  document.head.insertAdjacentHTML('beforeend', `<link rel="stylesheet" href="/themes/${theme}.css">`);
}

function renderWelcome() {
  const who = new URL(window.location.href).searchParams.get('invitedBy');
  if (!who) return;
  setHtml(document.getElementById('welcome'), `<p>${who} invited you to this workspace</p>`);
  setHtml(document.getElementById('welcome-footer'), '<small>Welcome aboard</small>');
}

function renderLegacyBanner() {
  const promo = decodeURIComponent(params.get('promo') || '');
  // expect: cross-site-scripting
  document.write('<div class="promo-banner">' + promo + '</div>');
}

// ---------------------------------------------------------------------------
// jQuery plugins and helpers
// ---------------------------------------------------------------------------

$.fn.queryTooltip = function () {
  const tip = new URLSearchParams(window.location.search).get('tip');
  // expect: cross-site-scripting
  return this.append('<div class="tooltip">' + tip + '</div>');
};

function showSearchSummary() {
  const term = params.get('q');
  // expect: cross-site-scripting
  $('#search-summary').html('You searched for <b>' + term + '</b>');
  // ok: cross-site-scripting
  $('#search-summary-plain').text('You searched for ' + term);
}

function showReferrerNote() {
  const from = document.referrer;
  if (!from) return;
  // expect: cross-site-scripting
  $('<p class="ref-note">Welcome from ' + from + '</p>').appendTo('#notes');
  // ok: cross-site-scripting
  $('<p class="ref-note">').text('Welcome from ' + from).appendTo('#notes');
}

function renderAnnouncement($container) {
  const msg = params.get('announce');
  // expect: cross-site-scripting
  $container.prepend(`<div class="announce">${msg}</div>`);
}

function renderBackLink() {
  const back = params.get('back');
  // expect: cross-site-scripting
  $('#back-link').attr('href', back);
  // ok: cross-site-scripting
  $('#back-link').attr('title', back);
}

// ---------------------------------------------------------------------------
// Widget / embed loader
// ---------------------------------------------------------------------------

function loadWidgetScript() {
  const src = params.get('widget');
  const script = document.createElement('script');
  // expect: cross-site-scripting
  script.src = src;
  document.head.appendChild(script);
}

function loadLocale() {
  const lang = params.get('lang') || 'en';
  const script = document.createElement('script');
  // ok: cross-site-scripting
  script.src = '/static/locales/' + lang + '.js';
  document.head.appendChild(script);
}

function mountEmbed() {
  const embedUrl = params.get('embed');
  const iframe = document.createElement('iframe');
  // expect: cross-site-scripting
  iframe.setAttribute('src', embedUrl);
  document.getElementById('embed').appendChild(iframe);
}

function mountSameOriginEmbed() {
  const target = new URL(params.get('embed') || '/', location.origin);
  if (target.origin !== location.origin) return;
  const iframe = document.createElement('iframe');
  // ok: cross-site-scripting
  iframe.setAttribute('src', target.href);
  document.getElementById('embed').appendChild(iframe);
}

function renderPreview() {
  const html = new URLSearchParams(location.hash.slice(1)).get('preview');
  const frame = document.getElementById('preview-frame');
  // expect: cross-site-scripting
  frame.srcdoc = html;
  const clean = document.getElementById('preview-clean');
  // ok: cross-site-scripting
  clean.setAttribute('srcdoc', DOMPurify.sanitize(html));
}

function renderCampaignButton() {
  const campaign = params.get('utm_campaign');
  const button = document.getElementById('cta');
  // expect: code-injection
  button.setAttribute('onclick', `track('${campaign}')`);
  // ok: cross-site-scripting
  button.setAttribute('data-campaign', campaign);
}

function renderReturnLink() {
  const ret = params.get('return');
  const link = document.getElementById('return-link');
  // expect: cross-site-scripting
  link.href = ret;
}

function renderOrderLink(orderId) {
  const link = document.getElementById('order-link');
  // ok: cross-site-scripting
  link.href = '/orders/' + encodeURIComponent(params.get('order') || orderId);
}

// ---------------------------------------------------------------------------
// OAuth / OIDC callback
// ---------------------------------------------------------------------------

function handleOAuthCallback() {
  const fragment = new URLSearchParams(window.location.hash.substring(1));
  const error = fragment.get('error_description');
  if (error) {
    // expect: cross-site-scripting
    document.getElementById('login-error').innerHTML = `<p class="error">${error}</p>`;
    return;
  }
  sessionStorage.setItem('access_token', fragment.get('access_token'));
  const state = JSON.parse(atob(fragment.get('state') || 'e30='));
  // expect: open-redirect
  window.location.replace(state.returnTo);
}

function finishLogin() {
  const url = new URL(window.location.href);
  const next = url.searchParams.get('next');
  if (next) {
    // expect: open-redirect
    location = next;
  }
}

function finishLoginChecked() {
  const next = params.get('next') || '/';
  if (next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')) {
    // ok: open-redirect
    window.location.assign(next);
  }
}

function finishLoginAllowListed() {
  const next = params.get('continue');
  if (SAFE_RETURN_PATHS.includes(next)) {
    // ok: open-redirect
    window.location.href = next;
  }
}

function finishLoginSameOrigin() {
  const dest = new URL(params.get('redirect_uri') || '/', window.location.origin);
  if (dest.origin === window.location.origin) {
    // ok: open-redirect
    window.location.replace(dest.href);
  }
}

function openAuthPopup() {
  // expect: open-redirect
  window.open(params.get('authorize_url'), 'auth', 'width=520,height=640');
}

function goToLogin() {
  // ok: open-redirect
  window.location.href = '/login?next=' + encodeURIComponent(location.pathname + location.search);
}

function resumeFromStorage() {
  const saved = sessionStorage.getItem('post_login_path') || '/';
  // ok: open-redirect
  location.assign(saved);
}

// ---------------------------------------------------------------------------
// Code evaluation: hooks, JSONP, timers
// ---------------------------------------------------------------------------

function runReadyHook() {
  const hook = params.get('onready');
  if (!hook) return;
  // expect: code-injection
  setTimeout(hook, 50);
}

function scheduleRefresh() {
  const delay = Number(params.get('refresh')) || 30000;
  // ok: code-injection
  setInterval(() => document.dispatchEvent(new Event('refresh')), delay);
}

function jsonpCallback(data) {
  const cb = params.get('callback');
  // expect: code-injection
  const invoke = new Function('data', `return ${cb}(data);`);
  return invoke(data);
}

function evalFormula() {
  const formula = window.name;
  // expect: code-injection
  return eval(formula);
}

function loadStateFromName() {
  // ok: code-injection
  return JSON.parse(window.name || '{}');
}

export function boot() {
  renderNotFound(); renderBreadcrumb(); renderTab(); renderTabTitle(); renderSectionHeading(); applyTheme();
  renderWelcome(); renderLegacyBanner(); showSearchSummary(); showReferrerNote(); renderAnnouncement($('#main'));
  renderBackLink(); loadWidgetScript(); loadLocale(); mountEmbed(); mountSameOriginEmbed(); renderPreview();
  renderCampaignButton(); renderReturnLink(); renderOrderLink(1); handleOAuthCallback(); finishLogin();
  finishLoginChecked(); finishLoginAllowListed(); finishLoginSameOrigin(); openAuthPopup(); goToLogin();
  resumeFromStorage(); runReadyHook(); scheduleRefresh(); jsonpCallback({}); evalFormula(); loadStateFromName();
  $('#tip').queryTooltip();
}
