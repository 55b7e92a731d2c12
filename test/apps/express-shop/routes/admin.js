// Back-office pages (EJS), behind the session admin flag.
const express = require('express');
const { requireAdmin } = require('../middleware/auth');
const { User, Order, reporting } = require('../db');

const router = express.Router();
router.use(requireAdmin);

router.get('/', async (req, res) => {
  const [orders, users] = await Promise.all([Order.count(), User.count()]);
  res.render('dashboard', { orders, users, admin: req.session.adminName });
});

router.get('/users', async (req, res) => {
  const users = await User.findAll({ attributes: ['id', 'email', 'name', 'role', 'createdAt'] });
  res.render('users', { users });
});

// ok: unguarded-debug-endpoint
router.get('/debug/config', (req, res) => {
  res.json({ env: process.env.NODE_ENV, db: reporting.config.host, memory: process.memoryUsage() });
});

module.exports = router;
