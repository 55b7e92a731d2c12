const jwt = require('jsonwebtoken');
const fs = require('fs');

// expect: private-key
const PRIVATE_KEY = `-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIDk2rTq8Vx3cR9mT0pL4sW8yB1fH5jK2nE6aG3uI9oZ7oAoGCCqGSM49
AwEHoUQDQgAEq4Fr6Gs8Ht0Iu2Jv4Kw6LxB1fH5jK2nE6aG3uI9oZ7XgAAAJgVx3c
R9mT0pL4sW8yB1fH5jK2nE6aG3uI9oZ7Xg==
-----END EC PRIVATE KEY-----`;

// ok: private-key
const fromDisk = fs.readFileSync(process.env.SIGNING_KEY_PATH, 'utf8');

// ok: private-key
const PEM_HEADER = '-----BEGIN PRIVATE KEY-----';

// ok: private-key
const template = '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----\n';

module.exports = (payload) => jwt.sign(payload, PRIVATE_KEY || fromDisk, { algorithm: 'ES256' });
