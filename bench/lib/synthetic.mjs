// Realistic files for the latency runs: whole source files from the corpus concatenated up to a line
// count, with a few secrets and insecure patterns sprinkled between them (at top level, so syntax holds).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listTree } from './common.mjs';

// Secrets are assembled at run time so that this source file carries none.
const AWS = 'AK' + 'IAZ3MSJV2KD7QX4N5P';
const OPENAI = 'sk-' + 'proj-4fJ9xQ2mVb7LpR8sT1wZ0yK3nH6cD5eA9gU2iO4rE7tW1qS8';
const PASSWORD = 'Tr0ub4dor' + '&3-horse-battery';

const JS_SNIPPETS = [
  `const awsAccessKeyId = "${AWS}";`,
  `app.use(cors({ origin: "*", credentials: true }));`,
  `const tlsAgent = new https.Agent({ rejectUnauthorized: false });`,
  `const dbPassword = "${PASSWORD}";`,
  `const resetToken = Math.random().toString(36).slice(2);`,
  `const passwordDigest = crypto.createHash("md5").update(password).digest("hex");`,
  `console.log("login attempt", { user, password });`,
  `const openai = new OpenAI({ apiKey: "${OPENAI}" });`,
];
const PY_SNIPPETS = [
  `AWS_ACCESS_KEY_ID = "${AWS}"`,
  `response = requests.get(url, verify=False)`,
  `DB_PASSWORD = "${PASSWORD}"`,
  `reset_token = str(random.randint(0, 10**6))`,
  `password_hash = hashlib.md5(password.encode()).hexdigest()`,
  `logging.info("login %s %s", username, password)`,
  `client = OpenAI(api_key="${OPENAI}")`,
];

function lineCount(text) {
  return text.split('\n').length;
}

// CommonJS files each get their own function scope, so that concatenation declares nothing twice
// (espree, hence ESLint, refuses a redeclared binding).
const iife = (t) => `;(function () {\n${t}})();\n`;

/** Whole files from `sources` (in order) until about `target` lines, with snippets spread between them. */
function build(sources, target, snippets, wrap) {
  const parts = [];
  let lines = 0;
  for (const f of sources) {
    let t = readFileSync(f, 'utf8').replace(/\r\n/g, '\n').replace(/\n*$/, '\n');
    if (wrap) t = wrap(t);
    const n = lineCount(t) - 1;
    if (n > target / 4 || lines + n > target - snippets.length * 2) continue;
    parts.push(t);
    lines += n;
    if (lines >= target * 0.95 - snippets.length * 2) break;
  }
  const out = [];
  parts.forEach((p, i) => {
    out.push(p);
    const k = Math.floor(((i + 1) * snippets.length) / parts.length);
    const prev = Math.floor((i * snippets.length) / parts.length);
    for (let s = prev; s < k; s++) out.push(`\n${snippets[s]}\n`);
  });
  return out.join('');
}

export function makeSyntheticFiles(jsDir, pyDir, outDir) {
  mkdirSync(outDir, { recursive: true });
  const all = listTree(jsDir);
  const webpack = all.filter((f) => f.includes('/webpack/lib/') && f.endsWith('.js'));
  const rxjs = all.filter((f) => f.includes('/rxjs/src/') && f.endsWith('.ts'));
  const specs = [
    { name: 'js-1000', ext: 'js', languageId: 'javascript', sources: webpack, target: 1000, snippets: JS_SNIPPETS },
    { name: 'js-5000', ext: 'js', languageId: 'javascript', sources: webpack.slice(200), target: 5000, snippets: JS_SNIPPETS },
    { name: 'ts-1000', ext: 'ts', languageId: 'typescript', sources: rxjs, target: 1000, snippets: JS_SNIPPETS },
    { name: 'ts-5000', ext: 'ts', languageId: 'typescript', sources: rxjs.slice(60), target: 5000, snippets: JS_SNIPPETS },
  ];
  if (pyDir) {
    const py = listTree(pyDir).filter((f) => f.includes('/django/db/') && f.endsWith('.py'));
    specs.push({ name: 'py-1000', ext: 'py', languageId: 'python', sources: py, target: 1000, snippets: PY_SNIPPETS });
  }
  return specs.map((s) => {
    const text = build(s.sources, s.target, s.snippets, s.ext === 'js' ? iife : undefined);
    const path = join(outDir, `${s.name}.${s.ext}`);
    writeFileSync(path, text);
    return { name: s.name, path, languageId: s.languageId, lines: lineCount(text), bytes: Buffer.byteLength(text) };
  });
}
