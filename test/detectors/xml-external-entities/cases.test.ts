import { at, ruleTester } from '../harness';

const c1 = "const libxmljs = require('libxmljs');\napp.post('/xml', (req, res) => {\n  const doc = libxmljs.parseXml(req.body.xml, { noent: true });\n});";

ruleTester('xml-external-entities', 'javascript', {
  valid: [
    "const libxmljs = require('libxmljs');\napp.post('/xml', (req, res) => { libxmljs.parseXml(req.body.xml, { noent: false }); });",
    "const libxmljs = require('libxmljs');\napp.post('/xml', (req, res) => { libxmljs.parseXml(req.body.xml); });",
  ],
  invalid: [{ code: c1, errors: [at(c1, 'req.body.xml', 'request:direct')] }],
});

const p1 = "from lxml import etree\nfrom flask import request\n\n@app.route('/xml', methods=['POST'])\ndef xml():\n    parser = etree.XMLParser(resolve_entities=True)\n    return etree.fromstring(request.data, parser)";

ruleTester('xml-external-entities', 'python', {
  valid: [
    "from lxml import etree\nfrom flask import request\n@app.route('/xml', methods=['POST'])\ndef xml():\n    parser = etree.XMLParser(resolve_entities=False)\n    return etree.fromstring(request.data, parser)",
    "import defusedxml.ElementTree as ET\nfrom flask import request\n@app.route('/xml', methods=['POST'])\ndef xml():\n    return ET.fromstring(request.data)",
  ],
  invalid: [{ code: p1, errors: [at(p1, 'request.data', 'request:direct', { after: 'fromstring(request.data' })] }],
});
