import { ruleTester } from '../harness';

// A werkzeug app hands back the exception class of its own that is its error answer (fresh sample: pywps's OWS reports).
const owsApp = (caught: string) => `from werkzeug.wrappers import Request\n\nclass Describe:\n    @Request.application\n    def __call__(self, request):\n        try:\n            return make_response(self.render(), content_type="text/xml")\n        except ${caught} as e:\n            return e\n`;

ruleTester('error-details-in-response', 'python', {
  valid: [
    'try:\n    save()\nexcept Exception as e:\n    logger.exception("save failed")\n    return jsonify({"error": "Internal server error"}), 500',
    'try:\n    data = schema.load(payload)\nexcept ValidationError as e:\n    return jsonify({"error": str(e)}), 400',
    'try:\n    run()\nexcept Exception as e:\n    logger.error(traceback.format_exc())\n    return {"error": "failed"}, 500',
    'try:\n    run()\nexcept ValueError as e:\n    raise HTTPException(status_code=422, detail=str(e))',
    'def describe(e):\n    return str(e), 1',
    'try:\n    run()\nexcept Exception as e:\n    if app.debug:\n        return traceback.format_exc(), 500\n    return "error", 500',
    'try:\n    run()\nexcept Exception as e:\n    message = str(e)\nreturn jsonify(ok=True)',
    'def helper():\n    try:\n        return compute()\n    except Exception as e:\n        return str(e)',
  ],
  invalid: [
    { code: 'try:\n    save()\nexcept Exception as e:\n    return str(e), 500', errors: [{ line: 4, column: 16 }] },
    { code: 'try:\n    save()\nexcept Exception as e:\n    return jsonify({"error": str(e), "trace": traceback.format_exc()}), 500', errors: [{ line: 4, column: 47 }] },
    { code: 'try:\n    save()\nexcept Exception:\n    return HttpResponse(traceback.format_exc(), status=500)', errors: 1 },
    { code: '@app.get("/items")\ndef items():\n    try:\n        return load()\n    except Exception as e:\n        return {"error": repr(e)}', errors: 1 },
    { code: 'try:\n    run()\nexcept Exception as e:\n    raise HTTPException(status_code=500, detail=f"Database error: {e}")', errors: 1 },
    { code: 'try:\n    db.session.commit()\nexcept IntegrityError as e:\n    return JsonResponse({"error": str(e.orig)}, status=500)', errors: 1 },
    { code: 'try:\n    run()\nexcept Exception as exc:\n    return make_response(jsonify(message=str(exc)), 500)', errors: 1 },
    { code: owsApp('OwsError'), errors: [{ line: 9, confidence: 'low' }] },
    { code: owsApp('Exception'), errors: [{ line: 9, confidence: 'medium' }] },
  ],
});
