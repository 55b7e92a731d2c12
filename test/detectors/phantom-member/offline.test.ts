// phantom-member for packages that are not installed: the bundled API facts. The table uses a small
// pack shaped like the generated one (so it does not move when the pack is refreshed); the last
// block checks the shipped pack itself on the examples the rule exists for.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiPack } from '../../../server/src/core/services';
import type { Services } from '../../../server/src/core/types';
import { API_PACK } from '../../../server/src/core/services';
import { majorsFor } from '../../../server/src/detectors/types/shared/api-pack-lookup';
import { mayUsePacked } from '../../../server/src/detectors/types/shared/offline-syntax';
import { apiPackService } from '../../../server/src/registry/api-pack';
import { testEngine } from '../../engine';
import { at, caseServices, ruleTester, type InvalidCase } from '../harness';
import { parseMarkers } from '../markers';

const APP = 'all delete disable enable engine get listen locals post put render route set use';
const PACK: ApiPack = {
  packages: {
    express: {
      latest: '5.1.0',
      majors: {
        4: { from: '@types/express@4.17.21', e: 'Router application json static urlencoded Request Response', d: 'Router application json static urlencoded', r: APP },
        5: { from: '@types/express@5.0.3', e: 'Router application json static urlencoded Request Response', d: 'Router application json static urlencoded', r: APP },
      },
    },
    lodash: { latest: '4.17.21', majors: { 4: { from: '@types/lodash@4.17.20', e: 'chunk flatMap flatMapDeep flatMapDepth map mixin', d: 'chunk flatMap flatMapDeep flatMapDepth map mixin' } } },
    underscore: { latest: '1.13.7', majors: { 1: { from: '@types/underscore@1.13.0', e: 'chunk map', d: 'chunk map' } } },
    'node-fetch': { latest: '3.3.2', majors: { 2: { from: '@types/node-fetch@2.6.11', e: 'Headers Request Response', d: 'Headers Request Response isRedirect', r: 'catch finally then', a: 'body headers json ok status text' } } },
    ioredis: { latest: '5.4.0', majors: { 5: { from: 'ioredis@5.4.0', e: 'Cluster Redis', d: '*', o: { Redis: 'createClient #get #set #quit' } } } },
    winston: { latest: '3.19.0', majors: { 3: { from: 'winston@3.19.0', e: 'createLogger format transport transports', d: 'createLogger format transport transports' } } },
    bluebird: { latest: '3.7.2', majors: { 3: { from: '@types/bluebird@3.5.42', e: 'Promise defer resolve', d: 'defer resolve', o: { Promise: 'defer resolve' } } } },
    commander: {
      latest: '15.1.0',
      majors: {
        7: { from: 'commander@7.2.0', e: 'Command Option command option opts parse program', d: 'Command Option command option opts parse program' },
        9: { from: 'commander@9.5.0', e: 'Command Option program', o: { Command: ' #command #option #opts #parse', program: 'command option opts parse' } },
        15: { from: 'commander@15.1.0', e: 'Command Option program', o: { Command: ' #command #option #opts #parse', program: 'command option opts parse' } },
      },
    },
    // mongodb 3's facts are hand-written typings (@types), 4's the package's own; uuid's are @types in both majors
    mongodb: {
      latest: '6.0.0',
      majors: {
        3: { from: '@types/mongodb@3.6.20', e: 'Binary Long MongoClient ObjectId', d: 'Binary Long MongoClient ObjectId connect' },
        4: { from: 'mongodb@4.17.2', e: 'Binary Long Map MongoClient ObjectId', d: 'Binary Long Map MongoClient ObjectId' },
      },
    },
    uuid: { latest: '9.0.1', majors: { 3: { from: '@types/uuid@3.4.13', e: 'v1 v4', d: 'v1 v4' }, 8: { from: '@types/uuid@8.3.4', e: 'NIL v1 v4 v5', d: 'NIL v1 v4 v5' } } },
    // sharp's own typings: the lookup tables it declares (the ones it sets at run time but omits, blend, colourspace and position, are left out)
    sharp: { latest: '0.35.6', majors: { 0: { from: 'sharp@0.35.6', e: 'Blend ColourspaceEnum FitEnum Sharp fit gravity kernel', d: 'cache fit gravity kernel', r: 'resize toFile' } } },
    // marked 4's facts are @types/marked@4's, which declares `parse` only inside the `marked` namespace; 18's are its own
    marked: {
      latest: '18.3.0',
      majors: { 4: { from: '@types/marked@4.3.2', e: 'Lexer Parser Renderer Slugger TextRenderer Tokenizer marked' }, 18: { from: 'marked@18.3.0', e: 'Lexer Marked Parser Renderer lexer marked parse parser use' } },
    },
    axios: { latest: '1.7.0', majors: { 1: { from: 'axios@1.7.0', e: 'AxiosError create get post', d: 'create get post', r: 'catch finally then', a: 'config data headers status' } } },
  },
  globals: { fetch: { a: 'arrayBuffer blob body bodyUsed clone headers json ok redirected status statusText text type url' } },
};

