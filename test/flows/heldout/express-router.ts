import { Router, Request, Response, NextFunction } from 'express';
import { Pool } from 'pg';
import knexFactory from 'knex';
import { Sequelize, QueryTypes } from 'sequelize';
import { execSync, execFileSync } from 'child_process';
import { promises as fsp, readFileSync } from 'fs';
import path from 'path';
import got from 'got';
import needle from 'needle';
import shell from 'shelljs';
import _ from 'lodash';
import winston from 'winston';
import Handlebars from 'handlebars';
import { z, ZodSchema } from 'zod';
import Joi from 'joi';
import multer from 'multer';

const router = Router();

const logger = winston.createLogger({
  level: 'info',
  format: winston.format.printf(({ level, message }) => `${new Date().toISOString()} ${level}: ${message}`),
  transports: [new winston.transports.File({ filename: 'billing.log' })],
});

const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const knex = knexFactory({ client: 'pg', connection: process.env.DATABASE_URL });
const sequelize = new Sequelize(process.env.DATABASE_URL as string, { logging: false });

const DOCS_ROOT = path.resolve(__dirname, '..', 'docs');
const TMP_DIR = '/tmp/invoice-exports';
const SLACK_WEBHOOK = 'https://hooks.slack.com/services/T000/B000/XXXX';
const EDITABLE_KEYS = new Set(['theme', 'locale', 'timezone', 'digest.frequency']);
const DEFAULT_DRAFT = { currency: 'EUR', dueInDays: 30, notes: '' };

const config: Record<string, any> = { theme: 'dark', locale: 'en', digest: { frequency: 'weekly' } };
const sectionSettings: Record<string, Record<string, unknown>> = {};

const invoiceSource = readFileSync(path.join(__dirname, 'templates', 'invoice.hbs'), 'utf8');
// ok: template-injection
const invoiceTemplate = Handlebars.compile(invoiceSource);
// expect: unescaped-template-output
const invoicePreviewTemplate = Handlebars.compile(invoiceSource, { noEscape: true });

// expect: unbounded-input
const upload = multer({ storage: multer.memoryStorage() });

function validate(schema: ZodSchema) {
  return (req: Request, res: Response, next: NextFunction) => {
    const result = schema.safeParse(req.body);
    if (!result.success) {
      return res.status(400).json({ errors: result.error.flatten() });
    }
    req.body = result.data;
    next();
  };
}

const exportSchema = z.object({
  invoiceId: z.string().uuid(),
  format: z.enum(['pdf', 'csv']),
});

const revenueSchema = Joi.object({
  year: Joi.number().integer().min(2000).max(2100).required(),
  region: Joi.string().valid('emea', 'apac', 'amer').required(),
});

async function findCustomerByEmail(email: string) {
  // expect: sql-injection
  return sequelize.query(`SELECT id, name, email FROM customers WHERE email = '${email}'`, { type: QueryTypes.SELECT });
}

// ---------------------------------------------------------------------------
// Invoices
// ---------------------------------------------------------------------------

router.get('/invoices', async (req: Request, res: Response) => {
  const q = req.query;
  const status = q.status as string;
  // expect: sql-injection
  const { rows } = await pool.query(`SELECT id, total, status FROM invoices WHERE status = '${status}' ORDER BY id DESC`);
  res.json(rows);
});

router.get('/customers/:customerId/invoices', async (req: Request, res: Response) => {
  const { customerId } = req.params;
  // ok: sql-injection
  const { rows } = await pool.query('SELECT * FROM invoices WHERE customer_id = $1 ORDER BY id DESC', [customerId]);
  res.json(rows);
});

router.post('/invoices/export', validate(exportSchema), async (req: Request, res: Response) => {
  const { invoiceId, format } = req.body;
  // ok: sql-injection
  const { rows } = await pool.query(`SELECT * FROM invoice_lines WHERE invoice_id = '${invoiceId}'`);
  const file = path.join(TMP_DIR, `${invoiceId}.${format}`);
  // ok: path-traversal
  await fsp.writeFile(file, JSON.stringify(rows));
  res.json({ file: path.basename(file) });
});

router.get('/invoices/:id/open', (req: Request, res: Response) => {
  // ok: open-redirect
  res.redirect(`/app/invoices/${encodeURIComponent(req.params.id)}`);
});

