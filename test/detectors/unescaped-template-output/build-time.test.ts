import { at, ruleTester } from '../harness';

// Templates run before any visitor sees them (fresh sample BB): a code generator's templates, run on the developer's
// answers (jhipster), a documentation generator's partials, run on the author's doc comments (dmd, jsdoc-to-markdown's
// Markdown; TypeDoc's themes, compodoc, found checking the fix on more packages), and the engine of a static site generator's plugin (Hexo's sitemap generator and Nunjucks renderer).
const low = (code: string, text: string, kind: string) => ({ ...at(code, text, kind), severity: 'info', confidence: 'low' });
const medium = (code: string, text: string) => ({ ...at(code, text, 'raw-output'), confidence: 'medium' });
// kept as raw output, low: nothing in sight shows where the value comes from
const kept = (code: string, text: string) => ({ ...at(code, text, 'raw-output'), confidence: 'low' });
const nth = (code: string, n: number) => ({ ...at(code, '<%- entityName %>', 'raw-output', n), confidence: 'low' });

const generator = { 'package.json': '{ "name": "generator-shop", "dependencies": { "yeoman-generator": "^7.0.0" } }' };
const app = { 'package.json': '{ "name": "shop", "dependencies": { "express": "^4.21.2" } }' };
// a page written once by the generator, from its answers
const page = '<!doctype html>\n<html>\n<body>\n<script>\n  const services = [<%- routes.map((r) => `\'${r}\'`) %>];\n</script>\n<h1><%- appTitle %></h1>\n</body>\n</html>\n';
// a Java partial: statements, no HTML
const partial = '<%_ if (dto) { _%>\n        <%- entityClass %> <%- entityName %> = mapper.toEntity(<%- dtoName %>);\n<%_ } _%>\n        return <%- entityName %>Repository.save(<%- entityName %>);\n';
// a view the generator copies as it is: the generated app serves it (generator-express' error page)
const view = '<% include header %>\n  <%- message %>\n  <%- error.stack %>\n<% include footer %>\n';

ruleTester('unescaped-template-output', 'ejs', {
  valid: [
    // a source file of another language, with the generator's own tags after its kind
    { code: 'class <%- entityClass %> {\n  @Field <%- fieldType %> <%- fieldName %>\n}\n', path: 'generators/server/templates/src/_entity_.java.jhi.couchbase.ejs', files: generator },
    { code: '# <%- baseName %>\n\n<%- description %>\n', path: 'templates/README.md.ejs', files: generator },
    { code: '    @Field\n    private <%- fieldType %> <%- fieldName %>\n', path: 'src/templates/entity.java.jhi.couchbase.ejs', files: app },
    // a code partial of a generator's templates
    { code: partial, path: 'generators/server/templates/_partials_entity_/save_template.ejs', files: generator },
  ],
  invalid: [
    { name: 'a page named after the file the generator writes: low', code: page, path: 'generators/client/templates/src/main/webapp/index.html.ejs', files: generator,
      errors: [low(page, "<%- routes.map((r) => `'${r}'`) %>", 'raw-generator'), low(page, '<%- appTitle %>', 'raw-generator')] },
    { name: 'the same page in an application: raw output', code: page, path: 'views/index.html.ejs', files: app,
      errors: [kept(page, "<%- routes.map((r) => `'${r}'`) %>"), kept(page, '<%- appTitle %>')] },
    { name: 'a view a generator copies as it is serves the generated app\'s visitors', code: view, path: 'app/templates/views/ejs/error.ejs', files: generator,
      errors: [medium(view, '<%- message %>'), medium(view, '<%- error.stack %>')] },
    { name: 'a Java-like partial outside a generator: kept', code: partial, path: 'views/partials/save.ejs', files: app,
      errors: [kept(partial, '<%- entityClass %>'), kept(partial, '<%- entityName %>'), kept(partial, '<%- dtoName %>'), nth(partial, 1), nth(partial, 2)] },
  ],
});

