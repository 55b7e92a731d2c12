// Modules JSDoc supplies to the templates and plugins it runs (undeclared-dependency).
import semver from 'semver';
import type { AsyncDetectorContext } from '../../../core/types';
import type { Collected, Located } from './collect';
import { jsdocTemplateManifest } from '../../shared/static-site';

/**
 * A JSDoc template's or plugin's code (its `publish.js` requires `jsdoc/…`, or its manifest says it is one): JSDoc loads
 * it with its own module paths (requizzle, `infect: true`), so `jsdoc/…` is JSDoc's lib, never the package's to declare,
 * and JSDoc's own dependencies resolve too (`taffydb` in 3.x, `underscore`): shown, not alarmed about, as a major of
 * JSDoc may drop one (4.0 replaced taffydb).
 */
const JSDOC_REQUIRE = /\brequire\(\s*['"]jsdoc\/|\bfrom\s+['"]jsdoc\//;
const JSDOC_DEPS = new Set(['taffydb', '@jsdoc/salty', 'underscore', 'catharsis', 'marked', 'markdown-it', 'markdown-it-anchor', 'js2xmlparser', 'klaw', 'mkdirp', 'requizzle', 'strip-json-comments', 'bluebird', 'escape-string-regexp', '@babel/parser', 'espree']);
/** The first JSDoc major that no longer ships a module (4.0 replaced taffydb with @jsdoc/salty). */
const DROPPED_IN: Record<string, number> = { taffydb: 4 };

export function jsdocHosted(ctx: AsyncDetectorContext, c: Collected, r: Located): 'jsdoc' | 'dependency' | undefined {
  if (r.ecosystem !== 'npm' || (r.name !== 'jsdoc' && !JSDOC_DEPS.has(r.name))) return undefined;
  const manifest = c.npm?.manifests[0]?.text;
  if (!JSDOC_REQUIRE.test(ctx.text) && !(manifest !== undefined && jsdocTemplateManifest(manifest))) return undefined;
  if (r.name === 'jsdoc') return 'jsdoc';
  // The JSDoc the manifests declare no longer ships it (fluent-ffmpeg's doc template requires taffydb under
  // `"jsdoc": "^4.0.0"`): nothing supplies it, so the doc build breaks.
  const dropped = DROPPED_IN[r.name];
  return dropped !== undefined && (declaredJsdocMajor(c) ?? 0) >= dropped ? undefined : 'dependency';
}

/** The lowest JSDoc major the manifests up the tree allow, when one declares jsdoc with a registry range. */
function declaredJsdocMajor(c: Collected): number | undefined {
  for (const m of c.npm?.manifests ?? []) {
    const e = m.manifest.entries.find((x) => x.name === 'jsdoc' && !x.local);
    const min = e && semver.validRange(e.spec) ? semver.minVersion(e.spec) : null;
    if (min) return min.major;
  }
  return undefined;
}
