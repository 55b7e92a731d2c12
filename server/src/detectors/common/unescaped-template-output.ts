// Flags raw output in server-side templates (EJS `<%- x %>`, Handlebars `{{{x}}}`, Pug `!= x` and
// `!{x}`, Jinja/Nunjucks `| safe` and `{% autoescape false %}`), engine settings that turn escaping off,
// and Jinja's own default (off) for HTML templates. Assistants reach for raw output to "render the HTML";
// one stored value later runs script for every visitor (CWE-79, CWE-116). Partials and layouts are fine.
import type { Node } from 'web-tree-sitter';
import { JS_LIKE } from '../../core/languages';
import type { AsyncDetectorContext, Detector, DetectorContext } from '../../core/types';
import { TEMPLATES, templates } from '../shared/template-raw-output';
import { familySource } from '../shared/template-families';
import { importingTemplates } from '../shared/template-macros';
import { renderedValues, type Origin } from '../shared/template-render-args';
import { includedValues } from '../shared/template-includes';
import { buildTimeTemplate } from '../shared/static-site';
import { markdown } from '../shared/unescaped-markdown';
import { mayRenderTextTemplates, rendersTextTemplates } from '../shared/text-templates';

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
/**
 * A static site generator's plugin (Hexo's renderers and generators: `require('hexo-fs')`, `hexo.extend.…`; Eleventy's
 * `eleventyConfig.…`): its engine renders the author's config and posts at build time, as the site's templates do. Low.
 */
const SITE_PLUGIN = /\brequire\(\s*['"]hexo(?:-[\w-]+)?['"]\s*\)|\bfrom\s+['"]hexo(?:-[\w-]+)?['"]|\bhexo\.extend\.|\beleventyConfig\.add\w+\(/;
/** HTML templates in the file: a `.html` name, an HTML content type or markup. */
const HTML_TEMPLATES = /\.html?['"]|text\/html|<html|<\/(?:div|p|body|span|a|td|li)>/i;
/** Environments for plain-text output (emails, their subject lines, CLI text) need no HTML escaping. */
const PLAIN_TEXT = /\b(txt|text|plain|email_txt|markdown|sql|subject)\b/i;
/** A template of a mail header (`handlebars.compile(from, { noEscape: true })`, vendure's sender line): plain text too. */
const HEADER_SOURCE = /\.compile\s*\(\s*(?:[\w$]+\.)*(?:from|sender|reply_?to|to|cc|bcc|subject)(?:_?(?:template|tpl|source|text|line))?\s*,/i;
/** The same call before a loose option (compiled output: `handlebars_1.default.compile(from, { noEscape: true })`). */
const HEADER_CALL = new RegExp(`${HEADER_SOURCE.source}\\s*\\{[^{};]*$`, 'i');
function config(ctx: DetectorContext, confidence?: 'low'): void {
  const ends = new Set<number>();
  const report = (start: number, end: number) => {
    if (ends.has(end)) return;
    ends.add(end);
    ctx.report({ start, end, kind: 'engine-config', ...(confidence && { confidence }), message: 'This template engine is configured with HTML escaping off, so every `{{ value }}` it renders is raw HTML; keep autoescaping on and mark only trusted, sanitised values as safe.' });
  };
  for (const re of CONFIG) {
    for (const m of ctx.text.matchAll(re)) {
      ctx.checkBudget();
      // A plain-text call's option is settled here: the loose search below must not report it again.
      if (!PLAIN_TEXT.test(m[0]) && !HEADER_SOURCE.test(m[0])) report(m.index!, m.index! + m[0].length);
      else ends.add(m.index! + m[0].length);
    }
  }
  if (ctx.languageId === 'python') return;
  for (const [re, engine] of LOOSE) {
    if (!engine.test(ctx.text)) continue;
    for (const m of ctx.text.matchAll(re)) if (!HEADER_CALL.test(ctx.text.slice(Math.max(0, m.index! - 300), m.index))) report(m.index!, m.index! + m[0].length);
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
    if ((TEMPLATES as readonly string[]).includes(ctx.languageId)) return;
    // A JS file that loads its templates by name, with no page in sight, is judged by them in the slow tier.
    if (/autoescape|noEscape/.test(ctx.text) && (ctx.languageId === 'python' || !mayRenderTextTemplates(ctx.text))) config(ctx, SITE_PLUGIN.test(ctx.text) ? 'low' : undefined);
    if (ctx.languageId === 'python') jinjaDefault(ctx);
    else if (/\bmarked\b/.test(ctx.text)) markdown(ctx);
  },
  // Slow tier for templates: a translated or minified copy whose source is in the workspace defers to it, and the
  // code that renders the template (when found) says where each raw value comes from.
  // Engine options the fast tier left here: low when the package's own templates are text (Markdown, JSON), or when it
  // is a documentation generator (raml2html), whose engine renders the author's spec once, as its templates do.
  async runAsync(ctx: AsyncDetectorContext) {
    const { project, workspace } = ctx.services;
    if ((JS_LIKE as readonly string[]).includes(ctx.languageId) && /autoescape|noEscape/.test(ctx.text) && mayRenderTextTemplates(ctx.text)) {
      config(ctx, rendersTextTemplates(project, ctx.path) || SITE_PLUGIN.test(ctx.text) || buildTimeTemplate(project, ctx.path) === 'site' ? 'low' : undefined);
    }
    if (!(TEMPLATES as readonly string[]).includes(ctx.languageId)) return;
    if (familySource(project, ctx.path)) return;
    let judge: ((name: string) => Origin | undefined) | undefined;
    let importers: readonly string[] | undefined;
    const tick = () => ctx.checkBudget();
    templates(
      ctx,
      // A partial no code renders by name is judged by what the templates including it are given.
      (name) => (judge ??= renderedValues(workspace, project, ctx.path, tick) ?? includedValues(workspace, project, ctx.path, tick) ?? (() => undefined))(name),
      buildTimeTemplate(project, ctx.path),
      () => (importers ??= importingTemplates(project, ctx.path, () => ctx.checkBudget())),
    );
  },
};