const jsdoc2md = { 'package.json': '{ "name": "md-docs", "description": "The default output template for jsdoc-to-markdown", "keywords": ["documentation", "markdown"] }' };
const jsdocTheme = { 'package.json': '{ "name": "clean-docs", "description": "Documentation pages", "keywords": ["jsdoc", "template"] }' };
const plain = { 'package.json': '{ "name": "express-jsdoc-api", "description": "Serves API docs built with jsdoc", "keywords": ["jsdoc", "express"] }' };
const typedocTheme = { 'package.json': '{ "name": "doc-themes", "description": "Default themes for TypeDoc.", "keywords": ["typescript"] }' };
const docsTool = { 'package.json': '{ "name": "ngdocs", "description": "The missing documentation tool for your Angular application" }' };
const docsKeywords = { 'package.json': '{ "name": "lit-docs", "keywords": ["documentation", "generator", "literate"] }' };
const docsServer = { 'package.json': '{ "name": "spec-ui-express", "description": "Serves Swagger UI", "keywords": ["swagger", "express", "documentation"] }' };
const todo = '{{#each todoList~}}\n- [ ] {{{inlineLinks task}}}\n{{/each~}}\n';

ruleTester('unescaped-template-output', 'handlebars', {
  valid: [],
  invalid: [
    { name: "jsdoc-to-markdown's partials: the author's doc comments, low", code: todo, path: 'partials/all-docs/docs/body/todo.hbs', files: jsdoc2md, errors: [low(todo, '{{{inlineLinks task}}}', 'raw-static-site')] },
    { name: 'a JSDoc template by its keywords: low', code: todo, path: 'tmpl/todo.hbs', files: jsdocTheme, errors: [low(todo, '{{{inlineLinks task}}}', 'raw-static-site')] },
    { name: 'a package that only mentions JSDoc: raw output', code: todo, path: 'views/todo.hbs', files: plain, errors: [kept(todo, '{{{inlineLinks task}}}')] },
    // other documentation generators: a TypeDoc theme, a documentation tool, keywords `documentation` + `generator`
    { name: 'a TypeDoc theme: low', code: todo, path: 'bin/default/partials/todo.hbs', files: typedocTheme, errors: [low(todo, '{{{inlineLinks task}}}', 'raw-static-site')] },
    { name: 'a documentation tool: low', code: todo, path: 'src/templates/partials/todo.hbs', files: docsTool, errors: [low(todo, '{{{inlineLinks task}}}', 'raw-static-site')] },
    { name: 'documentation + generator keywords: low', code: todo, path: 'resources/todo.hbs', files: docsKeywords, errors: [low(todo, '{{{inlineLinks task}}}', 'raw-static-site')] },
    { name: 'a server of API docs (documentation alone): raw output', code: todo, path: 'views/todo.hbs', files: docsServer, errors: [kept(todo, '{{{inlineLinks task}}}')] },
  ],
});

const sitemap = [
  "const nunjucks = require('nunjucks');",
  "const { encodeURL } = require('hexo-util');",
  'module.exports = function (config) {',
  '  const env = new nunjucks.Environment(null, { autoescape: false, watch: false });',
  "  env.addFilter('uriencode', (s) => encodeURL(s));",
  '  return env;',
  '};',
].join('\n');
const renderer = "const nunjucks = require('nunjucks');\nconst env = nunjucks.configure({ noCache: true, autoescape: false });\nhexo.extend.renderer.register('njk', 'html', (data, locals) => env.renderString(data.text, locals), true);\n";
const server = "const nunjucks = require('nunjucks');\nconst env = nunjucks.configure('views', { autoescape: false, express: app });\n";

ruleTester('unescaped-template-output', 'javascript', {
  valid: [],
  invalid: [
    { name: "a Hexo generator's engine: low", code: sitemap, errors: [{ ...at(sitemap, 'new nunjucks.Environment(null, { autoescape: false', 'engine-config'), severity: 'info', confidence: 'low' }] },
    { name: "a Hexo renderer's engine: low", code: renderer, errors: [{ ...at(renderer, "nunjucks.configure({ noCache: true, autoescape: false", 'engine-config'), severity: 'info', confidence: 'low' }] },
    { name: "an app's engine: the rule's confidence", code: server, errors: [{ ...at(server, "nunjucks.configure('views', { autoescape: false", 'engine-config'), confidence: 'medium' }] },
  ],
});
