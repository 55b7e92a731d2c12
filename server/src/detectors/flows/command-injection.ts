// Flags shell commands and program names built from input: `exec('convert ' + req.query.file)`,
// `subprocess.run(cmd, shell=True)`. Assistants reach for the shell because one string is shorter
// than an argument array; `execFile`/`spawn` with an array and no shell is the fix (CWE-78).
import { flowRule } from '../shared/flow-rule';
import { execFileFix } from '../shared/flow-fixes';

export const commandInjection = flowRule({
  id: 'command-injection',
  meta: { title: 'OS command built from untrusted input', family: 'missing-input-validation', severity: 'error', confidence: 'high', cwe: ['CWE-78'], fixable: true },
  kinds: ['command'],
  impact: 'can run any command on the server (command injection)',
  fix: execFileFix,
});