const services = (): Services => ({ [API_PACK]: { pack: () => PACK } });
const PKG = (deps: Record<string, string>) => ({ 'package.json': JSON.stringify({ name: 'app', dependencies: deps }) });
const bad = (c: Omit<InvalidCase, 'errors'>, text: string, kind = 'offline-member', nth = 0): InvalidCase => ({ ...c, errors: [at(c.code, text, kind, nth)] });

const EXPRESS4 = PKG({ express: '^4.18.2' });
const TS_IGNORED = "const _ = require('lodash');\n// @ts-ignore - the mock adds it\nconst spy = _.flatMapDeeper;\n";
const TS_EXPECTED = "import _ from 'lodash';\n// @ts-expect-error\n// jest's mock of lodash\n_.mockReset();\n";
const TS_ABOVE = "const _ = require('lodash');\n// @ts-ignore\nconst a = _.chunk([]);\nconst b = _.flatMapDeeper([]);\n";
const LODASH = PKG({ lodash: '^4.17.21' });
const NODE_FETCH_DATA = "const fetch = require('node-fetch');\nasync function f() { const res = await fetch('/x'); return res.data; }\n";
const MONGO3 = PKG({ mongodb: '^3.3.2' });
const MONGO_REEXPORT = "const mongodb = require('mongodb');\nmodule.exports.ObjectId = mongodb.ObjectId;\nmodule.exports.Symbol = mongodb.Symbol;\nmodule.exports.Map = mongodb.Map;\n";
const MONGO_CALL = "const mongodb = require('mongodb');\nconst client = mongodb.connectAsync(process.env.MONGO_URL);\n";
const MONGO_NEW = "const mongodb = require('mongodb');\nconst seen = new mongodb.Map();\n";
const AXIOS_READ = "const axios = require('axios');\nconst C = axios.Cancel;\n";
// fresh sample AN: a rollup plugin's index.d.ts imports a type the declared major no longer exports (`TypeMap`, mime 1 only)
const DTS_IMPORT = "import { Router, Handlr } from 'express';\nexport interface Options { router?: Router; handler?: Handlr }\n";
// fresh sample BF: a man-page client's parser calls marked 4's top-level `parse`, which the @types facts leave out
const MARKED_PARSE = "const marked = require('marked');\nfunction page(md, r) { marked.parse(md, { renderer: r }); marked.use({}); }\n";
const MARKED_INVENTED = "const marked = require('marked');\nconst html = marked.toHtml(md);\n";
const UUID_READ = "const uuid = require('uuid');\nconst none = uuid.NIL;\n";

