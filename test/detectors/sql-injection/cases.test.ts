import { at, ruleTester } from '../harness';

const c1 = "app.get('/u', (req, res) => {\n  db.query(\"SELECT * FROM users WHERE name = '\" + req.query.name + \"'\");\n});";
const c2 = "router.get('/u/:id', async (req, res) => {\n  const { id } = req.params;\n  const rows = await pool.query(`SELECT * FROM users WHERE id = ${id}`);\n  res.json(rows);\n});";
const c3 = "function findUser(conn, name) {\n  return conn.query('SELECT * FROM users WHERE name = ' + name);\n}\napp.get('/u', (req, res) => findUser(db, req.query.name));";
const c4 = "app.get('/s', (req, res) => {\n  const q = req.query;\n  let sql = 'SELECT * FROM items WHERE 1 = 1';\n  if (q.cat) sql += \" AND category = '\" + q.cat + \"'\";\n  db.all(sql, (err, rows) => res.json(rows));\n});";
const c5 = "app.post('/x', async (request, response) => {\n  await sequelize.query(`DELETE FROM sessions WHERE token = '${request.body.token}'`);\n});";
const c6 = "app.get('/o', (req, res) => {\n  knex('users').whereRaw(`name = '${req.query.name}'`);\n});";

const c7 = "app.get('/u', (req, res) => { dbConnection.get('SELECT * FROM users WHERE name = ' + req.query.name); });";

const s1 = "app.get('/u', (req, res) => { db.get('SELECT * FROM users WHERE name = \\'' + req.query.name + '\\'', cb); });";
const s2 = "app.post('/console', (req, res) => { db.all(req.body.sql, (err, rows) => res.json(rows)); });";

ruleTester('sql-injection', 'javascript', {
  valid: [
    "app.get('/u', (req, res) => { db.query('SELECT * FROM users WHERE name = ?', [req.query.name]); });",
    "app.get('/u', (req, res) => { pool.query('SELECT * FROM users WHERE id = $1', [req.params.id]); });",
    // a document store's key lookup (express-pouchdb's req.db.get(req.params.id)), not query text
    "app.get('/:db/:id', (req, res) => { req.db.get(req.params.id).then((doc) => res.json(doc)); });",
    "app.get('/u', async (req, res) => { await prisma.$queryRaw`SELECT * FROM users WHERE id = ${req.params.id}`; });",
    "app.get('/u', (req, res) => { const id = parseInt(req.params.id, 10); db.query('SELECT * FROM users WHERE id = ' + id); });",
    "app.get('/u', (req, res) => { const sort = req.query.sort; if (!['name', 'date'].includes(sort)) return res.sendStatus(400); db.query('SELECT * FROM t ORDER BY ' + sort); });",
    "app.get('/u', async (req, res) => { await User.findOne({ where: { id: req.params.id } }); });",
    "const TABLE = 'users';\ndb.query('SELECT * FROM ' + TABLE);",
    // A local `req` that is not a request.
    "function build(req) { return req.table; }\nconst q = { table: 'users' };\ndb.query('SELECT * FROM ' + q.table);",
    "app.get('/u', (req, res) => { const res2 = new Map(); res2.set('q', req.query.q); db.query('SELECT 1'); });",
    "app.get('/u', (req, res) => { db.query(`SELECT * FROM users WHERE id = ${Number(req.query.id)}`); });",
    // key-value, cache, HTTP and directory clients named like a connection: their `get`/`query` take no SQL
    "app.get('/k/:key', (req, res) => { const redisConnection = res.locals.connection; redisConnection.get(req.params.key, (e, v) => res.json(v)); });",
    "app.get('/k/:key', async (req, res) => { res.json(await cacheClient.get(`user:${req.params.key}`)); });",
    "app.get('/p', async (req, res) => { res.json(await httpClient.get('/api/items?q=' + req.query.q)); });",
    "app.get('/l', (req, res) => { ldapClient.search('ou=people', { filter: '(uid=' + req.query.uid + ')' }); });",
  ],
  invalid: [
    // sqlite3's db.get with query text from input, built or named as such, still counts
    { code: s1, errors: [at(s1, "'SELECT * FROM users WHERE name = \\'' + req.query.name + '\\''", 'request:direct')] },
    { code: s2, errors: [at(s2, 'req.body.sql', 'request:direct')] },
    { code: c1, errors: [at(c1, "\"SELECT * FROM users WHERE name = '\" + req.query.name + \"'\"", 'request:direct')] },
    { code: c2, errors: [at(c2, '`SELECT * FROM users WHERE id = ${id}`', 'request:direct')] },
    { code: c3, errors: [at(c3, "'SELECT * FROM users WHERE name = ' + name", 'request:summary')] },
    { code: c4, errors: [at(c4, 'sql', 'request:direct', { after: 'db.all(sql' })] },
    { code: c5, errors: [at(c5, "`DELETE FROM sessions WHERE token = '${request.body.token}'`", 'request:direct')] },
    { code: c6, errors: [at(c6, "`name = '${req.query.name}'`", 'request:direct')] },
    { code: c7, errors: [at(c7, "'SELECT * FROM users WHERE name = ' + req.query.name", 'request:direct')] },
  ],
});

const p1 = "from flask import request\nimport sqlite3\n\n@app.route('/u')\ndef user():\n    db = sqlite3.connect('a.db')\n    return db.execute(\"SELECT * FROM users WHERE name = '%s'\" % request.args['name']).fetchall()";
const p2 = "def search(request):\n    term = request.GET.get('q', '')\n    with connection.cursor() as cursor:\n        cursor.execute(f\"SELECT * FROM items WHERE title LIKE '%{term}%'\")";
const p3 = "from fastapi import FastAPI\napp = FastAPI()\n\n@app.get('/items')\ndef items(name: str):\n    return Item.objects.raw('SELECT * FROM items WHERE name = \"' + name + '\"')";
const p4 = "import sqlite3, sys\nconn = sqlite3.connect('a.db')\nconn.execute('DELETE FROM t WHERE id = {}'.format(sys.argv[1]))";

ruleTester('sql-injection', 'python', {
  valid: [
    "from flask import request\n@app.route('/u')\ndef user():\n    cursor.execute('SELECT * FROM users WHERE name = %s', (request.args['name'],))",
    "from fastapi import FastAPI\napp = FastAPI()\n@app.get('/items/{item_id}')\ndef items(item_id: int):\n    cursor.execute(f'SELECT * FROM items WHERE id = {item_id}')",
    "def detail(request):\n    return Item.objects.filter(name=request.GET['name'])",
    "from flask import request\n@app.route('/u')\ndef user():\n    n = int(request.args['n'])\n    cursor.execute('SELECT * FROM t LIMIT %d' % n)",
    "def run(cursor):\n    cursor.execute('SELECT 1')",
  ],
  invalid: [
    { code: p1, errors: [at(p1, "\"SELECT * FROM users WHERE name = '%s'\" % request.args['name']", 'request:direct')] },
    { code: p2, errors: [at(p2, "f\"SELECT * FROM items WHERE title LIKE '%{term}%'\"", 'request:direct')] },
    { code: p3, errors: [at(p3, "'SELECT * FROM items WHERE name = \"' + name + '\"'", 'request:direct')] },
    { code: p4, errors: [{ ...at(p4, "'DELETE FROM t WHERE id = {}'.format(sys.argv[1])", 'argv:direct'), severity: 'info', confidence: 'low' }] },
  ],
});
