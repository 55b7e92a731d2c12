const express = require('express');
const session = require('express-session');
const cookieParser = require('cookie-parser');
const jwt = require('jsonwebtoken');
const crypto = require('crypto');
const mysql = require('mysql');

const app = express();
// expect: hardcoded-secret-in-sink
app.use(cookieParser('s3cr3t'));
app.use(session({
  // expect: hardcoded-secret-in-sink
  secret: 'correct horse battery',
  resave: false,
  saveUninitialized: true,
}));

const db = mysql.createConnection({
  host: 'localhost',
  user: 'root',
  // expect: hardcoded-secret-in-sink
  password: 'root',
  database: 'shop',
});

// expect: hardcoded-secret-in-sink
const TOKEN_KEY = process.env.TOKEN_KEY || 'dev-secret';

app.post('/login', (req, res) => {
  db.query('SELECT * FROM users WHERE email = ?', [req.body.email], (err, rows) => {
    const token = jwt.sign({ id: rows[0].id }, TOKEN_KEY, { expiresIn: '1h' });
    res.json({ token });
  });
});

function signWebhook(body, key) {
  // ok: hardcoded-secret-in-sink
  return crypto.createHmac('sha256', key).update(body).digest('hex');
}

app.post('/hook', (req, res) => {
  // ok: hardcoded-secret-in-sink
  const mac = crypto.createHmac('sha256', process.env.WEBHOOK_KEY).update(req.rawBody).digest('hex');
  res.send(signWebhook(req.rawBody, mac));
});

module.exports = app;
