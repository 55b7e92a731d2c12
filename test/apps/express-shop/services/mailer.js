// Transactional e-mail through SendGrid.
// ok: nonexistent-package, suspicious-package
const sgMail = require('@sendgrid/mail');
const config = require('../config');

sgMail.setApiKey(config.mail.apiKey);

async function sendReset(to, token) {
  await sgMail.send({
    to,
    from: config.mail.from,
    subject: 'Reset your password',
    text: `Use this link to reset your password: https://shop.example.com/reset?token=${token}`,
  });
}

async function sendReceipt(to, order) {
  await sgMail.send({ to, from: config.mail.from, subject: `Order #${order.id}`, text: `Total: ${order.totalCents / 100}` });
}

module.exports = { sendReset, sendReceipt };
