// secret-evidence-gate.ts: the text test that spares lowering a file for evidence it cannot hold (a Python file's
// lowering cost 3–5 ms a keystroke in the bench's 1,000-line file, for a logged `password` no write of the file
// could explain). It must pass every text where evidence.test.ts finds evidence; here, its own cases.
import assert from 'node:assert/strict';
import { mayHaveEvidence } from '../../../server/src/detectors/shared/secret-evidence-gate';

/** Whether the gate lets `logged` (its last occurrence in `text`) through to the lowering. */
function gate(text: string, logged: string, python = false): boolean {
  const start = text.lastIndexOf(logged);
  return mayHaveEvidence(text, start, start + logged.length, python);
}

describe('sensitive-data-in-logs: the evidence gate', () => {
  it('passes every kind of write evidence reads', () => {
    const writes = [
      'let password = 1;', 'password = f()', 'cfg.password = "x";', 'cfg["password"] += x;', "password: str = 'a'",
      'let password: string = s;', 'for password in candidates:', 'for (const password of list) {}',
    ];
    for (const w of writes) assert.equal(gate(`${w}\nlog.info(password);`, 'password'), true, w);
    assert.equal(gate('copy.access_token = "unknown";\nlog.info(token.access_token);', 'token.access_token'), true, 'a field of that name anywhere');
    for (const masking of ['token.refresh_token = "x";', 'delete token.refresh_token;', 'del token["refresh_token"]', 'token["refresh_token"] = None'])
      assert.equal(gate(`${masking}\nlog.info(token);`, 'token'), true, masking);
  });

  it('stops a name the file never writes, compares, or only names in a longer word', () => {
    for (const text of [
      'function f(password) {\n  log.info(password);\n}',
      'if password == stored:\n    log.info(password)',
      'if (password !== x) log.info(password);',
      'DB_PASSWORD = "x"\nlog.info(password)',
      'password_hash = h\nlog.info(password)',
      'model = 1\nlog.info(token)',
    ]) assert.equal(gate(text, text.includes('token') ? 'token' : 'password'), false, text);
  });

  it('Python: a module-level name counts only module-level writes (an if block is still module level)', () => {
    const inDef = 'def connect(settings):\n    password = settings.get("password")\n    return password\n\nlogging.info("login %s", password)';
    assert.equal(gate(inDef, 'password', true), false, 'a function\'s local binds no global');
    assert.equal(gate(inDef, 'password', false), true, 'not narrowed outside Python');
    const inIf = 'if DEBUG:\n    password = "x"\n\nlogging.info("login %s", password)';
    assert.equal(gate(inIf, 'password', true), true);
    const inClass = 'class Config:\n    password = "x"\n\nlogging.info("login %s", password)';
    assert.equal(gate(inClass, 'password', true), false, 'a class attribute is no global');
    const logInDef = 'def connect(settings):\n    password = settings.get("password")\n    logging.info("login %s", password)';
    assert.equal(gate(logInDef, 'password', true), true, 'in a function: every write counts');
    const member = 'def f(c):\n    c.password = "x"\n\nlogging.info(cfg.password)';
    assert.equal(gate(member, 'cfg.password', true), true, 'a field: writes anywhere');
  });
});
