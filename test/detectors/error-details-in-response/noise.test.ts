// Ordinary code that is not an exposure (issue 10): an error handed to the framework's error handler,
// a 4xx status set in an earlier statement on the same response, and test files (core/test-files.ts).
import { at, ruleTester } from '../harness';

const fastify = "fastify.get('/x', async (request, reply) => {\n  try { await run(); } catch (err) {\n    BODY\n  }\n});";
const F = (body: string) => fastify.replace('BODY', body);
const express = "app.post('/x', (req, res, next) => {\n  try { parse(req.body); } catch (err) {\n    BODY\n  }\n});";
const E = (body: string) => express.replace('BODY', body);
const handler = "function onError(err, req, res, next) {\n  res.statusCode = err.status || 500;\n  BODY\n}\napp.use(onError);";
const H = (body: string) => handler.replace('BODY', body);

ruleTester('error-details-in-response', 'javascript', {
  valid: [
    F('reply.send(err);'),
    F('reply.code(500).send(err);'),
    F('return reply.status(err.statusCode).send(err);'),
    F("reply\n      .code(err.statusCode)\n      .type('application/json; charset=utf-8')\n      .send(err);"),
    "fastify.setErrorHandler((error, request, reply) => {\n  request.log.error(error);\n  reply.send(error);\n});",
    E('next(err);'),
    E('return next(err);'),
    // `next` is always given to a handler: the response after `:` is never sent (flowise's SSO callbacks)
    E('return next ? next(err) : res.status(401).json(err);'),
    // a 4xx with the error's message, the error itself only when it has none (saltcorn's routes)
    E('res.status(400).json({ error: err.message || err });'),
    E('res.status(400);\n    res.json({ error: err.message });'),
    E('res.statusCode = 422;\n    res.send(`invalid: ${err.message}`);'),
    // http.client's HTTPException is an exception, not FastAPI's answer (which names a status or a detail).
    { code: 'from http.client import HTTPException\n\ndef request(self):\n    try:\n        run()\n    except Exception as e:\n        raise HTTPException(str(e)) from e', language: 'python' },
    "router.post('/x', async (ctx) => {\n  try { parse(ctx.request.body); } catch (err) {\n    ctx.status = 400;\n    ctx.body = { error: err.message };\n  }\n});",
  ],
  invalid: [
    // A thrown string is the message (fresh held-out sample: dbgate's useController): shown as one, not as the raw error.
    { code: E("res.status(500).json({ error: (_.isString(err) ? err : err.message) ?? 'Unknown error' });"), errors: [{ ...at(E("res.status(500).json({ error: (_.isString(err) ? err : err.message) ?? 'Unknown error' });"), 'err', 'message', { after: '? err' }), confidence: 'low' }] },
    { code: E("res.status(500).json({ error: typeof err !== 'string' ? err.message : err });"), errors: [{ ...at(E("res.status(500).json({ error: typeof err !== 'string' ? err.message : err });"), 'err.message', 'message'), confidence: 'low' }] },
    // A test that the value is an Error (fresh held-out sample: mockttp's callback and step failures): the raw
    // value goes out only where it is no Error, a thrown string, so the answer is the message at most.
    { code: E("res.status(500).send(isErrorLike(err) ? err.toString() : err);"), errors: [{ ...at(E("res.status(500).send(isErrorLike(err) ? err.toString() : err);"), 'err', 'message', { after: '? err' }), confidence: 'low' }] },
    { code: E("res.status(500).send((isErrorLike(err) && err.toString()) || err);"), errors: [{ ...at(E("res.status(500).send((isErrorLike(err) && err.toString()) || err);"), 'err', 'message', { after: '&& err' }), confidence: 'low' }] },
    { code: E("res.status(500).json({ error: !(err instanceof Error) ? err : err.message });"), errors: [{ ...at(E("res.status(500).json({ error: !(err instanceof Error) ? err : err.message });"), 'err', 'message', { after: '? err' }), confidence: 'low' }] },
    { code: E("res.status(500).json({ error: err && err.message });"), errors: [{ ...at(E("res.status(500).json({ error: err && err.message });"), 'err.message', 'message'), confidence: 'low' }] },
    // A length test (fresh held-out sample: polka's default error handler): an Error has no `length`, so the
    // raw value goes out only as a thrown string, and the answer is the message at most.
    { code: H("res.end(err.length && err || err.message || 'failed');"), errors: [{ ...at(H("res.end(err.length && err || err.message || 'failed');"), 'err', 'message', { after: '&& err' }), confidence: 'low' }] },
    { code: E("res.status(500).send(err.length > 0 && err);"), errors: [{ ...at(E("res.status(500).send(err.length > 0 && err);"), 'err', 'message', { after: '&& err' }), confidence: 'low' }] },
    { code: E("res.status(500).send(typeof err === 'string' && err);"), errors: [{ ...at(E("res.status(500).send(typeof err === 'string' && err);"), 'err', 'message', { after: '&& err' }), confidence: 'low' }] },
    // Another value's length, or a test that is not about the type, leaves the raw error whole.
    { code: H("res.end(other.length && err || 'failed');"), errors: [at(H("res.end(other.length && err || 'failed');"), 'err', 'whole', { after: '&& err' })] },
    { code: E("res.status(500).send(err.code && err);"), errors: [at(E("res.status(500).send(err.code && err);"), 'err', 'whole', { after: '&& err' })] },
    { code: E("res.status(500).send(typeof err !== 'string' && err);"), errors: [at(E("res.status(500).send(typeof err !== 'string' && err);"), 'err', 'whole', { after: '&& err' })] },
    // In the branch where it is an Error, or after a message of another error, the raw error still goes out whole.
    { code: E("res.status(500).send(isErrorLike(err) ? err : 'failed');"), errors: [at(E("res.status(500).send(isErrorLike(err) ? err : 'failed');"), 'err', 'whole', { after: '? err' })] },
    { code: E("res.status(500).send((isErrorLike(other) && other.toString()) || err);"), errors: [at(E("res.status(500).send((isErrorLike(other) && other.toString()) || err);"), 'err', 'whole', { after: '|| err' })] },
    { code: E("res.status(500).send((ok && err) || 'failed');"), errors: [at(E("res.status(500).send((ok && err) || 'failed');"), 'err', 'whole', { after: '&& err' })] },
    // The other branch, or a test of something else, leaves the raw error as it is.
    { code: E("res.status(500).json({ error: typeof err === 'string' ? err.message : err });"), errors: [at(E("res.status(500).json({ error: typeof err === 'string' ? err.message : err });"), 'err', 'whole', { after: ': err' })] },
    { code: E("res.status(500).json({ error: _.isString(other) ? err : err.message });"), errors: [at(E("res.status(500).json({ error: _.isString(other) ? err : err.message });"), 'err', 'whole', { after: '? err' })] },
    // The stack still goes out, whoever sends it.
    { code: F('reply.code(500).send({ error: err.stack });'), errors: [at(F('reply.code(500).send({ error: err.stack });'), 'err.stack', 'stack')] },
    // Only the whole error is a hand-off: a payload built from it is the handler's own answer.
    { code: F('reply.send({ error: err });'), errors: [at(F('reply.send({ error: err });'), 'err', 'whole', { after: '{ error: err' })] },
    // Express serialises what it is given: an error's own fields (a driver's `sql`) go out.
    { code: E('res.status(500).json(err);'), errors: [at(E('res.status(500).json(err);'), 'err', 'whole', { after: 'json(err' })] },
    // A test of something else is no hand-off.
    { code: E('res.status(500).json({ error: err.message || err });'), errors: [at(E('res.status(500).json({ error: err.message || err });'), 'err.message', 'message')] },
    { code: E('return retry ? next(err) : res.status(500).json(err);'), errors: [at(E('return retry ? next(err) : res.status(500).json(err);'), 'err', 'whole', { after: 'json(err' })] },
    // A 4xx set earlier on another response object, or in another block, does not count.
    { code: E('other.status(400);\n    res.json({ error: err.message });'), errors: [at(E('other.status(400);\n    res.json({ error: err.message });'), 'err.message', 'message')] },
    { code: E('if (bad) { res.status(400); }\n    res.json({ error: err.message });'), errors: [at(E('if (bad) { res.status(400); }\n    res.json({ error: err.message });'), 'err.message', 'message')] },
    {
      code: 'from fastapi import HTTPException\n\n@app.get("/x")\ndef x():\n    try:\n        run()\n    except Exception as e:\n        raise HTTPException(500, detail=str(e))', language: 'python',
      errors: [at('from fastapi import HTTPException\n\n@app.get("/x")\ndef x():\n    try:\n        run()\n    except Exception as e:\n        raise HTTPException(500, detail=str(e))', 'e', 'message', { after: 'detail=str(e' })],
    },
    // In a test file it is still found, at low confidence and info (one policy for every rule).
    {
      code: E('res.status(500).json({ stack: err.stack });'), path: 'test/server.test.js',
      errors: [{ ...at(E('res.status(500).json({ stack: err.stack });'), 'err.stack', 'stack'), severity: 'info', confidence: 'low' }],
    },
  ],
});
