// An Express auth module as assistants write it: sign-up, login, password change and an admin reset.
const express = require('express');
const bcrypt = require('bcryptjs');
const { User, AuditLog } = require('../models');
const db = require('../db');

const router = express.Router();

router.post('/signup', async (req, res) => {
  const { email, password, name } = req.body;
  if (!email || !password) return res.status(400).json({ error: 'missing fields' });
  // expect: plaintext-password
  const user = await User.create({ email, name, password });
  res.status(201).json({ id: user.id });
});

router.post('/signup-hashed', async (req, res) => {
  const { email, password } = req.body;
  const passwordHash = await bcrypt.hash(password, 12);
  // ok: plaintext-password
  const user = await User.create({ email, password: passwordHash });
  res.status(201).json({ id: user.id });
});

router.post('/login', async (req, res) => {
  const user = await User.findOne({ where: { email: req.body.email } });
  // expect: plaintext-password
  if (!user || user.password !== req.body.password) {
    return res.status(401).json({ error: 'invalid credentials' });
  }
  req.session.userId = user.id;
  res.json({ ok: true });
});

router.post('/login-hashed', async (req, res) => {
  const user = await User.findOne({ where: { email: req.body.email } });
  // ok: plaintext-password
  const ok = user && (await bcrypt.compare(req.body.password, user.password));
  if (!ok) return res.status(401).end();
  res.json({ ok: true });
});

router.put('/me/password', async (req, res) => {
  const user = await User.findByPk(req.session.userId);
  const next = req.body.password;
  // expect: plaintext-password
  user.password = next;
  await user.save();
  // ok: plaintext-password
  await AuditLog.create({ userId: user.id, action: 'password-change' });
  res.json({ ok: true });
});

router.post('/admin/reset', async (req, res) => {
  const body = req.body;
  // todo-expect: plaintext-password
  await db.query('UPDATE users SET password = ? WHERE id = ?', [body.password, body.id]);
  res.json({ ok: true });
});

router.post('/legacy-login', async (req, res) => {
  const [rows] = await db.query('SELECT * FROM users WHERE email = ?', [req.body.email]);
  const { password } = req.body;
  // expect: plaintext-password
  if (rows.length && rows[0].password == password) return res.json({ ok: true });
  res.status(401).end();
});

module.exports = router;
