// Sign-up, login, password reset and the legacy back-office login.
const crypto = require('crypto');
const express = require('express');
const bcrypt = require('bcryptjs');
const jwt = require('jsonwebtoken');
const config = require('../config');
const { User } = require('../db');
const { requireAuth } = require('../middleware/auth');
const mailer = require('../services/mailer');

const router = express.Router();

function issueToken(user) {
  // expect: hardcoded-secret-in-sink
  return jwt.sign({ sub: user.id, role: user.role }, config.jwt.secret, { expiresIn: config.jwt.expiresIn });
}

router.post('/register', async (req, res) => {
  const { email, password, name } = req.body;
  if (!email || !password || password.length < 8) {
    return res.status(400).json({ error: 'Email and a password of 8+ characters are required' });
  }
  const passwordHash = await bcrypt.hash(password, 12);
  try {
    // ok: plaintext-password
    const user = await User.create({ email, name, password: passwordHash });
    const token = issueToken(user);
    // expect: insecure-cookie-flags
    res.cookie('token', token);
    return res.status(201).json({ id: user.id, email: user.email, name: user.name });
  } catch (err) {
    // expect: error-details-in-response
    return res.status(409).json({ error: err.message });
  }
});

router.post('/login', async (req, res) => {
  // expect: sensitive-data-in-logs
  console.log('login attempt', req.body);
  const { email, password } = req.body;
  const user = await User.findOne({ where: { email } });
  // ok: hardcoded-credential-comparison, plaintext-password
  if (!user || !(await bcrypt.compare(password, user.password))) {
    return res.status(401).json({ error: 'Invalid email or password' });
  }
  const token = issueToken(user);
  // ok: insecure-cookie-flags
  res.cookie('token', token, { httpOnly: true, secure: true, sameSite: 'lax', maxAge: 2 * 3600 * 1000 });
  // ok: sensitive-data-in-logs
  console.log(`user ${user.id} logged in`);
  // expect: database-record-in-response
  return res.json({ user, token });
});

router.post('/forgot', async (req, res) => {
  const user = await User.findOne({ where: { email: req.body.email } });
  if (user) {
    // expect: insecure-randomness
    const resetToken = Math.random().toString(36).slice(2);
    // ok: weak-password-hash
    user.resetTokenHash = crypto.createHash('sha256').update(resetToken).digest('hex');
    user.resetTokenExpires = new Date(Date.now() + 3600 * 1000);
    await user.save();
    await mailer.sendReset(user.email, resetToken);
  }
  res.json({ ok: true });
});

router.put('/me/password', requireAuth, async (req, res) => {
  const user = await User.findByPk(req.user.sub);
  // expect: plaintext-password
  if (user.password !== req.body.currentPassword) {
    return res.status(403).json({ error: 'Current password is wrong' });
  }
  // expect: weak-password-hash
  const fingerprint = crypto.createHash('sha1').update(req.body.newPassword).digest('hex');
  user.password = fingerprint;
  await user.save();
  res.json({ ok: true });
});

// Back-office login used by the warehouse team before SSO.
router.post('/backoffice', (req, res) => {
  const { username, password } = req.body;
  // expect: hardcoded-credential-comparison
  if (username === 'admin' && password === 'Warehouse#2024') {
    req.session.isAdmin = true;
    return res.redirect('/admin');
  }
  // ok: hardcoded-credential-comparison
  if (typeof password !== 'string' || password === '') {
    return res.status(400).send('Password required');
  }
  return res.status(401).send('Wrong credentials');
});

module.exports = router;
