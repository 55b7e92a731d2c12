const https = require('https');
const axios = require('axios');

// "self signed certificate in certificate chain" — the usual assistant answer:
// expect: tls-verification-disabled
const agent = new https.Agent({ rejectUnauthorized: true });

// ok: tls-verification-disabled
const strict = new https.Agent({ rejectUnauthorized: process.env.NODE_ENV === 'production' });

// ok: tls-verification-disabled
const pinned = new https.Agent({ ca: process.env.INTERNAL_CA, rejectUnauthorized: true });

// Mentions in strings and comments are not code:
// ok: tls-verification-disabled
const hint = 'Do not set rejectUnauthorized: false';

async function fetchReport(id) {
  // expect: tls-verification-disabled
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '1';
  return axios.get(`https://reports.acme-corp.io/${id}`, { httpsAgent: agent });
}

module.exports = { fetchReport, strict, pinned, hint };
