// Escaping left off by an engine's own default (Jinja) or by options written apart from the call,
// and marked's HTML put into the page unsanitised.
import { at, ruleTester } from '../harness';

const jd = "from jinja2 import Environment, FileSystemLoader\nenv = Environment(loader=FileSystemLoader('templates'))\nhtml = env.get_template('index.html').render(user=user)";
const jm = "import jinja2\nenv = jinja2.Environment(\n    loader=jinja2.PackageLoader('app'),\n)\npage = env.get_template('page.html')";
const js = "from jinja2.sandbox import SandboxedEnvironment\nenv = SandboxedEnvironment()\nout = env.from_string('<p>{{ bio }}</p>').render(bio=bio)";

ruleTester('unescaped-template-output', 'python', {
  valid: [
    "from jinja2 import Environment, FileSystemLoader, select_autoescape\nenv = Environment(loader=FileSystemLoader('templates'), autoescape=select_autoescape())\nenv.get_template('index.html')",
    "from jinja2 import Environment\nenv = Environment(autoescape=True)\nenv.get_template('index.html')",
    // Code and config generation: no HTML anywhere.
    "from jinja2 import Environment, FileSystemLoader\nenv = Environment(loader=FileSystemLoader('templates'))\nenv.get_template('Dockerfile.j2').render(image=image)",
    "from jinja2 import Environment\nenv = Environment(**options)\nenv.get_template('index.html')",
    "from jinja2 import Environment\nenv = Environment()\nenv.autoescape = True\nenv.get_template('index.html')",
    "from jinja2 import Environment\ntext_env = Environment(loader=FileSystemLoader('templates/txt'))\nx = 'a.html'",
    // A documentation generator renders its authors' text.
    "from jinja2 import Environment\nfrom sphinx.application import TemplateBridge\nenv = Environment()\nenv.get_template('layout.html')",
    // Someone else's Environment.
    "from myapp.env import Environment\nenv = Environment()\nx = 'index.html'",
  ],
  invalid: [
    { code: jd, errors: [at(jd, "Environment(loader=FileSystemLoader('templates'))", 'jinja-default')] },
    { code: jm, errors: [at(jm, "jinja2.Environment(\n    loader=jinja2.PackageLoader('app'),\n)", 'jinja-default')] },
    { code: js, errors: [at(js, 'SandboxedEnvironment()', 'jinja-default')] },
  ],
});

const nj = "const nunjucks = require('nunjucks');\nconst opts = { autoescape: false, watch: true };\nnunjucks.configure('views', opts);";
const hb = "const { engine } = require('express-handlebars');\napp.engine('hbs', engine({ extname: '.hbs', compilerOptions: { noEscape: true } }));";
const sw = "const swig = require('swig');\nconst tpl = swig.compileFile('views/page.html', { autoescape: false });";
const mk = "import { marked } from 'marked';\npreview.innerHTML = marked(textarea.value);";
const mr = "import { marked } from 'marked';\nexport const Post = ({ body }) => <div dangerouslySetInnerHTML={{ __html: marked.parse(body) }} />;";

ruleTester('unescaped-template-output', 'javascript', {
  valid: [
    "const nunjucks = require('nunjucks');\nconst opts = { autoescape: true };\nnunjucks.configure('views', opts);",
    // `autoescape: false` in a file that uses no HTML engine (a code generator's own option).
    'const opts = { autoescape: false };\nrender(opts);',
    "import { marked } from 'marked';\nimport DOMPurify from 'dompurify';\npreview.innerHTML = DOMPurify.sanitize(marked(textarea.value));",
    "import { marked } from 'marked';\nel.innerHTML = marked('# Welcome');",
    "import { marked } from 'marked';\nconst html = marked(readme);",
  ],
  invalid: [
    { code: nj, errors: [at(nj, 'autoescape: false', 'engine-config')] },
    { code: hb, errors: [at(hb, 'noEscape: true', 'engine-config')] },
    { code: sw, errors: [at(sw, "swig.compileFile('views/page.html', { autoescape: false", 'engine-config')] },
    { code: mk, errors: [{ ...at(mk, '.innerHTML = marked(', 'markdown-unsanitised'), severity: 'info', confidence: 'low' }] },
    { code: mr, path: 'src/post.jsx', errors: [{ ...at(mr, '__html: marked.parse(', 'markdown-unsanitised'), confidence: 'low' }] },
  ],
});
