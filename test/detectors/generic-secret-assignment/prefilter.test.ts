// The text check that lets most JS/TS files skip the parse: it must say yes wherever the rule can
// report (every binding form the candidates read), and no where no name-value pair could be reported.
import assert from 'node:assert/strict';
import { mayBindSecret } from '../../../server/src/detectors/common/secret-candidates';
import { PYTHON_FORMS } from '../../../server/src/detectors/common/secret-candidates-python';
import { secretValueConfidence } from '../../../server/src/detectors/common/secret-heuristics';
import { secretNameKind } from '../../../server/src/detectors/common/secret-names';
import { testEngine } from '../../engine';

const KEY = 'q8Zr4LmX2vB7nT1sK9dW3eYh';
const reportable = (name: string | undefined, value: string) => {
  const kind = name === undefined ? 'password' : secretNameKind(name);
  return !!kind && secretValueConfidence(value, kind) !== undefined;
};

describe('generic-secret-assignment: the text check before the parse', () => {
  const bound = [
    `const apiKey = '${KEY}';`,
    `let apiKey: string = "${KEY}";`,
    `class A { private readonly apiKey?: string | undefined = \`${KEY}\`; }`,
    `config['apiKey'] = '${KEY}';`,
    `const o = { [API_KEY]: '${KEY}' };`,
    `const o = { 'x-api-key': '${KEY}' };`,
    `this.clientSecret = ('${KEY}' as string);`,
    `const o = {\n  password:\n    '${KEY}',\n};`,
    `apiKey ||= '${KEY}';`,
    `function f(apiKey = '${KEY}') {}`,
    `const { apiKey = '${KEY}' } = opts;`,
    `<Widget apiKey={'${KEY}'} />`,
    `const token = process.env.X_VALUE || '${KEY}';`,
    `const x = process.env['SECRET'] ?? '${KEY}';`,
  ];
  const unbound = [
    `const apiKey = process.env.API_KEY;`,
    `const apiKey = 'your-api-key-here';`,
    `const color = '${KEY}';`,
    `const tokenUrl = '${KEY}';`,
    `Object.keys(o).forEach((key) => map.set(key, 'value'));`,
    `const token = process.env.TOKEN || 'changeme';`,
  ];

  it('says yes for every binding form the candidates read', async () => {
    const engine = await testEngine();
    for (const code of bound) {
      assert.equal(mayBindSecret(code, reportable), true, code);
      // …and the rule does report there: the check is what stands between the file and a finding.
      const path = code.includes('<Widget') ? 'src/a.tsx' : 'src/a.ts';
      const found = engine.analyze({ text: code, languageId: code.includes('<Widget') ? 'typescriptreact' : 'typescript', path }).findings;
      assert.ok(found.some((f) => f.ruleId === 'generic-secret-assignment' || f.ruleId === 'hardcoded-secret-in-sink'), `${code}: ${found.map((f) => f.ruleId)}`);
    }
  });

  it('says no where no name and value could be reported, so the file is not parsed for the rule', () => {
    for (const code of unbound) assert.equal(mayBindSecret(code, reportable), false, code);
  });

  const pyBound = [
    `API_KEY = '${KEY}'`,
    `api_key: str = "${KEY}"`,
    `self.client_secret = r'${KEY}'`,
    `config['api_key'] = """${KEY}"""`,
    `connect(password='${KEY}')`,
    `SETTINGS = {\n    "api_key":\n        "${KEY}",\n}`,
    `def login(token: str = '${KEY}'):\n    pass`,
    `value = os.getenv("API_TOKEN", '${KEY}')`,
    `token = os.environ.get('X') or "${KEY}"`,
    `secret = os.environ["X"] or '${KEY}'`,
  ];
  const pyUnbound = [
    `API_KEY = os.environ["API_KEY"]`,
    `api_key = "your-api-key"`,
    `colour = '${KEY}'`,
    `for key in keys:\n    print(key, 'value')`,
    `token = os.getenv("TOKEN", "changeme")`,
  ];

  it('Python: says yes for every binding form the candidates read, no where nothing could be reported', async () => {
    const engine = await testEngine();
    for (const code of pyBound) {
      assert.equal(mayBindSecret(code, reportable, PYTHON_FORMS), true, code);
      const found = engine.analyze({ text: code, languageId: 'python', path: 'app/settings_prod.py' }).findings;
      assert.ok(found.some((f) => f.ruleId === 'generic-secret-assignment' || f.ruleId === 'hardcoded-secret-in-sink'), `${code}: ${found.map((f) => f.ruleId)}`);
    }
    for (const code of pyUnbound) assert.equal(mayBindSecret(code, reportable, PYTHON_FORMS), false, code);
  });
});
