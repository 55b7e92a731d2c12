// Flags production env files that switch debug or development mode on (`DEBUG=true`, `FLASK_DEBUG=1`,
// `NODE_ENV=development` in `.env.production`): assistants copy the dev `.env` and only rename it.
import type { Detector, DetectorContext } from '../../core/types';
import { RULE_META } from '../shared/rule-meta';

const PROD_FILE = /(^|\/)(\.env\.(prod|production)(\.[\w-]+)?|[\w-]*\.?(prod|production)\.env|(docker-)?compose[\w.-]*\.(prod|production)\.ya?ml|[\w-]*[.-](prod|production)\.ya?ml)$/i;
const LINE = /^[ \t]*(?:export[ \t]+|-[ \t]+)?(["']?)((?:[A-Z][A-Z0-9_]*_)?DEBUG|(?:NODE|FLASK|APP|RAILS|RACK|APP_|DJANGO_)?_?ENV|ENVIRONMENT)\1[ \t]*[=:][ \t]*(["']?)(true|1|yes|on|development|dev)\3[ \t]*(?:#.*)?$/gim;
const FLIP: Record<string, string> = { true: 'false', '1': '0', yes: 'no', on: 'off', development: 'production', dev: 'production' };

/** `flipped` written in the case style of `value` (TRUE -> FALSE, True -> False). */
function sameCase(value: string, flipped: string): string {
  if (value.length > 1 && value === value.toUpperCase()) return flipped.toUpperCase();
  if (/^[A-Z]/.test(value)) return flipped[0].toUpperCase() + flipped.slice(1);
  return flipped;
}

export const configDebugModeEnabled: Detector = {
  id: 'debug-mode-enabled',
  meta: RULE_META['debug-mode-enabled'],
  languages: ['dotenv', 'yaml'],
  keywords: ['debug', 'env'],
  run(ctx: DetectorContext) {
    if (!PROD_FILE.test(ctx.path)) return;
    LINE.lastIndex = 0;
    let count = 0;
    for (let m = LINE.exec(ctx.text); m; m = LINE.exec(ctx.text)) {
      if (++count % 64 === 0) ctx.checkBudget();
      const [, , name, , value] = m;
      const isDebug = /DEBUG$/i.test(name);
      // `NODE_ENV=1` means nothing, `DEBUG=development` neither.
      if (isDebug !== /^(true|1|yes|on)$/i.test(value)) continue;
      const nameStart = m.index + m[0].indexOf(name);
      const valueStart = m.index + m[0].lastIndexOf(value);
      const flipped = FLIP[value.toLowerCase()];
      ctx.report({
        start: nameStart, end: valueStart + value.length,
        message: isDebug
          ? `\`${name}\` is on in a production environment file, so error pages and debuggers can expose code, settings and secrets.`
          : `\`${name}=${value}\` in a production environment file runs the app in development mode (verbose errors, debug tooling, no hardening).`,
        fix: { title: `Vouch: Set ${name} to ${flipped}`, edits: [{ start: valueStart, end: valueStart + value.length, newText: sameCase(value, flipped) }] },
      });
    }
  },
};