ruleTester('phantom-member', 'javascript', {
  services,
  valid: [
    { name: 'real members on the default import and the app', code: "const express = require('express');\nconst app = express();\napp.use(express.json());\napp.listen(3000);\n", files: EXPRESS4 },
    // a deprecated alias the @types typings leave out (held-out sample: kraken-js's lib/config.js)
    { name: 'runtime member the typings omit', code: "const Bluebird = require('bluebird');\nconst deferred = Bluebird.pending();\n", files: PKG({ bluebird: '^3.4.7' }) },
    // winston 3 exports the base class `Transport` its typings call `transport` (fresh sample AD: a Splunk transport's `extends winston.Transport`)
    { name: 'a class export the typings rename', code: "const winston = require('winston');\nclass SplunkStream extends winston.Transport {}\n", files: PKG({ winston: '^3.1.0' }) },
    // sharp's lookup tables its own typings omit (fresh sample AK: sharp-cli's lib/constants.js, `Object.keys(sharp.blend)`)
    { name: 'a lookup table on the export the typings omit', code: "const sharp = require('sharp');\nconst BLEND = Object.keys(sharp.blend);\nconst SPACES = Object.keys(sharp.colourspace);\nconst top = sharp.position.top;\n", files: PKG({ sharp: '^0.35.0' }) },
    // bluebird 3's deprecated `settle`, beside `reflect` (held-out sample: db-migrate's lib/interface/seederInterface.js)
    { name: 'a deprecated static the typings omit', code: "const Promise = require('bluebird');\nfunction runAll(tasks) {\n  return Promise.settle(tasks.map((t) => t()));\n}\n", files: PKG({ bluebird: '^3.1.1' }) },
    // commander 8-11: `module.exports` is the global program, typed only as `export const program` (held-out sample: netlify-lambda's bin/cmd.js)
    { name: 'the CommonJS export is a named export at run time', code: "const program = require('commander');\nprogram.option('-p').parse();\nconst opts = program.opts();\n", files: PKG({ commander: '^9.0.0' }) },
    { name: 'a run-time export the @types facts leave out (marked 4\'s parse)', code: MARKED_PARSE, files: PKG({ marked: '^4.0.10' }) },
    { name: 'package not in the pack', code: "const thing = require('left-pad-x');\nthing.whatever();\n", files: PKG({ 'left-pad-x': '1' }) },
    { name: 'range allows a major the pack lacks', code: "const express = require('express');\nexpress().configure();\n", files: PKG({ express: '>=4' }) },
    // No manifest in sight and one major in the pack (typeorm 1 against vendure's 0.3 in its dist): any major may be meant
    { name: 'no manifest, one major known', code: "const _ = require('lodash');\n_.flatMapDeeper([]);\n" },
    { name: 'dist-tag range is no version', code: "const _ = require('lodash');\n_.flatMapDeeper([]);\n", files: PKG({ lodash: 'latest' }) },
    { name: 'installed with typings: the type checker decides', code: "const _ = require('lodash');\n_.flatMapDeeper([]);\n", files: { ...LODASH, 'node_modules/@types/lodash/package.json': '{"version":"4.17.20"}' } },
    { name: 'installed package that ships typings', code: "const express = require('express');\nexpress().configure();\n", files: { ...EXPRESS4, 'node_modules/express/package.json': '{"version":"4.0.0","types":"index.d.ts"}' } },
    { name: 'shadowed by a parameter', code: "const _ = require('lodash');\nfunction f(_) { return _.flatMapDeeper(); }\n", files: LODASH },
    { name: 'reassigned binding', code: "var _ = require('lodash');\n_ = require('underscore');\n_.flatMapDeeper();\n", files: LODASH },
    { name: 'aliased to another name (not followed)', code: "const _ = require('lodash');\nconst u = _;\nu.flatMapDeeper();\n", files: LODASH },
    { name: 'computed member', code: "const _ = require('lodash');\nconst k = 'flatMapDeeper';\n_[k]();\n", files: LODASH },
    { name: 'mixins add members', code: "const _ = require('lodash');\n_.mixin({ flatMapDeeper() {} });\n_.flatMapDeeper();\n", files: LODASH },
    { name: 'a member the file writes itself', code: "const express = require('express');\nconst app = express();\napp.io = {};\napp.io.emit('x');\n", files: EXPRESS4 },
    { name: 'app passed to a plugin', code: "const express = require('express');\nconst app = express();\nrequire('express-ws')(app);\napp.ws('/s', () => {});\n", files: EXPRESS4 },
    { name: 'a declared plugin of the package adds members to its values', code: "const express = require('express');\nconst app = express();\napp.ws('/s', () => {});\n", files: PKG({ express: '^4.18.2', 'express-ws': '^5.0.2' }) },
    { name: 'feature probe', code: "const _ = require('lodash');\nif (_.flatMapDeeper) _.map([]);\nconst f = typeof _.flatten2 === 'function';\n", files: LODASH },
    { name: 'open type (index signature)', code: "const Redis = require('ioredis');\nconst r = new Redis();\nr.hgetall('k');\n", files: PKG({ ioredis: '^5' }) },
    { name: 'subpath import is another module', code: "const fp = require('lodash/fp');\nfp.flatMapDeeper();\n", files: LODASH },
    { name: 'relative import', code: "const _ = require('./lodash');\n_.flatMapDeeper();\n", files: LODASH },
    { name: 'local workspace package of the same name', code: "const _ = require('lodash');\n_.flatMapDeeper();\n", files: { ...LODASH, 'package.json': '{"name":"lodash"}' } },
    { name: 'file: dependency', code: "const _ = require('lodash');\n_.flatMapDeeper();\n", files: PKG({ lodash: 'file:../lodash' }) },
    { name: 'a member every function has', code: "const _ = require('lodash');\n_.call(null);\n_.prototype;\n", files: LODASH },
    { name: 'fetch bound by the file', code: "const fetch = require('./my-fetch');\nasync function f() { const res = await fetch('/x'); return res.data; }\n", files: LODASH },
    { name: 'real Response members', code: "async function f() { const res = await fetch('/x'); return res.ok && res.json(); }\n" },
    { language: 'typescript', name: 'type-only import', code: "import type { Handler } from 'express';\nexport type H = Handler;\n", files: EXPRESS4 },
    { language: 'typescript', name: 'module augmentation in the file', code: "import express from 'express';\ndeclare module 'express' { interface Application { configure(): void } }\nexpress().configure();\n", files: EXPRESS4 },
    { name: 'a plugin hook makes every value of the package unknown', code: "const dayjs = require('dayjs');\ndayjs.extend(require('dayjs/plugin/relativeTime'));\nconst d = dayjs();\nd.fromNow();\n", files: PKG({ dayjs: '^1' }) },
    { name: 'an API Express removed in the declared major is removed-package-api\'s', code: "const express = require('express');\nconst app = express();\napp.configure(() => app.use(express.bodyParser()));\n", files: EXPRESS4 },
    { name: 'let result of a call (may be reassigned elsewhere)', code: "const express = require('express');\nlet app = express();\napp.configure();\n", files: EXPRESS4 },
  ],
  invalid: [
    // …a made-up one is still reported
    bad({ name: 'a winston member neither the typings nor the runtime have', code: "const winston = require('winston');\nwinston.Transprt;\n", files: PKG({ winston: '^3.1.0' }) }, 'Transprt'),
    bad({ name: 'a sharp member neither the typings nor the runtime have', code: "const sharp = require('sharp');\nconst BLEND = Object.keys(sharp.blendModes);\n", files: PKG({ sharp: '^0.35.0' }) }, 'blendModes'),
    bad({ name: 'a member neither the typings nor the runtime have', code: "const Bluebird = require('bluebird');\nconst deferred = Bluebird.pendingg();\n", files: PKG({ bluebird: '^3.4.7' }) }, 'pendingg'),
    bad({ name: 'a near miss of a deprecated static', code: "const Promise = require('bluebird');\nfunction runAll(tasks) {\n  return Promise.settleAll(tasks.map((t) => t()));\n}\n", files: PKG({ bluebird: '^3.1.1' }) }, 'settleAll'),
    // …but not once the package stopped exporting it (commander 12 on), nor a name the named export lacks
    bad({ name: 'the CommonJS export a later major dropped', code: "const program = require('commander');\nconst o = program.opts();\n", files: PKG({ commander: '^15.0.0' }) }, 'opts'),
    bad({ name: 'a member the CommonJS export lacks', code: "const program = require('commander');\nconst o = program.optz();\n", files: PKG({ commander: '^9.0.0' }) }, 'optz'),
    bad({ name: 'a made-up member of an Express 4 app', code: "const express = require('express');\nconst app = express();\napp.lisen(function () {});\n", files: EXPRESS4 }, 'lisen'),
    bad({ name: 'a companion that adds nothing (express-session)', code: "const express = require('express');\nconst app = express();\napp.lisen();\n", files: PKG({ express: '^4.18.2', 'express-session': '^1.17.0' }) }, 'lisen'),
    bad({ name: 'after app.use', code: "const express = require('express');\nconst app = express();\napp.use(express.json());\napp.lisen(() => {});\n", files: EXPRESS4 }, 'lisen'),
    bad({ name: 'member of a call result read at once', code: "const express = require('express');\nexpress().lisen();\n", files: EXPRESS4 }, 'lisen'),
    bad({ name: 'missing in every major when nothing is declared', code: "const express = require('express');\nexpress.parseBody();\n" }, 'parseBody'),
    // …and with a manifest that does not declare it, the pack's major is the one a new import gets
    bad({ name: 'undeclared beside a manifest, one major known', code: "const _ = require('lodash');\n_.flatMapDeeper([]);\n", files: PKG({ express: '^4.18.2' }) }, 'flatMapDeeper'),
    bad({ language: 'typescript', name: 'namespace import', code: "import * as _ from 'lodash';\n_.flatMapDeeper([]);\n", files: LODASH }, 'flatMapDeeper'),
    bad({ language: 'typescript', name: 'default import', code: "import _ from 'lodash';\nexport const x = _.flattenDeepest([]);\n", files: LODASH }, 'flattenDeepest'),
    bad({ language: 'typescript', name: 'named import the package does not export', code: "import { flatMapDeeper } from 'lodash';\nflatMapDeeper([]);\n", files: LODASH }, 'flatMapDeeper', 'offline-export'),
    bad({ name: 'destructured require', code: "const { chunk, flatMapDeeper: fmd } = require('lodash');\nfmd(chunk([]));\n", files: LODASH }, 'flatMapDeeper', 'offline-export'),
    bad({ name: 'awaited default call', code: "const axios = require('axios');\nasync function f() { const res = await axios('/x'); return res.body; }\n", files: PKG({ axios: '^1.6.0' }) }, 'body'),
    // a read of what a call returns is no export the typings may leave out (node-fetch 2's facts are @types too): kept
    { name: 'node-fetch bound as fetch: its own Response', code: NODE_FETCH_DATA, files: PKG({ 'node-fetch': '^2.6.0' }), errors: [{ ...at(NODE_FETCH_DATA, 'data', 'offline-member'), confidence: 'medium' }] },
    bad({ name: 'instance of a named class export', code: "const { Redis } = require('ioredis');\nconst r = new Redis();\nr.fetch('k');\n", files: PKG({ ioredis: '^5' }) }, 'fetch'),
    bad({ name: '`.data` read from a fetch response', code: "async function load() {\n  const res = await fetch('/api/items');\n  return res.data;\n}\n" }, 'data'),
    bad({ name: 'installed without typings: the installed major', code: "const _ = require('lodash');\n_.flatMapDeeper([]);\n", files: { ...PKG({ lodash: '*' }), 'node_modules/lodash/package.json': '{"version":"4.17.21","main":"lodash.js"}' } }, 'flatMapDeeper'),
    // fresh held-out sample: graphql-passport's test reads a member its passport mock adds, under `// @ts-ignore`
    { name: 'under @ts-ignore, as TypeScript reads it: low', code: TS_IGNORED, files: LODASH, errors: [{ ...at(TS_IGNORED, 'flatMapDeeper', 'offline-member'), confidence: 'low' }] },
    { language: 'typescript', name: 'under @ts-expect-error over a comment line: low', code: TS_EXPECTED, files: LODASH, errors: [{ ...at(TS_EXPECTED, 'mockReset', 'offline-member'), confidence: 'low' }] },
    // a directive above another statement covers only that one
    { name: 'a directive a code line higher: the rule\'s confidence', code: TS_ABOVE, files: LODASH, errors: [{ ...at(TS_ABOVE, 'flatMapDeeper', 'offline-member'), confidence: 'high' }] },
    // a documenter's sample source under fixtures/ (fresh held-out sample: a JSDoc theme's fixtures/documents): data, not run;
    // the same member in a test that runs stays at the rule's confidence
    { name: 'a fixture: low', path: 'fixtures/documents/probe.js', code: "const _ = require('lodash');\n_.flatMapDeeper([]);\n", files: LODASH, errors: [{ ...at("const _ = require('lodash');\n_.flatMapDeeper([]);\n", 'flatMapDeeper', 'offline-member'), confidence: 'low' }] },
    { name: 'a test that runs: kept', path: 'test/probe.test.js', code: "const _ = require('lodash');\n_.flatMapDeeper([]);\n", files: LODASH, errors: [{ ...at("const _ = require('lodash');\n_.flatMapDeeper([]);\n", 'flatMapDeeper', 'offline-member'), confidence: 'high' }] },
    // fresh sample: foal-cli's lib/generate/templates/entity/entity.mongodb.ts imports typeorm 0.3's `ObjectId`; the generator's
    // manifest declares no typeorm (the generated app's pins it) and the pack knows 1.x alone: low
    { language: 'typescript', name: 'a template under a generator\'s manifest, one major known: low', path: 'lib/generate/templates/entity/entity.ts', code: "import { chunk, flatMapDeeper } from 'lodash';\n", files: PKG({ express: '^4.18.2' }), errors: [{ ...at("import { chunk, flatMapDeeper } from 'lodash';\n", 'flatMapDeeper', 'offline-export'), confidence: 'low' }] },
    // the generator's own code, and a template whose nearest manifest declares the package, keep the rule's confidence
    { language: 'typescript', name: 'the generator\'s own code: kept', path: 'lib/generate/entity.ts', code: "import { chunk, flatMapDeeper } from 'lodash';\n", files: PKG({ express: '^4.18.2' }), errors: [{ ...at("import { chunk, flatMapDeeper } from 'lodash';\n", 'flatMapDeeper', 'offline-export'), confidence: 'high' }] },
    { language: 'typescript', name: 'a template with the package declared: kept', path: 'lib/generate/templates/entity/entity.ts', code: "import { chunk, flatMapDeeper } from 'lodash';\n", files: LODASH, errors: [{ ...at("import { chunk, flatMapDeeper } from 'lodash';\n", 'flatMapDeeper', 'offline-export'), confidence: 'high' }] },
    // fresh sample: mongojs re-exports `mongodb.Symbol` and `mongodb.Map`, which mongodb 3 has at run time but @types/mongodb@3
    // leaves out; a member only read off the export, missing from hand-written typings alone, with no near name: low
    { name: 'a read of an export the @types facts lack: low', code: MONGO_REEXPORT, files: MONGO3, errors: [{ ...at(MONGO_REEXPORT, 'Symbol', 'offline-member', 1), confidence: 'low' }, { ...at(MONGO_REEXPORT, 'Map', 'offline-member', 1), confidence: 'low' }] },
    // …an invented function is called, and keeps the rule's confidence; so does a read checked against the package's own
    // typings, and a read another major typed the same way has (an API added since, lodash 3's `findWhere` on 4)
    { name: 'a call of an export the @types facts lack: kept', code: MONGO_CALL, files: MONGO3, errors: [{ ...at(MONGO_CALL, 'connectAsync', 'offline-member'), confidence: 'medium' }] },
    // mongodb 4's own typings having it says nothing about 3's run time: no version skew, so no high
    { name: 'constructed, in a major only typed the other way: medium', code: MONGO_NEW, files: MONGO3, errors: [{ ...at(MONGO_NEW, 'Map', 'offline-member'), confidence: 'medium' }] },
    { name: 'a read checked against the package\'s own typings: kept', code: AXIOS_READ, files: PKG({ axios: '^1.6.0' }), errors: [{ ...at(AXIOS_READ, 'Cancel', 'offline-member'), confidence: 'medium' }] },
    { name: 'an invented member of a package whose @types facts miss run-time exports: kept', code: MARKED_INVENTED, files: PKG({ marked: '^4.0.10' }), errors: [{ ...at(MARKED_INVENTED, 'toHtml', 'offline-member'), confidence: 'medium' }] },
    { name: 'a read another @types major has: kept high', code: UUID_READ, files: PKG({ uuid: '^3.4.0' }), errors: [{ ...at(UUID_READ, 'NIL', 'offline-member'), confidence: 'high' }] },
    // a declaration file's import: typings that fail to type-check for every user (fresh sample AN); kept at the rule's confidence
    { language: 'typescript', name: 'a missing export imported by a declaration file: kept', path: 'index.d.ts', code: DTS_IMPORT, files: EXPRESS4, errors: [{ ...at(DTS_IMPORT, 'Handlr', 'offline-export'), confidence: 'medium' }] },
    { name: 'did you mean, at high confidence', code: "const _ = require('lodash');\n_.flatMapDeap([]);\n", files: LODASH, errors: [{ ...at("const _ = require('lodash');\n_.flatMapDeap([]);\n", 'flatMapDeap', 'offline-member'), confidence: 'high' }] },
  ],
});

