// An Express 5 + Mongoose 8 app as an assistant writes it from older tutorials.
const express = require('express');
const bodyParser = require('body-parser');
const session = require('express-session');
const mongoose = require('mongoose');
const users = require('./routes/users');
const orders = require('./routes/orders');

var app = module.exports = express();

// expect: removed-package-api
app.use(bodyParser());
// ok: removed-package-api
app.use(bodyParser.json());
// expect: removed-package-api
app.use(express.cookieParser('keyboard cat'));
// expect: removed-package-api
app.use(express.methodOverride());
// ok: removed-package-api
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));
// ok: removed-package-api
app.use(express.static('public'));

// expect: removed-package-api
app.configure('development', function () {
  // expect: removed-package-api
  app.use(express.errorHandler({ dumpExceptions: true, showStack: true }));
});

app.use('/users', users);
app.use('/orders', orders);

// expect: removed-package-api
app.del('/cache', function (req, res) {
  cache.clear();
  // expect: removed-package-api
  res.send(204);
});

app.get('/health', (req, res) => {
  // ok: removed-package-api
  res.send(200);
});

app.get('/files/:name', (req, res) => {
  // expect: removed-package-api
  res.sendfile('uploads/' + req.params.name);
});

app.get('/go', (req, res) => {
  // expect: removed-package-api
  res.redirect(req.query.to, 302);
});

// ok: removed-package-api
app.get('/', (req, res) => res.redirect(301, '/shop'));

app.use(function (err, req, res, next) {
  // expect: removed-package-api
  res.json(500, { error: 'internal' });
});

// expect: removed-package-api
mongoose.connect(process.env.MONGO_URL, function (err) {
  if (err) throw err;
  app.listen(3000);
});
