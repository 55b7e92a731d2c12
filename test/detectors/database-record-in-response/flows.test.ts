// Cases the syntax alone cannot see: rows through promise callbacks, renamed rows, helpers that send
// what they are given; and rows that are cleaned or mapped on the way, or values that are not rows.
import { ruleTester } from '../harness';

const H = (body: string) => `app.get('/u/:id', async (req, res) => {\n${body}\n});`;

ruleTester('database-record-in-response', 'javascript', {
  valid: [
    H("db.query('SELECT id, name FROM users WHERE id = ?', [req.params.id]).then((rows) => res.json(rows));"),
    H('const u = await User.findById(req.params.id);\nconst profile = { id: u.id, name: u.name };\nres.json(profile);'),
    H('const u = await User.findById(req.params.id);\ndelete u.password;\nconst profile = u;\nres.json(profile);'),
    H('const user = { id: req.params.id, name: "x" };\nres.json({ user });'),
    H('const res2 = new Map();\nconst u = await User.findById(req.params.id);\nres2.set(u.id, u);\nres.json({ ok: true });'),
    "function send(res, body) { res.json({ id: body.id }); }\n" + H('const u = await User.findById(req.params.id);\nsend(res, u);'),
  ],
  invalid: [
    {
      code: H("db.query('SELECT * FROM users WHERE id = ?', [req.params.id])\n  .then((rows) => res.json(rows));"),
      errors: [{ line: 3, column: 28, endLine: 3, endColumn: 32 }],
    },
    {
      code: H('const u = await User.findById(req.params.id);\nconst profile = u;\nres.json(profile);'),
      errors: [{ line: 4, column: 10, endLine: 4, endColumn: 17 }],
    },
    {
      code: "function send(res, body) {\n  res.status(200).json(body);\n}\n" + H('const u = await User.findById(req.params.id);\nsend(res, u);'),
      errors: [{ line: 2, column: 24, endLine: 2, endColumn: 28, confidence: 'low' }],
    },
  ],
});

ruleTester('database-record-in-response', 'python', {
  valid: [
    'from flask import Flask, jsonify\napp = Flask(__name__)\n@app.route("/me/<int:uid>")\ndef me(uid):\n    row = User.query.get(uid)\n    return jsonify(id=row.id, name=row.name)',
  ],
  invalid: [
    {
      code: 'from flask import Flask, jsonify\napp = Flask(__name__)\n@app.route("/me/<int:uid>")\ndef me(uid):\n    row = User.query.get(uid)\n    payload = {"user": row}\n    return jsonify(payload)',
      errors: [{ line: 7, column: 20, endLine: 7, endColumn: 27 }],
    },
  ],
});
