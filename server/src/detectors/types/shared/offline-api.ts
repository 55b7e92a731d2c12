// phantom-member for packages that are not installed: member reads and named imports checked
// against the bundled API facts (rules/data/npm-api-facts.json.gz) of every major the declared
// version range allows. A name is missing only when it is missing from all of them; an unknown
// package, major, shape or open (index-signature) type says nothing. Installed typings win: a
// package with declarations in node_modules (its own or @types) is the type checker's business.
import type { ApiPackService, PackedApi, ProjectService } from '../../../core/services';
import { API_PACK } from '../../../core/services';
import type { AsyncDetectorContext, SlowFact } from '../../../core/types';
import { TEMPLATE_DIR } from '../../deps/shared/collect';
import { ancestors, join, npmProject } from '../../deps/shared/project-npm';
import { majorsFor, membersOf, rootPkg, suggest } from './api-pack-lookup';
import { collectOfflineUses } from './offline-bindings';
import { jsNodes } from '../../shared/js-nodes';
import { mayUsePacked, offlineKinds } from './offline-syntax';

export interface OfflineFact {
  kind: 'offline-member' | 'offline-export';
  start: number;
  end: number;
  subject: string;
  /** `lodash@4`, `express@4 or 5`, `fetch`. */
  source: string;
  suggestion?: string;
  /** A major the name exists in, outside the allowed ones (`express@3`): an API removed or added since. */
  elsewhere?: string;
  /** The package is declared nowhere in sight and the pack knows one major: which one the code means is a guess. */
  guessed?: boolean;
  /** An export's member missing only from hand-written `@types/…` facts, which omit some run-time exports (mongodb 3's `Map`). */
  handTyped?: boolean;
}

/** Members every function and object has (the pack lists only declared ones). */
const BUILTIN = new Set(['apply', 'bind', 'call', 'length', 'name', 'toString', 'valueOf', 'constructor', 'prototype',
  'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', '__proto__', 'default', '__esModule']);

/**
 * Members a package has at run time that the typings its facts come from leave out, deprecated aliases
 * mostly: bluebird 3 still defines `Promise.pending` beside `defer` (kraken-js's config loader uses it) and
 * `Promise.settle` beside `reflect` (db-migrate's seeder). bluebird's list is every public member of 3.7.2's
 * `Promise` and its prototype that @types/bluebird@3.5 omits. winston 3 exports `Transport` (winston-transport, the base class
 * custom transports extend) while its typings name it `transport`. sharp 0.x sets lookup tables its own typings leave out (sharp-cli lists them).
 * marked 4 exports `parse`, `use`… beside `marked`, which @types/marked@4 declares only in the `marked` namespace (tldr calls `marked.parse`). */
const UNTYPED: Readonly<Record<string, ReadonlySet<string>>> = {
  bluebird: new Set(['pending', 'settle', 'fulfilled', 'rejected', 'spawn', 'break', 'isCancellable', 'hasLongStackTraces',
    'onUnhandledRejectionHandled', 'PromiseInspection', 'RejectionError', 'TypeError', 'RangeError']),
  winston: new Set(['Transport']), sharp: new Set(['blend', 'colourspace', 'colorspace', 'position']), marked: new Set(['Hooks', 'defaults', 'getDefaults', 'lexer', 'options', 'parse', 'parseInline', 'parser', 'setOptions', 'use', 'walkTokens']),
};

/**
 * Plugin ecosystems: one `dayjs.extend(utc)` or `moment-timezone` import anywhere in the app (or a
 * script tag, for jQuery) adds members to the shared export and its results (`dayjs.utc`, `$(el).modal`).
 */
const PATCHED_ANYWHERE = new Set(['dayjs', 'moment', 'jquery', 'joi', 'numeral']);
/** Companions that add nothing to the values of the package they are named after. */
const QUIET_COMPANIONS = /^express-(?:session|validator|rate-limit|fileupload|handlebars|async-handler|async-errors|jwt|winston|static-gzip|mongo-sanitize|basic-auth|useragent|promise-router)$/;

/** Whether the project declares a plugin of `pkg` (`moment-timezone`, `express-ws`, `jquery.cookie`). */
function augmentable(pkg: string, declared: readonly string[]): boolean {
  return declared.some((d) => (d.startsWith(`${pkg}-`) || d.startsWith(`${pkg}.`)) && !QUIET_COMPANIONS.test(d));
}

type Installed = 'typed' | { version: string } | undefined;

