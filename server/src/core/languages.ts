// File name -> language id, and the comment syntax Vouch writes suppressions in.
import type { LanguageId } from './types';

const BY_EXTENSION: Record<string, LanguageId> = {
  '.js': 'javascript', '.mjs': 'javascript', '.cjs': 'javascript',
  '.jsx': 'javascriptreact',
  '.ts': 'typescript', '.mts': 'typescript', '.cts': 'typescript',
  '.tsx': 'typescriptreact',
  '.py': 'python', '.pyi': 'python',
  '.json': 'json', '.jsonc': 'jsonc',
  '.yaml': 'yaml', '.yml': 'yaml',
  '.tf': 'terraform', '.tfvars': 'terraform', '.hcl': 'terraform',
  '.sh': 'shellscript', '.bash': 'shellscript', '.zsh': 'shellscript',
  '.md': 'markdown', '.markdown': 'markdown',
  '.toml': 'toml', '.ini': 'ini', '.cfg': 'ini', '.properties': 'ini', '.conf': 'ini',
  '.txt': 'plaintext', '.env': 'dotenv',
  '.html': 'html', '.htm': 'html', '.ejs': 'ejs', '.hbs': 'handlebars', '.handlebars': 'handlebars', '.mustache': 'handlebars',
  '.pug': 'pug', '.jade': 'pug', '.njk': 'nunjucks', '.nunjucks': 'nunjucks', '.jinja': 'jinja', '.jinja2': 'jinja', '.j2': 'jinja',
};

/** A file name extension for a language (`.ts` for typescript); '' for dockerfile. */
export function extensionOf(language: LanguageId): string {
  if (language === 'dockerfile') return '';
  if (language === 'dotenv') return '.env';
  return Object.keys(BY_EXTENSION).find((ext) => BY_EXTENSION[ext] === language) ?? '.txt';
}

/** Language of a path (forward or back slashes), or undefined when Vouch does not analyse it. */
export function languageOf(path: string): LanguageId | undefined {
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const lower = base.toLowerCase();
  if (lower === '.env' || lower.startsWith('.env.') || lower.endsWith('.env')) return 'dotenv';
  if (lower === 'dockerfile' || lower.startsWith('dockerfile.') || lower.endsWith('.dockerfile')) return 'dockerfile';
  if (lower === 'containerfile') return 'dockerfile';
  const dot = lower.lastIndexOf('.');
  return dot > 0 || (dot === 0 && lower.length > 1) ? BY_EXTENSION[lower.slice(dot)] : undefined;
}

/** VS Code language ids that map onto ours (e.g. `properties` -> ini). */
export function normalizeLanguageId(id: string, path: string): LanguageId | undefined {
  switch (id) {
    case 'javascript': case 'javascriptreact': case 'typescript': case 'typescriptreact':
    case 'python': case 'json': case 'jsonc': case 'yaml': case 'dotenv': case 'dockerfile':
    case 'terraform': case 'shellscript': case 'markdown': case 'toml': case 'ini':
      return id;
    case 'github-actions-workflow': case 'dockercompose': return 'yaml';
    case 'html': case 'ejs': case 'handlebars': case 'pug': case 'nunjucks': case 'jinja': return id;
    case 'jade': return 'pug';
    case 'njk': return 'nunjucks';
    case 'jinja-html': case 'django-html': case 'jinja2': return 'jinja';
    case 'hcl': return 'terraform';
    case 'properties': return 'ini';
    case 'plaintext': return languageOf(path) ?? 'plaintext';
    default: return languageOf(path);
  }
}

export const JS_LIKE: readonly LanguageId[] = ['javascript', 'javascriptreact', 'typescript', 'typescriptreact'];

export interface CommentSyntax {
  open: string;
  close: string;
}

/** How to write a one-line comment in this language, or undefined when it has none (JSON). */
export function lineComment(lang: LanguageId): CommentSyntax | undefined {
  switch (lang) {
    case 'javascript': case 'javascriptreact': case 'typescript': case 'typescriptreact': case 'jsonc':
      return { open: '// ', close: '' };
    case 'markdown': case 'html':
      return { open: '<!-- ', close: ' -->' };
    // Template comments, so suppressions never reach the rendered page.
    case 'ejs':
      return { open: '<%# ', close: ' %>' };
    case 'handlebars':
      return { open: '{{!-- ', close: ' --}}' };
    case 'nunjucks': case 'jinja':
      return { open: '{# ', close: ' #}' };
    case 'pug':
      return { open: '//- ', close: '' };
    case 'json':
      return undefined;
    default:
      return { open: '# ', close: '' };
  }
}
