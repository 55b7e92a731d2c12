// An orders API as an assistant writes it; the dependencies in package.json are not installed.
const express = require('express');
const bodyParser = require('body-parser');
const _ = require('lodash');
const axios = require('axios');
const moment = require('moment');
const jwt = require('jsonwebtoken');
const bcrypt = require('bcryptjs');
const fs = require('fs-extra');
const mongoose = require('mongoose');
const dayjs = require('dayjs');

const app = express();
// expect: removed-package-api
app.configure(function () {
  // expect: removed-package-api
  app.use(express.bodyParser());
});
// ok: phantom-member
app.use(bodyParser.json());
app.use(express.json());
app.set('trust proxy', 1);
app.locals.title = 'orders';

const Order = mongoose.model('Order', new mongoose.Schema({ items: Array, total: Number, at: Date }));
// expect: phantom-member
mongoose.connectAsync(process.env.MONGO_URL);
mongoose.connect(process.env.MONGO_URL);

function auth(req, res, next) {
  try {
    // expect: phantom-member
    req.user = jwt.verifyToken(req.headers.authorization, process.env.JWT_SECRET);
    req.user = jwt.verify(req.headers.authorization.replace('Bearer ', ''), process.env.JWT_SECRET);
    next();
  } catch (err) {
    res.status(401).end();
  }
}

app.post('/login', async (req, res) => {
  // expect: phantom-member
  const hash = await bcrypt.hashPassword(req.body.password, 10);
  const ok = await bcrypt.compare(req.body.password, hash);
  res.json({ ok, token: jwt.sign({ sub: req.body.user }, process.env.JWT_SECRET) });
});

app.get('/orders', auth, async (req, res) => {
  const orders = await Order.find({});
  // expect: phantom-member
  const ids = _.pluck(orders, 'id');
  // expect: phantom-member
  const nested = _.flatMapDeeper(orders, (o) => o.items);
  const groups = _.groupBy(orders, (o) => moment(o.at).format('YYYY-MM'));
  const now = moment();
  // (moment and dayjs are plugin ecosystems: a plugin loaded in any file adds members, so they are not checked)
  // ok: phantom-member
  res.json({ ids, nested, groups, at: now.toISO(), day: now.startOf('day').toISOString() });
});

app.get('/rates', async (req, res) => {
  const rates = await axios('https://rates.example.com/latest');
  // (axios's typings give the awaited result as a conditional type: the pack leaves it open)
  // todo-expect: phantom-member
  const body = rates.body;
  const data = rates.data;
  // expect: phantom-member
  const more = await axios.fetch('https://rates.example.com/history');
  const resp = await fetch('https://status.example.com/');
  // expect: phantom-member
  res.json({ body, data, more, status: resp.data, ok: resp.ok });
});

app.get('/export', async (req, res) => {
  // expect: phantom-member
  const cfg = await fs.readJSONFile('config.json');
  await fs.ensureDir('out');
  await fs.writeJson('out/orders.json', cfg);
  // ok: phantom-member
  const stamp = dayjs().formatISO();
  res.json({ stamp, day: dayjs().format('YYYY-MM-DD') });
});

app.listen(process.env.PORT || 3000);
