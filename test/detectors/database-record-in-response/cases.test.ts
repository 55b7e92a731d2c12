import { ruleTester } from '../harness';

ruleTester('database-record-in-response', 'typescript', {
  valid: [
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
    { code: "app.get('/me', async (req, res) => {\n  const user = await User.findById(req.userId);\n  res.json(user);\n});", errors: [{ line: 3, column: 12 }] },
    { code: "app.get('/u', async (req, res) => { const users = await User.find({}); res.status(200).json({ users }); });", errors: 1 },
    { code: "export async function GET() { const user = await prisma.user.findUnique({ where: { id } }); return NextResponse.json(user); }", errors: 1 },
    { code: "app.get('/u/:id', async (req, res) => { const { rows } = await pool.query('SELECT * FROM users WHERE id = $1', [req.params.id]); res.json(rows[0]); });", errors: 1 },
    { code: "app.get('/u', async (req, res) => { const result = await db.query(`SELECT * FROM accounts`); res.send(result.rows); });", errors: 1 },
    { code: "router.get('/me', async (ctx) => { const account = await Account.findOne({ where: { id: ctx.state.id } }); ctx.body = account; });", errors: 1 },
  ],
});
