// Flags input that reaches code evaluation: `eval`, `new Function`, `vm.run*`, string timers,
// Python `eval`/`exec`/`compile`. Assistants use eval to "parse" formulas and JSON-ish input; any
// of it runs attacker code with the server's rights (CWE-94, CWE-95).
import { flowRule } from '../shared/flow-rule';

export const codeInjection = flowRule({
  id: 'code-injection',
  meta: { title: 'Code evaluated from untrusted input', family: 'missing-input-validation', severity: 'error', confidence: 'high', cwe: ['CWE-94', 'CWE-95'] },
  kinds: ['code'],
  impact: 'can run any code in the process (code injection)',
});
