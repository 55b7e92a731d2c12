// Checkout and order history for signed-in customers.
const express = require('express');
const Stripe = require('stripe');
const config = require('../config');
const { Order, Customer, User, Product, sequelize } = require('../db');
const mailer = require('../services/mailer');

const router = express.Router();
const stripe = Stripe(config.stripe.secretKey);

function toOrderDto(order) {
  return { id: order.id, status: order.status, totalCents: order.totalCents, cardLast4: order.cardLast4 };
}

router.get('/', async (req, res) => {
  const orders = await Order.findAll({ where: { userId: req.user.sub }, order: [['createdAt', 'DESC']] });
  // ok: database-record-in-response
  res.json(orders.map(toOrderDto));
});

router.get('/:id/receipt', async (req, res) => {
  const order = await Order.findOne({ where: { id: req.params.id, userId: req.user.sub } });
  if (!order) return res.status(404).json({ error: 'Not found' });
  // expect: database-record-in-response
  res.json({ id: order.id, total: order.totalCents, cardNumber: order.cardNumber, cvv: order.cvv });
});

router.get('/me/profile', (req, res) => {
  User.findByPk(req.user.sub).then((user) => {
    // expect: database-record-in-response
    res.json(user);
  });
});

router.get('/me/customer', async (req, res) => {
  const customer = await Customer.findOne({ where: { userId: req.user.sub } });
  const profile = customer;
  // expect: database-record-in-response
  res.send(profile);
});

router.get('/me/summary', async (req, res) => {
  // ok: database-record-in-response
  const user = await User.findByPk(req.user.sub, { attributes: ['id', 'email', 'name'] });
  res.json(user);
});

router.post('/checkout', async (req, res) => {
  const payload = req.body;
  // expect: sensitive-data-in-logs
  console.log('checkout payload', payload);
  const t = await sequelize.transaction();
  try {
    const product = await Product.findByPk(payload.productId, { transaction: t });
    const intent = await stripe.paymentIntents.create({ amount: product.priceCents * payload.quantity, currency: 'usd' });
    const order = await Order.create({ userId: req.user.sub, totalCents: intent.amount, cardLast4: payload.cardLast4 }, { transaction: t });
    await t.commit();
    await mailer.sendReceipt(req.user.email, order);
    res.status(201).json(toOrderDto(order));
  } catch (err) {
    await t.rollback();
    // ok: sensitive-data-in-logs
    console.error('checkout failed', err.code, req.user.sub);
    // expect: error-details-in-response
    res.status(500).json({ error: 'Checkout failed', details: err });
  }
});

module.exports = router;
