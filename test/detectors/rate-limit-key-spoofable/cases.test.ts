// Rate limits keyed on an address the client can set: forwarded headers read directly, `trust proxy` true.
import { at, ruleTester } from '../harness';

const H = "const express = require('express');\nconst rateLimit = require('express-rate-limit');\nconst app = express();\n";
const xff = H + "app.use(rateLimit({\n  windowMs: 15 * 60 * 1000,\n  max: 100,\n  keyGenerator: (req) => req.headers['x-forwarded-for'] || req.ip,\n}));";
const split = H + "const limiter = rateLimit({ max: 5, keyGenerator: (req) => (req.get('X-Forwarded-For') || '').split(',')[0].trim() });\napp.post('/login', limiter, login);";
const realIp = H + "function clientKey(req) {\n  return req.header('x-real-ip') ?? req.socket.remoteAddress;\n}\napp.use(rateLimit({ keyGenerator: clientKey }));";
const trustAll = H + "app.set('trust proxy', true);\napp.use('/api', rateLimit({ windowMs: 60_000, max: 60 }));";
const enable = H + "app.enable('trust proxy');\nconst limiter = rateLimit({ max: 10, keyGenerator: (req) => req.ip });\napp.use(limiter);";
const typedIp = "import rateLimit from 'express-rate-limit';\nimport express, { Request } from 'express';\nconst app = express();\napp.set('trust proxy', true);\napp.use('/api/', rateLimit({ max: 100, keyGenerator: (req: Request) => req.ip || req.socket.remoteAddress || 'unknown' }));";
const flexible = "const { RateLimiterMemory } = require('rate-limiter-flexible');\nconst limiter = new RateLimiterMemory({ points: 5, duration: 1 });\nmodule.exports = async (req, res, next) => {\n  const ip = req.headers['x-forwarded-for'] || req.socket.remoteAddress;\n  try {\n    await limiter.consume(ip);\n    next();\n  } catch {\n    res.status(429).end();\n  }\n};";
const fastify = "import Fastify from 'fastify';\nimport rateLimit from '@fastify/rate-limit';\nconst app = Fastify({ trustProxy: true });\nawait app.register(rateLimit, { max: 100, timeWindow: '1 minute' });";
const koa = "const Koa = require('koa');\nconst ratelimit = require('koa-ratelimit');\nconst app = new Koa();\napp.proxy = true;\napp.use(ratelimit({ driver: 'memory', db: new Map(), duration: 60000, max: 100 }));";
const slowDown = "import slowDown from 'express-slow-down';\nexport const speedLimiter = slowDown({ delayAfter: 50, keyGenerator: (req) => req.headers['cf-connecting-ip'] as string });";
const helper = "import { createRateLimiter } from './rateLimiter';\nfunction getClientIp(req) {\n  const forwarded = String(req?.headers?.['x-forwarded-for'] || '').split(',')[0].trim();\n  return forwarded || req?.ip;\n}\nexport const guestLimiter = createRateLimiter({ max: 10, keyGenerator: (req) => getClientIp(req) });";
const pyHelper = "from slowapi import Limiter\n\ndef _client_ip(request):\n    return request.headers.get('x-forwarded-for') or request.client.host\n\ndef ip_key(request):\n    return 'ip:' + _client_ip(request)\n\nlimiter = Limiter(key_func=ip_key)";
const py = "from flask_limiter import Limiter\nfrom flask import request\n\nlimiter = Limiter(\n    app,\n    key_func=lambda: request.headers.get(\"X-Forwarded-For\", request.remote_addr),\n)";
const pyDef = "from flask import request\nfrom flask_limiter import Limiter\n\ndef client_ip():\n    return request.environ.get('HTTP_X_REAL_IP', request.remote_addr)\n\nlimiter = Limiter(key_func=client_ip, app=app)";
const pyRoute = "from flask import request\nfrom flask_limiter.util import get_ipaddr\n\n@app.route('/login', methods=['POST'])\n@limiter.limit('5/minute', key_func=get_ipaddr)\ndef login():\n    pass";
const pyAccess = "from slowapi import Limiter\nfrom starlette.requests import Request\n\nlimiter = Limiter(key_func=lambda: request.access_route[0])";

