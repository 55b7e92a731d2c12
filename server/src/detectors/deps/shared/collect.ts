// Which package references a file holds, and what the project says about each: declared where,
// installed at which version. Chooses the extractor by language and file name; reads the project
// only through the injected ProjectService.
import type { ProjectService } from '../../../core/services';
import type { DetectorContext } from '../../../core/types';
import { JS_LIKE } from '../../../core/languages';
import { isTestPath } from '../../../core/paths';
import { inCopiedFolder, inSchematicTemplates } from './generator-dirs';
import { installReferences } from './install-commands';
import { parseNpmManifest, type ManifestEntry } from './manifest-npm';
import { parsePyproject, parseRequirements, parseSetupCfg } from './manifest-python';
import { isLocalSpecifier, npmProject, type NpmProject } from './project-npm';
import { pyProject, type PyProject } from './project-python';
import { normalizePypi } from './python-import-names';
import { isPhantomModule, jsReferences, jsSpecifiers, registeredModule } from './references-js';
import { pythonImports, pythonReferences, writtenModule } from './references-python';
import type { PackageRef } from './references';

export interface Located extends PackageRef {
  /** Where the name is declared (manifest file and entry), if anywhere. */
  declared?: ManifestEntry & { file: string };
  /** Installed version ('' when installed but the version is unknown). */
  installed?: string;
  /** A manifest exists for this file, so an undeclared import is a finding. */
  hasManifest: boolean;
  /** In an examples folder the manifest does not describe: the reader installs what it imports. */
  example?: boolean;
}

export interface Collected {
  refs: Located[];
  npm?: NpmProject;
  py?: PyProject;
}

const REQUIREMENTS = /(?:^|\/)requirements[\w.-]*\.(?:txt|in)$/i;
const INSTALL_LANGS = new Set(['markdown', 'dockerfile', 'shellscript', 'yaml']);

