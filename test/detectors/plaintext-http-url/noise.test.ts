// Only URLs that reach a request, or names that say they are where requests go (issue 10): `*_url` data
// (homepages, downloads, grantee URIs) in a file that also makes requests is not an endpoint.
import { at, ruleTester } from '../harness';

const viaVariable = "const feed = 'http://feeds.acme.io/rss';\nexport const load = () => fetch(feed);";
const viaTemplate = "let base = 'http://api.acme.io';\nexport const get = (p) => axios.get(`${base}/${p}`);";
const pyVar = 'import requests\nfeed = "http://feeds.acme.io/rss"\nr = requests.get(feed)';
const pyKw = 'import httpx\nsource = "http://feeds.acme.io/rss"\nr = httpx.get(url=source + "?page=2")';
const pyName = 'import requests\nWEBHOOK_URL = "http://hooks.acme.io/T000/B000"';
// A search engine module's `about` dict links the API's documentation (held-out sample: a metasearch engine's
// `official_api_documentation`); the name says `api`, but nothing requests a page to read. Its endpoint still counts.
const pyAbout = 'import requests\nabout = {"website": "https://acme.io/", "official_api_documentation": "http://dev.acme.io/api"}\nbase_url = "http://api.acme.io/search"';
const pyUrllibRequest = 'from urllib.request import Request, urlopen\nreq = Request("http://api.acme.io/v1")';
const pyRenamedOwn = 'from scanner.net.web import Request as ScanRequest\nfrom urllib.request import Request\nreq = Request("http://api.acme.io/v1")';
// A class attribute the client reads as `self.…` (fresh sample AU: a social-login provider's profile API, its query
// carrying the access token); one only joined into a link, or a module name shadowed by `self.…`, is not requested.
const pyClassAttr = 'import requests\nclass Profiles:\n    profile_url = "http://people.acme.io/api"\n\n    def fetch(self, token):\n        return requests.get(self.profile_url, params={"token": token})';
const pyInitAttr = 'import requests\nclass Feed:\n    def __init__(self):\n        self.feed_url = "http://feeds.acme.io/rss"\n\n    def load(self):\n        return requests.get(self.feed_url)';
// A package's typings test beside its `index.d.ts` (fresh sample AW: a WebSocket stream library's `ts-tests.ts`, the
// DefinitelyTyped `<name>-tests.ts` convention): type-checked, never run, so low; `contests.ts` is no test file.
const typingsTest = "import * as WebSocket from 'ws';\nconst ws = new WebSocket('ws://realtime.acme.io/path');";
const jsDocs = "const API_DOCS_URL = 'http://docs.acme.io/v2';\nconst API_BASE = 'http://api.acme.io/v2';\nexport const get = (p) => fetch('https://x.acme.io/' + p);";

ruleTester('plaintext-http-url', 'javascript', {
  valid: [
    "const pkg = { homepage_url: 'http://acme.io', docsUrl: 'http://docs.acme.io' };\nfetch('https://api.acme.io');",
    "const imageUrl = 'http://cdn.acme.io/logo.png';\nexport const load = () => fetch('https://api.acme.io');",
    "const callbackUrl = 'http://acme.io/done';\nconst proxy = 'http://proxy.acme.io:3128';\nfetch('https://api.acme.io');",
    // A same-named property elsewhere is not the requested variable.
    "const meta = { feed: 'http://feeds.acme.io/rss' };\nconst feed = getFeed();\nfetch(feed);",
    { code: 'import requests\nPROJECT = {"download_url": "http://files.acme.io/x.tar.gz", "homepage": "http://acme.io"}\nrequests.get("https://api.acme.io")', language: 'python' },
    { code: 'import requests\nALL_USERS = Grantee(uri="http://acs.amazonaws.com/groups/global/AllUsers")', language: 'python' },
    { code: 'import requests\nurl = "http://pyos.github.io/dg"\nrequests.get("https://api.acme.io")', language: 'python' },
    { code: 'import requests\nABOUT = {"official_api_documentation": "http://dev.acme.io/api", "api_reference": "http://dev.acme.io/ref"}', language: 'python' },
    "const meta = { apiDocsUrl: 'http://docs.acme.io', apiReference: 'http://docs.acme.io/ref' };\nfetch('https://api.acme.io');",
    // the package's own `Request`, a model of a request to mutate and compare (fresh sample AJ: wapiti's attack.py self-test)
    { code: 'import requests\nfrom scanner.net.web import Request\nreq = Request("http://target.acme.io/post?a=1")', language: 'python' },
    { code: 'import requests\nfrom .web import (\n    Page,\n    Request,\n)\nreq = Request(url="http://target.acme.io/")', language: 'python' },
    { code: 'import requests\nclass Request:\n    pass\nreq = Request("http://target.acme.io/")', language: 'python' },
    { code: 'import requests\nclass Provider:\n    profile_url = "http://acme.io/u/"\n    token_url = "https://acme.io/token"\n\n    def link(self, uid):\n        return self.profile_url + uid\n\n    def token(self):\n        return requests.post(self.token_url)', language: 'python' },
    { code: 'import requests\nprofile_url = "http://acme.io/u/"\nclass P:\n    def get(self):\n        return requests.get(self.profile_url)', language: 'python' },
  ],
  invalid: [
    { code: viaVariable, errors: [at(viaVariable, 'http://feeds.acme.io')] },
    { code: viaTemplate, errors: [at(viaTemplate, 'http://api.acme.io')] },
    { code: "const webhookUrl = 'http://hooks.acme.io/T000';\npost(webhookUrl);\nfetch('https://x.acme.io');", errors: [at("const webhookUrl = 'http://hooks.acme.io/T000';\npost(webhookUrl);\nfetch('https://x.acme.io');", 'http://hooks.acme.io')] },
    { code: pyVar, language: 'python', errors: [at(pyVar, 'http://feeds.acme.io')] },
    { code: pyKw, language: 'python', errors: [at(pyKw, 'http://feeds.acme.io')] },
    { code: pyName, language: 'python', errors: [at(pyName, 'http://hooks.acme.io')] },
    { code: pyAbout, language: 'python', errors: [at(pyAbout, 'http://api.acme.io')] },
    { code: jsDocs, errors: [at(jsDocs, 'http://api.acme.io')] },
    // urllib's Request still counts, also beside a project class imported under another name
    { code: pyUrllibRequest, language: 'python', errors: [at(pyUrllibRequest, 'http://api.acme.io')] },
    { code: pyRenamedOwn, language: 'python', errors: [at(pyRenamedOwn, 'http://api.acme.io')] },
    { code: pyClassAttr, language: 'python', errors: [at(pyClassAttr, 'http://people.acme.io')] },
    { code: pyInitAttr, language: 'python', errors: [at(pyInitAttr, 'http://feeds.acme.io')] },
    { code: typingsTest, language: 'typescript', path: 'ts-tests.ts', errors: [{ ...at(typingsTest, 'ws://realtime.acme.io'), confidence: 'low' }] },
    { code: typingsTest, language: 'typescript', path: 'types/socket-tests.ts', errors: [{ ...at(typingsTest, 'ws://realtime.acme.io'), confidence: 'low' }] },
    { code: typingsTest, language: 'typescript', path: 'src/contests.ts', errors: [{ ...at(typingsTest, 'ws://realtime.acme.io'), confidence: 'medium' }] },
  ],
});
