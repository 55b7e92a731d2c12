import { at, ruleTester } from '../harness';

const c1 = "const serialize = require('node-serialize');\napp.get('/prefs', (req, res) => {\n  const prefs = serialize.unserialize(req.cookies.prefs);\n});";

ruleTester('unsafe-deserialization', 'javascript', {
  valid: [
    "app.get('/prefs', (req, res) => { const prefs = JSON.parse(req.cookies.prefs); });",
    "const serialize = require('node-serialize');\nserialize.unserialize(localFile);",
  ],
  invalid: [
    { code: c1, errors: [at(c1, 'req.cookies.prefs', 'request:direct')] },
  ],
});

const p1 = "import pickle, base64\nfrom flask import request\n\n@app.route('/load', methods=['POST'])\ndef load():\n    obj = pickle.loads(base64.b64decode(request.form['data']))";
const p2 = "import yaml\n\ndef upload(request):\n    config = yaml.load(request.body)";
const p3 = "import yaml\n\ndef upload(request):\n    config = yaml.load(request.body, Loader=yaml.Loader)";

ruleTester('unsafe-deserialization', 'python', {
  valid: [
    "import yaml\ndef upload(request):\n    config = yaml.safe_load(request.body)",
    "import yaml\ndef upload(request):\n    config = yaml.load(request.body, Loader=yaml.SafeLoader)",
    "import json\ndef upload(request):\n    config = json.loads(request.body)",
    "import pickle\nwith open('cache.pkl', 'rb') as fh:\n    data = pickle.load(fh)",
  ],
  invalid: [
    { code: p1, errors: [at(p1, "base64.b64decode(request.form['data'])", 'request:direct')] },
    { code: p2, errors: [at(p2, 'request.body', 'request:direct')], output: p2.replace('yaml.load(', 'yaml.safe_load(') },
    { code: p3, errors: [at(p3, 'request.body', 'request:direct')] },
  ],
});
