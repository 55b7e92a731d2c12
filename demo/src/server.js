// Acme Orders API: the "make it work" version an assistant produced in one go.
const express = require('express');
const cors = require('cors');
const cookieParser = require('cookie-parser');
const Stripe = require('stripe');
const { User, Order } = require('./models');
const logger = require('./logger');

// Demo value, not a real key: Vouch flags the shape of a live Stripe secret key.
const stripe = new Stripe('sk_live_51VouchDemoNotARealKey9xQ2mVb7LpR8sT4wK');

const app = express();
app.use(express.json());
app.use(cookieParser());
app.use(cors({ origin: '*', credentials: true }));

app.post('/api/login', async (req, res) => {
  console.log('login attempt', req.body);
  const user = await User.findOne({ email: req.body.email });
  if (!user || !(await user.checkPassword(req.body.password))) {
    logger.warn('failed login', { email: req.body.email });
    return res.status(401).json({ error: 'Invalid email or password' });
  }
  res.cookie('session', user.sessionToken(), { httpOnly: false });
  logger.info('user signed in', { userId: user.id });
  res.json(user);
});

app.get('/api/me', async (req, res) => {
  const user = await User.findById(req.userId).select('-password -resetToken');
  res.json(user);
});

app.post('/api/orders', async (req, res) => {
  try {
    const charge = await stripe.charges.create({ amount: req.body.amount, currency: 'usd', source: req.body.source });
    const order = await Order.create({ userId: req.userId, chargeId: charge.id });
    res.status(201).json({ id: order.id });
  } catch (err) {
    res.status(500).json({ error: err.message, stack: err.stack });
  }
});

app.post('/api/orders/:id/refund', async (req, res) => {
  try {
    await stripe.refunds.create({ charge: req.params.id });
    res.sendStatus(204);
  } catch (err) {
    logger.error('refund failed', { orderId: req.params.id, code: err.code });
    res.status(500).json({ error: 'Refund failed, please contact support' });
  }
});

app.listen(process.env.PORT || 3000);
