import { at, ruleTester } from '../harness';

const j1 = "const nunjucks = require('nunjucks');\nnunjucks.configure('views', { autoescape: false });";
const j2 = "import Handlebars from 'handlebars';\nconst tpl = Handlebars.compile(source, { noEscape: true });";

// an email's plain-text body and subject need no HTML escaping; its HTML part keeps it (held-out sample: FlowFuse's
// postoffice); an HTML template compiled raw in the same file still counts
const mail = (html: string) => `const handlebars = require('handlebars');\nfunction registerTemplate(name, template) {\n  return {\n    subject: handlebars.compile(template.subject, { noEscape: true }),\n    text: handlebars.compile(template.text, { noEscape: true }),\n    html: handlebars.compile(${html})\n  };\n}`;
const mailRaw = mail('template.html, { noEscape: true }');

const fromHtml = "const handlebars = require('handlebars');\nconst page = handlebars.compile(fromHtml, { noEscape: true });";
// a page title is written into HTML: not a mail header
const titleRaw = "const handlebars = require('handlebars');\nconst pageTitle = handlebars.compile(title, { noEscape: true });";
const fromHtml1 = "const handlebars_1 = __importDefault(require('handlebars'));\nconst page = handlebars_1.default.compile(fromHtml, { noEscape: true });";
const mailHtml = '<p>Your change <b>{{{ changeTitle }}}</b> was scheduled.</p>';

ruleTester('unescaped-template-output', 'javascript', {
  valid: [
    "const nunjucks = require('nunjucks');\nnunjucks.configure('views', { autoescape: true });",
    "import Handlebars from 'handlebars';\nconst tpl = Handlebars.compile(source);",
    "const txt = nunjucks.configure('templates/txt', { autoescape: false });",
    mail('template.html'),
    // a mail header's template (held-out sample: vendure's e-mail generator, its sender line): plain text
    "const handlebars = require('handlebars');\nfunction generate(from, subject, template, vars) {\n  const compiledFrom = handlebars.compile(from, { noEscape: true });\n  const compiledTemplate = handlebars.compile(template);\n  return { from: compiledFrom(vars), body: compiledTemplate(vars) };\n}",
    // …as compiled TypeScript writes it (the option found apart from a call it knows)
    "const handlebars_1 = __importDefault(require('handlebars'));\nconst compiledFrom = handlebars_1.default.compile(from, { noEscape: true });",
  ],
  invalid: [
    { code: j1, errors: [at(j1, "nunjucks.configure('views', { autoescape: false", 'engine-config')] },
    { code: j2, errors: [at(j2, 'Handlebars.compile(source, { noEscape: true', 'engine-config')] },
    { code: mailRaw, errors: [at(mailRaw, 'handlebars.compile(template.html, { noEscape: true', 'engine-config')] },
    { code: titleRaw, errors: [at(titleRaw, 'handlebars.compile(title, { noEscape: true', 'engine-config')] },
    { code: fromHtml1, errors: [at(fromHtml1, 'noEscape: true', 'engine-config')] },
    { code: fromHtml, errors: [at(fromHtml, 'handlebars.compile(fromHtml, { noEscape: true', 'engine-config')] },
  ],
});

const p1 = "from jinja2 import Environment, FileSystemLoader\nenv = Environment(loader=FileSystemLoader('templates'), autoescape=False)";

ruleTester('unescaped-template-output', 'python', {
  valid: [
    "from jinja2 import Environment, select_autoescape\nenv = Environment(autoescape=select_autoescape(['html']))",
    "from jinja2 import Environment\nplain_text_env = Environment(loader=FileSystemLoader('templates/txt'), autoescape=False)",
  ],
  invalid: [{ code: p1, errors: [at(p1, "Environment(loader=FileSystemLoader('templates'), autoescape=False", 'engine-config')] }],
});

const t1 = '<div class="bio"><%- user.bio %></div>';
const t2 = '<article><%- post.bodyHtml %></article>';
// A helper given a visitor's value is not a constant call.
const t3 = '<div><%- /* the bio */ render(user.bio) %></div>';

// A script template whose only tags are in its strings (held-out sample: iframely's readerjs.ejs, served as JavaScript);
// the same script inside a page's markup is still HTML output.
const readerJs = "(function (document, window) {\n  var $container = $('<div>');\n  iframely.uri = <%- uri %>;\n})(document, window);";
const readerPage = `<div id="w"></div>\n<script>\n${readerJs}\n</script>`;
const migration = "var <%- ctorName %> = function () {\n  this.up = function (next) {<%- upCode %>\n  };\n};\n\nexports.<%= ctorName %> = <%- ctorName %>;";
const migrationPage = `<p>Migration</p>\n<script>\n${migration}\n</script>`;
const renderBio = '<div>\n  <%- render(user.bio); %>\n</div>';
const pageScript = "<script>\nconst api = require('./api');\n</script>\n<p><%- user.bio %></p>";

