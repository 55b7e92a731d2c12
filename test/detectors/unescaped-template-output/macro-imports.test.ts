import { at, ruleTester } from '../harness';

// A macro module's raw parameter, called from the templates that import it (bepasty's `_utils.html`, reduced): when
// every call there passes a literal, the value is the templates' own markup (low); one call passing a value keeps it.
const utils = `{% macro autocomplete(selector, items) -%}
    var known = ["{{ items | join('","') }}"];
    {{ selector|safe }}.autocomplete({source: known});
{%- endmacro %}
`;
const index = `{% import '_utils.html' as utils %}
<script>
  {{ utils.autocomplete('$("#kind")', kinds) }}
</script>
`;
const display = `{% import "_utils.html" as u with context %}
<script>function box(m) { {{ u.autocomplete('$(m).find("#kind")', kinds) }} }</script>
`;
const fromImport = `{% from 'macros/_utils.html' import autocomplete %}
<script>{{ autocomplete('#kind', kinds) }}</script>
`;
const byValue = `{% import '_utils.html' as utils %}
<script>{{ utils.autocomplete(request.args.sel, kinds) }}</script>
`;
// Another template calling a macro of the same name without importing this module says nothing about it.
const unrelated = `{% import '_forms.html' as forms %}
<script>{{ forms.autocomplete(request.args.sel) }}</script>
`;
const path = 'templates/_utils.html';
const raw = at(utils, '{{ selector|safe }}', 'raw-output');
const own = at(utils, '{{ selector|safe }}', 'raw-constant');

ruleTester('unescaped-template-output', 'jinja', {
  valid: [],
  invalid: [
    { code: utils, path, files: { 'templates/index.html': index, 'templates/display.html': display }, errors: [{ ...own, severity: 'info', confidence: 'low' }] },
    { code: utils, path: 'templates/macros/_utils.html', files: { 'templates/page.html': fromImport }, errors: [{ ...own, severity: 'info', confidence: 'low' }] },
    { code: utils, path, files: { 'templates/index.html': index, 'templates/search.html': byValue }, errors: [{ ...raw, severity: 'info', confidence: 'low' }] },
    { code: utils, path, files: { 'templates/index.html': index, 'templates/other.html': unrelated }, errors: [{ ...own, severity: 'info', confidence: 'low' }] },
    { code: utils, path, files: { 'templates/other.html': unrelated }, errors: [{ ...raw, severity: 'info', confidence: 'low' }] },
  ],
});
