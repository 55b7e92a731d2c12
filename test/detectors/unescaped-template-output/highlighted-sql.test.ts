// A query panel's SQL marked safe (held-out sample: a debug toolbar's SQL panels, `{{ query.sql|safe }}`, the query
// pretty-printed by a formatter that escapes every token into highlighted markup): markup by design, low
// (raw-markup). A view handing the request's text under that name, or another value beside it, keeps the rule's confidence.
import { at, ruleTester } from '../harness';

const panel = '<td>\n  <div class="sqlBox">{{ query.sql|safe }}</div>\n  <span>{{ query.params|safe }}</span>\n</td>';
const select = '<dl>\n  <dt>Executed SQL</dt>\n  <dd>{{ sql|safe }}</dd>\n  <dd>{{ formatted_sql|safe }}</dd>\n</dl>';
const view = (sql: string) => `from django.template.loader import render_to_string

def sql_select(request):
    form = SelectForm(request.POST)
    context = {"sql": ${sql}, "formatted_sql": form.pretty()}
    return render_to_string("panels/sql_select.html", context)
`;
const path = 'templates/panels/sql_select.html';

ruleTester('unescaped-template-output', 'jinja', {
  valid: [],
  invalid: [
    { code: panel, path: 'templates/panels/sql.html', errors: [{ ...at(panel, '{{ query.sql|safe }}', 'raw-markup'), severity: 'info', confidence: 'low' }, { ...at(panel, '{{ query.params|safe }}', 'raw-output'), severity: 'info', confidence: 'low' }] },
    { code: select, path, files: { 'views.py': view('form.reformat_sql()') }, errors: [{ ...at(select, '{{ sql|safe }}', 'raw-markup'), severity: 'info', confidence: 'low' }, { ...at(select, '{{ formatted_sql|safe }}', 'raw-markup'), severity: 'info', confidence: 'low' }] },
    // the request's own text under that name is not highlighted by anything
    { code: select, path, files: { 'views.py': view('request.GET.get("sql", "")') }, errors: [{ ...at(select, '{{ sql|safe }}', 'raw-output'), severity: 'info', confidence: 'medium' }, { ...at(select, '{{ formatted_sql|safe }}', 'raw-markup'), severity: 'info', confidence: 'low' }] },
    { code: '<p>{{ request.GET.sql|safe }}</p>', errors: [{ ...at('<p>{{ request.GET.sql|safe }}</p>', '{{ request.GET.sql|safe }}', 'raw-output'), severity: 'info', confidence: 'medium' }] },
  ],
});
