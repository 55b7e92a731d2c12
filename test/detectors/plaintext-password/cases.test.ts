// A request's password stored or compared as it is; hashed passwords, other fields, hooks that hash on
// save, shadowed and reassigned names are fine.
import { at, ruleTester } from '../harness';

const R = (body: string) => `app.post('/signup', async (req, res) => {\n${body}\n  res.end();\n});`;

const direct = R('  await User.create({ email: req.body.email, password: req.body.password });');
const destr = R('  const { email, password } = req.body;\n  const user = new User({ email, password });\n  await user.save();');
const alias = R('  const body = req.body;\n  const pw = body.password;\n  await prisma.user.create({ data: { email: body.email, password: pw } });');
const assign = R('  const user = await User.findById(req.params.id);\n  user.password = req.body.password;\n  await user.save();');
const cmp = R('  const user = await User.findOne({ email: req.body.email });\n  if (!user || user.password !== req.body.password) return res.status(401).end();');
const nullish = R('  const { email, password } = req.body ?? {};\n  await users.insertOne({ email, password });');
const cmpCurrent = R('  const user = await User.findByPk(req.user.id);\n  if (user.password !== req.body.currentPassword) return res.status(403).end();');
// The stored value sent back unchanged and dropped from the update (fresh held-out sample: strapi v3's users-permissions user update).
const echo = R('  const user = await User.findById(req.params.id);\n  const { password } = req.body;\n  const update = { ...req.body };\n  if (_.has(req.body, \'password\') && password === user.password) {\n    delete update.password;\n  }\n  await user.set(update).save();');
const cmpDelete = R('  const user = await User.findOne({ email: req.body.email });\n  if (user.password === req.body.password) { delete req.session.pending; req.session.ok = true; }');
const cmpAlias = R('  const { password } = req.body;\n  const [rows] = await db.query(sql, [email]);\n  if (rows[0].password === password) req.session.ok = true;');

// The model that hashes lives in a module the route imports (fresh sample: sqlpad's routes/*.js storing through
// models/User.js, whose own save() hashes the password): the slow tier reads the imported module's hooks.
const ROUTE = "const User = require('../models/User.js');\n" + assign;
const SAVE_HASHES = "function User(data) { Object.assign(this, data); }\nUser.prototype.save = async function save() {\n  if (this.password) {\n    this.passhash = await passhash.getPasshash(this.password);\n  }\n  return db.users.update({ email: this.email }, this);\n};\nmodule.exports = User;\n";
const HOOK = "const userSchema = new Schema({ password: String });\nuserSchema.pre('save', async function () { this.password = await bcrypt.hash(this.password, 10); });\nexport default model('User', userSchema);\n";
const PLAIN_SAVE = "function User(data) { Object.assign(this, data); }\nUser.prototype.save = async function save() {\n  this.token = await hashToken(this.token);\n  return db.users.update({ email: this.email }, this);\n};\nmodule.exports = User;\n";
const ESM_ROUTE = "import User from '../models/user';\n" + direct;

ruleTester('plaintext-password', 'javascript', {
  valid: [
    R('  const hash = await bcrypt.hash(req.body.password, 12);\n  await User.create({ email: req.body.email, password: hash });'),
    R('  let { password } = req.body;\n  password = await argon2.hash(password);\n  await User.create({ password });'),
    R('  const ok = await bcrypt.compare(req.body.password, user.password);'),
    R('  await User.create({ email: req.body.email, password: await hashPassword(req.body.password) });'),
    // The model hashes on save (Mongoose hook in the same file).
    "userSchema.pre('save', async function () { this.password = await bcrypt.hash(this.password, 10); });\n" + R('  await User.create({ password: req.body.password });'),
    // Not the request's password: a parameter of a helper, a confirmation check.
    'function make(password) { return User.create({ password }); }',
    R('  if (req.body.password !== req.body.confirmPassword) return res.status(400).end();'),
    R('  if (req.body.newPassword !== req.body.confirmPassword) return res.status(400).end();'),
    // Shadowed: the inner `password` is a hash.
    R('  const { password } = req.body;\n  const save = async (password) => User.create({ password });\n  await save(await bcrypt.hash(password, 10));'),
    // Connecting with a password is not storing it.
    R('  const client = new Client({ user: req.body.user, password: req.body.password });'),
    // Mongoose idiom: the schema hashes in a hook elsewhere and offers `comparePassword`.
    R('  await User.create({ email: req.body.email, password: req.body.password });') + "\nrouter.post('/login', async (req, res) => { const ok = await user.comparePassword(req.body.password); });",
    R('  await axios.post(url, { password: req.body.password });'),
    echo,
    { code: ROUTE, path: 'routes/users.js', files: { 'models/User.js': SAVE_HASHES } },
    { code: ESM_ROUTE, path: 'src/routes/users.js', files: { 'src/models/user.js': HOOK } },
    // …and the same save() in the route's own file
    SAVE_HASHES.replace('module.exports = User;\n', '') + assign,
  ],
  invalid: [
    // an imported model that does not hash the password, or a module that is not there, keeps the finding
    { code: ROUTE, path: 'routes/users.js', files: { 'models/User.js': PLAIN_SAVE }, errors: [{ ...at(ROUTE, 'req.body.password', 'stored'), confidence: 'medium' }] },
    { code: ESM_ROUTE, path: 'src/routes/users.js', errors: [{ ...at(ESM_ROUTE, 'req.body.password', 'stored', { after: 'password: req.body.password' }), confidence: 'medium' }] },
    { code: direct, errors: [{ ...at(direct, 'req.body.password', 'stored', { after: 'password: req.body.password' }), confidence: 'medium' }] },
    { code: destr, errors: [at(destr, 'password', 'stored', { after: '{ email, password }' })] },
    { code: alias, errors: [at(alias, 'pw', 'stored', { after: 'password: pw' })] },
    { code: assign, errors: [at(assign, 'req.body.password', 'stored')] },
    { code: cmp, errors: [{ ...at(cmp, 'user.password !== req.body.password', 'compared'), confidence: 'high' }] },
    { code: nullish, errors: [at(nullish, 'password', 'stored', { after: 'insertOne({ email, password' })] },
    { code: cmpAlias, errors: [at(cmpAlias, 'rows[0].password === password', 'compared')] },
    // A change-password form's qualified key is the user's password too.
    { code: cmpCurrent, errors: [at(cmpCurrent, 'user.password !== req.body.currentPassword', 'compared')] },
    // Something else deleted after the check: still a login.
    { code: cmpDelete, errors: [at(cmpDelete, 'user.password === req.body.password', 'compared')] },
  ],
});

