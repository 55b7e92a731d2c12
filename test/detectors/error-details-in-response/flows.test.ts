// Cases the syntax alone cannot see: the error reaches the response through a variable, an alias of
// `res`, a helper, a promise callback; and names that only look like responses.
import { ruleTester } from '../harness';

const H = (body: string) => `app.get('/u', async (req, res) => {\n${body}\n});`;

ruleTester('error-details-in-response', 'javascript', {
  valid: [
    H("try { await x(); } catch (err) { const detail = err.code; res.status(500).json({ detail }); }"),
    H("const res2 = new Map();\ntry { await x(); } catch (err) { res2.set('e', err.stack); }\nres.json({ ok: true });"),
    H("try { await x(); } catch (err) { logger.error(err.stack); res.status(500).json({ error: 'failed' }); }"),
    H("try { await x(); } catch (err) { const msg = err.message; res.status(400).json({ error: msg }); }"),
    "function fail(res, e) { res.status(500).json({ error: 'failed', id: e.id }); }\n" + H('try { await x(); } catch (err) { fail(res, err); }'),
    "function fail(res, e) { res.status(400).json({ error: e.message }); }\n" + H('try { await x(); } catch (err) { fail(res, err); }'),
  ],
  invalid: [
    {
      code: H('try { await x(); } catch (err) {\n  const detail = err.stack;\n  res.status(500).json({ detail });\n}'),
      errors: [{ line: 4, column: 24, endLine: 4, endColumn: 34, kind: 'stack', severity: 'warning', confidence: 'high' }],
    },
    {
      code: H('const r = res;\ntry { await x(); } catch (err) { r.status(500).send(err); }'),
      errors: [{ line: 3, column: 53, endLine: 3, endColumn: 56, kind: 'whole', severity: 'warning' }],
    },
    {
      code: "function fail(res, e) {\n  res.status(500).json({ error: e.stack });\n}\n" + H('try { await x(); } catch (err) { fail(res, err); }'),
      errors: [{ line: 2, column: 24, endLine: 2, endColumn: 42, kind: 'stack', severity: 'warning', confidence: 'medium' }],
    },
    {
      code: H("x().catch((e) => {\n  const body = { error: e.sqlMessage };\n  res.status(500).json(body);\n});"),
      errors: [{ line: 4, column: 24, endLine: 4, endColumn: 28, kind: 'stack' }],
    },
  ],
});

ruleTester('error-details-in-response', 'python', {
  valid: [
    'from flask import Flask, jsonify, request\napp = Flask(__name__)\n@app.route("/x")\ndef x():\n    try:\n        run(request.args["a"])\n    except Exception as e:\n        code = type(e).__name__\n        log.exception("failed")\n        return jsonify(error="failed"), 500',
    // A decorated method of a file importing Django is no handler for its `self` alone (django-extensions' shell_plus).
    'import os\nimport sys\nimport traceback\nfrom django.core.management.base import BaseCommand\n\nclass Command(BaseCommand):\n    @shell_runner(flags=["--notebook"], name="IPython Notebook")\n    def get_notebook(self, options):\n        try:\n            from IPython import release\n        except ImportError:\n            return traceback.format_exc()\n        return release\n\n    def prog(self):\n        return os.path.basename(sys.argv[0])',
  ],
  invalid: [
    {
      code: 'import traceback\nfrom django.utils.decorators import method_decorator\nfrom django.views import View\n\nclass Export(View):\n    @method_decorator(login_required)\n    def get(self, request):\n        try:\n            return run(request.GET["q"])\n        except Exception:\n            return traceback.format_exc()',
      errors: [{ line: 11, column: 20, endLine: 11, endColumn: 42, kind: 'stack' }],
    },
    {
      code: 'from flask import Flask, jsonify, request\napp = Flask(__name__)\n@app.route("/x")\ndef x():\n    try:\n        run(request.args["a"])\n    except Exception as e:\n        detail = e.orig\n        return jsonify(error=detail), 500',
      errors: [{ line: 9, column: 16, endLine: 9, endColumn: 37, kind: 'stack' }],
    },
  ],
});
