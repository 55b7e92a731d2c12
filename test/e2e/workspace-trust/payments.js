// Fixture for the e2e trust tests: the assistant's suggestions get typed below this code.
const https = require('node:https');
const { Client } = require('./client');

function charge(amount) {
  return { amount, currency: 'EUR' };
}

module.exports = { charge };
