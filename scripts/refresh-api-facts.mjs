#!/usr/bin/env node
// Rebuilds rules/data/npm-api-facts.json.gz: for the most used npm runtime libraries, per major
// version, the names their published typings export and the members of their default/namespace
// export, of what calling it returns, and of exported classes and objects. phantom-member checks
// member reads against it when a package is not installed (installed typings always win).
//
// Usage: node scripts/refresh-api-facts.mjs --work <scratch-dir> [--out <dir>] [--only a,b] [--resume] [--taken YYYY-MM]
//   For each package and major: `npm install` of `name@major` into <scratch-dir> (npm's own fetching,
//   so the registry is whatever the user's npm configuration names; scripts never run), then
//   `@types/name@major` when the package ships no declarations. The typings are read with the
//   TypeScript compiler API; nothing from the packages is executed.
//
// Format (JSON, gzip'd): { v: 1, taken, packages: { name: { latest, majors: { "4": Facts } } } }
//   Facts: { from: "express@4.21.2" | "@types/express@4.17.21", e: "exports…", d?: "members…",
//            r?: "members…", a?: "members…", n?: "members…", o?: { Export: "members…" } }
//   and `globals: { fetch: { a: "members…" } }` (the Response that awaiting `fetch(…)` gives).
//   Member lists are sorted names joined by one space; `*` as a list means open (index signature,
//   `any`): everything passes. d: the default export (CommonJS `export =` value), r: what calling it
//   returns, a: what awaiting that gives (when it is a promise), n: what `new` on it returns; o: members of exported objects/classes (static and, with
//   a `#`, instance members: "create #get #post").
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import ts from 'typescript';

// Runtime libraries with a public object API, from the top of npm-popular.tsv.gz; extra majors
// where a major removed well-known APIs (Express 3 → 4 removed app.configure, bodyParser()…).
const PACKAGES = {
  express: [3, 4], lodash: [3], axios: [0], moment: [], 'fs-extra': [9, 10], jsonwebtoken: [8], bcrypt: [], bcryptjs: [],
  mongoose: [5, 6, 7], sequelize: [5], uuid: [3, 8, 9], chalk: [2, 4], commander: [2, 7, 9], yargs: [15, 16], dotenv: [],
  'body-parser': [], cors: [], helmet: [3, 4], 'cookie-parser': [], 'express-session': [], multer: [], ws: [7], redis: [3],
  ioredis: [4], pg: [], mysql2: [2], mysql: [], knex: [0, 2], dayjs: [], 'date-fns': [2], ramda: [], underscore: [],
  bluebird: [], async: [2], request: [], 'node-fetch': [2], cheerio: [0], jquery: [2], 'socket.io': [2], 'socket.io-client': [2],
  joi: [], yup: [], zod: [3], 'class-validator': [], passport: [], 'passport-local': [], 'passport-jwt': [], morgan: [],
  winston: [2], pino: [], debug: [], semver: [], minimist: [], glob: [7, 8], rimraf: [2, 3], mkdirp: [0], 'js-yaml': [3], yaml: [],
  ajv: [6], 'cross-spawn': [], execa: [5], 'node-cron': [], 'cron': [], nodemailer: [], 'connect-redis': [6],
  compression: [], 'serve-static': [], 'http-errors': [], 'http-proxy': [], 'http-proxy-middleware': [2], 'express-validator': [6],
  'express-rate-limit': [6], 'rate-limiter-flexible': [], 'cookie': [0], qs: [], 'query-string': [7], 'form-data': [3], got: [11],
  superagent: [], 'graphql': [15], 'apollo-server-express': [], mongodb: [3, 4, 5], 'pg-promise': [], sqlite3: [], 'better-sqlite3': [],
  'typeorm': [], stripe: [], 'twilio': [], sharp: [],
  jimp: [], 'xml2js': [], 'csv-parse': [4], papaparse: [], 'iconv-lite': [], 'mime-types': [], mime: [1, 3], 'validator': [],
  'sanitize-html': [], 'marked': [4], 'markdown-it': [], handlebars: [], ejs: [], pug: [], nunjucks: [],
  immutable: [3], rxjs: [6], 'eventemitter3': [], 'p-limit': [3], 'lru-cache': [6, 7], 'node-cache': [], 'bull': [], 'bullmq': [],
  'amqplib': [], kafkajs: [], '@elastic/elasticsearch': [7], 'puppeteer': [], 'inquirer': [8],
  ora: [5], 'cli-table3': [], 'colors': [], 'fastify': [3], koa: [], 'koa-router': [], '@hapi/hapi': [], 'node-schedule': [],
  'shelljs': [], 'archiver': [], 'adm-zip': [], 'jszip': [], 'crypto-js': [], 'bignumber.js': [], 'decimal.js': [], 'numeral': [],
  'classnames': [], 'nanoid': [3], 'shortid': [], 'slugify': [], 'pluralize': [], 'lodash-es': [], 'deepmerge': [], 'object-hash': [],
};

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (k) => { const i = args.indexOf(k); return i >= 0 ? args[i + 1] : undefined; };
const work = opt('--work');
if (!work) {
  console.error('usage: node scripts/refresh-api-facts.mjs --work <scratch-dir> [--out <dir>] [--only a,b] [--taken YYYY-MM]');
  process.exit(2);
}
const out = resolve(opt('--out') ?? join(here, '..', 'rules', 'data'));
const only = opt('--only')?.split(',');
const taken = opt('--taken') ?? new Date().toISOString().slice(0, 7);

