// Families of one template: translated copies (`views/translations/login_fr.handlebars`) and minified ones
// (`login-min.handlebars`), generated from a source template, and the names code renders a template by.
import type { ProjectService } from '../../core/services';

/** Folders of translated copies, whose files end in a language code (`login_ja-jp.handlebars`, `default_zh-chs.hbs`). */
const COPY_DIR = /^(?:translations?|i18n|l10n|locales?|langs?|languages)$/i;
const LANG_SUFFIX = /_[a-z]{2,3}(?:[-_][a-z0-9]{2,4})?$/i;
const MINIFIED = /[-.]min$/i;

/**
 * The template this one is a generated copy of, when that exists: `views/translations/login-min_fr.handlebars` is a
 * translation of `views/login-min.handlebars`, itself the minified `views/login.handlebars`. Findings belong to the
 * source: thirty translations of one page are one flaw, reported once where it is fixed.
 */
export function familySource(project: ProjectService | undefined, path: string): string | undefined {
  const m = /^(?:(.*)\/)?([^/]+?)(\.[^./]+)$/.exec(path);
  if (!project || !m) return undefined;
  const [, dir = '', base, ext] = m;
  const folder = dir.split('/').pop() ?? '';
  const candidates: string[] = [];
  if (COPY_DIR.test(folder) && LANG_SUFFIX.test(base)) {
    const source = base.replace(LANG_SUFFIX, '');
    const parent = dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '';
    candidates.push(`${parent ? `${parent}/` : ''}${source}${ext}`, `${dir}/${source}${ext}`);
  }
  if (MINIFIED.test(base)) candidates.push(`${dir ? `${dir}/` : ''}${base.replace(MINIFIED, '')}${ext}`);
  return candidates.find((c) => c !== path && project.exists(c));
}

/** Names the template may go by in code: `login-mobile-min` is rendered as `login-mobile-min`, `login-mobile` or `login`. */
export function namesOf(path: string): string[] {
  const [file = '', folder = ''] = path.split('/').reverse();
  const base = file.replace(/\..*$/, '').replace(COPY_DIR.test(folder) ? LANG_SUFFIX : /$^/, '');
  const parts = base.split('-');
  return parts.map((_, i) => parts.slice(0, i + 1).join('-')).filter((n) => n.length > 1);
}