function readJson(project: ProjectService, path: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(project.readFile(path) ?? 'null');
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** How `pkg` is installed around `path`: with declarations (`typed`), as plain JS (its version), or not. */
function installed(project: ProjectService, path: string, pkg: string): Installed {
  const typesDir = `@types/${pkg.startsWith('@') ? pkg.slice(1).replace('/', '__') : pkg}`;
  let plain: { version: string } | undefined;
  for (const dir of ancestors(path)) {
    if (project.exists(join(dir, `node_modules/${typesDir}/package.json`))) return 'typed';
    const pj = plain ? undefined : readJson(project, join(dir, `node_modules/${pkg}/package.json`));
    if (!pj) continue;
    const main = String(pj.main ?? 'index.js').replace(/^\.\//, '').replace(/\.[cm]?js$/, '');
    if (pj.types || pj.typings || /"types"\s*:/.test(JSON.stringify(pj.exports ?? {})) || project.exists(join(dir, `node_modules/${pkg}/${main}.d.ts`)) || project.exists(join(dir, `node_modules/${pkg}/index.d.ts`))) return 'typed';
    plain = { version: typeof pj.version === 'string' ? pj.version : '' };
  }
  return plain;
}

/** Offline facts about this file's uses of packages that are not installed. */
export const offlineApiFacts: SlowFact<readonly OfflineFact[]> = {
  id: 'offline-api-facts',
  async compute(ctx: AsyncDetectorContext) {
    const pack = (ctx.services[API_PACK] as ApiPackService | undefined)?.pack();
    const project = ctx.services.project;
    // Most files use no packed package: the walk is skipped for them, and the manifests are read only for those that do.
    if (!pack || !project || !mayUsePacked(ctx.text, (pkg) => !!pack.packages[pkg])) return [];
    const sf = ctx.js();
    if (!sf) return [];
    const uses = collectOfflineUses(sf, ctx.get(jsNodes)?.of(offlineKinds()) ?? [], () => ctx.checkBudget());
    const inPack = (pkg: string | undefined) => pkg === undefined || !!pack.packages[pkg];
    if (!uses.imports.some((i) => inPack(i.pkg)) && !uses.members.some((m) => inPack(rootPkg(m.shape)))) return [];
    const deps = npmProject(project, ctx.path);
    const majorsOf = new Map<string, { pkg: string; majors: string[]; guessed: boolean } | undefined>();
    const versions = (pkg: string) => {
      if (majorsOf.has(pkg)) return majorsOf.get(pkg);
      const entry = pack.packages[pkg];
      const how = entry && !uses.augmented.has(pkg) && !deps.local.has(pkg) ? installed(project, ctx.path, pkg) : 'typed';
      const known = entry ? Object.keys(entry.majors) : [];
      const range = how === 'typed' ? undefined : how ? how.version : deps.declared.get(pkg)?.spec;
      // Nothing says which major: with no manifest in sight (a build folder scanned alone) and one
      // major in the pack, the code may be written for an older one (vendure's typeorm 0.3 against 1.x).
      const unknowable = range === undefined && !deps.manifests.length && known.length < 2;
      const majors = how === 'typed' || unknowable || (range !== undefined && deps.declared.get(pkg)?.local) ? undefined : majorsFor(known, range);
      // A template under a generator's manifest (foal-cli's `lib/generate/templates/`) is written for the project's
      // manifest, which pins the major (typeorm 0.3's `ObjectId` against the pack's 1.x): shown, at low confidence.
      const dir = deps.manifests[0]?.path.replace(/[^/]*$/, '') ?? '';
      const guessed = range === undefined && known.length < 2 && ctx.path.slice(dir.length).split('/').slice(0, -1).some((s) => TEMPLATE_DIR.test(s));
      majorsOf.set(pkg, majors && { pkg, majors, guessed });
      return majorsOf.get(pkg);
    };
    const out: OfflineFact[] = [];
    const check = (kind: OfflineFact['kind'], use: { name: string; start: number; end: number; subject: string; ns?: boolean }, pkg: string, lists: (p: PackedApi) => string | undefined) => {
      if (BUILTIN.has(use.name) || UNTYPED[pkg]?.has(use.name)) return;
      const v = versions(pkg);
      if (!v) return;
      const entry = pack.packages[pkg];
      const got = v.majors.map((m) => lists(entry.majors[m]));
      // No list, an open one, or an empty one (a shape the typings do not spell out): nothing to say.
      if (got.some((l) => !l?.trim() || l.split(' ').includes('*')) || got.some((l) => ` ${l} `.includes(` ${use.name} `))) return;
      const other = Object.keys(entry.majors).filter((m) => !v.majors.includes(m)).find((m) => ` ${lists(entry.majors[m]) ?? ''} `.includes(` ${use.name} `));
      const source = `${pkg}@${v.majors.join(' or ')}`;
      const hand = (m: string) => entry.majors[m].from.startsWith('@types/'), handTyped = !!use.ns && v.majors.every(hand) && !(other && hand(other));
      out.push({ kind, start: use.start, end: use.end, subject: use.subject, source, suggestion: suggest(use.name, got as string[]), elsewhere: other && `${pkg}@${other}`, guessed: v.guessed || undefined, handTyped: handTyped || undefined });
    };
    for (const i of uses.imports) check('offline-export', { ...i, subject: i.name }, i.pkg, (f) => (f.d === '*' ? '*' : `${f.e} ${f.d ?? ''}`));
    const declared = [...deps.declared.keys()];
    for (const m of uses.members) {
      ctx.checkBudget();
      const root = rootPkg(m.shape);
      // Values a package returns are where plugins add members (`moment().tz` from moment-timezone, `$(el).modal`).
      if (root && (PATCHED_ANYWHERE.has(root) || (m.shape.kind !== 'ns' && augmentable(root, declared)))) continue;
      if (m.shape.kind === 'fetch') {
        const list = pack.globals?.fetch?.a;
        if (list && list !== '*' && !BUILTIN.has(m.name) && !` ${list} `.includes(` ${m.name} `)) out.push({ kind: 'offline-member', start: m.start, end: m.end, subject: m.subject, source: 'fetch', suggestion: suggest(m.name, [list]) });
        continue;
      }
      if (root) check('offline-member', { ...m, ns: m.shape.kind === 'ns' }, root, (f) => membersOf(f, m.shape));
    }
    return out.sort((a, b) => a.start - b.start);
  },
};
