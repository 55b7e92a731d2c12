import { at, ruleTester } from '../harness';

// The rule's policy (sample EE, over every label so far): raw output whose origin nothing in sight shows is mostly
// deliberate — rendered form fields and layout blocks (crispy-forms, Flask-Bootstrap), highlighter output (ara's
// Pygments filter), a bundle's own script (django-pipeline), Markdown already rendered — so it is low; the request, an
// error's details, a user's own data, or a raw value inside a script's string keep the rule's confidence.
const low = (code: string, text: string, kind = 'raw-output') => ({ ...at(code, text, kind), confidence: 'low' });
const medium = (code: string, text: string, kind = 'raw-output') => ({ ...at(code, text, kind), confidence: 'medium' });

const fields = '<div class="row">\n  {{ fields|safe }}\n</div>';
const label = '<div class="form-check">\n  {{ item(class="form-check-input")|safe }}\n  {{ field.label(class="form-check-label")|safe }}\n</div>';
const highlighted = '<td>{{ value | format_data | safe }}</td>';
const inlineJs = '<script type="text/javascript">\n  {{ source|safe }}\n</script>';
const rendered = '{% autoescape off %}\n<div class="readme">{{ markdown_value }}</div>\n{% endautoescape %}';
// what keeps the rule's confidence
const searched = '<div class="sql">{{ query.query_string|safe }}</div>';
const fromRequest = '<p>You searched for {{ request.GET.q|safe }}</p>';
const inString = "<script>\n  handleRegister('{{ credential_options|safe }}').then(done);\n</script>";
const inHandler = '<button onclick="pick(\'{{ choice|safe }}\')">Pick</button>';
const userBlock = '{% autoescape off %}\n<p>{{ comment.body }}</p>\n{% endautoescape %}';
const userData = '<h2>{{ user.display_name|safe }}</h2>\n<p>{{ profile.about|safe }}</p>\n<p>{{ form.bio.data|safe }}</p>';
const settingsInComments = "<script>\n  var mode = {{ theme.comments.mode|safe }};\n</script>";

ruleTester('unescaped-template-output', 'jinja', {
  valid: [],
  invalid: [
    { code: fields, path: 'crispy/templates/layout/row.html', errors: [low(fields, '{{ fields|safe }}')] },
    { code: label, path: 'templates/bootstrap5/form.html', errors: [low(label, '{{ item(class="form-check-input")|safe }}'), low(label, '{{ field.label(class="form-check-label")|safe }}')] },
    { code: highlighted, path: 'ui/templates/result.html', errors: [low(highlighted, '{{ value | format_data | safe }}')] },
    // a script block, but the value is not inside one of its strings
    { code: inlineJs, path: 'templates/pipeline/inline_js.html', errors: [low(inlineJs, '{{ source|safe }}')] },
    { code: rendered, path: 'templates/lists/summary.html', errors: [low(rendered, '{% autoescape off %}', 'autoescape-off')] },
    // `comments` under a setting's root is the setting's, not a comment
    { code: settingsInComments, path: 'templates/page.html', errors: [low(settingsInComments, '{{ theme.comments.mode|safe }}')] },
    { code: searched, path: 'templates/panels/search.html', errors: [medium(searched, '{{ query.query_string|safe }}')] },
    { code: fromRequest, path: 'templates/results.html', errors: [medium(fromRequest, '{{ request.GET.q|safe }}')] },
    { code: inString, path: 'templates/security/register.html', errors: [medium(inString, '{{ credential_options|safe }}')] },
    { code: inHandler, path: 'templates/pick.html', errors: [medium(inHandler, '{{ choice|safe }}')] },
    { code: userBlock, path: 'templates/thread.html', errors: [medium(userBlock, '{% autoescape off %}', 'autoescape-off')] },
    { code: userData, path: 'templates/profile.html', errors: [medium(userData, '{{ user.display_name|safe }}'), medium(userData, '{{ profile.about|safe }}'), medium(userData, '{{ form.bio.data|safe }}')] },
  ],
});

// An error view writes the error's text or trace (strong-error-handler's default page, generator-express' error.ejs);
// the same `message` in another view says nothing about where it comes from.
const stack = '<h1>{{title}}</h1>\n<pre id="stacktrace">{{{data.stack}}}</pre>';
const notice = '<div class="notice"><%- message %></div>';
const errMessage = '<p class="error"><%- err.message %></p>';

ruleTester('unescaped-template-output', 'handlebars', {
  valid: [],
  invalid: [{ code: stack, path: 'views/default-error.hbs', errors: [medium(stack, '{{{data.stack}}}')] }],
});

ruleTester('unescaped-template-output', 'ejs', {
  valid: [],
  invalid: [
    { code: notice, path: 'views/error.ejs', errors: [medium(notice, '<%- message %>')] },
    { code: notice, path: 'views/errors/404.ejs', errors: [medium(notice, '<%- message %>')] },
    { code: notice, path: 'views/notice.ejs', errors: [low(notice, '<%- message %>')] },
    { code: errMessage, path: 'views/login.ejs', errors: [medium(errMessage, '<%- err.message %>')] },
  ],
});

// Only a DOM event's handler attribute holds script: a Liquibase changelog's `onDelete="…"` is data (fresh sample BB:
// a code generator's XML templates), while `onClick` in any case is a handler.
const constraint = '<addForeignKeyConstraint baseTableName="<%- table %>"\n    onDelete="<%- onDelete %>"\n    onUpdate="<%- onUpdate %>"/>';
const clicked = '<button onClick="choose(\'<%- choice %>\')">Go</button>\n<video onended="<%- next %>"></video>';

ruleTester('unescaped-template-output', 'ejs', {
  valid: [],
  invalid: [
    { code: constraint, path: 'templates/changelog/constraints.ejs', errors: [low(constraint, '<%- table %>'), low(constraint, '<%- onDelete %>'), low(constraint, '<%- onUpdate %>')] },
    { code: clicked, path: 'views/choice.ejs', errors: [medium(clicked, '<%- choice %>'), medium(clicked, '<%- next %>')] },
  ],
});

// A Python view growing a value with `+=`: what it adds from the request is the request's; a constant added is not.
const page = '<div>{{ summary|safe }}</div>';
const view = (added: string) => `def show(request):\n    summary = "Results: "\n    summary += ${added}\n    return render(request, "page.html", {"summary": summary})\n`;

ruleTester('unescaped-template-output', 'jinja', {
  valid: [],
  invalid: [
    { code: page, path: 'templates/page.html', files: { 'views.py': view('request.GET["q"]') }, errors: [medium(page, '{{ summary|safe }}')] },
    { code: page, path: 'templates/page.html', files: { 'views.py': view('format_rows(rows)') }, errors: [low(page, '{{ summary|safe }}')] },
  ],
});
