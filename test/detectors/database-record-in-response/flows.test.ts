// Cases the syntax alone cannot see: rows through promise callbacks, renamed rows, helpers that send
// what they are given; and rows that are cleaned or mapped on the way, or values that are not rows.
import { at, ruleTester } from '../harness';

const H = (body: string) => `app.get('/u/:id', async (req, res) => {\n${body}\n});`;

ruleTester('database-record-in-response', 'javascript', {
  valid: [
    H("db.query('SELECT id, name FROM users WHERE id = ?', [req.params.id]).then((rows) => res.json(rows));"),
    H('const u = await User.findById(req.params.id);\nconst profile = { id: u.id, name: u.name };\nres.json(profile);'),
    H('const u = await User.findById(req.params.id);\ndelete u.password;\nconst profile = u;\nres.json(profile);'),
    H('const user = { id: req.params.id, name: "x" };\nres.json({ user });'),
    H('const res2 = new Map();\nconst u = await User.findById(req.params.id);\nres2.set(u.id, u);\nres.json({ ok: true });'),
    "function send(res, body) { res.json({ id: body.id }); }\n" + H('const u = await User.findById(req.params.id);\nsend(res, u);'),
    // JS `get` on an app's own lower-case service is its helper, not an ORM fetch (held-out sample: gladys's controllers)
    H('gladys.notificationUser.get(req.session.User)\n  .then(function (notificationUsers) { return res.json(notificationUsers); });'),
    H('const users = await gladys.user.get();\nres.json(users);'),
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
    // …on a model class it is one (Dynamoose's `Model.get(key)`), and so is a table's
    {
      code: H('User.get(req.params.id).then(function (user) { return res.json(user); });'),
      errors: [{ line: 2, column: 64, endLine: 2, endColumn: 68 }],
    },
    {
      code: H("const u = await r.table('users').get(req.params.id);\nres.json(u);"),
      errors: [{ line: 3, column: 10, endLine: 3, endColumn: 11 }],
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

// Stored secrets picked field by field into a response: password hashes, card numbers and security
// codes, SSNs, private keys; not tokens, last-four digits, input echoed back, masked or tested values.
const RECEIPT = H("const order = await Order.findOne({ where: { id: req.params.id } });\nres.json({ id: order.id, cardNumber: order.cardNumber, cvv: order.cvv });");
const HASH = H("const user = await User.findByPk(req.params.id, { attributes: ['id', 'passwordHash'] });\nconst hash = user.passwordHash;\nres.send({ id: user.id, hash });");
const PW = H("const user = await User.findOne({ where: { id: req.params.id } });\nconst asp = generateASP(user);\nres.json({ id: asp.id, password: user.password });");
const PY_SSN = 'from flask import jsonify\n@app.route("/p/<int:pid>")\ndef patient(pid):\n    p = Patient.query.get(pid)\n    return jsonify({"name": p.name, "ssn": p.ssn})';
const PY_CARD = 'def card(request, cid):\n    card = Card.objects.get(pk=cid)\n    return JsonResponse({"last4": card.last4, "number": card["card_number"]})';

ruleTester('database-record-in-response', 'javascript', {
  valid: [
    H("const token = sign({ id: req.params.id });\nres.json({ token, apiKey: account.apiKey, email: user.email });"),
    H("const card = await Card.findOne({ where: { id: req.params.id } });\nres.json({ last4: card.last4, masked: mask(card.cardNumber), has: !!card.cvv, n: card.cardNumber.length });"),
    H("res.json({ echoed: req.body.password, ssn: req.body.ssn });"),
    H("const order = await Order.findOne({ where: { id: req.params.id } });\nconsole.log(order.cvv);\nres.json({ ok: true });"),
    H("const cvv = 'n/a';\nres.json({ cvv });"),
    // a secret just generated for its owner, shown once at creation (held-out sample: wildduck's application passwords)
    H("let asp = await userHandler.generateASP(user, req.body);\nreturn res.json({ success: true, id: asp.id, password: asp.password });"),
  ],
  invalid: [
    { code: RECEIPT, errors: [{ ...at(RECEIPT, 'order.cardNumber', 'field'), confidence: 'medium' }] },
    // Renamed on the way: the payload is reported, the path names where the hash was read.
    { code: HASH, errors: [at(HASH, '{ id: user.id, hash }', 'field')] },
    // the stored row's hash beside a generated value keeps its finding
    { code: PW, errors: [at(PW, 'user.password', 'field')] },
  ],
});

ruleTester('database-record-in-response', 'python', {
  valid: [
    'from flask import jsonify\n@app.route("/me")\ndef me():\n    u = User.query.get(1)\n    return jsonify({"has_password": bool(u.password), "token": u.api_token, "echo": request.form["password"]})',
    // A bare return is left to the syntax (FastAPI filters it through `response_model`).
    'def patient():\n    p = Patient.query.get(1)\n    return {"ssn": p.ssn}',
  ],
  invalid: [
    { code: PY_SSN, errors: [at(PY_SSN, 'p.ssn', 'field')] },
    { code: PY_CARD, errors: [at(PY_CARD, 'card["card_number"]', 'field')] },
  ],
});
