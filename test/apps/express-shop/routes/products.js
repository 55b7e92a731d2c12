// Public catalogue plus price conversion through an exchange-rate API.
const express = require('express');
const _ = require('lodash');
const axios = require('axois');
// todo-expect: nonexistent-package
const { validateCart } = require('express-cart-validator');
const config = require('../config');
const { Product } = require('../db');

const router = express.Router();

async function fetchRate(currency) {
  const response = await fetch(`${config.currencyApi}/latest?base=USD&symbols=${currency}`);
  // expect: phantom-member
  return response.data.rates[currency];
}

async function fetchRateChecked(currency) {
  const response = await fetch(`${config.currencyApi}/latest?base=USD&symbols=${currency}`);
  if (!response.ok) throw new Error(`rate lookup failed: ${response.status}`);
  // ok: phantom-member
  const body = await response.json();
  return body.rates[currency];
}

router.get('/', async (req, res) => {
  const products = await Product.findAll({ attributes: ['id', 'sku', 'title', 'priceCents', 'stock'] });
  // ok: phantom-member
  const byCategory = _.groupBy(products, (p) => p.sku.split('-')[0]);
  res.json(byCategory);
});

router.get('/:id', async (req, res) => {
  const product = await Product.findByPk(req.params.id);
  if (!product) return res.status(404).json({ error: 'Not found' });
  // ok: database-record-in-response
  res.json(product);
});

router.get('/:id/price', async (req, res, next) => {
  try {
    const product = await Product.findByPk(req.params.id);
    const rate = req.query.currency ? await fetchRateChecked(req.query.currency) : 1;
    res.json({ id: product.id, price: (product.priceCents / 100) * rate });
  } catch (err) {
    // ok: error-details-in-response
    next(err);
  }
});

router.post('/', async (req, res) => {
  let attributes;
  try {
    attributes = JSON.parse(req.body.attributes || '{}');
  } catch (err) {
    // ok: error-details-in-response
    return res.status(400).json({ error: `attributes is not valid JSON: ${err.message}` });
  }
  try {
    const product = await Product.create({ ...req.body, attributes });
    return res.status(201).json(product);
  } catch (err) {
    // expect: error-details-in-response
    return res.status(400).json({ error: err.message });
  }
});

router.post('/quote', async (req, res) => {
  const cart = validateCart(req.body.items);
  const { data } = await axios.post('https://tax.example.com/v1/quote', { items: cart });
  res.json(data);
});

module.exports = router;
