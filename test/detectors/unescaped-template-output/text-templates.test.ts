import { at, ruleTester } from '../harness';

// A changelog generator compiles its own Markdown and JSON templates with escaping off: HTML-escaping would corrupt the
// CHANGELOG.md it writes (fresh sample: auto-changelog's src/template.js over templates/*.hbs). Low, not silent.
const gen = [
  "const { join } = require('path');",
  "const Handlebars = require('handlebars');",
  "const TEMPLATES = join(__dirname, '..', 'templates');",
  'const OPTIONS = { noEscape: true };',
  'async function render(name, data) {',
  "  const source = await readFile(join(TEMPLATES, name + '.hbs'));",
  '  return Handlebars.compile(source, OPTIONS)(data);',
  '}',
].join('\n');
const manifest = { 'package.json': '{ "name": "release-notes" }' };
const markdown = { 'templates/notes.hbs': '## Changes\n\n{{#each releases}}\n### [{{title}}]({{href}})\n- {{subject}}\n{{/each}}\n', 'templates/json.hbs': '{{json releases}}\n' };
const low = { ...at(gen, 'noEscape: true', 'engine-config'), severity: 'info', confidence: 'low' };
const medium = (code: string) => ({ ...at(code, 'noEscape: true', 'engine-config'), confidence: 'medium' });
// the same generator answering a request: its output is a page, whatever the folder holds
const served = `${gen}\napp.get('/notes', async (req, res) => res.send(await render('notes', req.query)));`;

ruleTester('unescaped-template-output', 'javascript', {
  valid: [],
  invalid: [
    { name: "a generator's Markdown and JSON templates: low", code: gen, path: 'src/template.js', files: { ...manifest, ...markdown }, errors: [low] },
    // one template with markup makes them pages
    { name: "a template with markup: the rule's confidence", code: gen, path: 'src/template.js', files: { ...manifest, ...markdown, 'templates/page.hbs': '<ul>{{#each items}}<li>{{name}}</li>{{/each}}</ul>\n' }, errors: [medium(gen)] },
    // no templates found: the options alone decide
    { name: "no templates folder: the rule's confidence", code: gen, path: 'src/template.js', files: manifest, errors: [medium(gen)] },
    // a templates folder of another package (above the file's manifest) is not this one's
    { name: "another package's templates folder: the rule's confidence", code: gen, path: 'packages/notes/src/template.js', files: { ...markdown, 'packages/notes/package.json': manifest['package.json'] }, errors: [medium(gen)] },
    { name: "the output answers a request: the rule's confidence", code: served, path: 'src/template.js', files: { ...manifest, ...markdown }, errors: [medium(served)] },
  ],
});

// A documentation generator's engine (fresh sample EE: raml2html's index.js, which loads `index.nunjucks` beside its
// theme and renders the author's API spec to HTML once, as its templates do): low; the same engine in an app: kept.
const docs = [
  "const nunjucks = require('nunjucks');",
  'function render(spec, templatesPath) {',
  "  const env = nunjucks.configure(templatesPath, { autoescape: false });",
  "  return env.render('index.nunjucks', spec);",
  '}',
].join('\n');
const docsTemplates = { 'templates/index.nunjucks': '<h1>{{ title }}</h1>\n{{ description | md }}\n' };
const docsLow = { ...at(docs, 'nunjucks.configure(templatesPath, { autoescape: false', 'engine-config'), severity: 'info', confidence: 'low' };
const docsKept = { ...at(docs, "nunjucks.configure(templatesPath, { autoescape: false", 'engine-config'), confidence: 'medium' };

ruleTester('unescaped-template-output', 'javascript', {
  valid: [],
  invalid: [
    { name: 'a documentation generator: low', code: docs, path: 'index.js', files: { 'package.json': '{ "name": "spec2html", "description": "RAML to HTML documentation generator" }', ...docsTemplates }, errors: [docsLow] },
    { name: "an app's engine: the rule's confidence", code: docs, path: 'index.js', files: { 'package.json': '{ "name": "shop" }', ...docsTemplates }, errors: [docsKept] },
  ],
});
