// Flags raw output in server-side templates (EJS `<%- x %>`, Handlebars `{{{x}}}`, Pug `!= x` and
// `!{x}`, Jinja/Nunjucks `| safe` and `{% autoescape false %}`), engine settings that turn escaping off,
// and Jinja's own default (off) for HTML templates. Assistants reach for raw output to "render the HTML";
// one stored value later runs script for every visitor (CWE-79, CWE-116). Partials and layouts are fine.
import type { Node } from 'web-tree-sitter';
import { JS_LIKE } from '../../core/languages';
import type { Detector, DetectorContext, LanguageId } from '../../core/types';
import { literalMacroParameter } from '../shared/template-macros';
import { markdown } from './unescaped-markdown';

const TEMPLATES: readonly LanguageId[] = ['ejs', 'handlebars', 'pug', 'nunjucks', 'jinja', 'html'];
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
const NOT_HTML_OUTPUT = /\.(?:[cm]?js|ts|json|ya?ml|toml|ini|conf|cfg|env|properties|sh|ps1|py|rb|go|java|kt|cs|sql|txt|text|plain|csv|tsv|css|scss|dockerfile)\.(?:ejs|hbs|handlebars|mustache|njk|nunjucks|j2|jinja2?|pug|tmpl|tpl)$/i;
const MAIL_TEMPLATE = /(?:^|[/_.-])e?mails?(?:[/_.-]|templates?\/|$)/i;
/** Numbers by name (`user.id`, `obj.pk`, `item_id`, `forloop.counter`): no markup can be in them (a document's `_id` can be any string). */
const NUMERIC = /(?:^|\.)(?:id|pk|count|counter0?|length|size|index|total|num)$|[a-z0-9]_(?:id|pk|count)$/i;
/**
 * The deployment's own settings (Django's context processors: `STATIC_URL`, `HORIZON_CONFIG.x`, `settings.X`; an
 * extension's configuration: `flasgger_config.footer_text`, `config.title`): an operator's, not a visitor's.
 */