const run = promisify(execFile);
const npm = async (argv, cwd) => (await run('npm', argv, { cwd, encoding: 'utf8', timeout: 300_000, maxBuffer: 64 << 20 })).stdout;
/** Installs at a time: npm waits on the network, so a few in parallel keep one core busy at most. */
const CONCURRENCY = 4;
const INSTALL = ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--no-package-lock', '--legacy-peer-deps', '--omit=optional', '--loglevel=error'];

async function latestMajor(name) {
  try {
    const v = JSON.parse(await npm(['view', name, 'dist-tags.latest', '--json']));
    return { version: v, major: Number(v.split('.')[0]) };
  } catch {
    return undefined;
  }
}

/** Installs `spec` into a fresh folder; returns the folder or undefined when npm refused. */
async function install(dir, specs, quiet = false) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{"name":"probe","private":true}\n');
  try {
    await npm([...INSTALL, ...specs], dir);
    return dir;
  } catch (e) {
    if (!quiet) console.error(`  npm install ${specs.join(' ')} failed: ${String(e.stderr ?? e).split('\n').find((l) => /ERR/.test(l)) ?? ''}`);
    return undefined;
  }
}

const readJson = (f) => JSON.parse(readFileSync(f, 'utf8'));

/** Whether the installed package ships declarations (types/typings field, or index.d.ts beside main). */
function shipsTypes(pkgDir) {
  const pj = readJson(join(pkgDir, 'package.json'));
  if (pj.types || pj.typings) return true;
  const ex = JSON.stringify(pj.exports ?? {});
  if (/"types"\s*:/.test(ex)) return true;
  const main = (pj.main ?? 'index.js').replace(/^\.\//, '').replace(/\.[cm]?js$/, '');
  return existsSync(join(pkgDir, `${main}.d.ts`)) || existsSync(join(pkgDir, 'index.d.ts'));
}

const FUNCTION_NOISE = new Set(['prototype', 'caller', 'arguments']);

function memberList(checker, type) {
  // A signature's type parameter (`axios<T, R = AxiosResponse<T>>(…): Promise<R>`): its default, else its constraint.
  if (type && type.flags & ts.TypeFlags.TypeParameter) type = checker.getDefaultFromTypeParameter(type) ?? checker.getBaseConstraintOfType(type);
  if (!type || type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return '*';
  const parts = type.isUnion() ? type.types : [type];
  const names = new Set();
  for (const t of parts) {
    if (t.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return '*';
    if (checker.getIndexInfosOfType(t).length) return '*';
    if (t.flags & ts.TypeFlags.Primitive) return '*';
    for (const p of checker.getPropertiesOfType(checker.getApparentType(t))) {
      if (!p.name.startsWith('__@') && !p.name.startsWith('#') && !FUNCTION_NOISE.has(p.name)) names.add(p.name);
    }
  }
  // No declared member at all is a shape the typings do not spell out (a bare function, `{}`): open.
  return names.size ? [...names].sort().join(' ') : '*';
}

function returnsOf(checker, type, kind) {
  const sigs = kind === 'new' ? type.getConstructSignatures() : type.getCallSignatures();
  if (!sigs.length) return undefined;
  const result = (s) => {
    const t = checker.getReturnTypeOfSignature(s);
    if (kind !== 'await') return t;
    // `Promise<R>` with R a type parameter: R itself (resolved by memberList), not `Awaited<R>`.
    return t.symbol?.name === 'Promise' && t.flags & ts.TypeFlags.Object ? checker.getTypeArguments(t)[0] ?? checker.getAwaitedType(t) : checker.getAwaitedType(t);
  };
  if (kind === 'await' && !sigs.some((s) => checker.getPropertyOfType(checker.getReturnTypeOfSignature(s), 'then'))) return undefined;
  const lists = sigs.map((s) => memberList(checker, result(s)));
  if (lists.includes('*')) return '*';
  return [...new Set(lists.flatMap((l) => (l ? l.split(' ') : [])))].sort().join(' ');
}

/** The facts of one installed module `spec` (resolved from `dir`). */
function extract(dir, spec) {
  const probe = join(dir, '__probe.ts');
  writeFileSync(probe, spec ? `import * as __ns from '${spec}';\nexport { __ns };\n` : 'export const __fetch = fetch;\n');
  const options = {
    module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022,
    esModuleInterop: true, allowSyntheticDefaultImports: true, skipLibCheck: true, noEmit: true, types: ['node'],
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
  };
  const program = ts.createProgram([probe], options);
  const checker = program.getTypeChecker();
  const sf = program.getSourceFile(probe);
  if (!spec) {
    // The global `fetch` (lib.dom's, as Node's): what awaiting it gives (`res.data` is not a Response member).
    const id = sf.statements[0].declarationList.declarations[0].initializer;
    return { a: returnsOf(checker, checker.getTypeAtLocation(id), 'await') };
  }
  const decl = sf.statements.find(ts.isImportDeclaration);
  const mod = checker.getSymbolAtLocation(decl.moduleSpecifier);
  if (!mod) return undefined;
  const facts = {};
  const target = checker.resolveExternalModuleSymbol(mod);
  const exports = new Set(checker.getExportsOfModule(mod).map((s) => s.name));
  const valueOf = (sym) => {
    const s = sym.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(sym) : sym;
    return s.flags & ts.SymbolFlags.Value ? checker.getTypeOfSymbolAtLocation(s, decl) : undefined;
  };
  let def;
  if (target !== mod) {
    // CommonJS `export =`: the value is the default import, its properties are named imports too.
    def = valueOf(target);
  } else {
    const d = checker.getExportsOfModule(mod).find((s) => s.name === 'default');
    def = d && valueOf(d);
  }
  if (def) {
    facts.d = memberList(checker, def);
    if (facts.d !== '*') for (const n of facts.d.split(' ')) if (n) exports.add(n);
    const r = returnsOf(checker, def, 'call');
    if (r !== undefined) facts.r = r;
    const n = returnsOf(checker, def, 'new');
    if (n !== undefined) facts.n = n;
    const a = returnsOf(checker, def, 'await');
    if (a !== undefined) facts.a = a;
  }
  const objects = {};
  for (const sym of checker.getExportsOfModule(mod)) {
    if (sym.name === 'default') continue;
    const type = valueOf(sym);
    if (!type || type.flags & ts.TypeFlags.Any) continue;
    const ctor = returnsOf(checker, type, 'new');
    const isFunction = type.getCallSignatures().length > 0;
    if (ctor === undefined && isFunction) continue;
    const own = memberList(checker, type);
    if (ctor === undefined && (own === '*' || !own)) continue;
    const inst = ctor === undefined ? '' : ctor === '*' ? ' #*' : ctor.split(' ').filter(Boolean).map((m) => ` #${m}`).join('');
    objects[sym.name] = (own === '*' ? '*' : own) + inst;
  }
  if (Object.keys(objects).length) facts.o = objects;
  facts.e = [...exports].sort().join(' ');
  return facts;
}

function versionOf(pkgDir) {
  return readJson(join(pkgDir, 'package.json')).version;
}

async function factsFor(name, major, slot) {
  const dir = join(work, slot);
  const typesName = `@types/${name.startsWith('@') ? name.slice(1).replace('/', '__') : name}`;
  // One install with the @types package of the same major when there is one (most packages), else
  // without; a folder left by an earlier run is reused.
  const reused = existsSync(join(dir, 'node_modules', name, 'package.json'));
  const withTypes = reused ? existsSync(join(dir, 'node_modules', typesName)) : await install(dir, [`${name}@${major}`, `${typesName}@${major}`, '@types/node'], true);
  if (!reused && !withTypes && !(await install(dir, [`${name}@${major}`, '@types/node']))) return undefined;
  const pkgDir = join(dir, 'node_modules', name);
  if (!existsSync(pkgDir)) return undefined;
  let from = `${name}@${versionOf(pkgDir)}`;
  if (!shipsTypes(pkgDir)) {
    if (!withTypes) return undefined;
    from = `${typesName}@${versionOf(join(dir, 'node_modules', typesName))}`;
  }
  try {
    const facts = extract(dir, name);
    return facts && { from, ...facts };
  } catch (e) {
    console.error(`  ${name}@${major}: ${e.message}`);
    return undefined;
  }
}

async function pool(items, work) {
  const queue = [...items];
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (queue.length) await work(queue.shift());
  }));
}