ruleTester('unescaped-template-output', 'ejs', {
  valid: [
    "<%- include('partials/header') %>", '<h1><%= user.name %></h1>', '<%- body %>',
    // A helper called with constants renders the app's own markup (sails' generated views).
    '<%- /* Expose locals as `window.SAILS_LOCALS` :: */ exposeLocalsToBrowser() %>',
    "<%- partial('nav', 2) %>",
    // A template of a JavaScript file (node-red-admin's settings.js.mustache): no browser renders it as HTML.
    { code: '<%- credentialSecret %>', path: 'resources/settings.js.ejs' },
    // …nor a plain-text mail (unleash's getting-started.plain.mustache)
    { code: 'Hello,\n\nSet your password: {{{ passwordLink }}}\n', path: 'mailtemplates/getting-started/getting-started.plain.mustache' },
    // …nor one whose text is program code with no HTML tag (express-generator's templates/js/www.ejs).
    { code: "#!/usr/bin/env node\nvar app = require('../app');\nvar debug = require('debug')('<%- name %>:server');", path: 'templates/js/www.ejs' },
    { code: readerJs, path: 'views/readerjs.ejs' },
    // …or CommonJS a code generator writes (held-out sample: geddy's gen/base/migration.ejs and gen/resource/model.ejs)
    { code: migration, path: 'gen/base/migration.ejs' },
    // a layout writing the view it wraps, as a statement (held-out sample: geddy's generated layouts)
    '<div class="container">\n  <%- render(); %>\n</div>',
  ],
  invalid: [
    { code: t1, errors: [{ ...at(t1, '<%- user.bio %>', 'raw-output'), severity: 'info', confidence: 'medium' }] },
    { code: t2, errors: [{ ...at(t2, '<%- post.bodyHtml %>', 'raw-markup'), severity: 'info', confidence: 'low' }] },
    { code: t3, errors: [{ ...at(t3, '<%- /* the bio */ render(user.bio) %>', 'raw-output'), severity: 'info', confidence: 'medium' }] },
    // `.html.ejs` is an HTML page.
    { code: t1, path: 'views/profile.html.ejs', errors: [{ ...at(t1, '<%- user.bio %>', 'raw-output'), severity: 'info', confidence: 'medium' }] },
    // An HTML mail: mail clients run no script, so raw output there is shown at low confidence.
    { code: mailHtml, path: 'dist/mailtemplates/change/change.html.mustache', errors: [{ ...at(mailHtml, '{{{ changeTitle }}}', 'raw-mail'), severity: 'info', confidence: 'low' }] },
    // A script inside a page is still HTML output; so is a snippet with no code in it.
    { code: pageScript, errors: [at(pageScript, '<%- user.bio %>', 'raw-output')] },
    { code: readerPage, errors: [at(readerPage, '<%- uri %>', 'raw-output')] },
    { code: migrationPage, errors: [at(migrationPage, '<%- ctorName %>', 'raw-output'), at(migrationPage, '<%- upCode %>', 'raw-output'), at(migrationPage, '<%- ctorName %>', 'raw-output', 1)] },
    { code: renderBio, errors: [{ ...at(renderBio, '<%- render(user.bio); %>', 'raw-output'), severity: 'info', confidence: 'medium' }] },
  ],
});

const k1 = '<span class="help">{{ user.help_note|safe }}</span>';
const k2 = '<tr onclick="open(\'{{ doc._id | json | safe }}\')"></tr>';
const k3 = '{{ form.bio.data|safe }}';
const k6 = "<section class=\"clear\">\n    {{flasgger_config.footer_text | safe}}\n</section>";
const m1 = "{% macro entry(title, icon, filetype=\"pem\") -%}\n<h5>{{ title | safe }}</h5>\n{%- endmacro %}\n{% call entry('Windows', 'windows', 'p12') %}w{% endcall %}\n{% call entry('iOS <small>– read the instructions!</small>', 'apple') %}i{% endcall %}\n{% call entry(\"Firefox <small>(own roots, 'NSS')</small>\", 'firefox') %}f{% endcall %}";
const m2 = "{% macro entry(title, icon) -%}\n<h5>{{ title | safe }}</h5>\n{%- endmacro %}\n{% call entry('Windows', 'windows') %}w{% endcall %}\n{{ entry(device.name, 'apple') }}";
const m3 = "{% macro entry(title) -%}\n<h5>{{ title | safe }}</h5>\n{%- endmacro %}";
const k7 = '<p>{{ user_configs | safe }}</p>';
const k5 = '<script>global.horizonPlugInModules = {{ HORIZON_CONFIG.angular_modules|default:"[]"|safe }};</script>';
const k4 = '{% autoescape off %}{{ message.body }}{% endautoescape %}';
// an object rendering itself (fresh held-out sample: flask-peewee's admin dashboard panels)
const k9 = '{% for panel in panels %}\n  {{ panel.render()|safe() }}\n{% endfor %}';
const k10 = '<div>{{ render(comment.text)|safe }}</div>';
// tojson's escapes undone before `safe`
const k8 = "<script>var v = {{ filter_val|tojson|replace('\\\\u003c', '<')|safe }};</script>";