// Files a generator copies into the project it creates: their imports are that project's, declared by
// the manifest it writes, not by the generator's (express-generator's `templates/js/routes/index.js`).
// Numbered too: koa-generator keeps one set per Koa major (`templates1/`, `templates2/`).
export const TEMPLATE_DIR = /^(?:_?templates?\d*|skeletons?|boilerplates?|starters|scaffold(?:s|ing)?|blueprints?)$|\{\{/i;

// Angular-devkit schematics (NestJS's, Angular's) keep a schematic's templates in a `files/` folder beside its
// schema.json and spell generated names with placeholders (`__name__.gateway.ts`, `update-__name@singular__.input.ts`).
const SCHEMATIC_NAME = /__[a-z]\w*(?:@\w+)*__/i;

/** Whether a folder between the nearest manifest and the file is a template the manifest does not describe. */
function templated(path: string, manifest: string | undefined, project?: ProjectService): boolean {
  if (!manifest) return false;
  const dir = manifest.slice(0, manifest.lastIndexOf('/') + 1);
  const segs = path.slice(dir.length).split('/');
  if (segs.slice(0, -1).some((seg) => TEMPLATE_DIR.test(seg))) return true;
  // JS callers pass the project (Python's `__init__.py` is a name, not a placeholder). A placeholder has more to
  // the name than itself: `__tests__/` and `__mocks__/` are whole names.
  if (!project) return false;
  if (segs.some((seg) => SCHEMATIC_NAME.test(seg) && seg.replace(SCHEMATIC_NAME, '') !== '')) return true;
  return inSchematicTemplates(project, dir, segs);
}

/** A name the generator replaces: says so (node-backend-starter-kit's `project-name-placeholder`), or is a token in capitals
 * (`PROJECT_NAME`), which npm does not accept as a package name. */
const PLACEHOLDER_NAME = /[Pp]laceholder|PLACEHOLDER|^(?:project|app|package)[-_]name$|^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;

/**
 * A template's own manifest that its generator completes: written with template syntax (generator-express'
 * `<% if (options.viewEngine == 'swig') { %>"swig"…`, mean-cli's `"name": "__pkgName__"`) or nameless, merged into
 * the project at creation (create-strapi-app adds `@strapi/strapi`), or with no dependency section at all (create-qwik's
 * starters merged with a base manifest, an egg tegg module's). It does not list what the project will declare.
 */
function unfinishedTemplateManifest(m: { path: string; text: string; manifest: { name?: string; workspaces: string[] } } | undefined): boolean {
  if (!m || !m.path.split('/').slice(0, -1).some((seg) => TEMPLATE_DIR.test(seg))) return false;
  // A nameless workspace root (a monorepo template's) is complete as it is.
  return (m.manifest.name === undefined && !m.manifest.workspaces.length) || /<%|\{\{|"__\w+__"/.test(m.text) || PLACEHOLDER_NAME.test(m.manifest.name ?? '') || !/"(?:dev|peer|optional)?[dD]ependencies"\s*:/.test(m.text);
}

// Example programs shipped beside a library (express-oauth-server's `examples/mongodb/model.js`) import the
// database driver or view engine the reader installs, as their Readme says; the library's manifest lists
// only what the library needs. Without a manifest of their own they are shown, not alarmed about.
// So do fixtures: sample code a test or the docs read (a JSDoc theme's `fixtures/`, a test's `test/data/`), never
// run as the package's own. So is a file named as one (`docs/demo-membership-rules.js`, `example_client.py`; not the
// tooling that runs or builds them, `examples-runner.js`), and an example program beside the manifest (`example.js`).
const EXAMPLE_DIR = /^(?:examples?|demos?|samples?|fixtures?|__fixtures__|testdata)$/i, BESIDE = /^(?:examples?|demo)\.[cm]?[jt]sx?$/i, TEST_DATA = /^(?:tests?|__tests__|specs?)\/(?:data|resources|assets|files)$/i;
const EXAMPLE_FILE = /^(?:examples?|demos?)[-_](?!run|build|test)|[-_](?:examples?|demos?)\.(?:[cm]?[jt]sx?|py)$/i;

/** Whether a folder between the nearest manifest and the file, or its name, says it is an example the manifest does not describe. */
function exampled(path: string, manifest: string | undefined): boolean {
  if (!manifest) return false;
  const segs = path.slice(manifest.lastIndexOf('/') + 1).split('/');
  return segs.slice(0, -1).some((seg, i) => EXAMPLE_DIR.test(seg) || (i > 0 && TEST_DATA.test(`${segs[i - 1]}/${seg}`))) || EXAMPLE_FILE.test(segs[segs.length - 1]) || BESIDE.test(segs.join('/'));
}

const baseName = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

function manifestRefs(ctx: DetectorContext): PackageRef[] | undefined {
  const base = baseName(ctx.path);
  const toRefs = (entries: ManifestEntry[], ecosystem: 'npm' | 'pypi'): PackageRef[] =>
    entries.filter((e) => !e.local).map((e) => ({ ecosystem, name: e.name, start: e.start, end: e.end, kind: 'manifest' as const }));
  if (base === 'package.json') return toRefs(parseNpmManifest(ctx.text)?.entries ?? [], 'npm');
  if (REQUIREMENTS.test(ctx.path)) return toRefs(parseRequirements(ctx.text), 'pypi');
  if (base === 'pyproject.toml' || base === 'Pipfile') return toRefs(parsePyproject(ctx.text), 'pypi');
  if (base === 'setup.cfg') return toRefs(parseSetupCfg(ctx.text), 'pypi');
  return undefined;
}

function locateNpm(ref: PackageRef, npm: NpmProject | undefined, path: string, project?: ProjectService): Located {
  if (!npm) return { ...ref, hasManifest: false };
  const bare = ref.name.startsWith('@') ? ref.name.slice(1).replace('/', '__') : ref.name;
  // `vscode` is the extension host's own module: an extension declares only its types.
  const typesDeclare = ref.typeOnly || ref.name === 'vscode';
  const declared = npm.declared.get(ref.name) ?? (typesDeclare ? npm.declared.get(`@types/${bare}`) : undefined);
  return { ...ref, declared, installed: npm.installedVersion(ref.name), hasManifest: npm.manifests.length > 0 && !templated(path, npm.manifests[0].path, project) && !unfinishedTemplateManifest(npm.manifests[0]) && !(project && inCopiedFolder(project, npm.manifests[0].path, npm.manifests[0].text, path)), example: exampled(path, npm.manifests[0]?.path) };
}

function locatePy(ref: PackageRef, py: PyProject | undefined, path: string): Located {
  if (!py) return { ...ref, hasManifest: false };
  const declared = py.declared.get(normalizePypi(ref.name)) ?? (ref.importName ? py.declared.get(normalizePypi(ref.importName)) : undefined);
  const installed = py.installed.get(normalizePypi(ref.name)) ?? (ref.importName && py.installedModules.has(ref.importName) ? '' : undefined);
  // setup.py imports what builds the project (setuptools, Cython): build requirements, not its dependencies.
  const build = baseName(path) === 'setup.py';
  // A test folder's requirements add to the project's (neutron's tests/functional/requirements.txt: "Additional
  // requirements for functional tests"): alone, they do not say what the project depends on.
  const project = py.manifests.some((m) => !isTestPath(m.path));
  return { ...ref, declared, installed, hasManifest: project && !build && !templated(path, py.manifests[0].path), example: exampled(path, py.manifests[0]?.path) };
}

export function collect(ctx: DetectorContext, project: ProjectService | undefined): Collected {
  if (JS_LIKE.includes(ctx.languageId)) {
    const specs = jsSpecifiers(ctx);
    if (!specs.length) return { refs: [] };
    const npm = project && npmProject(project, ctx.path);
    const refs = jsReferences(specs, (s, pkg) => (!!npm && !!project && isLocalSpecifier(project, npm, s, pkg)) || registeredModule(ctx.text, s) || isPhantomModule(ctx.text, s));
    return { refs: refs.map((r) => locateNpm(r, npm, ctx.path, project)), npm };
  }
  if (ctx.languageId === 'python') {
    const imports = pythonImports(ctx);
    if (!imports.length) return { refs: [] };
    const py = project && pyProject(project, ctx.path);
    const refs = pythonReferences(imports, (top) => !!py?.isLocalModule(top) || writtenModule(ctx.text, top));
    return { refs: refs.map((r) => locatePy(r, py, ctx.path)), py };
  }
  const manifest = manifestRefs(ctx);
  const refs = manifest ?? (INSTALL_LANGS.has(ctx.languageId) ? installReferences(ctx.text, ctx.languageId) : []);
  if (!refs.length) return { refs: [] };
  const npm = project && refs.some((r) => r.ecosystem === 'npm') ? npmProject(project, ctx.path) : undefined;
  const py = project && refs.some((r) => r.ecosystem === 'pypi') ? pyProject(project, ctx.path) : undefined;
  // Names of the workspace's own packages are never looked up.
  const located = refs.filter((r) => r.ecosystem !== 'npm' || !npm?.local.has(r.name)).map((r) => (r.ecosystem === 'npm' ? locateNpm(r, npm, ctx.path) : locatePy(r, py, ctx.path)));
  return { refs: located, npm, py };
}
