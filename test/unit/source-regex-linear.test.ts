// Detector regexes that run over a whole file stay linear (issue 7, "regex budgets do not hold"): one
// exec cannot be interrupted, so each hostile text below (which took seconds to hours with the old
// patterns) must be analysed well inside the budget, and the rewritten patterns still find what they did.
import assert from 'node:assert/strict';
import type { LanguageId } from '../../server/src/core/types';
import { moveToEnvFix } from '../../server/src/core/fixes';
import { findingsOf } from '../detectors/harness';

const N = 60_000;
/** Rule id, language, hostile text. */
const HOSTILE: Array<[string, LanguageId, string]> = [
  ['unescaped-template-output', 'ejs', `<%- '${'\\'.repeat(40)} %>`],
  ['unescaped-template-output', 'ejs', `<%- '${'\\\\'.repeat(N)}' x %>`],
  ['unescaped-template-output', 'ejs', `<%- x${' '.repeat(N)}`],
  ['unescaped-template-output', 'handlebars', '{{{'.repeat(N / 3)],
  ['unescaped-template-output', 'handlebars', `{{& x${' '.repeat(N)}`],
  ['unescaped-template-output', 'pug', '!{'.repeat(N / 2)],
  ['unescaped-template-output', 'jinja', '{{'.repeat(N / 2)],
  ['unescaped-template-output', 'jinja', `{{ x | safe${' '.repeat(N)}`],
  ['unescaped-template-output', 'javascript', 'nunjucks.configure('.repeat(N / 20)],
  ['insecure-randomness', 'python', `${'\n'.repeat(N)}x = random.random()\n`],
  ['jwt-verification-disabled', 'python', `${'from jwt import '.repeat(N / 16)}\ndecode(t, options={"verify_signature": False})\n`],
  ['weak-password-hash', 'python', `${'from hashlib import '.repeat(N / 20)}\npassword_hash = md5(password.encode())\n`],
];

describe('detector regexes over whole files are linear', () => {
  for (const [ruleId, language, code] of HOSTILE) {
    it(`${ruleId} on ${JSON.stringify(code.slice(0, 24))}… (${code.length} chars, ${language})`, async () => {
      const started = performance.now();
      await findingsOf(ruleId, { code, language }, language, { budgetMs: 2000 });
      const ms = performance.now() - started;
      assert.ok(ms < 1500, `${ruleId} took ${Math.round(ms)} ms`);
    });
  }

  it('unescaped-template-output still trims delimiters and whitespace control', async () => {
    const exprs = async (code: string, language: LanguageId) => (await findingsOf('unescaped-template-output', { code, language }, language)).length;
    assert.deepEqual(await exprs('<p><%-  user.bio -%></p>', 'ejs'), 1);
    assert.deepEqual(await exprs("<%- '<b>lit</b>' %>", 'ejs'), 0);
    assert.deepEqual(await exprs('{{{ user.bio }}}', 'handlebars'), 1);
    assert.deepEqual(await exprs('{{- user.bio | safe -}}', 'jinja'), 1);
    assert.deepEqual(await exprs("{{ 'x' | safe }}", 'jinja'), 0);
    assert.deepEqual(await exprs('p !{JSON.stringify({a: user.bio})}', 'pug'), 1);
    assert.deepEqual(await exprs("nunjucks.configure('views', { autoescape: false });", 'javascript'), 1);
  });

  it('the Python env fix adds `import os` only when it is missing', () => {
    const edits = (text: string) => moveToEnvFix(text, 'python', text.indexOf('"s') + 1, text.lastIndexOf('"'), 'KEY')?.edits.length;
    assert.equal(edits('key = "secret"\n'), 2);
    assert.equal(edits('import sys, os\nkey = "secret"\n'), 1);
    assert.equal(edits('  import os\nkey = "secret"\n'), 1);
  });
});