ruleTester('unescaped-template-output', 'jinja', {
  valid: [
    // A mail body: Django's own password_reset_email.html renders text mail with escaping off.
    { code: '{% load i18n %}{% autoescape off %}\n{{ protocol }}://{{ domain }}/reset/{{ uid }}/{{ token }}\n{% endautoescape %}', path: 'templates/registration/password_reset_email.html' },
    // escaped again after `safe`, a developer's help text, a form field rendered by its own call
    '<a href="/doc/{{ document._id | json | safe | url_encode }}?skip={{ skip }}">open</a>',
    '<p>{{ comment.text|safe|escape }}</p>',
    '<span class="help-block">{{ field.help_text|safe }}</span>',
    '<p class="text-muted">{{ field.help_text|safe|linebreaksbr }}</p>',
    // Django REST framework's API docs: a developer's schema description.
    '<td>{{ field.schema.description|safe }}</td>',
    '<div class="fs-div">{{ field(**kwargs)|safe }}</div>',
    // numbers by name (guardian's user-manage link, a loop counter, a foreign key)
    '<a href="user-manage/{{ user.id|safe }}/">Edit</a>',
    '<td>{{ forloop.counter|safe }}</td><td>{{ order.customer_id|safe }}</td>',
    // Jinja's and Flask's tojson escape < > & and ' themselves (fresh held-out sample: flask-peewee's admin filters)
    "<script>\n  admin_filter.add_filter_request('{{ qf_s }}', {{ filter_idx }}, '{{ qf_v }}', {{ filter_val|tojson|safe }});\n</script>",
    '<div data-config=\'{{ config | tojson(indent=2) | safe }}\'></div>',
  ],
  invalid: [
    { code: k1, errors: [{ ...at(k1, '{{ user.help_note|safe }}', 'raw-output'), severity: 'info', confidence: 'medium' }] },
    { code: k2, errors: [{ ...at(k2, '{{ doc._id | json | safe }}', 'raw-output'), severity: 'info', confidence: 'medium' }] },
    // the form's submitted data, not a rendered field
    { code: k3, errors: [{ ...at(k3, '{{ form.bio.data|safe }}', 'raw-output'), severity: 'info', confidence: 'medium' }] },
    // the deployment's settings (Horizon's HORIZON_CONFIG): an operator's values, shown at low confidence
    { code: k5, errors: [{ ...at(k5, '{{ HORIZON_CONFIG.angular_modules|default:"[]"|safe }}', 'raw-setting'), severity: 'info', confidence: 'low' }] },
    // an extension's configuration, set by the developer who mounts it (fresh held-out sample: flasgger's footer)
    { code: k6, errors: [{ ...at(k6, '{{flasgger_config.footer_text | safe}}', 'raw-setting'), severity: 'info', confidence: 'low' }] },
    // a value merely named like one stays raw output
    { code: k7, errors: [{ ...at(k7, '{{ user_configs | safe }}', 'raw-output'), severity: 'info', confidence: 'medium' }] },
    { code: k9, errors: [{ ...at(k9, '{{ panel.render()|safe() }}', 'raw-markup'), severity: 'info', confidence: 'low' }] },
    // a value handed to a renderer is still the value
    { code: k10, errors: [{ ...at(k10, '{{ render(comment.text)|safe }}', 'raw-output'), severity: 'info', confidence: 'medium' }] },
    { code: k8, errors: [{ ...at(k8, "{{ filter_val|tojson|replace('\\\\u003c', '<')|safe }}", 'raw-output'), severity: 'info', confidence: 'medium' }] },
    // A macro parameter every call in the template passes a literal is the template's own markup: shown, not alarmed about…
    { code: m1, errors: [{ ...at(m1, '{{ title | safe }}', 'raw-constant'), severity: 'info', confidence: 'low' }] },
    // …unless one call passes a value, or no call is in sight (the macro is imported elsewhere): raw output, low while
    // nothing shows the value is a request's, an error's or a user's.
    { code: m2, errors: [{ ...at(m2, '{{ title | safe }}', 'raw-output'), severity: 'info', confidence: 'low' }] },
    { code: m3, errors: [{ ...at(m3, '{{ title | safe }}', 'raw-output'), severity: 'info', confidence: 'low' }] },
    // `mailbox.html` is a page, not a mail body.
    { code: k4, path: 'templates/mailbox.html', errors: [at(k4, '{% autoescape off %}', 'autoescape-off')] },
  ],
});