describe('phantom-member: bundled API facts', () => {
  it('maps version ranges to the majors the pack has', () => {
    assert.deepEqual(majorsFor(['4', '5'], '^4.17.1'), ['4']);
    assert.deepEqual(majorsFor(['4', '5'], '4 || 5'), ['4', '5']);
    assert.deepEqual(majorsFor(['4', '5'], undefined), ['4', '5']);
    assert.equal(majorsFor(['4', '5'], '*'), undefined);
    assert.equal(majorsFor(['4', '5'], '^3.0.0'), undefined);
    assert.equal(majorsFor(['4', '5'], 'github:x/y'), undefined);
  });

  it('the text gate passes every way of naming a packed package or fetch, and nothing else', () => {
    const has = (pkg: string) => pkg === 'lodash' || pkg === '@scope/pkg';
    for (const code of ["import _ from 'lodash';", 'import { chunk } from"lodash"', "import * as _ from 'lodash/fp';", "const _ = require(\n  'lodash'\n);",
      'const { chunk } = require(`lodash`);', "import _ = require('lodash');", "await import('@scope/pkg/sub');", "import '@scope/pkg';", 'const r = await fetch(url);']) {
      assert.equal(mayUsePacked(code, has), true, code);
    }
    for (const code of ["import x from './lodash';", "const y = require('lodash-es');", "import z from '@scope/other';", "const lodash = 1; // lodash's chunk", 'prefetch(url); fetched.data;', "import '@scope';"]) {
      assert.equal(mayUsePacked(code, has), false, code);
    }
  });

  it('the shipped pack catches the examples it exists for', async function () {
    this.timeout(30_000);
    const pack = apiPackService().pack();
    assert.ok(pack && Object.keys(pack.packages).length >= 100, 'the pack covers 100+ packages');
    const engine = await testEngine();
    const run = async (code: string, files: Record<string, string>) => {
      const r = await engine.analyzeTiers({ text: code, languageId: 'javascript', path: 'src/a.js' }, caseServices('src/a.js', code, files, { [API_PACK]: apiPackService() }));
      return r.findings.filter((f) => f.ruleId === 'phantom-member').map((f) => f.message.split(' ')[0]);
    };
    assert.deepEqual(await run("const express = require('express');\nconst app = express();\napp.lisen(3000);\napp.get('/', () => {});\n", EXPRESS4), ['`app.lisen`']);
    assert.deepEqual(await run("const _ = require('lodash');\n_.flatMapDeep([]);\n_.flatMapDeeper([]);\n", LODASH), ['`_.flatMapDeeper`']);
    assert.deepEqual(await run("async function f() { const r = await fetch('/x'); return [r.data, r.json()]; }\n", {}), ['`r.data`']);
    const cli = "const program = require('commander');\nprogram.option('-p').parse();\nconst o = program.opts();\nprogram.optz();\n";
    assert.deepEqual(await run(cli, PKG({ commander: '^9.0.0' })), ['`program.optz`']);
    assert.deepEqual(await run(cli, PKG({ commander: '^15.0.0' })), ['`program.option`', '`program.opts`', '`program.optz`']);
  });

  // A declaration file loads nothing: its missing import breaks type-checking, not the run (fresh sample AN: the message said
  // "undefined at run time" of a rollup plugin's index.d.ts).
  it('says what breaks: type-checking in a declaration file, the run elsewhere', async () => {
    const engine = await testEngine();
    const message = async (path: string) => {
      const r = await engine.analyzeTiers({ text: DTS_IMPORT, languageId: 'typescript', path }, caseServices(path, DTS_IMPORT, EXPRESS4, services()));
      return r.findings.filter((f) => f.ruleId === 'phantom-member').map((f) => /type-check/.test(f.message) ? 'types' : /run time/.test(f.message) ? 'run' : f.message);
    };
    assert.deepEqual(await message('index.d.ts'), ['types']);
    assert.deepEqual(await message('types/index.d.mts'), ['types']);
    assert.deepEqual(await message('src/options.ts'), ['run']);
  });

  it('an Express app written against packages that are not installed: every planted phantom API, nothing else', async function () {
    this.timeout(30_000);
    const dir = join(__dirname, 'apps', 'offline-api');
    const code = readFileSync(join(dir, 'server.js'), 'utf8');
    const files = { 'package.json': readFileSync(join(dir, 'package.json'), 'utf8') };
    const r = await (await testEngine()).analyzeTiers({ text: code, languageId: 'javascript', path: 'server.js' }, caseServices('server.js', code, files, { [API_PACK]: apiPackService() }));
    // APIs Express removed (`app.configure`) are removed-package-api's, reported once, with their replacement.
    for (const rule of ['phantom-member', 'removed-package-api']) {
      const found = r.findings.filter((f) => f.ruleId === rule).map((f) => f.range.start.line + 1);
      const expected = parseMarkers(code).filter((m) => m.ids.includes(rule) && m.kind === 'expect').map((m) => m.line);
      assert.ok(expected.length >= 2);
      assert.deepEqual(found, expected, rule);
    }
  });
});
