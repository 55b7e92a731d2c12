// CORS open to every origin on an app that authenticates users: one low-confidence finding per app.
import { at, ruleTester } from '../harness';

const H = "const express = require('express');\nconst cors = require('cors');\n";
const passport = H + "const passport = require('passport');\nconst app = express();\napp.use(cors());\napp.get('/me', passport.authenticate('jwt', { session: false }), (req, res) => res.json(req.user));\napp.listen(3000);";
const wildcard = H + "const app = express();\napp.use('/api', cors({ origin: '*', methods: ['GET', 'POST'] }));\napp.get('/api/orders', requireAuth, listOrders);";
const reflect = "import express from 'express';\nimport cors from 'cors';\nconst app = express();\napp.use(cors({ origin: true }));\napp.use((req, res, next) => {\n  if (!req.headers.authorization) return res.sendStatus(401);\n  next();\n});";
const named = H + "const server = express();\nconst corsOptions = { maxAge: 600 };\nserver.use(cors(corsOptions));\nserver.use(authenticateToken);";
const compiled = '"use strict";\nconst _express = _interopRequireDefault(require("express"));\nconst _cors = _interopRequireDefault(require("cors"));\nconst app = (0, _express.default)();\napp.use((0, _cors.default)());\napp.use(\'/api\', auth);';
const manifestOnly = H + "const app = express();\napp.use(cors());\napp.use('/api', require('./routes'));\nmodule.exports = app;";
const koa = "const Koa = require('koa');\nconst cors = require('@koa/cors');\nconst jwt = require('koa-jwt');\nconst app = new Koa();\napp.use(cors());\napp.use(jwt({ secret: process.env.JWT_SECRET }));";
const fastify = "import Fastify from 'fastify';\nimport cors from '@fastify/cors';\nimport fastifyJwt from '@fastify/jwt';\nconst app = Fastify();\nawait app.register(cors, { origin: true });\nawait app.register(fastifyJwt, { secret: process.env.JWT_SECRET });";
const twice = H + "const session = require('express-session');\nconst app = express();\napp.use(cors());\napp.options('*', cors());\napp.use(cors({ origin: '*' }));\napp.use(session({ secret: process.env.S }));";
const py = "from flask import Flask\nfrom flask_cors import CORS\nfrom flask_login import LoginManager, login_required\n\napp = Flask(__name__)\nCORS(app)\nlogin = LoginManager(app)";
const pyOrigins = "from flask import Flask\nfrom flask_cors import CORS\nfrom flask_jwt_extended import JWTManager, jwt_required\n\napp = Flask(__name__)\nCORS(app, origins='*')";
const pyResources = "from flask_cors import CORS\n\nCORS(app, resources={r\"/api/*\": {\"origins\": \"*\"}})\n\n@app.route('/api/me')\n@login_required\ndef me():\n    return current_user.name";
const fastapi = "from fastapi import FastAPI, Depends\nfrom fastapi.middleware.cors import CORSMiddleware\nfrom fastapi.security import OAuth2PasswordBearer\n\napp = FastAPI()\napp.add_middleware(CORSMiddleware, allow_origins=[\"*\"], allow_methods=[\"*\"])";