// A view helper that builds a tag from its arguments (held-out sample: geddy's layouts, `linkTo`): markup by design, low;
// a value merely named like one is still raw output.
const h1 = "<li class=\"active\">{{{linkTo 'Home' mainsPath}}}</li>";
const h2 = '<li>{{{linkToUser}}}</li>';

// Partials of a template that writes a JavaScript config file (fresh held-out sample: mocks-server's scaffold): code
// pieces with no HTML tag, a line comment or a block; a tagless fragment of text, or a page's style block, is still HTML.
const h3 = '{{{name}}}: {\n{{#each options}}\n  {{> option}}\n{{/each}}\n},';
const h4 = '// {{{description}}}\n{{#if disabled}}//{{/if}}{{{key}}}: {{{value}}},';
const h5 = '{{{title}}}\n{{#if subtitle}} – {{{subtitle}}}{{/if}}';
const h6 = '<style>\n  .card {\n    color: red;\n  }\n</style>\n<p>{{{bio}}}</p>';

ruleTester('unescaped-template-output', 'handlebars', {
  valid: [{ code: h3, path: 'src/scaffold/section.hbs' }, { code: h4, path: 'src/scaffold/entry.hbs' }],
  invalid: [
    { code: h5, errors: [at(h5, '{{{title}}}', 'raw-output'), at(h5, '{{{subtitle}}}', 'raw-output')] },
    { code: h6, errors: [at(h6, '{{{bio}}}', 'raw-output')] },
    { code: h1, errors: [{ ...at(h1, "{{{linkTo 'Home' mainsPath}}}", 'raw-markup'), severity: 'info', confidence: 'low' }] },
    { code: h2, errors: [{ ...at(h2, '{{{linkToUser}}}', 'raw-output'), severity: 'info', confidence: 'low' }] },
  ],
});

const g1 = "a.navbar-brand\n  != linkTo('Geddy App', mainsPath, { class: 'navbar-brand' })";
const g2 = 'p\n  != linker(user.site)';

// Literals and the variable of a loop over a literal list: the template's own markup, here a client-side template's
// tags (fresh held-out sample: pm2-gui's partials); a loop over the render's data, or another name, keeps the finding.
const pl1 = "script#statsTmp(type='text/html')\n  dl\n    - var fields = ['host', 'load', 'uptime'];\n    each field in fields\n      dt= field\n      dd!= '{{= stats.' + field + ' }}'";
const pl2 = "ul\n  each tab, i in ['logs', 'env']\n    li(class='tab-' + i)!= '<a href=\"#' + tab + '\">' + tab + '</a>'";
const pl3 = "ul\n  each field in fields\n    li!= '<b>' + field + '</b>'";
const pl5 = "- var fields = stats.fields;\neach field in fields\n  dd!= '<b>' + field + '</b>'";
const pl4 = "- var fields = ['host', 'load'];\neach field in fields\n  dd!= '<b>' + field + label + '</b>'";

ruleTester('unescaped-template-output', 'pug', {
  valid: [],
  invalid: [
    { code: pl1, errors: [{ ...at(pl1, "dd!= '{{= stats.' + field + ' }}'", 'raw-constant'), severity: 'info', confidence: 'low' }] },
    { code: pl2, errors: [{ ...at(pl2, "li(class='tab-' + i)!= '<a href=\"#' + tab + '\">' + tab + '</a>'", 'raw-constant'), severity: 'info', confidence: 'low' }] },
    { code: pl3, errors: [{ ...at(pl3, "li!= '<b>' + field + '</b>'", 'raw-output'), severity: 'info', confidence: 'low' }] },
    { code: pl5, errors: [{ ...at(pl5, "dd!= '<b>' + field + '</b>'", 'raw-output'), severity: 'info', confidence: 'low' }] },
    { code: pl4, errors: [{ ...at(pl4, "dd!= '<b>' + field + label + '</b>'", 'raw-output'), severity: 'info', confidence: 'low' }] },
    { code: g1, errors: [{ ...at(g1, "!= linkTo('Geddy App', mainsPath, { class: 'navbar-brand' })", 'raw-markup'), severity: 'info', confidence: 'low' }] },
    { code: g2, errors: [{ ...at(g2, '!= linker(user.site)', 'raw-output'), severity: 'info', confidence: 'medium' }] },
  ],
});
