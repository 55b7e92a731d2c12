// Fixture for the e2e tests: TLS verification switched off "to make the error go away".
const https = require('https');

function fetchStatus(host) {
  return new Promise((resolve, reject) => {
    const req = https.request({ host, path: '/status', rejectUnauthorized: false }, (res) => resolve(res.statusCode));
    req.on('error', reject);
    req.end();
  });
}

module.exports = { fetchStatus };
