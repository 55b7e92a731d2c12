// Central configuration. Everything that differs between environments comes from process.env;
// defaults are only for local development.
require('dotenv').config();

module.exports = {
  port: Number(process.env.PORT) || 3000,
  env: process.env.NODE_ENV || 'development',
  sessionSecret: process.env.SESSION_SECRET,
  jwt: {
    // TODO: move to env before launch
    secret: 'shopfront-jwt-signing-key',
    expiresIn: '2h',
  },
  stripe: {
    // ok: generic-secret-assignment, stripe-secret-key
    secretKey: process.env.STRIPE_SECRET_KEY,
    webhookSecret: process.env.STRIPE_WEBHOOK_SECRET,
  },
  mail: {
    from: 'orders@shop.example.com',
    // ok: generic-secret-assignment
    apiKey: process.env.SENDGRID_API_KEY,
  },
  currencyApi: 'https://api.exchangerate.host',
  featureFlags: {
    guestCheckout: true,
  },
};