router.get('/invoices/:id/html', async (req: Request, res: Response) => {
  const { rows } = await pool.query('SELECT * FROM invoices WHERE id = $1', [req.params.id]);
  res.type('html').send(invoiceTemplate(rows[0] ?? {}));
});

router.get('/reports/revenue', async (req: Request, res: Response) => {
  const { error, value } = revenueSchema.validate(req.query);
  if (error) {
    return res.status(400).json({ error: error.message });
  }
  // ok: sql-injection
  const { rows } = await pool.query(`SELECT SUM(total) AS revenue FROM invoices WHERE region = '${value.region}' AND EXTRACT(YEAR FROM issued_at) = ${value.year}`);
  res.json(rows[0]);
});

router.post('/templates/preview', (req: Request, res: Response) => {
  // expect: template-injection
  const render = Handlebars.compile(req.body.template);
  res.json({ html: render({ customer: { name: 'ACME Corp' }, total: 1200 }) });
});

// ---------------------------------------------------------------------------
// Customers & tags
// ---------------------------------------------------------------------------

router.post('/customers/lookup', async (req: Request, res: Response) => {
  const customers = await findCustomerByEmail(req.body.email);
  res.json(customers);
});

router.get('/customers', async (req: Request, res: Response) => {
  // ok: sql-injection
  const customers = await sequelize.query('SELECT id, name FROM customers WHERE country = :country', { replacements: { country: req.query.country }, type: QueryTypes.SELECT });
  res.json(customers);
});

router.get('/tags/search', async (req: Request, res: Response) => {
  const term = String(req.query.term ?? '');
  // expect: sql-injection
  const result = await knex.raw(`SELECT name FROM tags WHERE name ILIKE '%${term}%' LIMIT 20`);
  res.json(result.rows);
});

router.get('/tags/:name', async (req: Request, res: Response) => {
  // ok: sql-injection
  const result = await knex.raw('SELECT * FROM tags WHERE name = ?', [req.params.name]);
  res.json(result.rows);
});

router.get('/search/customers', async (req: Request, res: Response) => {
  const term = (req.query.q as string) || '';
  // ok: regex-injection
  const pattern = new RegExp(_.escapeRegExp(term), 'i');
  const { rows } = await pool.query('SELECT id, name FROM customers LIMIT 500');
  res.json(rows.filter((c: { name: string }) => pattern.test(c.name)));
});

router.get('/search/invoices', async (req: Request, res: Response) => {
  // expect: regex-injection
  const pattern = RegExp(req.query.filter as string);
  const { rows } = await pool.query('SELECT id, reference FROM invoices LIMIT 500');
  res.json(rows.filter((i: { reference: string }) => pattern.test(i.reference)));
});

// ---------------------------------------------------------------------------
// Coupons
// ---------------------------------------------------------------------------

router.post('/coupons/redeem', async (req: Request, res: Response) => {
  const { code } = req.body;
  const { rows } = await pool.query('SELECT * FROM coupons WHERE code = $1 AND redeemed = false', [code]);
  if (rows.length === 0) {
    // expect: log-injection
    logger.warn(`Invalid coupon code attempted: ${code}`);
    return res.status(404).json({ error: 'invalid code' });
  }
  const cleanCode = String(code).replace(/[\r\n]/g, '');
  // ok: log-injection
  logger.info(`Coupon redeemed: ${cleanCode}`);
  res.json({ discount: rows[0].discount });
});

router.get('/coupons/stats', async (_req: Request, res: Response) => {
  const { rows } = await pool.query('SELECT COUNT(*) AS n FROM coupons WHERE redeemed = true');
  // ok: log-injection
  logger.info(`Coupon stats requested, ${rows[0].n} redeemed so far`);
  res.json(rows[0]);
});

// ---------------------------------------------------------------------------
// Files, thumbnails, repos
// ---------------------------------------------------------------------------

router.post('/thumbnails', upload.single('image'), async (req: Request, res: Response) => {
  const input = path.join(TMP_DIR, `${Date.now()}.png`);
  await fsp.writeFile(input, req.file!.buffer);
  const size = req.body.size;
  // expect: command-injection
  execSync(`convert ${input} -resize ${size} ${input}.thumb.png`);
  res.json({ thumbnail: path.basename(`${input}.thumb.png`) });
});

