// A language service over one edited file plus only the declaration files it imports. Declaration
// SourceFiles live in a shared DocumentRegistry and never change version, so each edit reparses
// only the edited file and rebuilds the program around the cached ones: that is what keeps it warm.
import { ts } from '../core/ts';
import { existsSync, statSync } from 'node:fs';
import { readTextSafe } from '../io/safe-read';
import { dirname } from 'node:path';
import { LIB_DIR, isBareSpecifier, isNodeBuiltin, libText, projectNodeTypes, shippedNodeTypes } from './resolve';

let options: ts.CompilerOptions | undefined;
/** The checker's options, made on first use (the bundles load TypeScript on first use: core/deferred.ts). */
const compilerOptions = (): ts.CompilerOptions => (options ??= {
  allowJs: true,
  checkJs: true,
  noEmit: true,
  strict: false,
  noImplicitAny: false,
  skipLibCheck: true,
  skipDefaultLibCheck: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  esModuleInterop: true,
  allowSyntheticDefaultImports: true,
  jsx: ts.JsxEmit.Preserve,
  // No automatic @types inclusion and no JS from node_modules: the program holds only what the file imports.
  types: [],
  maxNodeModuleJsDepth: 0,
  allowArbitraryExtensions: true,
});

let declarations: ReadonlySet<string> | undefined;
const declarationExtensions = () => (declarations ??= new Set<string>([ts.Extension.Dts, ts.Extension.Dmts, ts.Extension.Dcts]));
const UNRESOLVED: ts.ResolvedModuleWithFailedLookupLocations = { resolvedModule: undefined };

/** Texts of declaration files, read once; `clear()` after installs. */
class FileCache {
  private readonly texts = new Map<string, string | undefined>();
  private readonly dirs = new Map<string, boolean>();

  read(f: string): string | undefined {
    if (f.startsWith(LIB_DIR)) return libText(f);
    if (!this.texts.has(f)) {
      const read = readTextSafe(f);
      this.texts.set(f, read.ok ? read.text : undefined);
    }
    return this.texts.get(f);
  }

  exists(f: string): boolean {
    if (f.startsWith(LIB_DIR)) return libText(f) !== undefined;
    if (this.texts.has(f)) return this.texts.get(f) !== undefined;
    try {
      return statSync(f).isFile();
    } catch {
      return false;
    }
  }

  dirExists(d: string): boolean {
    let v = this.dirs.get(d);
    if (v === undefined) {
      v = existsSync(d);
      this.dirs.set(d, v);
    }
    return v;
  }

  clear(): void {
    this.texts.clear();
    this.dirs.clear();
  }
}

export interface CheckedFile {
  program: ts.Program;
  sourceFile: ts.SourceFile;
  languageService: ts.LanguageService;
}

export class WarmProgram {
  private readonly cache = new FileCache();
  private readonly registry: ts.DocumentRegistry;
  private readonly service: ts.LanguageService;
  private resolutionCache: ts.ModuleResolutionCache;
  private current = { fileName: '', text: '', version: 0 };
  private rootNames: string[] = [];
  private aborted: () => boolean = () => false;
  /** Version of every declaration file; bumped by clear() so the registry reparses them. */
  private epoch = 0;

