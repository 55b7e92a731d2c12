import { at, ruleTester } from '../harness';

const c1 = "const ejs = require('ejs');\napp.post('/preview', (req, res) => {\n  res.send(ejs.render(req.body.template, { user: req.user }));\n});";
const c2 = "import Handlebars from 'handlebars';\napp.get('/p', (req, res) => {\n  const tpl = Handlebars.compile('<p>' + req.query.greeting + '</p>');\n});";

ruleTester('template-injection', 'javascript', {
  valid: [
    "const ejs = require('ejs');\napp.get('/p', (req, res) => { res.send(ejs.render('<p><%= name %></p>', { name: req.query.name })); });",
    "app.get('/p', (req, res) => { res.render('profile', { name: req.query.name }); });",
  ],
  invalid: [
    { code: c1, errors: [at(c1, 'req.body.template', 'request:direct')] },
    { code: c2, errors: [at(c2, "'<p>' + req.query.greeting + '</p>'", 'request:direct')] },
  ],
});

const p1 = "from flask import Flask, request, render_template_string\n\n@app.route('/hello')\ndef hello():\n    name = request.args.get('name', 'world')\n    return render_template_string('<h1>Hello ' + name + '</h1>')";
const p2 = "from jinja2 import Template\n\ndef render(request):\n    return Template(request.POST['tpl']).render()";

ruleTester('template-injection', 'python', {
  valid: [
    "from flask import request, render_template_string\n@app.route('/hello')\ndef hello():\n    return render_template_string('<h1>Hello {{ name }}</h1>', name=request.args.get('name'))",
    "from flask import request, render_template\n@app.route('/hello')\ndef hello():\n    return render_template('hello.html', name=request.args.get('name'))",
  ],
  invalid: [
    { code: p1, errors: [at(p1, "'<h1>Hello ' + name + '</h1>'", 'request:direct')] },
    { code: p2, errors: [at(p2, "request.POST['tpl']", 'request:direct')] },
  ],
});
