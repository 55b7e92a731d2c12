const crypto = require('crypto');

function backoff(attempt) {
  // ok: insecure-randomness
  const jitter = Math.random() * 250;
  return 2 ** attempt * 100 + jitter;
}

function generateResetToken() {
  let out = '';
  const chars = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  for (let i = 0; i < 24; i++) {
    // expect: insecure-randomness
    out += chars[Math.floor(Math.random() * chars.length)];
  }
  return out;
}

function shuffle(items) {
  // ok: insecure-randomness
  return items.map((v) => ({ v, k: Math.random() })).sort((a, b) => a.k - b.k).map((x) => x.v);
}

async function createSession(user) {
  // expect: insecure-randomness
  const sessionId = Math.random().toString(36).slice(2);
  // ok: insecure-randomness
  const csrfToken = crypto.randomBytes(32).toString('hex');
  return { user, sessionId, csrfToken };
}

module.exports = { backoff, generateResetToken, shuffle, createSession };
