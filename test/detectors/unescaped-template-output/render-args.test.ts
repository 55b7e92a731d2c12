import { at, ruleTester } from '../harness';

// meshcentral's shape, reduced: one render helper fills every page's values; the pages write them raw.
const server = `const crypto = require('crypto');
function invite(req, res, domain) {
  render(req, res, getRenderPage('invite', req, domain), getRenderArgs({ messageid: 100, domainurl: encodeURIComponent(domain.url).replace(/'/g, '%27'), extitle: encodeURIComponent(config.title).split("'").join("\\\\'"), autocomplete: domain.autocomplete ? 'on' : 'off' }, req, domain));
}
function getRenderArgs(xargs, req, domain) {
  xargs.randomlength = crypto.randomBytes(crypto.randomBytes(1)[0]).toString('base64');
  xargs.title = config.title;
  xargs.name = req.query.name;
  return xargs;
}
`;
const page = `<div>{{{messageid}}}</div>
<script>var u = '{{{domainurl}}}', t = '{{{extitle}}}', pad = '{{{randomlength}}}';</script>
<input autocomplete="{{{autocomplete}}}">
<h1>{{{title}}}</h1>
<p>{{{name}}}</p>
<p>{{{other}}}</p>
`;
const constantsOnly = '<div>{{{messageid}}}</div><input autocomplete="{{{autocomplete}}}">';
const files = { 'webserver.js': server };
// An Express app handing a request's text to a value named as markup.
const post = '<article>{{{bodyHtml}}}</article>';
const app = "app.post('/preview', (req, res) => res.render('post', { bodyHtml: req.body.text }));";
const spread = "app.get('/p', (req, res) => res.render('post', { ...req.query }));";

ruleTester('unescaped-template-output', 'handlebars', {
  valid: [
    // Constants, numbers, encoders and random padding the server builds itself.
    { code: constantsOnly, path: 'views/invite.handlebars', files },
    // Translated and minified copies of a template in the workspace defer to it: one finding per flaw, not thirty.
    { code: page, path: 'views/translations/invite_ja-jp.handlebars', files: { ...files, 'views/invite.handlebars': page } },
    { code: page, path: 'views/translations/invite-min_zh-chs.handlebars', files: { ...files, 'views/invite-min.handlebars': page } },
    { code: page, path: 'views/invite-min.handlebars', files: { ...files, 'views/invite.handlebars': page } },
  ],
  invalid: [
    {
      code: page, path: 'views/invite.handlebars', files,
      errors: [
        { ...at(page, '{{{title}}}', 'raw-server'), severity: 'info', confidence: 'low' },
        { ...at(page, '{{{name}}}', 'raw-output'), severity: 'info', confidence: 'medium' },
        // a value the rendering code never names: unknown, low
        { ...at(page, '{{{other}}}', 'raw-output'), severity: 'info', confidence: 'low' },
      ],
    },
    // No rendering code in sight: the template's own verdict.
    { code: constantsOnly, path: 'views/invite.handlebars', errors: [at(constantsOnly, '{{{messageid}}}', 'raw-output'), at(constantsOnly, '{{{autocomplete}}}', 'raw-output')] },
    // A translation whose source is not in the workspace is reported itself.
    { code: constantsOnly, path: 'views/translations/invite_fr.handlebars', errors: [at(constantsOnly, '{{{messageid}}}', 'raw-output'), at(constantsOnly, '{{{autocomplete}}}', 'raw-output')] },
    // `_id` is no language: a sibling is not a translation.
    { code: constantsOnly, path: 'views/user_id.handlebars', files: { 'views/user.handlebars': '' }, errors: [at(constantsOnly, '{{{messageid}}}', 'raw-output'), at(constantsOnly, '{{{autocomplete}}}', 'raw-output')] },
    // A request value stays reported, and at the rule's confidence even when named as markup.
    { code: post, path: 'views/post.hbs', files: { 'app.js': app }, errors: [{ ...at(post, '{{{bodyHtml}}}', 'raw-output'), confidence: 'medium' }] },
    { code: post, path: 'views/post.hbs', files: { 'app.js': spread }, errors: [{ ...at(post, '{{{bodyHtml}}}', 'raw-output'), confidence: 'medium' }] },
    // A value of the same name outside any render call (a query object), or passed to another template (`page.njk`
    // is not `page.hbs`), says nothing about this one.
    { code: '<p>{{{text}}}</p>', path: 'views/page.hbs', files: { 'koa.js': "await pg.query({ text: 'SELECT 1' });\nctx.body = env.render('page.njk', { text: 'hi' });\nctx.render('other', { text: 'x' });" }, errors: [at('<p>{{{text}}}</p>', '{{{text}}}', 'raw-output')] },
    // Constants in one place and the request in another, for the same name: the request wins.
    { code: constantsOnly, path: 'views/invite.handlebars', files: { ...files, 'admin.js': "res.render('invite', { messageid: req.params.id });" }, errors: [at(constantsOnly, '{{{messageid}}}', 'raw-output')] },
  ],
});

// A template compiled into a function and called with its values (held-out sample: anyproxy's certificate error page,
// its text built from constants); a request's value passed the same way stays reported.
const certPage = 'div.title\n  | #{title}\ndiv.explain\n  div!= explain';
const certCode = (explain: string) => `const pug = require('pug');\nconst path = require('path');\nconst certPugFn = pug.compileFile(path.join(__dirname, '../resource/cert_error.pug'));\nfunction page(error) {\n  let explain = 'There is an error with the certificate of the site.';\n  if (error.code === 'SELF_SIGNED') explain = 'It is a self-signed one.</br>';\n  return certPugFn({ title: 'Not private', explain: ${explain} });\n}`;

ruleTester('unescaped-template-output', 'pug', {
  valid: [{ code: certPage, path: 'resource/cert_error.pug', files: { 'lib/requestErrorHandler.js': certCode('explain') } }],
  invalid: [
    { code: certPage, path: 'resource/cert_error.pug', files: { 'lib/requestErrorHandler.js': certCode('req.query.msg') }, errors: [{ ...at(certPage, 'div!= explain', 'raw-output'), confidence: 'medium' }] },
    { code: certPage, path: 'resource/cert_error.pug', files: { 'lib/requestErrorHandler.js': certCode('explain').replace('cert_error.pug', 'other.pug') }, errors: [{ ...at(certPage, 'div!= explain', 'raw-output'), confidence: 'low' }] },
  ],
});
