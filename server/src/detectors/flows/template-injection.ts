// Flags template sources built from input: `render_template_string(request.args['t'])`,
// `ejs.render(req.body.tpl)`, `jinja2.Template(x)`. Template languages reach Python or JavaScript
// objects, so whoever writes the template runs code (server-side template injection, CWE-1336).
import { flowRule } from '../shared/flow-rule';

export const templateInjection = flowRule({
  id: 'template-injection',
  meta: { title: 'Template source from untrusted input', family: 'missing-input-validation', severity: 'error', confidence: 'high', cwe: ['CWE-1336', 'CWE-94'] },
  kinds: ['template'],
  // A command-line tool opening what its user names is its job: only web input counts here.
  labels: ['request', 'browser'],
  impact: 'can write template code that runs on the server (server-side template injection)',
});
