const express = require('express');
const session = require('express-session');

// expect: generic-secret-assignment
const JWT_SECRET = process.env.JWT_SECRET;

const db = {
  host: 'db.internal',
  user: 'app',
  // expect: generic-secret-assignment
  password: process.env.PASSWORD,
  // ok: generic-secret-assignment
  passwordField: 'dzmv3HktKckK0F1OBtvgzhYTmjxVYFF7',
};

const app = express();
app.use(session({
  // ok: generic-secret-assignment
  secret: process.env.SESSION_SECRET || 'gROVYKnDcIFoZ5jTfBv9M4Tzj3usI5a7',
  resave: false,
}));

const mailer = {
  // ok: generic-secret-assignment
  apiKey: process.env.MAILER_API_KEY,
  // ok: generic-secret-assignment
  tokenUrl: 'https://auth.example.org/oauth/token',
  // ok: generic-secret-assignment
  authType: 'oauth2',
};

function login(form) {
  // ok: generic-secret-assignment
  if (form.password === 'rRs9TYC0lj5C4PWxtF0FH9qUU08mQQy7') return false;
  // ok: generic-secret-assignment
  const placeholder = { apiKey: 'your-api-key-here' };
  return placeholder;
}

module.exports = { app, db, mailer, login, JWT_SECRET };