const F = (body: string) => `from flask import request\n@app.route("/register", methods=["POST"])\ndef register():\n${body}\n    return "ok"`;
const kw = F('    user = User(username=request.form["username"], password=request.form["password"])\n    db.session.add(user)');
const wtf = F('    form = RegisterForm()\n    user = User(username=form.username.data, password=form.password.data)');
const dj = 'def signup(request):\n    pw = request.POST.get("password")\n    User.objects.create(username=request.POST["username"], password=pw)';
const mongo = F('    data = request.get_json()\n    users.insert_one({"email": data["email"], "password": data["password"]})');
const attr = F('    user = User.query.get(1)\n    user.password = request.json["password"]');
const change = F('    current_user.password = request.json["new_password"]\n    db.session.commit()');
const pycmp = F('    user = User.query.filter_by(name=request.form["name"]).first()\n    if user.password == request.form["password"]:\n        login_user(user)');

const SETTER = 'class User(db.Model):\n    @password.setter\n    def password(self, value):\n        self.password_hash = generate_password_hash(value)\n';
const VIEW = 'from .models import User\n' + F('    user = User(password=request.form["password"])\n    db.session.add(user)');
ruleTester('plaintext-password', 'python', {
  valid: [
    F('    pw = generate_password_hash(request.form["password"])\n    user = User(username=request.form["username"], password=pw)'),
    F('    password = request.form["password"]\n    password = hashlib.sha256(password.encode()).hexdigest()\n    user = User(password=password)'),
    'def signup(request):\n    User.objects.create_user(username=request.POST["username"], password=request.POST["password"])',
    'def signup(request):\n    user.set_password(request.POST["password"])',
    F('    if check_password_hash(user.password, request.form["password"]):\n        login_user(user)'),
    F('    user = authenticate(username=request.form["u"], password=request.form["password"])'),
    F('    conn = psycopg2.connect(user=request.form["u"], password=request.form["password"])'),
    // A property setter on the model hashes.
    'class User(db.Model):\n    @password.setter\n    def password(self, value):\n        self.password_hash = generate_password_hash(value)\n' + F('    user = User(password=request.form["password"])'),
    F('    if request.form["password"] != request.form["confirm"]:\n        abort(400)'),
    { code: VIEW, path: 'app/views.py', files: { 'app/__init__.py': '', 'app/models.py': SETTER } },
    F('    if request.form["new_password"] != request.form["confirm_password"]:\n        abort(400)'),
    // Flask's tutorial: the model's `password` property hashes; the login checks through the model.
    F('    password = request.form["password"]\n    db.session.add(User(username=request.form["username"], password=password))') + '\n@app.route("/login")\ndef login():\n    if not user.check_password(request.form["password"]):\n        abort(401)',
  ],
  invalid: [
    { code: VIEW, path: 'app/views.py', files: { 'app/__init__.py': '', 'app/models.py': 'class User(db.Model):\n    password = db.Column(db.String)\n' }, errors: [at(VIEW, 'request.form["password"]', 'stored')] },
    { code: kw, errors: [at(kw, 'request.form["password"]', 'stored')] },
    { code: wtf, errors: [at(wtf, 'form.password.data', 'stored')] },
    { code: dj, errors: [at(dj, 'pw', 'stored', { after: 'password=pw' })] },
    { code: mongo, errors: [at(mongo, 'data["password"]', 'stored')] },
    { code: attr, errors: [at(attr, 'request.json["password"]', 'stored')] },
    { code: pycmp, errors: [{ ...at(pycmp, 'user.password == request.form["password"]', 'compared'), confidence: 'high' }] },
    { code: change, errors: [at(change, 'request.json["new_password"]', 'stored')] },
  ],
});
