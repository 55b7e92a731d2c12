// An Express app wired as the express-session README shows it, twice: once left at the defaults.
const express = require('express');
const session = require('express-session');
const cookieSession = require('cookie-session');

const app = express();

app.use(
  // expect: insecure-cookie-flags
  session({
    secret: process.env.SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
  }),
);

const sess = { secret: process.env.SESSION_SECRET, cookie: {} };
if (app.get('env') === 'production') {
  app.set('trust proxy', 1);
  sess.cookie.secure = true;
}
// ok: insecure-cookie-flags
app.use(session(sess));

// ok: insecure-cookie-flags
app.use(session({ secret: process.env.SESSION_SECRET, cookie: { secure: process.env.NODE_ENV === 'production', httpOnly: true, sameSite: 'lax' } }));

// expect: insecure-cookie-flags
app.use(cookieSession({ name: 'session', keys: [process.env.COOKIE_KEY], maxAge: 24 * 60 * 60 * 1000 }));

module.exports = app;