  constructor(private readonly root: string, registry?: ts.DocumentRegistry) {
    this.registry = registry ?? ts.createDocumentRegistry(true, root);
    this.resolutionCache = ts.createModuleResolutionCache(root, (s) => s, compilerOptions());
    const moduleHost: ts.ModuleResolutionHost = {
      fileExists: (f) => this.cache.exists(f),
      readFile: (f) => this.cache.read(f),
      directoryExists: (d) => this.cache.dirExists(d),
    };
    const host: ts.LanguageServiceHost = {
      getCompilationSettings: compilerOptions,
      getScriptFileNames: () => this.rootNames,
      getScriptVersion: (f) => (f === this.current.fileName ? String(this.current.version) : String(this.epoch)),
      getScriptSnapshot: (f) => {
        const t = f === this.current.fileName ? this.current.text : this.cache.read(f);
        return t === undefined ? undefined : ts.ScriptSnapshot.fromString(t);
      },
      getScriptKind: (f) => (f === this.current.fileName ? kindOf(f) : ts.ScriptKind.TS),
      getCurrentDirectory: () => this.root,
      getDefaultLibFileName: () => `${LIB_DIR}/lib.es2022.d.ts`,
      fileExists: (f) => f === this.current.fileName || this.cache.exists(f),
      readFile: (f) => (f === this.current.fileName ? this.current.text : this.cache.read(f)),
      directoryExists: (d) => d.startsWith(LIB_DIR) || this.cache.dirExists(d),
      getDirectories: () => [],
      useCaseSensitiveFileNames: () => true,
      getCancellationToken: () => ({ isCancellationRequested: () => this.aborted() }),
      resolveModuleNameLiterals: (literals, containingFile) =>
        literals.map((lit) => this.resolve(lit.text, containingFile, moduleHost)),
    };
    this.service = ts.createLanguageService(host, this.registry);
  }

  /**
   * Relative imports of the edited file are not followed (they stay `any`); bare imports resolve
   * to declaration files only, never to a package's JS or TS sources.
   */
  private resolve(spec: string, containingFile: string, host: ts.ModuleResolutionHost): ts.ResolvedModuleWithFailedLookupLocations {
    // Built-ins come from @types/node's ambient modules, never from a same-named polyfill package.
    if (isNodeBuiltin(spec)) return UNRESOLVED;
    if (containingFile === this.current.fileName && !isBareSpecifier(spec)) return UNRESOLVED;
    const r = ts.resolveModuleName(spec, containingFile, compilerOptions(), host, this.resolutionCache);
    return r.resolvedModule && declarationExtensions().has(r.resolvedModule.extension) ? r : UNRESOLVED;
  }

  /** Updates the edited file and returns its warm program; undefined when cancelled. */
  update(fileName: string, text: string, aborted: () => boolean): CheckedFile | undefined {
    this.aborted = aborted;
    if (fileName !== this.current.fileName || text !== this.current.text) {
      this.current = { fileName, text, version: this.current.version + 1 };
    }
    const nodeTypes = needsNodeTypes(text) ? projectNodeTypes(dirname(fileName), this.root) ?? shippedNodeTypes() : undefined;
    const roots = nodeTypes ? [fileName, nodeTypes] : [fileName];
    if (roots.join('\0') !== this.rootNames.join('\0')) this.rootNames = roots;
    try {
      const program = this.service.getProgram();
      const sourceFile = program?.getSourceFile(fileName);
      return program && sourceFile ? { program, sourceFile, languageService: this.service } : undefined;
    } catch (e) {
      if (e instanceof ts.OperationCanceledException) return undefined;
      throw e;
    }
  }

  /** Forget cached declaration texts and resolutions (after `npm install`). */
  clear(): void {
    this.cache.clear();
    this.epoch++;
    this.resolutionCache = ts.createModuleResolutionCache(this.root, (s) => s, compilerOptions());
  }

  dispose(): void {
    this.service.dispose();
  }
}

/** Node's globals (Buffer, process) and built-in modules come from @types/node; most files need them. */
function needsNodeTypes(text: string): boolean {
  return /\brequire\s*\(|\bfrom\s*['"](?:node:)?[a-z_]|\bimport\s*\(|\bprocess\.|\bBuffer\b/.test(text);
}

function kindOf(f: string): ts.ScriptKind {
  if (/\.tsx$/i.test(f)) return ts.ScriptKind.TSX;
  if (/\.[cm]?ts$/i.test(f)) return ts.ScriptKind.TS;
  if (/\.jsx$/i.test(f)) return ts.ScriptKind.JSX;
  return ts.ScriptKind.JS;
}
