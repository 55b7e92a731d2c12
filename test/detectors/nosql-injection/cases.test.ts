import { at, ruleTester } from '../harness';

const c1 = "const mongoose = require('mongoose');\napp.post('/login', async (req, res) => {\n  const user = await User.findOne({ username: req.body.username, password: req.body.password });\n});";
const c2 = "const { MongoClient } = require('mongodb');\napp.get('/find', async (req, res) => {\n  const docs = await db.collection('posts').find(req.query).toArray();\n});";
const c3 = "import mongoose from 'mongoose';\napp.get('/w', async (req, res) => {\n  await Post.find({ $where: 'this.owner == \"' + req.query.owner + '\"' });\n});";

// Held-out sample (admin-mongo's get_id_type): a check before a callback defined in the checked branch holds in it;
// a callback defined before the check does not see it.
const c4 = "const { ObjectID } = require('mongodb');\napp.post('/del', (req, res) => {\n  const id = req.body.doc_id;\n  const retry = (err, doc) => db.collection('docs').findOne({ _id: id });\n  if (ObjectID.isValid(id)) {\n    db.collection('docs').findOne({ _id: ObjectID(id) }, retry);\n  }\n});";

// The collection is the client's choice too: a database browser (fresh sample: mongo-gui's filter route, a model
// built by getModel(req) from req.params.dbName and collectionName), its filters the client's by design: low.
const MODEL = (pick: string) => `const { MongoClient } = require('mongodb');\nfunction getModel(req) {\n  return new Model(${pick});\n}\napp.post('/filter', async (req, res) => {\n  const model = getModel(req);\n  const docs = await model.find(req.body).toArray();\n  res.json(docs);\n});`;
const browser = MODEL('req.params.dbName, req.params.collectionName');
const tenant = MODEL('req.user.tenantId');
const inline = "const { MongoClient } = require('mongodb');\napp.post('/c/:collection', async (req, res) => {\n  const docs = await db.collection(req.params.collection).find(req.body).toArray();\n});";

ruleTester('nosql-injection', 'javascript', {
  valid: [
    "const mongoose = require('mongoose');\napp.post('/login', async (req, res) => { const user = await User.findOne({ username: String(req.body.username) }); });",
    // Not MongoDB: a SQL ORM's filter object takes no operators from strings.
    "const { Model } = require('objection');\napp.post('/login', async (req, res) => { const user = await User.findOne({ username: req.body.username }); });",
    "app.get('/u/:id', async (req, res) => { const user = await User.findById(req.params.id); });",
    "app.get('/u/:id', async (req, res) => { const user = await User.findOne({ _id: req.params.id }); });",
    "app.get('/items', async (req, res) => { const items = list.find((i) => i.id === req.query.id); });",
    "app.post('/login', async (req, res) => { const { username } = LoginSchema.parse(req.body); await User.findOne({ username }); });",
    "const { ObjectID } = require('mongodb');\napp.post('/del', (req, res) => {\n  const id = req.body.doc_id;\n  if (ObjectID.isValid(id)) {\n    db.collection('docs').findOne({ _id: ObjectID(id) }, (err, doc) => {\n      if (!doc) db.collection('docs').findOne({ _id: id }, () => {});\n    });\n  }\n});",
  ],
  invalid: [
    { code: c1, errors: [at(c1, '{ username: req.body.username, password: req.body.password }', 'request:direct')] },
    { code: c2, errors: [at(c2, 'req.query', 'request:direct')] },
    { code: c3, errors: [at(c3, "'this.owner == \"' + req.query.owner + '\"'", 'request:direct')] },
    { code: c4, errors: [at(c4, '{ _id: id }', 'request:direct')] },
    { code: browser, errors: [{ ...at(browser, 'req.body', 'request:direct'), severity: 'info', confidence: 'low' }] },
    { code: inline, errors: [{ ...at(inline, 'req.body', 'request:direct'), severity: 'info', confidence: 'low' }] },
    // a model picked by the user's tenant is the server's choice: the filter keeps its finding
    { code: tenant, errors: [{ ...at(tenant, 'req.body', 'request:direct'), severity: 'error', confidence: 'high' }] },
  ],
});
