// Generators for the fuzz suite (issue 7, "Keep it that way"): hostile text as an attacker would commit
// it, and hostile workspace layouts. Texts mix hostile fragments (bad bytes, deep nesting, open
// template literals, indentation chaos) with snippets that wake the detectors, so parsers, facts and
// rules all meet the hostile part instead of being filtered out by their keywords.
import fc from 'fast-check';
import type { LanguageId } from '../../server/src/core/types';

/** One seed for every property: failures reproduce; VOUCH_FUZZ_SEED explores other runs locally. */
export const SEED = Number(process.env.VOUCH_FUZZ_SEED ?? 20_250_107);
/** Cases per property are scaled by VOUCH_FUZZ_SCALE (CI: 1) for longer local runs. */
export const runs = (n: number): number => Math.max(1, Math.round(n * Number(process.env.VOUCH_FUZZ_SCALE ?? 1)));

export const LANGUAGES: readonly LanguageId[] = [
  'javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'python', 'json', 'jsonc', 'yaml',
  'dotenv', 'dockerfile', 'terraform', 'shellscript', 'markdown', 'toml', 'ini', 'plaintext', 'html',
  'ejs', 'handlebars', 'pug', 'nunjucks', 'jinja',
];

/** A file name per language, for workspace layouts (the walk picks the language from it). */
export const FILE_NAMES: Record<string, string> = {
  javascript: 'a.js', javascriptreact: 'a.jsx', typescript: 'a.ts', typescriptreact: 'a.tsx', python: 'a.py',
  json: 'a.json', jsonc: 'a.jsonc', yaml: 'a.yaml', dotenv: '.env', dockerfile: 'Dockerfile', terraform: 'a.tf',
  shellscript: 'a.sh', markdown: 'a.md', toml: 'a.toml', ini: 'a.ini', plaintext: 'a.txt', html: 'a.html',
  ejs: 'a.ejs', handlebars: 'a.hbs', pug: 'a.pug', nunjucks: 'a.njk', jinja: 'a.j2',
};

/** Lines that make detectors, facts and the flow analysis run (their keywords, sources and sinks). */
const TRIGGERS = [
  'const key = "AKIAZ3MSJV2KD7QX4N5P";',
  'app.get("/u", (req, res) => { db.query("SELECT * FROM u WHERE id = " + req.query.id); res.send(req.body); });',
  'import requests\nrequests.get(url, verify=False)',
  'from flask import request\n@app.route("/x")\ndef x():\n    os.system("ls " + request.args["d"])',
  'eval(req.body.code); exec(input())',
  'password = "hunter2hunter2"',
  'const url = "http://api.example.invalid/v1";',
  'el.innerHTML = location.hash;',
  'fs.chmodSync(p, 0o777); os.chmod(p, 0o777)',
  'app.listen(80, "0.0.0.0"); app.run(host="0.0.0.0", debug=True)',
  'yaml.load(data); pickle.loads(body)',
  'import imp\nimport asyncio\n@asyncio.coroutine\ndef f(): pass',
  'const x = require("left-padd-xyz"); import y from "reqeusts";',
  'console.log(user.password, req.headers.authorization);',
  'res.status(500).json({ error: err.stack });',
  'jwt.decode(token); crypto.createHash("md5"); Math.random().toString(36)',
  'RUN curl http://x | sh\nFROM node:latest\nUSER root',
  'resource "aws_s3_bucket" "b" { acl = "public-read" }',
  'password: "s3cr3t"\nimage: nginx:latest\nprivileged: true',
  'SECRET_KEY=sk-proj-4fJ9xQ2mVb7LpR8sT1wZ0yK3nH6cD5eA9gU2iO4rE7tW1qS8',
  '<div>{{{ user.bio }}}</div><%- req.query.q %>{{ name | safe }}',
  'npm install reqeusts-xyz && pip install numpyy',
  '// vouch-ignore-next-line aws-access-key-id\n# vouch-ignore-file hardcoded-secret --',
];

const repeat = (s: string, max: number) => fc.integer({ min: 1, max }).map((n) => s.repeat(n));