router.post('/thumbnails/fixed-width', upload.single('image'), async (req: Request, res: Response) => {
  const width = Number(req.body.width);
  if (!Number.isInteger(width) || width <= 0 || width > 4000) {
    return res.status(400).json({ error: 'bad width' });
  }
  const input = path.join(TMP_DIR, `${Date.now()}.png`);
  await fsp.writeFile(input, req.file!.buffer);
  // ok: command-injection
  execSync(`convert ${input} -resize ${width}x ${input}.thumb.png`);
  // ok: command-injection
  const dims = execFileSync('identify', ['-format', '%wx%h', `${input}.thumb.png`], { encoding: 'utf8' });
  res.json({ dims });
});

router.post('/repos/import', (req: Request, res: Response) => {
  const { repoUrl } = req.body;
  // expect: command-injection
  const result = shell.exec(`git clone --depth 1 ${repoUrl} /srv/imports/latest`, { silent: true });
  res.json({ code: result.code });
});

router.get('/docs/:slug', async (req: Request, res: Response) => {
  // expect: path-traversal
  const markdown = await fsp.readFile(path.join(DOCS_ROOT, req.params.slug + '.md'), 'utf8');
  res.json({ markdown });
});

router.get('/docs-raw', async (req: Request, res: Response) => {
  const requested = path.resolve(DOCS_ROOT, String(req.query.file));
  if (!requested.startsWith(DOCS_ROOT + path.sep)) {
    return res.status(403).json({ error: 'forbidden' });
  }
  // ok: path-traversal
  const content = await fsp.readFile(requested, 'utf8');
  res.json({ content });
});

router.delete('/exports/:file', async (req: Request, res: Response) => {
  // ok: path-traversal
  await fsp.unlink(path.join(TMP_DIR, path.basename(req.params.file)));
  res.status(204).end();
});

router.get('/exports', async (req: Request, res: Response) => {
  const sub = req.query.dir as string;
  // expect: path-traversal
  const entries = await fsp.readdir(`${TMP_DIR}/${sub}`);
  res.json(entries);
});

// ---------------------------------------------------------------------------
// Webhooks
// ---------------------------------------------------------------------------

router.post('/webhooks/test', async (req: Request, res: Response) => {
  const { webhookUrl } = req.body;
  // expect: server-side-request-forgery
  const response = await got.post(webhookUrl, { json: { event: 'ping' }, timeout: { request: 5000 } });
  res.json({ status: response.statusCode });
});

router.post('/notify-signup', async (req: Request, res: Response) => {
  const company = String(req.body.company || '').slice(0, 80);
  // ok: server-side-request-forgery
  await needle('post', SLACK_WEBHOOK, { text: `New signup: ${company}` }, { json: true });
  res.status(202).end();
});

// ---------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------

router.patch('/config', (req: Request, res: Response) => {
  const { path: keyPath, value } = req.body;
  // expect: prototype-pollution
  _.set(config, keyPath, value);
  res.json(config);
});

router.patch('/config/safe', (req: Request, res: Response) => {
  const { path: keyPath, value } = req.body;
  if (!EDITABLE_KEYS.has(keyPath)) {
    return res.status(400).json({ error: 'not editable' });
  }
  // ok: prototype-pollution
  _.set(config, keyPath, value);
  res.json(config);
});

router.put('/settings/:section', (req: Request, res: Response) => {
  const { section } = req.params;
  const { key, value } = req.body;
  sectionSettings[section] = sectionSettings[section] || {};
  // expect: prototype-pollution
  sectionSettings[section][key] = value;
  res.json(sectionSettings[section]);
});

router.post('/drafts', (req: Request, res: Response) => {
  // ok: prototype-pollution
  const draft = { ...DEFAULT_DRAFT, ...req.body };
  res.status(201).json(draft);
});

router.get('/settings/:section/help', (req: Request, res: Response) => {
  // expect: cross-site-scripting
  res.send(`<p>No help available for <b>${req.params.section}</b> yet.</p>`);
});

router.get('/settings/:section/info', (req: Request, res: Response) => {
  // ok: cross-site-scripting
  res.json({ section: req.params.section, help: null });
});

router.get('/switch-account', (req: Request, res: Response) => {
  const returnTo = req.query.returnTo as string;
  // expect: open-redirect
  res.redirect(returnTo ?? '/dashboard');
});

export default router;