ruleTester('rate-limit-key-spoofable', 'javascript', {
  valid: [
    // Defaults: req.ip without trust proxy is the socket peer.
    H + "app.use(rateLimit({ windowMs: 60_000, max: 100 }));",
    // trust proxy set correctly: a hop count, a subnet, loopback.
    H + "app.set('trust proxy', 1);\napp.use(rateLimit({ max: 100 }));",
    H + "app.set('trust proxy', 'loopback, 10.0.0.0/8');\napp.use(rateLimit({ max: 100 }));",
    // trust proxy true, but no limiter keyed on the address.
    H + "app.set('trust proxy', true);\napp.get('/', (req, res) => res.send('ok'));",
    // The key is the authenticated user.
    H + "app.enable('trust proxy');\napp.use('/api', requireAuth, rateLimit({ max: 1000, keyGenerator: (req) => req.user.id }));",
    H + "app.use(rateLimit({ keyGenerator: (req) => req.headers['x-api-key'] }));",
    // The last forwarded entry is the one the proxy wrote.
    H + "app.use(rateLimit({ keyGenerator: (req) => req.headers['x-forwarded-for'].split(',').pop().trim() }));",
    // A single-value header set by a proxy this app declares.
    H + "app.set('trust proxy', 1);\napp.use(rateLimit({ keyGenerator: (req) => req.headers['x-real-ip'] || req.ip }));",
    // Forwarded headers read for logging, not for a limiter.
    H + "app.use(rateLimit({ max: 100 }));\napp.use((req, res, next) => { log.info(req.headers['x-forwarded-for']); next(); });",
    { code: 'limiter = Limiter(get_remote_address, app=app)', language: 'python' },
    { code: 'from flask_limiter.util import get_remote_address\nlimiter = Limiter(key_func=get_remote_address, app=app)', language: 'python' },
    { code: 'limiter = Limiter(key_func=lambda: current_user.id, app=app)', language: 'python' },
    { code: 'limiter = Limiter(key_func=lambda: request.access_route[-1])', language: 'python' },
    { code: "from werkzeug.middleware.proxy_fix import ProxyFix\napp.wsgi_app = ProxyFix(app.wsgi_app, x_for=1)\nlimiter = Limiter(key_func=lambda: request.headers.get('X-Real-IP'))", language: 'python' },
    { code: "ip = request.headers.get('X-Forwarded-For')\nlog.info('login from %s', ip)", language: 'python' },
    // The helper reads the socket peer.
    { code: 'from slowapi import Limiter\n\ndef _client_ip(request):\n    return request.client.host\n\ndef ip_key(request):\n    return _client_ip(request)\n\nlimiter = Limiter(key_func=ip_key)', language: 'python' },
    // A test's limiter.
    { code: xff, path: 'test/limits.test.js' },
  ],
  invalid: [
    { code: xff, errors: [{ ...at(xff, "req.headers['x-forwarded-for']", 'forwarded-header'), confidence: 'medium', severity: 'warning' }] },
    { code: split, errors: [at(split, "req.get('X-Forwarded-For')", 'forwarded-header')] },
    { code: realIp, errors: [at(realIp, "req.header('x-real-ip')", 'proxy-header')] },
    { code: trustAll, errors: [at(trustAll, "app.set('trust proxy', true)", 'trust-every-proxy')] },
    { code: enable, errors: [at(enable, "app.enable('trust proxy')", 'trust-every-proxy')] },
    { code: typedIp, language: 'typescript', errors: [at(typedIp, "app.set('trust proxy', true)", 'trust-every-proxy')] },
    { code: flexible, errors: [at(flexible, "req.headers['x-forwarded-for']", 'forwarded-header')] },
    { code: fastify, language: 'typescript', errors: [at(fastify, 'trustProxy: true', 'trust-every-proxy')] },
    { code: koa, errors: [at(koa, 'app.proxy = true', 'trust-every-proxy')] },
    { code: slowDown, language: 'typescript', errors: [at(slowDown, "req.headers['cf-connecting-ip']", 'proxy-header')] },
    { code: helper, errors: [at(helper, "req?.headers?.['x-forwarded-for']", 'forwarded-header')] },
    { code: pyHelper, language: 'python', errors: [at(pyHelper, "request.headers.get('x-forwarded-for')", 'forwarded-header')] },
    { code: py, language: 'python', errors: [{ ...at(py, 'request.headers.get("X-Forwarded-For", request.remote_addr)', 'forwarded-header'), confidence: 'medium' }] },
    { code: pyDef, language: 'python', errors: [at(pyDef, "request.environ.get('HTTP_X_REAL_IP', request.remote_addr)", 'proxy-header')] },
    { code: pyRoute, language: 'python', errors: [at(pyRoute, 'get_ipaddr', 'forwarded-header', 1)] },
    { code: pyAccess, language: 'python', errors: [at(pyAccess, 'request.access_route', 'forwarded-header')] },
  ],
});
