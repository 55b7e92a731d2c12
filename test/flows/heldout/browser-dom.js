// public/js/app.js — storefront client bundle entry
import DOMPurify from 'dompurify';
import $ from 'jquery';

const params = new URLSearchParams(window.location.search);

const DEFAULT_WIDGET_OPTIONS = { theme: 'light', layout: { columns: 3, dense: false } };

const STORES = [
  { city: 'Berlin', address: 'Alexanderplatz 1', hours: '9–20' },
  { city: 'Hamburg', address: 'Jungfernstieg 12', hours: '10–19' },
  { city: 'München', address: 'Marienplatz 8', hours: '9–20' },
];

function escapeRegExp(value) {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function refreshWidget(id) {
  const el = document.querySelector(`[data-widget-id="${CSS.escape(String(id))}"]`);
  if (el) el.classList.add('is-refreshing');
}

// ---------------------------------------------------------------------------
// Search page
// ---------------------------------------------------------------------------

function renderSearchHeader() {
  const q = params.get('q') || '';
  const header = document.getElementById('search-header');
  // expect: cross-site-scripting
  header.innerHTML = `Results for <strong>${q}</strong>`;
  const status = document.getElementById('search-status');
  // ok: cross-site-scripting
  status.textContent = `Searching for "${q}"…`;
}

function highlightResults() {
  const term = params.get('highlight');
  if (!term) return;
  // expect: regex-injection
  const re = new RegExp(term, 'gi');
  document.querySelectorAll('.result-title').forEach((el) => {
    el.classList.toggle('is-match', re.test(el.textContent));
  });
}

function filterResults() {
  const term = params.get('filter') || '';
  // ok: regex-injection
  const re = new RegExp(escapeRegExp(term), 'i');
  document.querySelectorAll('.result').forEach((el) => {
    el.hidden = !re.test(el.dataset.name);
  });
}

function goToSearch(q) {
  // ok: open-redirect
  window.location.href = '/search?q=' + encodeURIComponent(q);
}

// ---------------------------------------------------------------------------
// Banners, flash messages, welcome text
// ---------------------------------------------------------------------------

function renderWelcome() {
  const name = decodeURIComponent(location.hash.slice(1));
  if (!name) return;
  // expect: cross-site-scripting
  document.getElementById('welcome').insertAdjacentHTML('beforeend', '<p>Welcome back, ' + name + '!</p>');
}

function renderFlash() {
  const msg = params.get('flash');
  if (!msg) return;
  // ok: cross-site-scripting
  document.getElementById('flash').innerHTML = DOMPurify.sanitize(msg);
}

function renderPromoBanner() {
  const campaign = params.get('campaign');
  if (!campaign) return;
  // expect: cross-site-scripting
  document.write('<div class="promo">Campaign: ' + campaign + '</div>');
}

function renderReferralNote() {
  const note = document.getElementById('referral-note');
  // expect: cross-site-scripting
  note.innerHTML = window.name;
}

function renderStoreCard(location) {
  const card = document.createElement('div');
  card.className = 'store-card';
  // ok: cross-site-scripting
  card.innerHTML = `<h3>${location.city}</h3><p>${location.address}</p><small>${location.hours}</small>`;
  return card;
}

function renderStores() {
  const list = document.getElementById('stores');
  STORES.forEach((store) => list.appendChild(renderStoreCard(store)));
}

function renderCartCount(count) {
  const badge = document.getElementById('cart-count');
  // ok: cross-site-scripting
  badge.innerHTML = `<span class="badge">${Number(count)}</span>`;
}

// ---------------------------------------------------------------------------
// Navigation
// ---------------------------------------------------------------------------

function handlePostLoginRedirect() {
  const returnUrl = params.get('returnUrl');
  if (returnUrl) {
    // expect: open-redirect
    window.location.href = returnUrl;
  }
}

function continueCheckout() {
  const next = params.get('next') || '/';
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    location.assign('/');
    return;
  }
  // ok: open-redirect
  location.assign(next);
}

function legacyHashRedirect() {
  const target = location.hash.substring(1);
  if (target.startsWith('redirect=')) {
    // expect: open-redirect
    location.replace(decodeURIComponent(target.slice('redirect='.length)));
  }
}

// ---------------------------------------------------------------------------
// Widgets
// ---------------------------------------------------------------------------

function loadWidgetOptions() {
  let userOptions = {};
  try {
    userOptions = JSON.parse(decodeURIComponent(location.hash.slice(1)) || '{}');
  } catch (e) {
    userOptions = {};
  }
  // expect: prototype-pollution
  return $.extend(true, {}, DEFAULT_WIDGET_OPTIONS, userOptions);
}

function loadShallowOptions() {
  const userOptions = Object.fromEntries(params.entries());
  // ok: prototype-pollution
  return $.extend({}, DEFAULT_WIDGET_OPTIONS, userOptions);
}

function scheduleWidgetRefresh() {
  const widgetId = params.get('widget');
  if (!widgetId) return;
  // expect: code-injection
  setTimeout('refreshWidget("' + widgetId + '")', 1000);
  // ok: code-injection
  setInterval(() => refreshWidget(widgetId), 30000);
  // ok: code-injection
  setTimeout(refreshWidget, 250, widgetId);
}

// ---------------------------------------------------------------------------
// Cross-window messaging (embedded checkout iframe)
// ---------------------------------------------------------------------------

window.addEventListener('message', (event) => {
  const data = event.data || {};
  if (data.type === 'notice') {
    // expect: cross-site-scripting
    document.getElementById('notice').innerHTML = data.html;
  } else if (data.type === 'run') {
    // expect: code-injection
    eval(data.code);
  } else if (data.type === 'resize') {
    document.getElementById('checkout-frame').style.height = `${Number(data.height)}px`;
  }
});

document.addEventListener('DOMContentLoaded', () => {
  renderSearchHeader();
  highlightResults();
  filterResults();
  renderWelcome();
  renderFlash();
  renderPromoBanner();
  renderReferralNote();
  renderStores();
  renderCartCount(localStorage.getItem('cartCount') || 0);
  handlePostLoginRedirect();
  legacyHashRedirect();
  scheduleWidgetRefresh();
  window.widgetOptions = loadWidgetOptions();
  window.compactOptions = loadShallowOptions();

  const form = document.getElementById('search-form');
  if (form) {
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      goToSearch(form.elements.q.value);
    });
  }
  const checkout = document.getElementById('continue-checkout');
  if (checkout) checkout.addEventListener('click', continueCheckout);
});
