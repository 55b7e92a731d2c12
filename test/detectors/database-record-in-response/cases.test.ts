import { ruleTester } from '../harness';

// The model module keeps the hash out of reads (fresh sample: sqlpad's routes/users.js sending `User.findAll()`, which
// projects `{ password: 0, passhash: 0 }` in models/User.js): shown at low confidence; a model that does not, kept.
const ROUTE = "const User = require('../models/User.js');\nrouter.get('/api/users', async (req, res) => {\n  const users = await User.findAll();\n  return res.json({ users });\n});\n";
const PROJECTS = "const db = require('../lib/db.js');\nfunction User(data) { Object.assign(this, data); }\nUser.findAll = () => db.users.cfind({}, { password: 0, passhash: 0 }).sort({ email: 1 }).exec();\nmodule.exports = User;\n";
const SELECT_FALSE = "const userSchema = new Schema({ email: String, password: { type: String, select: false } });\nmodule.exports = model('User', userSchema);\n";
const PLAIN = "const db = require('../lib/db.js');\nfunction User(data) { Object.assign(this, data); }\nUser.findAll = () => db.users.cfind({}).sort({ email: 1 }).exec();\nmodule.exports = User;\n";

ruleTester('database-record-in-response', 'typescript', {
  valid: [
    // an array searched in memory (fresh held-out sample: mocks-server's scaffold routes), not a query
    "const USERS = [{ id: 1, name: 'Ann' }];\napp.get('/u/:id', (req, res) => { const user = USERS.find((u) => u.id === Number(req.params.id)); res.send(user); });",
    "app.get('/u/:id', (req, res) => { const user = users.find(function (u) { return u.id === req.params.id; }); res.json(user); });",
    "app.get('/me', async (req, res) => { const user = await User.findById(req.userId).select('-password'); res.json(user); });",
    "app.get('/me', async (req, res) => { const user = await User.findById(req.userId, 'name email'); res.json(user); });",
    "app.get('/me', async (req, res) => { const user = await prisma.user.findUnique({ where: { id }, select: { id: true, email: true } }); res.json(user); });",
    "app.get('/me', async (req, res) => { const user = await User.findById(req.userId); res.json({ id: user.id, name: user.name }); });",
    "app.get('/me', async (req, res) => { const user = await User.findById(req.userId); const { password, ...safe } = user.toObject(); res.json(safe); });",
    "app.get('/p', async (req, res) => { const product = await Product.findById(req.params.id); res.json(product); });",
    "app.get('/u', async (req, res) => { const { rows } = await pool.query('SELECT id, name FROM users WHERE id = $1', [id]); res.json(rows); });",
    "app.get('/me', async (req, res) => { const user = await User.findByPk(id, { attributes: { exclude: ['password'] } }); res.json(user); });",
    "app.get('/me', async (req, res) => { const user = await User.findById(id); delete user.password; res.json(user); });",
    "app.get('/u', async (req, res) => { const users = await User.find(); res.json(users.map((u) => ({ id: u.id }))); });",
  ],
  invalid: [
    { code: ROUTE, path: 'routes/users.js', files: { 'models/User.js': PROJECTS }, errors: [{ line: 4, confidence: 'low' }] },
    { code: ROUTE, path: 'routes/users.js', files: { 'models/User.js': SELECT_FALSE }, errors: [{ line: 4, confidence: 'low' }] },
    { code: ROUTE, path: 'routes/users.js', files: { 'models/User.js': PLAIN }, errors: [{ line: 4, confidence: 'medium' }] },
    { code: ROUTE, path: 'routes/users.js', errors: [{ line: 4, confidence: 'medium' }] },
    // a driver's callback takes the error first: still a query
    { code: "app.get('/me', (req, res) => { const user = User.find((err, docs) => docs); res.json(user); });", errors: 1 },
    { code: "app.get('/u', async (req, res) => { const user = await users.find({ name: req.query.name }); res.json(user); });", errors: 1 },
    { code: "app.get('/me', async (req, res) => {\n  const user = await User.findById(req.userId);\n  res.json(user);\n});", errors: [{ line: 3, column: 12 }] },
    { code: "app.get('/u', async (req, res) => { const users = await User.find({}); res.status(200).json({ users }); });", errors: 1 },
    { code: "export async function GET() { const user = await prisma.user.findUnique({ where: { id } }); return NextResponse.json(user); }", errors: 1 },
    { code: "app.get('/u/:id', async (req, res) => { const { rows } = await pool.query('SELECT * FROM users WHERE id = $1', [req.params.id]); res.json(rows[0]); });", errors: 1 },
    { code: "app.get('/u', async (req, res) => { const result = await db.query(`SELECT * FROM accounts`); res.send(result.rows); });", errors: 1 },
    { code: "router.get('/me', async (ctx) => { const account = await Account.findOne({ where: { id: ctx.state.id } }); ctx.body = account; });", errors: 1 },
  ],
});