async function main() {
  const file = join(out, 'npm-api-facts.json.gz');
  const previous = existsSync(file) ? JSON.parse(gunzipSync(readFileSync(file))) : { packages: {} };
  // --resume: packages already in the file are kept (a long refresh can be stopped and restarted).
  const resume = args.includes('--resume');
  const packages = only || resume ? { ...previous.packages } : {};
  const save = () => write(packages);
  await pool(Object.entries(PACKAGES).filter(([name]) => (!only || only.includes(name)) && !(resume && packages[name])), async ([name, extra]) => {
    const latest = await latestMajor(name);
    if (!latest) return console.error(`${name}: not found`);
    const majors = {};
    for (const major of [...new Set([latest.major, ...extra])].sort((a, b) => a - b)) {
      const facts = await factsFor(name, major, `${name.replace('/', '__')}-${major}`);
      console.log(`${name}@${major}: ${facts ? `${facts.from}, ${facts.e.split(' ').length} exports` : 'skipped'}`);
      if (facts) majors[major] = facts;
    }
    if (Object.keys(majors).length) packages[name] = { latest: latest.version, majors };
    save();
  });
  save();
}

let fetchFacts;
function write(packages) {
  const file = join(out, 'npm-api-facts.json.gz');
  const sorted = Object.fromEntries(Object.keys(packages).sort().map((k) => [k, packages[k]]));
  fetchFacts ??= extract(work, undefined);
  const globals = { fetch: fetchFacts };
  const body = JSON.stringify({ v: 1, taken, globals, packages: sorted });
  const gz = gzipSync(body, { level: 9 });
  writeFileSync(file, gz);
  const manifestFile = join(out, 'manifest.json');
  const manifest = readJson(manifestFile);
  const majors = Object.values(sorted).reduce((n, p) => n + Object.keys(p.majors).length, 0);
  manifest.npmApiFacts = { taken, packages: Object.keys(sorted).length, majors, bytes: gz.length };
  writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + '\n');
  console.error(`wrote ${file}: ${Object.keys(sorted).length} packages, ${majors} majors, ${gz.length} bytes gzip'd (${body.length} raw)`);
}

await main();
