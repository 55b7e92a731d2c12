// Flags static file serving rooted where it exposes more than assets: the project root (`__dirname`,
// `'.'`, `process.cwd()`, `BASE_DIR`: package.json, .env and the source), a folder named for logs,
// backups, dumps or a VCS/credential folder, or with dotfiles served (`dotfiles: 'allow'`). Assistants
// write `app.use(express.static(__dirname))` to "serve index.html" (CWE-538, CWE-552).
import { JS_LIKE } from '../../core/languages';
import type { Detector, DetectorContext } from '../../core/types';
import { staticMounts } from '../shared/static-mounts';

export const sensitiveFolderServed: Detector = {
  id: 'sensitive-folder-served',
  meta: {
    title: 'Project root, logs or backups served as static files',
    family: 'sensitive-data-exposure',
    severity: 'error',
    confidence: 'high',
    cwe: ['CWE-538', 'CWE-552'],
    needs: [staticMounts.id],
  },
  languages: [...JS_LIKE, 'python'],
  keywords: ['static', 'serve', 'sirv', 'send_from_directory'],
  run(ctx: DetectorContext) {
    for (const m of ctx.get(staticMounts) ?? []) {
      if (m.guarded) continue;
      const s = m.served;
      // A listing of the root or of logs is directory-listing-exposed's finding (one finding, not two).
      if (s && m.root && !m.listing) {
        const literal = /^['"`]/.test(s.name);
        ctx.report({
          start: m.root.start, end: m.root.end, kind: s.what,
          severity: s.what === 'root' ? 'error' : 'warning',
          confidence: s.what === 'root' || literal ? 'high' : 'medium',
          message: s.what === 'root'
            ? `\`${m.server}\` serves the project's own folder (\`${s.name.slice(0, 50)}\`), so anyone can download its source, configuration and \`.env\` (package.json, settings.py); serve a dedicated \`public\` or \`static\` folder instead.`
            : `\`${m.server}\` serves ${s.name.slice(0, 50)}, a folder of logs, backups or repository data, to anyone who guesses a file name; keep it off the web server or behind authentication.`,
        });
      }
      if (m.dotfiles) {
        ctx.report({
          start: m.dotfiles.start, end: m.dotfiles.end, kind: 'dotfiles', severity: 'warning', confidence: 'high',
          message: `\`${m.server}\` serves dotfiles, so a \`.env\`, \`.git/\` or \`.htpasswd\` in the folder is one request away; leave dotfiles ignored (the default).`,
        });
      }
    }
  },
};
