// What a served folder is, from the expression that names it (JS/TS or Python IR): the project or
// app root (`__dirname`, `'.'`, `process.cwd()`, `BASE_DIR`, `path.join(__dirname, '..')`), a folder
// whose name says logs, backups, dumps or a VCS/credential folder (`'logs'`, `BASE_DIR / 'backups'`,
// `LOG_DIR`), or nothing known. Constants bound once in the file are followed; parameters are not.
import type { Expr } from '../../analysis/ir';
import type { FileValues } from '../common/secret-sink-values';
import { wordsOf } from './ir-sites';
import data from '../../../../rules/exposure/served-folders.json';

export interface Served {
  readonly what: 'root' | 'sensitive';
  /** The folder as the message names it: `'logs'`, `__dirname`, `BASE_DIR`. */
  readonly name: string;
}

const SENSITIVE = new Set(data.sensitiveFolders.map((f) => f.toLowerCase()));
const SENSITIVE_WORDS = new Set(data.sensitiveWords);
/** Compared by their words: `ROOT_PATH`, `rootPath` and `root_path` are one name. */
const ROOT_NAMES = new Set(data.rootNames.map((n) => wordsOf(n).join('_')));
/** Calls that give the working directory or the file's own folder. */
const ROOT_CALL = /^(?:process\.cwd|os\.getcwd|os\.path\.dirname|path\.dirname|os\.path\.abspath|pathlib\.Path\.cwd|Path\.cwd|os\.path\.realpath|(?:url\.)?fileURLToPath)$/;
/** Calls that put a folder path together from their arguments. */
const JOIN_CALL = /^(?:path\.(?:join|resolve|posix\.join)|os\.path\.join|pathlib\.Path|Path|join|resolve)$/;
const MAX_DEPTH = 5;

type Part = Served | 'rootish' | 'other';

/** A literal folder: `'.'`, `'./'`, `'..'` are root-like; a dot-folder anywhere or a sensitive last segment is sensitive. */
function literal(value: string): Part {
  const segs = value.replace(/\\/g, '/').split('/').filter((s) => s && s !== '.');
  if (!segs.length || segs.every((s) => s === '..')) return 'rootish';
  const low = segs.map((s) => s.toLowerCase());
  const hit = low.find((s) => s.startsWith('.') && s !== '..' && SENSITIVE.has(s)) ?? (SENSITIVE.has(low[low.length - 1]) ? low[low.length - 1] : undefined);
  return hit ? { what: 'sensitive', name: `'${value}'` } : 'other';
}

/** A name or a member (`LOG_DIR`, `config.backupDir`, `settings.BASE_DIR`): what its words say. */
function named(name: string): Part {
  if (ROOT_NAMES.has(wordsOf(name).join('_'))) return { what: 'root', name };
  return wordsOf(name).some((w) => SENSITIVE_WORDS.has(w)) ? { what: 'sensitive', name } : 'other';
}

export class ServedRoots {
  constructor(private readonly values: FileValues, private readonly text: string) {}

  /** What the folder expression serves, when it is the root or a sensitive folder. */
  classify(e: Expr | undefined): Served | undefined {
    const p = this.part(e, 0);
    if (p === 'rootish') return { what: 'root', name: e ? this.text.slice(e.span.start, e.span.end).replace(/\s+/g, ' ') : '.' };
    return p === 'other' ? undefined : p;
  }

  private part(e0: Expr | undefined, depth: number): Part {
    if (!e0 || depth > MAX_DEPTH) return 'other';
    if (e0.k === 'name' && (e0.name === '__dirname' || e0.name === '__file__') && e0.binding?.kind !== 'param') return 'rootish';
    const e = e0.k === 'name' && e0.binding ? this.values.resolve(e0) ?? e0 : e0;
    switch (e.k) {
      case 'lit': return typeof e.value === 'string' ? literal(e.value) : 'other';
      case 'name':
        return e.binding?.kind === 'param' ? 'other' : named(e.name);
      case 'member': {
        const t = this.text.slice(e.span.start, e.span.end);
        if (/^(?:import\.meta\.(?:dirname|url)|settings\.BASE_DIR|app\.root_path|current_app\.root_path)$/.test(t)) return 'rootish';
        // `Path(__file__).parent`: the folder above, still inside the project.
        if (e.prop === 'parent') return this.part(e.object, depth + 1) === 'rootish' ? 'rootish' : 'other';
        return e.prop ? named(e.prop) : 'other';
      }
      case 'call': {
        const callee = this.text.slice(e.callee.span.start, e.callee.span.end).replace(/\s+/g, '');
        if (ROOT_CALL.test(callee)) return e.args.every((a) => this.part(a, depth + 1) === 'rootish') ? 'rootish' : 'other';
        if (JOIN_CALL.test(callee)) return this.join(e.args, depth);
        // `Path(__file__).resolve().parent`, `.absolute()`: the same folder.
        if (e.callee.k === 'member' && /^(?:resolve|absolute|expanduser)$/.test(e.callee.prop ?? '') && !e.args.length) return this.part(e.callee.object, depth + 1);
        return 'other';
      }
      case 'concat': return this.join(e.parts, depth);
      case 'op': return e.op === '/' ? this.join(e.operands, depth) : 'other';
      case 'cond': {
        for (const o of e.options) { const p = this.part(o, depth + 1); if (p !== 'other') return p; }
        return 'other';
      }
      default: return 'other';
    }
  }

  /** Parts of a joined path: sensitive if a literal part says so, root if every part is root-like. */
  private join(parts: readonly Expr[], depth: number): Part {
    if (!parts.length) return 'other';
    const ps = parts.map((p) => (p.k === 'lit' && typeof p.value === 'string' ? this.joinedLiteral(p.value) : this.part(p, depth + 1)));
    // A literal folder with more path after it (`'node_modules', 'pkg', 'dist'`) serves that subfolder, as a
    // single literal is judged by its last segment; a dot-folder (`.git`) exposes whatever is under it.
    const inside = (p: Served, i: number) => parts[i].k === 'lit' && i < ps.length - 1 && !p.name.startsWith("'.");
    const hit = ps.find((p, i): p is Served => typeof p === 'object' && p.what === 'sensitive' && !inside(p, i));
    if (hit) return hit;
    // A root named in the path is served only when nothing after it goes deeper (`rootDir + '/public'` serves public/).
    const root = ps.findIndex((p) => typeof p === 'object' && p.what === 'root');
    if (root >= 0 && ps.slice(root + 1).every((p) => p === 'rootish')) return ps[root];
    return ps.every((p) => p === 'rootish') ? 'rootish' : 'other';
  }

  private joinedLiteral(value: string): Part {
    if (/^[/\\]*$/.test(value)) return 'rootish';
    return literal(value);
  }
}