const SETTING = /^(?:settings\.|(?:[a-z]\w*_)?config\.|[A-Z][A-Z0-9]*_[A-Z0-9_]+\b|[A-Z]{3,}\b)/;
/** Names of values that hold markup by design (`bodyHtml`, `content`, `attr_string`). */
const PRE_RENDERED = /html|content|body|markup|svg|css|style|head|script|partial|block|widget|snippet|embed|template|icon|attr|json/i;
/** Engine settings that turn escaping off, in JS or Python (the call's options: at most 2,000 characters on). */
const CONFIG: RegExp[] = [
  /\b(?:nunjucks\.configure|new\s+nunjucks\.Environment|swig\.setDefaults|new\s+swig\.Swig|swig\.(?:compile|render)(?:File)?)\s*\([^;]{0,2000}?\bautoescape\s*:\s*false/g,
  /\b(?:Handlebars|handlebars|hbs)\.compile\s*\([^;]{0,2000}?\bnoEscape\s*:\s*true/g,
  /\bEnvironment\s*\([^;\n]{0,2000}?\bautoescape\s*=\s*False/g,
  /\bjinja_env\.autoescape\s*=\s*False/g,
];
/** The same options written apart from the call (`const opts = { autoescape: false }`), in a file that uses the engine. */
const LOOSE: Array<[RegExp, RegExp]> = [
  [/\bautoescape\s*:\s*false\b/g, /\brequire\(\s*['"](?:nunjucks|swig|swig-templates)['"]|\bfrom\s+['"](?:nunjucks|swig)['"]/],
  [/\bnoEscape\s*:\s*true\b/g, /\brequire\(\s*['"](?:handlebars|hbs|express-handlebars|express-hbs)['"]|\bfrom\s+['"](?:handlebars|hbs|express-handlebars|express-hbs)['"]/],
];
/** A Jinja environment (sandboxed too) that file imports. */
const JINJA_ENV = /^(?:jinja2\.(?:sandbox\.)?)?(?:Sandboxed|ImmutableSandboxed)?Environment$/;
/** Documentation and site generators render their authors' own text, not visitors'. */
const STATIC_GENERATOR = /^[ \t]*(?:from|import)[ \t]+(?:sphinx|mkdocs|pelican|nikola|nbconvert|pdoc)\b/m;
/** HTML templates in the file: a `.html` name, an HTML content type or markup. */
const HTML_TEMPLATES = /\.html?['"]|text\/html|<html|<\/(?:div|p|body|span|a|td|li)>/i;
/** Environments for plain-text output (emails, CLI text) need no HTML escaping. */
const PLAIN_TEXT = /\b(txt|text|plain|email_txt|markdown|sql)\b/i;
/** The raw group without the delimiters' blanks and whitespace-control dash (`<%- x -%>`, `{{- x -}}`). */
const expression = (language: LanguageId, raw: string): string => (language === 'handlebars' || language === 'pug' ? raw : raw.replace(/-$/, '')).trim();

/** A template of program code, no HTML tag outside its own tags (express-generator's `bin/www`): not HTML output either. */
const writesCode = (t: string, o = t.replace(/<%[^]*?%>|\{\{[^]*?\}\}|\{%[^]*?%\}/g, '')) => !/<\/?[A-Za-z!]/.test(o) && /^#!|\brequire\(|^\s*(?:import|export|def|class|function)\b|module\.exports/m.test(o);

function templates(ctx: DetectorContext): void {
  const patterns = RAW[ctx.languageId] ?? [];
  if ((ctx.languageId === 'html' && !/\{\{|\{%/.test(ctx.text)) || NOT_HTML_OUTPUT.test(ctx.path) || (ctx.languageId !== 'pug' && writesCode(ctx.text))) return;
  for (const re of patterns) {
    for (const m of ctx.text.matchAll(re)) {
      ctx.checkBudget();
      const expr = expression(ctx.languageId, m[1]);
      const bare = expr.replace(/\/\*[^]*?\*\/|\|\s*safe\s*$/g, '').trim();
      const block = /autoescape/.test(m[0]);
      const value = bare.replace(/\|.*$/, '').trim();
      if (block ? MAIL_TEMPLATE.test(ctx.path) : HARMLESS.test(bare) || NOT_RAW.test(expr) || CONSTANT_CALL.test(bare) || NUMERIC.test(value)) continue;
      const start = m.index! + m[0].indexOf(m[0].trimStart());
      const what = block ? 'turns autoescaping off for this block' : `writes \`${expr.slice(0, 40)}\` without escaping`;
      // Whether a raw value is attacker-controlled is decided where it is produced, in another file:
      // a hint to check it (lowest for values named as markup or an object's own `x.render()`), unlike a whole block with escaping off.
      const markup = !block && (PRE_RENDERED.test(value) || /\.render\w*\(\s*\)$/.test(value));
      const setting = !block && !markup && SETTING.test(value);
      // Mail clients run no script: raw output in an e-mail is content spoofing at most (unleash's mailtemplates/).
      const mail = !block && !markup && !setting && MAIL_TEMPLATE.test(ctx.path);
      // A macro's parameter that every call in the template passes a literal (mitmproxy's onboarding page): its own markup.
      const own = !block && !markup && !setting && !mail && literalMacroParameter(ctx.text, m.index!, value);
      ctx.report({
        start, end: m.index! + m[0].length,
        kind: block ? 'autoescape-off' : markup ? 'raw-markup' : setting ? 'raw-setting' : mail ? 'raw-mail' : own ? 'raw-constant' : 'raw-output',
        ...(block ? {} : { severity: 'info' as const, confidence: markup || setting || mail || own ? 'low' as const : 'medium' as const }),
        message: `This template ${what}, so any HTML or script in the value runs in the visitor's browser; output it escaped, or sanitise it where it is stored.`,
      });
    }
  }
}

function config(ctx: DetectorContext): void {
  const ends = new Set<number>();
  const report = (start: number, end: number) => {
    if (ends.has(end)) return;
    ends.add(end);
    ctx.report({ start, end, kind: 'engine-config', message: 'This template engine is configured with HTML escaping off, so every `{{ value }}` it renders is raw HTML; keep autoescaping on and mark only trusted, sanitised values as safe.' });
  };
  for (const re of CONFIG) {
    for (const m of ctx.text.matchAll(re)) {
      ctx.checkBudget();
      if (!PLAIN_TEXT.test(m[0])) report(m.index!, m.index! + m[0].length);
    }
  }
  if (ctx.languageId === 'python') return;
  for (const [re, engine] of LOOSE) {
    if (!engine.test(ctx.text)) continue;
    for (const m of ctx.text.matchAll(re)) report(m.index!, m.index! + m[0].length);
  }
}

/** Jinja's own default is escaping off: an `Environment(...)` without `autoescape` renders `.html` templates raw. */
function jinjaDefault(ctx: DetectorContext): void {
  if (!/\bjinja2\b/.test(ctx.text) || !HTML_TEMPLATES.test(ctx.text) || /\.autoescape\s*=/.test(ctx.text) || STATIC_GENERATOR.test(ctx.text)) return;
  const tree = ctx.python();
  for (const call of tree?.rootNode.descendantsOfType('call') ?? []) {
    ctx.checkBudget();
    const fn = call?.childForFieldName('function')?.text ?? '';
    if (!call || !JINJA_ENV.test(fn) || (!fn.startsWith('jinja2.') && !new RegExp(`from\\s+jinja2(?:\\.sandbox)?\\s+import\\s+\\(?[\\w\\s,]*\\b${fn}\\b`).test(ctx.text))) continue;
    const args = call.childForFieldName('arguments')?.namedChildren.filter((a): a is Node => !!a) ?? [];
    if (args.some((a) => a.type === 'dictionary_splat' || a.type === 'list_splat' || (a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'autoescape'))) continue;
    if (PLAIN_TEXT.test(call.text)) continue;
    ctx.report({
      start: call.startIndex, end: call.endIndex, kind: 'jinja-default',
      message: 'This Jinja environment leaves autoescaping at its default, which is off, so every `{{ value }}` in its HTML templates is raw HTML; pass `autoescape=select_autoescape()`.',
    });
  }
}

export const unescapedTemplateOutput: Detector = {
  id: 'unescaped-template-output',
  meta: { title: 'Unescaped output in a template', family: 'missing-input-validation', severity: 'warning', confidence: 'medium', cwe: ['CWE-79', 'CWE-116'], needs: ['python'] },
  languages: [...TEMPLATES, ...JS_LIKE, 'python'],
  keywords: ['<%-', '{{{', '{{&', '!=', '!{', 'safe', 'autoescape', 'noescape', 'jinja2', 'marked'],
  run(ctx: DetectorContext) {
    if ((TEMPLATES as readonly string[]).includes(ctx.languageId)) return templates(ctx);
    if (/autoescape|noEscape/.test(ctx.text)) config(ctx);
    if (ctx.languageId === 'python') jinjaDefault(ctx);
    else if (/\bmarked\b/.test(ctx.text)) markdown(ctx);
  },
};
