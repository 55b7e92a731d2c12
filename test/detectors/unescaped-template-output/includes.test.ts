import { at, ruleTester } from '../harness';

// A partial no code renders by name is judged by what the templates including it are given (fresh sample BB:
// generator-express' header.ejs writes `<%- title %>`, and every page that includes it is rendered with a literal title).
const header = '<!doctype html>\n<html>\n<head>\n  <title><%- title %></title>\n</head>\n<body>\n';
const page = "<% include header %>\n<h1><%= title %></h1>\n<% include footer %>\n";
const error = "<%- include('header') %>\n<p><%= message %></p>\n";
const views = { 'views/index.ejs': page, 'views/error.ejs': error, 'views/footer.ejs': '</body>\n</html>\n' };
const constTitles = "app.get('/', (req, res) => res.render('index', { title: 'Home' }));\napp.use((err, req, res, next) => res.render('error', { title: 'Error', message: err.message }));\n";
const queryTitle = "app.get('/', (req, res) => res.render('index', { title: 'Home' }));\napp.use((err, req, res, next) => res.render('error', { title: req.query.q, message: err.message }));\n";
const oneUnrendered = "app.get('/', (req, res) => res.render('index', { title: 'Home' }));\n";
const medium = { ...at(header, '<%- title %>', 'raw-output'), confidence: 'medium' };
// without a request value in sight the title's origin is unknown: kept, at low confidence
const kept = { ...at(header, '<%- title %>', 'raw-output'), confidence: 'low' };

ruleTester('unescaped-template-output', 'ejs', {
  valid: [
    { code: header, path: 'views/header.ejs', files: { ...views, 'app.js': constTitles } },
    // a partials folder's header, included from the pages above it
    { code: header, path: 'views/partials/header.ejs', files: { 'views/index.ejs': page.replace('include header', "include('partials/header')"), 'views/error.ejs': error.replace("'header'", "'partials/header'"), 'app.js': constTitles } },
  ],
  invalid: [
    { name: 'a page passing a query value as the title', code: header, path: 'views/header.ejs', files: { ...views, 'app.js': queryTitle }, errors: [medium] },
    { name: 'an including page no code renders: the partial\'s own verdict', code: header, path: 'views/header.ejs', files: { ...views, 'app.js': oneUnrendered }, errors: [kept] },
    { name: 'no template includes it', code: header, path: 'views/header.ejs', files: { 'app.js': constTitles }, errors: [kept] },
    { name: 'a partials folder\'s header, a page passing a query value', code: header, path: 'views/partials/header.ejs', files: { 'views/index.ejs': page.replace('include header', "include('partials/header')"), 'views/error.ejs': error.replace("'header'", "'partials/header'"), 'app.js': queryTitle }, errors: [medium] },
  ],
});
