// The text gate in front of the `secret-sinks` fact (server/src/detectors/common/secret-sink-gate.ts):
// it may let through files without sinks, never keep out a file with one. The rule tests
// (test/detectors/hardcoded-secret-in-sink, hardcoded-credential-comparison) run every positive case
// through it; these cases pin the word handling.
import assert from 'node:assert/strict';
import { SinkGate } from '../../server/src/detectors/common/secret-sink-gate';
import type { SinkPack } from '../../server/src/detectors/common/secret-sinks';
import pack from '../../rules/secret-sinks/sinks.json';

const gate = new SinkGate(pack as SinkPack);

describe('secret-sinks text gate', () => {
  it('admits the module and member of a callee path, however the member is reached', () => {
    assert.ok(gate.admits("const jwt = require('jsonwebtoken');\njwt.sign(payload, 'k');", 'js'));
    assert.ok(gate.admits("import { sign as s } from 'jsonwebtoken';\ns(p, 'k');", 'js'));
    assert.ok(gate.admits("const { createHmac } = require('node:crypto');", 'js'));
    assert.ok(gate.admits("app.use(require('express-session')({ secret: 'x' }));", 'js'));
    assert.ok(gate.admits('import hmac\nhmac.new(b"k", msg)\n', 'python'));
  });

  it('admits a word that another word holds (the longest match wins where both start)', () => {
    // `passport-*.Strategy` needs `passport-`, which `passport-jwt` holds.
    assert.ok(gate.admits("const { Strategy } = require('passport-jwt');\nnew Strategy({ secretOrKey: 'k' }, verify);", 'js'));
    // `mysql2` is its own module (`mysql2.createConnection`), and `mysql` does not run on into it.
    assert.ok(gate.admits("const mysql = require('mysql2');\nmysql.createConnection({ password: 'pw' });", 'js'));
    assert.ok(!new SinkGate({ calls: [{ language: 'js', callee: ['mysql.createConnection'], args: [], what: '', env: '' }], settings: [] }).admits("require('mysql2').createConnection()", 'js'));
    // A `jwt.encode` sink needs `jwt`, which `express-jwt` holds after the dash.
    assert.ok(new SinkGate({ calls: [{ language: 'js', callee: ['jwt.encode'], args: [], what: '', env: '' }], settings: [] }).admits("x = 'express-jwt'; encode(1)", 'js'));
  });

  it('admits settings, method sinks (with the receiver word the pack names) and comparisons', () => {
    assert.ok(gate.admits("SECRET_KEY = 'dev'\n", 'python'));
    assert.ok(gate.admits("app.config.update(SECRET='x')\n", 'python'));
    for (const py of ["app.config['SECRET_KEY'] = 'dev'\n", 'app.config["SECRET_KEY"]="dev"\n', "SECRET_KEY: str = 'dev'\n", "app.secret_key = b'dev'\n", "DATABASES = {'default': {'PASSWORD': 'pw'}}\n", 'class Config:\n    SECRET_KEY = "dev"\n']) {
      assert.ok(gate.admits(py, 'python'), py);
    }
    assert.ok(!gate.admits("cache.update(secret_value)\n", 'python'));
    assert.ok(!gate.admits("# configured below\ncache.update(secret_value)\n", 'python'));
    assert.ok(gate.admits("if (req.body.password === 'hunter2') ok();", 'js'));
    assert.ok(gate.admits("if 'letmein' == form.get('pwd'):\n    ok()\n", 'python'));
    for (const js of ["if (secretKey == 'x') ok();", "if (user === 'root' && pass === 'hunter2') ok();", "if (API_KEY !== k) no();", "if (request.form['password'] != 'x') no();", "if ('x' == req.body.db_pwd) ok();"]) {
      assert.ok(gate.admits(js, 'js'), js);
    }
  });

  it('keeps out files that only talk about secrets, and sinks of the other language', () => {
    assert.ok(!gate.admits('import requests\nrequests.get(url, auth=("u", "pw"))\n', 'js'));
    assert.ok(gate.admits('import requests\nrequests.get(url, auth=("u", "pw"))\n', 'python'));
    // A Python module named in a docstring or a comment is not imported.
    assert.ok(!gate.admits('"""Sends requests."""\n# uses mysql\ndef get(conn):\n    return conn.connect()\n', 'python'));
    assert.ok(gate.admits('def f():\n    from mysql.connector import connect\n    return connect(password="pw")\n', 'python'));
    assert.ok(!gate.admits('// Reads the secret from the environment and passes it on.\nexport function load(options) { return options.secret; }', 'js'));
    assert.ok(!gate.admits("const signature = design(passwordField);\nupgrade(pkg, 'sqlite');", 'js'));
    // A setting read, not assigned: the fact looks only at assignments.
    for (const py of ['connection = connections[settings.DATABASES[alias]]\n', 'key = settings.SECRET_KEY\n', 'signer = Signer(key=SECRET_KEY)\n', 'def f(secret_key=None):\n    return secret_key\n']) {
      assert.ok(!gate.admits(py, 'python'), py);
    }
    // Equalities beside words that only contain a credential word.
    for (const js of ['if (a === b && this.passes) go();', 'if (compass === 3) go();', 'if (x == bypass) go();', 'if (secrets.length == 0) go();', 'if (material.isShadowPass === true) go();']) {
      assert.ok(!gate.admits(js, 'js'), js);
    }
  });
});
