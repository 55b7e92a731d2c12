import { at, ruleTester } from '../harness';

const c1 = "const _ = require('lodash');\napp.post('/settings', (req, res) => {\n  _.merge(userSettings, req.body);\n});";
const c2 = "app.post('/set', (req, res) => {\n  const { section, key, value } = req.body;\n  config[section][key] = value;\n});";
const c4 = "app.post('/set', (req, res) => {\n  const { section, key, value } = req.body;\n  if (section === 'admin') return res.end();\n  config[section][key] = value;\n});";
const c3 = "import set from 'lodash/set';\napp.post('/p', (req, res) => {\n  set(doc, req.body.path, req.body.value);\n});";

ruleTester('prototype-pollution', 'javascript', {
  valid: [
    "app.post('/settings', (req, res) => { const s = Object.assign({}, req.body); });",
    "app.post('/settings', (req, res) => { const s = { ...defaults, ...req.body }; });",
    "const _ = require('lodash');\n_.merge(config, defaults);",
    "app.post('/set', (req, res) => { const { section, key, value } = req.body; if (!['ui', 'mail'].includes(section)) return res.end(); config[section][key] = value; });",
    "const m = new Map();\napp.post('/set', (req, res) => { m.set(req.body.key, req.body.value); });",
    // the keys that matter screened first (saltcorn's localizer)
    "app.post('/strings/:lang/:defstring', (req, res) => {\n  const { lang, defstring } = req.params;\n  if (lang === '__proto__' || defstring === '__proto__' || lang === 'constructor') {\n    res.redirect('/');\n    return;\n  }\n  strings[lang][defstring] = req.body.value;\n});",
  ],
  invalid: [
    { code: c1, errors: [at(c1, 'req.body', 'request:direct')] },
    { code: c2, errors: [at(c2, 'section', 'request:direct', { after: 'config[section' })] },
    { code: c3, errors: [at(c3, 'req.body.path', 'request:direct')] },
    // a check of some other value screens nothing
    { code: c4, errors: [at(c4, 'section', 'request:direct', { after: 'config[section' })] },
  ],
});
