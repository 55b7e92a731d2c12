// Raw output in server-side templates (EJS `<%- x %>`, Handlebars `{{{x}}}`, Pug `!= x` and `!{x}`, Jinja/Nunjucks
// `| safe` and `{% autoescape false %}`), judged by the template's text and, when the code that renders it is in
// the workspace, by what that code passes (`judge`).
import type { DetectorContext, LanguageId } from '../../core/types';
import { literalMacroParameter } from './template-macros';
import { literalLoopOutput } from './template-loop-constants';
import type { Origin } from './template-render-args';
import type { BuildTime } from './static-site';
import { blockEvidence, rawEvidence } from './template-raw-evidence';

export const TEMPLATES: readonly LanguageId[] = ['ejs', 'handlebars', 'pug', 'nunjucks', 'jinja', 'html'];
/**
 * Per template language: a raw-output pattern whose group 1 holds the expression. They run over the
 * whole file, so they stay linear: the group is captured whole and trimmed by `expression` (a lazy group
 * before `\s*` rescans trailing blanks), and never runs past the next `{` (`{{{{…` restarts there).
 */
const RAW: Partial<Record<LanguageId, RegExp[]>> = {
  ejs: [/<%-([^%]*)%>/g],
  handlebars: [/\{\{\{([^{}]*)\}\}\}/g, /\{\{&([^{}]*)\}\}/g],
  pug: [/^[ \t]*(?:[\w.#:-]+(?:\([^)\n]*\))?)?!=[ \t]*(\S[^\n]*)$/gm, /!\{((?:[^{}\n]|\{[^{}\n]*\})+)\}/g],
  nunjucks: [/\{\{-?([^{}]*\|\s*safe\b[^{}]*)\}\}/g, /\{%-?\s*autoescape\s+(false|off)\s*-?%\}/g],
  jinja: [/\{\{-?([^{}]*\|\s*safe\b[^{}]*)\}\}/g, /\{%-?\s*autoescape\s+(false|off)\s*-?%\}/g],
};
RAW.html = RAW.jinja;
/** Output that is not data: partials, layout bodies, literal strings. */
const HARMLESS = /^(include\b|body$|>|yield\b|defineContent\b|block\b|(['"])(?:\\.|(?!\2)[^\\\n\r\u2028\u2029])*\2\s*(\|\s*safe)?$|(false|off)$)/;
/** Not raw: escaped again after `safe` (`| url_encode`), Jinja's `tojson` (escapes < > & '), a developer's help text or label, a form field's own call. */
const NOT_RAW = /\|\s*safe\b.*\|\s*(?:url_?encode|escape|e|force_escape|striptags|escapejs)\b|\|\s*tojson\b(?:\([^()]*\))?\s*\|\s*safe\s*$|^[\w.]*\b(?:help_text|verbose_name|schema\.description)\s*\||^(?:\w+\.)*field\([^()]*\)\s*\|\s*safe$/;
/** Helpers called with constants only (`exposeLocalsToBrowser()`, `{{{t "nav.home"}}}`) render the app's own markup. */
const LITERAL = `(?:'[^'\\n]*'|"[^"\\n]*"|\\d+)`;
const CONSTANT_CALL = new RegExp(`^[\\w$.]+\\(\\s*(?:${LITERAL}(?:\\s*,\\s*${LITERAL})*\\s*)?\\)$|^[\\w.-]+(?:\\s+${LITERAL})+$`);
/** Templates of other kinds of file (`settings.js.mustache`) no browser renders as HTML; mail bodies, where `autoescape off` is how Django writes text mail. */
// The output's kind may be followed by a generator's own tags (jhipster's `_persistClass_.java.jhi.spring_data_couchbase.ejs`).
const NOT_HTML_OUTPUT = /\.(?:[cm]?[jt]sx?|json|ya?ml|toml|ini|conf|cfg|env|properties|sh|ps1|py|rb|go|java|kt|kts|gradle|groovy|scala|swift|rs|cs|sql|txt|text|plain|md|markdown|csv|tsv|css|scss|dockerfile)(?:\.[\w-]+)*\.(?:ejs|hbs|handlebars|mustache|njk|nunjucks|j2|jinja2?|pug|tmpl|tpl)$/i;
/** A template named after the file it writes (`index.html.ejs`, `entity.component.html.ejs`, `pom.xml.ejs`). */
const NAMED_OUTPUT = /\/?[^/]+\.[\w-]+\.(?:ejs|hbs|handlebars|mustache|njk|nunjucks|pug|tmpl|tpl)$/i;
const MAIL_TEMPLATE = /(?:^|[/_.-])e?mails?(?:[/_.-]|templates?\/|$)/i;
/** Numbers by name (`user.id`, `obj.pk`, `item_id`, `forloop.counter`): no markup can be in them (a document's `_id` can be any string). */
const NUMERIC = /(?:^|\.)(?:id|pk|count|counter0?|length|size|index|total|num)$|[a-z0-9]_(?:id|pk|count)$/i;
/**
 * The deployment's own settings (Django's context processors: `STATIC_URL`, `HORIZON_CONFIG.x`, `settings.X`; an
 * extension's configuration: `flasgger_config.footer_text`, `config.title`): an operator's, not a visitor's.
 */
const SETTING = /^(?:settings\.|(?:[a-z]\w*_)?config\.|[A-Z][A-Z0-9]*_[A-Z0-9_]+\b|[A-Z]{3,}\b)/;
/**
 * View helpers that build a tag from their arguments (Rails-style, geddy's `{{{linkTo 'Home' mainsPath}}}`,
 * `!= linkTo(…)`; `imageTag`, `content_tag`): markup by design, as below.
 */
const TAG_HELPER = /^(?:link_?to|(?:image|script|stylesheet|style|content|mail|form|label|select|input|button|submit|text_?field|text_?area|javascript|css|meta)_?(?:tag|link|to|include_tag|field))\b(?![.\w$])/i;
/** Names of values that hold markup by design (`bodyHtml`, `content`, `attr_string`). */
const PRE_RENDERED = /html|content|body|markup|svg|css|style|head|script|partial|block|widget|snippet|embed|template|icon|attr|json/i;
/**
 * A query a debug or profiling panel shows (`query.sql|safe`, `formatted_sql`): marked safe because a formatter
 * (sqlparse's filters, Pygments) turned it into highlighted markup, escaping the query's text; raw SQL needs no `safe`.
 */
const HIGHLIGHTED_SQL = /^(?!request\.)(?:\w+\.)*(?:\w+_)?sql$/i;
/** The raw group without the delimiters' blanks and whitespace-control dash (`<%- x -%>`, `{{- x -}}`). */
const expression = (language: LanguageId, raw: string): string => {
  const e = (language === 'handlebars' || language === 'pug' ? raw : raw.replace(/-$/, '')).trim();
  // EJS runs its tag as a statement: `<%- render(); %>` writes what `<%- render() %>` does.
  return language === 'ejs' ? e.replace(/\s*;$/, '') : e;
};

/**
 * A template of program code, no HTML tag outside its own tags and the code's string literals (express-generator's
 * `bin/www`; iframely's `readerjs.ejs`, a script whose `$('<div>')` is a string): not HTML output either.
 */
const JS_STRING = /'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"/g;
const writesCode = (t: string, code = CODE, o = t.replace(/<%[^]*?%>|\{\{\{[^]*?\}\}\}|\{\{[^]*?\}\}|\{%[^]*?%\}/g, '')) => !/<\/?[A-Za-z!]/.test(o.replace(JS_STRING, "''")) && code.test(o);
/**
 * Program code (a code generator's `model.ejs`: `var Name = function () {…}`, `exports.Name = Name`), or a piece of it:
 * a line comment, a line that opens a block or closes one (mocks-server's config partials: `{{{name}}}: {` … `},`).
 */
const CODE = /^#!|\brequire\(|^\s*(?:import|export|def|class|function|\(function)\b|module\.exports|^\s*exports\.[\w$]*\s*=|^\s*(?:var|let|const)\s+[\w$]*\s*=\s*function\b|^[ \t]*\/\/|[{[][ \t]*$|^[ \t]*[}\]][,;)]*[ \t]*$/m;
/**
 * In a code generator's templates, also a statement: a line ending in `;` (jhipster's Java partials,
 * `<%- persistInstance %> = repository.save(x);`). Only there: a script partial of a page can end its lines so too.
 */
const GENERATED_CODE = new RegExp(`${CODE.source}|;[ \\t]*$`, 'm');

/**
 * Pug: whether offset `at` lies inside a tag's attribute list on its line (`.well(flow-file-added="!!{png:1}[ext]")`).
 * Attribute values are JavaScript expressions, and Pug interpolates no `!{…}` in them: a string there is literal.
 */
function inPugAttributes(text: string, at: number): boolean {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const head = /^[ \t]*(?:[\w:-]+|[.#][\w-])[\w.#:-]*(?:&attributes)?\(/.exec(text.slice(lineStart, at));
  if (!head) return false;
  let depth = 1;
  let quote = '';
  for (let i = lineStart + head[0].length; i < at; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return false;
  }
  return true;
}

/**
 * Reports the template's raw output. `judge` says where a value comes from when the code rendering the template is
 * in sight (by the value's first name): built from constants (not reported), from the server's own settings or
 * numbers (low), from the request (the rule's confidence, whatever its name), or unknown (low unless the template shows the request, an error's details or a user's own data: template-raw-evidence).
 */
export function templates(ctx: DetectorContext, judge: (name: string) => Origin | undefined = () => undefined, buildTime: BuildTime = undefined, importers?: () => readonly string[]): void {
  const patterns = RAW[ctx.languageId] ?? [];
  const generator = buildTime === 'generator';
  if ((ctx.languageId === 'html' && !/\{\{|\{%/.test(ctx.text)) || NOT_HTML_OUTPUT.test(ctx.path) || (ctx.languageId !== 'pug' && writesCode(ctx.text, generator ? GENERATED_CODE : CODE))) return;
  // A generator's template named after the file it writes is run once, when the generator runs, on the developer's
  // answers (jhipster's `index.html.ejs`); a view it copies as it is (generator-express' `views/error.ejs`) serves visitors.
  const generated = generator && NAMED_OUTPUT.test(ctx.path);
  const staticSite = buildTime === 'site';
  for (const re of patterns) {
    for (const m of ctx.text.matchAll(re)) {
      ctx.checkBudget();
      if (ctx.languageId === 'pug' && m[0].startsWith('!{') && inPugAttributes(ctx.text, m.index!)) continue;
      const expr = expression(ctx.languageId, m[1]);
      const bare = expr.replace(/\/\*[^]*?\*\/|\|\s*safe\s*$/g, '').trim();
      const block = /autoescape/.test(m[0]);
      const value = bare.replace(/\|.*$/, '').trim();
      if (block ? MAIL_TEMPLATE.test(ctx.path) : HARMLESS.test(bare) || NOT_RAW.test(expr) || CONSTANT_CALL.test(bare) || NUMERIC.test(value)) continue;
      const start = m.index! + m[0].indexOf(m[0].trimStart());
      const what = block ? 'turns autoescaping off for this block' : `writes \`${expr.slice(0, 40)}\` without escaping`;
      // Whether a raw value is attacker-controlled is decided where it is produced, often in another file.
      const origin = block ? undefined : judge(/^[A-Za-z_$][\w$]*/.exec(value)?.[0] ?? '');
      if (origin === 'const') continue;
      const request = origin === 'request';
      const server = origin === 'server';
      const markup = !block && !request && !server && (PRE_RENDERED.test(value) || HIGHLIGHTED_SQL.test(value) || /\.render\w*\(\s*\)$/.test(value) || TAG_HELPER.test(value));
      const setting = !block && !request && !markup && (server || SETTING.test(value));
      // Mail clients run no script: raw output in an e-mail is content spoofing at most (unleash's mailtemplates/).
      const mail = !block && !request && !markup && !setting && MAIL_TEMPLATE.test(ctx.path);
      // A macro's parameter that every call passes a literal, in the template or in those importing it: its own markup.
      // So is Pug output joining literals and the variables of loops over literal lists.
      const own = !block && !request && !markup && !setting && !mail && (literalMacroParameter(ctx.text, m.index!, value, importers) || (ctx.languageId === 'pug' && literalLoopOutput(ctx.text, m.index!, bare)));
      // A static site's template (a Hexo theme's layout) writes the author's config and posts, at build time.
      const site = !block && !request && !markup && !setting && !mail && !own && (staticSite || generated);
      ctx.report({
        start, end: m.index! + m[0].length,
        kind: block ? 'autoescape-off' : markup ? 'raw-markup' : server ? 'raw-server' : setting ? 'raw-setting' : mail ? 'raw-mail' : own ? 'raw-constant' : site ? (generated ? 'raw-generator' : 'raw-static-site') : 'raw-output',
        ...(block ? { confidence: blockEvidence(ctx.text, ctx.path, m.index!) ? 'medium' as const : 'low' as const } : { severity: 'info' as const, confidence: !markup && !setting && !mail && !own && !site && (request || rawEvidence(ctx.text, ctx.path, m.index!, value, expr)) ? 'medium' as const : 'low' as const }),
        message: `This template ${what}, so any HTML or script in the value runs in the visitor's browser; output it escaped, or sanitise it where it is stored.`,
      });
    }
  }
}

