import { at, ruleTester } from '../harness';

const c1 = "const mongoose = require('mongoose');\napp.post('/login', async (req, res) => {\n  const user = await User.findOne({ username: req.body.username, password: req.body.password });\n});";
const c2 = "const { MongoClient } = require('mongodb');\napp.get('/find', async (req, res) => {\n  const docs = await db.collection('posts').find(req.query).toArray();\n});";
const c3 = "import mongoose from 'mongoose';\napp.get('/w', async (req, res) => {\n  await Post.find({ $where: 'this.owner == \"' + req.query.owner + '\"' });\n});";

ruleTester('nosql-injection', 'javascript', {
  valid: [
    "const mongoose = require('mongoose');\napp.post('/login', async (req, res) => { const user = await User.findOne({ username: String(req.body.username) }); });",
    // Not MongoDB: a SQL ORM's filter object takes no operators from strings.
    "const { Model } = require('objection');\napp.post('/login', async (req, res) => { const user = await User.findOne({ username: req.body.username }); });",
    "app.get('/u/:id', async (req, res) => { const user = await User.findById(req.params.id); });",
    "app.get('/u/:id', async (req, res) => { const user = await User.findOne({ _id: req.params.id }); });",
    "app.get('/items', async (req, res) => { const items = list.find((i) => i.id === req.query.id); });",
    "app.post('/login', async (req, res) => { const { username } = LoginSchema.parse(req.body); await User.findOne({ username }); });",
  ],
  invalid: [
    { code: c1, errors: [at(c1, '{ username: req.body.username, password: req.body.password }', 'request:direct')] },
    { code: c2, errors: [at(c2, 'req.query', 'request:direct')] },
    { code: c3, errors: [at(c3, "'this.owner == \"' + req.query.owner + '\"'", 'request:direct')] },
  ],
});