/** Deep nesting of brackets, JSON, YAML, calls and blocks, balanced or left open. */
const nesting = fc.oneof(
  fc.tuple(fc.constantFrom('[', '{', '(', '{"a":', '[{"a":', 'f(', 'if (x) {', '((a) => ', '<div>', '${'), fc.integer({ min: 1, max: 6000 }), fc.boolean())
    .map(([open, n, close]) => open.repeat(n) + (close ? closeOf(open).repeat(n) : '')),
  fc.integer({ min: 1, max: 400 }).map((n) => Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n')),
  fc.integer({ min: 1, max: 400 }).map((n) => Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}- `).join('\n')),
  repeat('&a [*a, ', 2000),
);

function closeOf(open: string): string {
  const pairs: Record<string, string> = { '[': ']', '{': '}', '(': ')', '{"a":': '1}', '[{"a":': '1}]', 'f(': ')', 'if (x) {': '}', '((a) => ': 'a)', '<div>': '</div>', '${': '}' };
  return pairs[open];
}

/** Template literals, strings, comments and regexes left open. */
const unclosed = fc.constantFrom('`', '`${', '`${`${`', '"', "'", '"""', "'''", '/*', '<!--', '{#', '{{', '<%', 'r"', 'f"{', '/[', '#{');

/** Python indentation chaos: tabs and spaces mixed, dedents to nowhere, colons without bodies. */
const indentation = fc.array(
  fc.tuple(fc.array(fc.constantFrom(' ', '\t', '\f'), { maxLength: 40 }), fc.constantFrom('def f(x):', 'if x:', 'else:', 'return x', 'class C:', 'try:', 'except:', 'with open(p) as f:', 'x = (', ']', 'lambda: (', '@app.route("/")', 'pass', '\\')),
  { maxLength: 200 },
).map((lines) => lines.map(([ws, code]) => ws.join('') + code).join('\n'));

/** Long lines and minified-looking code (just under and over the minified threshold). */
const longLines = fc.oneof(
  fc.tuple(fc.constantFrom('x', 'a+', '// ', '# ', 'var a=1,b=2;', '"AKIA', '\\', ' '), fc.integer({ min: 1000, max: 120_000 })).map(([s, n]) => s.repeat(Math.ceil(n / s.length))),
  fc.integer({ min: 1, max: 60 }).map((n) => 'var a=function(b){return b&&b.c?eval(b.d):require("x")(b)};'.repeat(n * 40) + '\n'),
);

/** Characters a well-behaved file never has: NUL, lone surrogates, BOMs, line and paragraph separators. */
const oddChars = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 200 }),
  fc.constantFrom('\u0000', '\ud800', '\udfff', '\ufeff', '\u2028', '\u2029', '\r', '\r\n', '\u0085', '\u200b', '\u202e', '\ufffd'),
);

const fragment = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...TRIGGERS) },
  { weight: 2, arbitrary: nesting },
  { weight: 2, arbitrary: unclosed },
  { weight: 2, arbitrary: indentation },
  { weight: 1, arbitrary: longLines },
  { weight: 3, arbitrary: oddChars },
);

/** Hostile source text: fragments joined by newlines, nothing, or odd separators. */
export const hostileText = fc
  .tuple(fc.array(fragment, { minLength: 1, maxLength: 8 }), fc.constantFrom('\n', '', ' ', '\r', '\n\n\t', '\u2028'))
  .map(([parts, sep]) => parts.join(sep));

/** Hostile file bytes: arbitrary bytes, invalid UTF-8 spliced into text, UTF-16 with or without a BOM. */
export const hostileBytes = fc.oneof(
  fc.uint8Array({ maxLength: 4000 }),
  fc.tuple(hostileText, fc.array(fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 4 })), { maxLength: 8 })).map(([text, cuts]) => {
    let bytes = Buffer.from(text, 'utf8');
    for (const [at, junk] of cuts) {
      const i = bytes.length ? at % bytes.length : 0;
      bytes = Buffer.concat([bytes.subarray(0, i), Buffer.from(junk.map((b) => b | 0x80)), bytes.subarray(i)]);
    }
    return new Uint8Array(bytes);
  }),
  fc.tuple(hostileText, fc.constantFrom('le', 'be', 'bare')).map(([text, kind]) => {
    const le = Buffer.from(text, 'utf16le');
    if (kind === 'le') return new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), le]));
    if (kind === 'be') return new Uint8Array(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le).swap16()]));
    return new Uint8Array(le);
  }),
);

export const language = fc.constantFrom(...LANGUAGES);
