import { at, ruleTester } from '../harness';

// Python views rendering the template by name: a social-login provider's script page, reduced (its parameters are the
// operator's settings, serialised as JSON), and a Flask view with constants and the request.
const script = '<script>\n  navigator.id.request({{ request_parameters|safe }});\n</script>';
const provider = `import json
from django.template.loader import render_to_string

class Provider:
    def media_js(self, request):
        settings = self.get_settings()
        params = settings.get("REQUEST_PARAMETERS", {})
        ctx = {"request_parameters": json.dumps(params)}
        return render_to_string("persona/auth.html", ctx, request=request)
`;
const page = '<h1>{{ title|safe }}</h1>\n<p>{{ note|safe }}</p>\n<div>{{ summary|safe }}</div>';
const flaskView = (body: string) => `from flask import render_template, request

@app.route("/p")
def show():
    note = "<em>beta</em>" if FLAGS else ""
    return render_template("page.html", title="Welcome <b>home</b>", note=note, summary=${body})
`;
const djangoView = `def show(request):
    ctx = {"title": "Home"}
    ctx["note"] = request.GET.get("note", "")
    return render(request, "page.html", ctx)
`;
const path = 'templates/persona/auth.html';

ruleTester('unescaped-template-output', 'jinja', {
  valid: [
    // Constants only, in keyword arguments and a local they came from.
    { code: page.replace('\n<div>{{ summary|safe }}</div>', ''), path: 'templates/page.html', files: { 'views.py': flaskView('"x"') } },
  ],
  invalid: [
    // The operator's settings, through json.dumps: low (raw-server).
    { code: script, path, files: { 'provider.py': provider }, errors: [{ ...at(script, '{{ request_parameters|safe }}', 'raw-server'), severity: 'info', confidence: 'low' }] },
    // No view in sight: an origin nobody shows is low (the policy: only the request, an error's details or a user's
    // data in sight keep the rule's confidence); a view passing the request keeps it.
    { code: script, path, errors: [{ ...at(script, '{{ request_parameters|safe }}', 'raw-output'), severity: 'info', confidence: 'low' }] },
    { code: script, path, files: { 'provider.py': provider.replace('json.dumps(params)', 'json.dumps(request.GET.dict())') }, errors: [{ ...at(script, '{{ request_parameters|safe }}', 'raw-output'), severity: 'info', confidence: 'medium' }] },
    // A helper's result says nothing (low); the request in one value keeps that value at the rule's confidence.
    { code: page, path: 'templates/page.html', files: { 'views.py': flaskView('load_body(request.args["id"])') }, errors: [{ ...at(page, '{{ summary|safe }}', 'raw-output'), severity: 'info', confidence: 'low' }] },
    { code: page, path: 'templates/page.html', files: { 'views.py': flaskView('request.args.get("b")') }, errors: [{ ...at(page, '{{ summary|safe }}', 'raw-output'), severity: 'info', confidence: 'medium' }] },
    // Django: a context dict built then filled from the request.
    { code: page, path: 'templates/page.html', files: { 'views.py': djangoView }, errors: [{ ...at(page, '{{ note|safe }}', 'raw-output'), severity: 'info', confidence: 'medium' }, { ...at(page, '{{ summary|safe }}', 'raw-output'), severity: 'info', confidence: 'low' }] },
    // A name also bound as a parameter, or grown with `+=`, is not its constant assignment alone (what `+=` adds from
    // the request is the request's).
    { code: page, path: 'templates/page.html', files: { 'views.py': 'def home():\n    summary = "Home"\n    return "ok"\n\ndef show(request, summary):\n    return render(request, "page.html", {"title": "T", "note": "", "summary": summary})\n' }, errors: [{ ...at(page, '{{ summary|safe }}', 'raw-output'), severity: 'info', confidence: 'low' }] },
    { code: page, path: 'templates/page.html', files: { 'views.py': 'def show(request):\n    summary = ""\n    summary += request.GET["q"]\n    return render(request, "page.html", {"title": "T", "note": "", "summary": summary})\n' }, errors: [{ ...at(page, '{{ summary|safe }}', 'raw-output'), severity: 'info', confidence: 'medium' }] },
    { code: page, path: 'templates/page.html', files: { 'views.py': 'def show(request, ctx):\n    ctx = ctx or {"title": "T", "note": "", "summary": ""}\n    return render(request, "page.html", ctx)\n' }, errors: [{ ...at(page, '{{ title|safe }}', 'raw-output'), severity: 'info', confidence: 'low' }, { ...at(page, '{{ note|safe }}', 'raw-output'), severity: 'info', confidence: 'low' }, { ...at(page, '{{ summary|safe }}', 'raw-output'), severity: 'info', confidence: 'low' }] },
    // `**kwargs` may hold anything: unknown, low.
    { code: script, path, files: { 'provider.py': provider.replace('ctx, request=request', '**ctx') }, errors: [{ ...at(script, '{{ request_parameters|safe }}', 'raw-output'), severity: 'info', confidence: 'low' }] },
  ],
});
