// Authentication middleware: bearer JWT for the API, session flag for the back office.
const jwt = require('jsonwebtoken');
const config = require('../config');

function requireAuth(req, res, next) {
  const header = req.headers.authorization || '';
  const token = header.startsWith('Bearer ') ? header.slice(7) : req.cookies.token;
  if (!token) return res.status(401).json({ error: 'Authentication required' });
  try {
    // expect: hardcoded-secret-in-sink
    req.user = jwt.verify(token, config.jwt.secret);
    return next();
  } catch (err) {
    // ok: error-details-in-response
    return res.status(401).json({ error: 'Invalid or expired token' });
  }
}

function requireAdmin(req, res, next) {
  if (req.session && req.session.isAdmin) return next();
  return res.status(403).json({ error: 'Admins only' });
}

module.exports = { requireAuth, requireAdmin };
