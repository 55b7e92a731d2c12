const express = require('express');
const bcrypt = require('bcryptjs');

const router = express.Router();
// expect: hardcoded-credential-comparison
const MASTER_PASSWORD = 'opensesame';

router.post('/login', async (req, res) => {
  const { username, password } = req.body;
  // ok: hardcoded-credential-comparison
  if (!password || password === '' || password.length < 8) return res.status(400).send('Invalid');
  // expect: hardcoded-credential-comparison
  if (username === 'admin' && password === 'admin') return res.send('welcome admin');
  // ok: hardcoded-credential-comparison
  if (password === req.body.confirmPassword && typeof password === 'string') {
    const user = await findUser(username);
    // ok: hardcoded-credential-comparison
    if (user && await bcrypt.compare(password, user.hash)) return res.send('ok');
  }
  res.sendStatus(401);
});

router.post('/unlock', (req, res) => {
  // ok: hardcoded-credential-comparison
  const kind = req.body.mode === 'password' ? 'password' : 'pin';
  // ok: hardcoded-credential-comparison
  res.send(req.body.password === MASTER_PASSWORD ? kind : 'no');
});

module.exports = router;