ruleTester('cors-open-to-any-origin', 'javascript', {
  valid: [
    // Origins given.
    H + "const passport = require('passport');\nconst app = express();\napp.use(cors({ origin: ['https://app.acme.io'] }));",
    H + "const passport = require('passport');\nconst app = express();\napp.use(cors({ origin: process.env.CORS_ORIGIN }));",
    H + "const passport = require('passport');\nconst app = express();\napp.use(cors({ origin: (origin, cb) => cb(null, allowed.includes(origin)) }));",
    // Options from elsewhere: not readable here.
    H + "const passport = require('passport');\nconst app = express();\napp.use(cors(config.cors));",
    // Credentials on: cors-wildcard-with-credentials reports it.
    H + "const passport = require('passport');\nconst app = express();\napp.use(cors({ origin: true, credentials: true }));",
    // A public read-only API without auth.
    H + "const app = express();\napp.use(cors());\napp.get('/api/weather', (req, res) => res.json(forecast()));\napp.listen(8080);",
    { code: H + "const app = express();\napp.use(cors());\napp.get('/api/quotes', listQuotes);", files: { 'package.json': '{ "dependencies": { "express": "^4.21.0", "cors": "^2.8.5" } }' } },
    // One route's own CORS (a public endpoint), not the app's.
    H + "const passport = require('passport');\nconst app = express();\napp.get('/public/feed', cors(), feed);",
    // A router mounted elsewhere: its app is another file's.
    H + "const passport = require('passport');\nconst router = express.Router();\nrouter.use(cors());",
    // Not the cors package.
    "const passport = require('passport');\nconst app = express();\napp.use(cors());",
    // A test's app.
    { code: passport, path: 'test/app.test.js' },
    { code: 'CORS(app)\n', language: 'python' },
    // A factory: init_app elsewhere may name the origins.
    { code: 'from flask_cors import CORS\nfrom flask_login import LoginManager\ncors = CORS()\nlogin_manager = LoginManager()', language: 'python' },
    // Commented out.
    { code: 'from flask_cors import CORS\nfrom flask_login import LoginManager\n# CORS(app)\nlogin_manager = LoginManager(app)', language: 'python' },
    // `auth` passed to a function is not middleware.
    H + "const app = express();\napp.use(cors());\napp.use(apiEndpoint(config, auth, storage));",
    { code: 'from flask_cors import CORS\nfrom flask_login import login_required\nCORS(app, origins=["https://app.acme.io"])', language: 'python' },
    { code: 'from flask_cors import CORS\nfrom flask_login import login_required\nCORS(app, supports_credentials=True)', language: 'python' },
    { code: 'from flask_cors import CORS\nfrom flask_login import login_required\nCORS(app, resources={r"/api/*": {"origins": ["https://app.acme.io"]}})', language: 'python' },
    { code: 'from flask import Flask\nfrom flask_cors import CORS\n\napp = Flask(__name__)\nCORS(app)\n\n@app.route("/api/quotes")\ndef quotes():\n    return jsonify(QUOTES)', language: 'python' },
    { code: 'from fastapi.security import HTTPBearer\napp.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True)', language: 'python' },
    { code: 'from fastapi.security import HTTPBearer\napp.add_middleware(CORSMiddleware, allow_origins=settings.ORIGINS)', language: 'python' },
  ],
  invalid: [
    { code: passport, errors: [{ ...at(passport, 'cors()', 'default-origin'), confidence: 'low', severity: 'info' }] },
    { code: wildcard, errors: [at(wildcard, "cors({ origin: '*', methods: ['GET', 'POST'] })", 'any-origin')] },
    { code: reflect, errors: [at(reflect, 'cors({ origin: true })', 'reflected-origin')] },
    { code: named, errors: [at(named, 'cors(corsOptions)', 'default-origin')] },
    { code: compiled, errors: [at(compiled, '(0, _cors.default)()', 'default-origin')] },
    { code: manifestOnly, files: { 'package.json': '{ "dependencies": { "express": "^4.21.0", "cors": "^2.8.5", "jsonwebtoken": "^9.0.2" } }' }, errors: [at(manifestOnly, 'cors()', 'default-origin')] },
    { code: koa, errors: [at(koa, 'cors()', 'default-origin')] },
    { code: fastify, language: 'typescript', errors: [at(fastify, 'app.register(cors, { origin: true })', 'reflected-origin')] },
    // One finding per app.
    { code: twice, errors: [at(twice, 'cors()', 'default-origin')] },
    { code: py, language: 'python', errors: [{ ...at(py, 'CORS(app)', 'default-origin'), confidence: 'low' }] },
    { code: pyOrigins, language: 'python', errors: [at(pyOrigins, "CORS(app, origins='*')", 'any-origin')] },
    { code: pyResources, language: 'python', errors: [at(pyResources, 'CORS(app, resources={r"/api/*": {"origins": "*"}})', 'any-origin')] },
    { code: fastapi, language: 'python', errors: [at(fastapi, 'allow_origins=["*"]', 'any-origin')] },
  ],
});
