import { at, ruleTester } from '../harness';

// A static site's templates render the author's config and posts at build time (fresh sample: hexo themes' layouts,
// fluid's `<%- uv_texts[0] %>` from its statistics settings, butterfly's `!{theme.comments.use[0]}`).
const ejs = '<span id="site-uv">\n  <%- uv_texts[0] %>\n</span>\n<a href="<%- url_for(tag.path) %>"><%= tag.name %></a>\n';
const pug = "script.\n  if ('!{theme.comments.use[0]}' === 'Disqus') loadDisqus()\n";
const low = (code: string, text: string) => ({ ...at(code, text, 'raw-static-site'), severity: 'info', confidence: 'low' });
const theme = { 'package.json': '{ "name": "hexo-theme-fluid", "version": "1.9.9" }', '_config.yml': 'statistics:\n  enable: false\n', 'languages/en.yml': 'home: Home\n', 'source/css/main.styl': '' };

ruleTester('unescaped-template-output', 'ejs', {
  valid: [],
  invalid: [
    // a Hexo theme's layout/: its root holds _config.yml beside languages/ (or source/), or is named hexo-theme-…
    { code: ejs, path: 'layout/_partials/footer/statistics.ejs', files: theme, errors: [low(ejs, '<%- uv_texts[0] %>'), low(ejs, '<%- url_for(tag.path) %>')] },
    { code: ejs, path: 'layout/_partials/footer/statistics.ejs', files: { 'package.json': theme['package.json'], '_config.yml': '' }, errors: [low(ejs, '<%- uv_texts[0] %>'), low(ejs, '<%- url_for(tag.path) %>')] },
    // a theme inside a Hexo site (themes/next/layout/), and an Eleventy site's includes
    { code: ejs, path: 'themes/next/layout/_partials/footer.ejs', files: { '_config.yml': 'title: Blog\n', 'scaffolds/post.md': '', 'themes/next/_config.yml': '' }, errors: [low(ejs, '<%- uv_texts[0] %>'), low(ejs, '<%- url_for(tag.path) %>')] },
    { code: ejs, path: '_includes/footer.ejs', files: { 'eleventy.config.js': 'export default function () {}\n' }, errors: [low(ejs, '<%- uv_texts[0] %>'), low(ejs, '<%- url_for(tag.path) %>')] },
    // an Express app's views/ beside a _config.yml (a CI or Jekyll file) is a server's template: raw output (low, as
    // nothing shows where its values come from)
    { code: ejs, path: 'views/layout/footer.ejs', files: { '_config.yml': 'theme: minima\n', 'app.js': "app.set('view engine', 'ejs');\n" }, errors: [{ ...at(ejs, '<%- uv_texts[0] %>', 'raw-output'), confidence: 'low' }, { ...at(ejs, '<%- url_for(tag.path) %>', 'raw-output'), confidence: 'low' }] },
    { code: ejs, path: 'views/footer.ejs', files: { '_config.yml': '', 'languages/en.json': '{}' }, errors: [{ ...at(ejs, '<%- uv_texts[0] %>', 'raw-output'), confidence: 'low' }, { ...at(ejs, '<%- url_for(tag.path) %>', 'raw-output'), confidence: 'low' }] },
    { code: ejs, path: 'layout/footer.ejs', files: { '_config.yml': '', 'package.json': '{ "name": "my-app" }' }, errors: [{ ...at(ejs, '<%- uv_texts[0] %>', 'raw-output'), confidence: 'low' }, { ...at(ejs, '<%- url_for(tag.path) %>', 'raw-output'), confidence: 'low' }] },
    // a request's value handed to the template still counts there (an app that renders a theme's layout itself)
    { code: ejs, path: 'layout/footer.ejs', files: { ...theme, 'server.js': "app.get('/', (req, res) => res.render('footer', { uv_texts: [req.query.t] }));\n" }, errors: [{ ...at(ejs, '<%- uv_texts[0] %>', 'raw-output'), confidence: 'medium' }, low(ejs, '<%- url_for(tag.path) %>')] },
  ],
});

ruleTester('unescaped-template-output', 'pug', {
  valid: [],
  invalid: [
    { code: pug, path: 'layout/includes/third-party/comments/disqus.pug', files: theme, errors: [low(pug, "!{theme.comments.use[0]}")] },
    { code: pug, path: 'layout/includes/third-party/comments/disqus.pug', errors: [{ ...at(pug, "!{theme.comments.use[0]}", 'raw-output'), confidence: 'low' }] },
  ],
});
