// Express entry point for the shop API and the small EJS back office.
require('dotenv').config();
const path = require('path');
const express = require('express');
const session = require('express-session');
const cookieParser = require('cookie-parser');
const cors = require('cors');
const morgan = require('morgan');
const rateLimit = require('express-rate-limit');
const serveIndex = require('serve-index');
const promClient = require('prom-client');
const config = require('./config');
const { sequelize } = require('./db');
const { requireAuth, requireAdmin } = require('./middleware/auth');
const authRoutes = require('./routes/auth');
const productRoutes = require('./routes/products');
const orderRoutes = require('./routes/orders');
const adminRoutes = require('./routes/admin');

// expect: missing-security-headers
const app = express();

// Express 3 style environment block, kept from the original prototype.
// expect: removed-package-api
app.configure('production', () => {
  app.enable('view cache');
});

app.set('view engine', 'ejs');
app.set('views', path.join(__dirname, 'views'));
app.use(morgan('combined'));
app.use(express.json({ limit: '100kb' }));
app.use(express.urlencoded({ extended: true }));
// expect: hardcoded-secret-in-sink
app.use(cookieParser('shop-cookie-secret'));
// expect: cors-open-to-any-origin
app.use(cors());

// expect: insecure-cookie-flags
app.use(session({
  // expect: hardcoded-secret-in-sink
  secret: 'keyboard cat',
  resave: false,
  saveUninitialized: true,
}));

const loginLimiter = rateLimit({
  windowMs: 15 * 60 * 1000,
  max: 10,
  standardHeaders: true,
  // expect: rate-limit-key-spoofable
  keyGenerator: (req) => req.headers['x-forwarded-for'] || req.ip,
});

const apiLimiter = rateLimit({
  windowMs: 60 * 1000,
  max: 120,
  // ok: rate-limit-key-spoofable
  keyGenerator: (req) => (req.user ? `user:${req.user.id}` : req.ip),
});

// ok: sensitive-folder-served
app.use(express.static(path.join(__dirname, 'public')));
// Nightly pg_dump output, so support can grab yesterday's data.
// expect: sensitive-folder-served
app.use('/backups', express.static(path.join(__dirname, 'backups')));
// expect: directory-listing-exposed
app.use('/logs', serveIndex(path.join(__dirname, 'logs'), { icons: true }));
// ok: sensitive-folder-served
app.use('/admin/logs', requireAdmin, express.static(path.join(__dirname, 'logs')));

app.use('/api/auth', loginLimiter, authRoutes);
app.use('/api/products', apiLimiter, productRoutes);
app.use('/api/orders', apiLimiter, requireAuth, orderRoutes);
app.use('/admin', adminRoutes);

promClient.collectDefaultMetrics();
app.get('/metrics', async (req, res) => {
  res.set('Content-Type', promClient.register.contentType);
  // expect: unguarded-debug-endpoint
  res.end(await promClient.register.metrics());
});

// expect: unguarded-debug-endpoint
app.get('/debug/env', (req, res) => res.json(process.env));

// ok: unguarded-debug-endpoint
app.get('/debug/health', requireAdmin, (req, res) => {
  res.json({ uptime: process.uptime(), memory: process.memoryUsage(), versions: process.versions });
});

// ok: unguarded-debug-endpoint
app.get('/version', (req, res) => res.json({ version: process.env.npm_package_version, node: process.version }));

// Last-resort error handler.
app.use((err, req, res, next) => {
  console.error(err);
  // expect: error-details-in-response
  res.status(err.status || 500).json({ error: err.message, stack: err.stack });
});

sequelize.sync().then(() => {
  app.listen(config.port, () => console.log(`shop listening on ${config.port}`));
});

module.exports = app;
