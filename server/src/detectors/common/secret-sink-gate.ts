// Whether a file can hold a literal the `secret-sinks` fact would find, decided on the text before
// anything is lowered (lowering is most of the fact's cost, and most files that say "secret" or
// "password" call no sink). Necessary conditions only, so the gate never hides a finding:
// - a call resolves to a sink's callee path (`jsonwebtoken.sign`) only when the text names both the
//   module (an import or a global) and the member (a call, an import or a destructuring): the first
//   and last literal segments of one of the pack's callee patterns, as words;
// - a method sink needs its method's name (and the receiver's name when the pack gives it as a word);
// - a setting sink needs the setting's name assigned (`SECRET_KEY = …`, `app.config['SECRET_KEY'] = …`,
//   `app.secret_key: str = …`), not read (`settings.DATABASES[alias]`);
// - a credential compared with a literal needs a credential word next to `==`/`!=` on its line (a
//   name and its operator on two lines is the one shape the gate gives up).
import type { SinkPack } from './secret-sinks';
import { USER_NEARBY } from './secret-comparisons';

type Lang = SinkPack['calls'][number]['language'];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/** `[Pp][Aa]…`: a word in any case, so the boundary after it can stay case-sensitive. */
const anyCase = (w: string) => w.replace(/[a-z]/g, (c) => `[${c.toUpperCase()}${c}]`);
/**
 * A credential word that starts and ends where a name's words do (`password`, `userPass`,
 * `secretKey`, `API_KEY`, `db_pwd`; not `passes`, `compass`, `bypass`), beside an equality on either
 * side: `password ===`, `form.get('pwd') !=`, `== req.body.secret`.
 */
const word = (words: string[]) => `(?:(?<![a-z])|(?=[A-Z]))(?:${words.map(anyCase).join('|')})(?![a-z])`;
const beside = (w: string, flags?: string) => new RegExp(`${w}[\\w$]*(?:['"]\\s*[\\])])?\\s*[!=]=|[!=]=[^\\n;)]{0,60}?${w}`, flags);
const COMPARED = beside(word(['password', 'passwd', 'passphrase', 'pwd', 'secret', 'apikey', 'api_key', 'api-key', 'dbpass', 'dbpassword', 'adminpassword']));
/** `pass` alone (`isShadowPass`, a compiler pass) counts, as in the comparison rule, only with a user word on the line. */
const PASS_COMPARED = beside(word(['pass']));

/** A credential word in any case, before the exact checks (which run only on lines that have one). */
const CANDIDATE = /pass|pwd|secret|api[-_]?key/i;
const EQUALITY = /[!=]=/g;

/** On the lines with an equality (the name and the operator share a line, as written in practice). */
function comparesCredential(text: string): boolean {
  let done = -1;
  for (const m of text.matchAll(EQUALITY)) {
    if (m.index < done) continue;
    const start = text.lastIndexOf('\n', m.index) + 1;
    const end = (done = text.indexOf('\n', m.index) >>> 0);
    const line = text.slice(start, end);
    if (!CANDIDATE.test(line)) continue;
    if (COMPARED.test(line)) return true;
    if (PASS_COMPARED.test(line) && USER_NEARBY.test(line)) return true;
  }
  return false;
}

const IMPORTED = 'import:';
const IMPORT_LINE = /^[ \t]*(?:from|import)[ \t].*$/gm;

export class SinkGate {
  /**
   * Per language, any one of these groups, every word of it present, lets the file through. A Python
   * module is present only on an import line (`import:requests`): a module's name in a comment or a
   * docstring ("requests", "mysql") calls nothing.
   */
  private readonly groups = new Map<Lang, string[][]>([['js', []], ['python', []]]);
  /**
   * Per language, its groups' words as one pattern (a file is searched for its own language's words only:
   * 53 for Python, 60 for JS), and per word the whole words of that language it holds (`express-jwt` holds
   * `jwt`, `passport-jwt` holds `passport-`), itself included.
   */
  private readonly words = new Map<Lang, { pattern: RegExp; holds: Map<string, string[]> }>();
  /** Per language, a setting's name where it is assigned (the fact reads only assignments to settings). */
  private readonly assigned = new Map<Lang, RegExp>();

  constructor(pack: SinkPack) {
    const literal = (segment: string) => segment.replace(/\*/g, '');
    for (const c of pack.calls) {
      for (const path of c.callee ?? []) {
        const parts = path.split('.').map(literal).filter(Boolean);
        const module = c.language === 'python' ? `${IMPORTED}${parts[0]}` : parts[0];
        this.groups.get(c.language)!.push([...new Set([module, parts[parts.length - 1]])]);
      }
      const receiver = c.receiver && /^\\\.(\w+)\$$/.exec(c.receiver)?.[1];
      for (const m of c.method ?? []) this.groups.get(c.language)!.push(receiver ? [m, receiver] : [m]);
    }
    for (const lang of this.groups.keys()) {
      const mine = pack.settings.filter((s) => s.language === lang);
      const names = mine.flatMap((s) => s.names ?? []).map(escape);
      const members = mine.flatMap((s) => s.members ?? []).map(escape);
      // A name where a statement starts (or after another target's `=`) or under `config`; a member after
      // a dot. Then a closing quote and bracket, an annotation, and `=` (not `==`).
      const where = [
        ...(names.length ? [`(?:^[ \\t]*|[:;=][ \\t]*|\\bconfig\\[['"]|\\bconfig\\.)(?:${names.join('|')})`] : []),
        ...(members.length ? [`\\.(?:${members.join('|')})`] : []),
      ];
      if (where.length) this.assigned.set(lang, new RegExp(`(?:${where.join('|')})(?![\\w$])['"]?\\]?[ \\t]*(?::[^=\\n]*)?=(?!=)`, 'm'));
    }
    for (const [lang, groups] of this.groups) this.words.set(lang, wordPattern(groups));
  }

  /** False only when no sink of the pack for `language` can appear in `text`. */
  admits(text: string, language: Lang): boolean {
    if (comparesCredential(text) || this.assigned.get(language)?.test(text)) return true;
    const present = new Set<string>();
    const { pattern, holds } = this.words.get(language)!;
    // The longest word wins at each place: what it holds is there too.
    const find = (where: string, prefix = '') => {
      for (const m of where.matchAll(pattern)) for (const w of holds.get(m[0])!) present.add(prefix + w);
    };
    find(text);
    if (language === 'python') for (const line of text.matchAll(IMPORT_LINE)) find(line[0], IMPORTED);
    return this.groups.get(language)!.some((g) => g.every((w) => present.has(w)));
  }
}

const idChar = (c: string | undefined) => c !== undefined && /[\w$]/.test(c);
/** Whole words: no identifier character before or after (a word that ends in `-` runs on: `passport-local`). */
const whole = (outer: string, at: number, inner: string) => !idChar(outer[at - 1]) && (!idChar(inner[inner.length - 1]) || !idChar(outer[at + inner.length]));

/** One language's words, longest first (an alternation takes the first that matches), and what each holds. */
function wordPattern(groups: readonly string[][]): { pattern: RegExp; holds: Map<string, string[]> } {
  const all = [...new Set(groups.flat().map((w) => w.replace(IMPORTED, '')))].sort((a, b) => b.length - a.length);
  const holds = new Map<string, string[]>();
  for (const w of all) {
    holds.set(w, all.filter((inner) => {
      for (let at = w.indexOf(inner); at !== -1; at = w.indexOf(inner, at + 1)) if (whole(w, at, inner)) return true;
      return false;
    }));
  }
  const pattern = new RegExp(`(?<![\\w$])(?:${all.map((w) => escape(w) + (idChar(w[w.length - 1]) ? '(?![\\w$])' : '')).join('|')})`, 'g');
  return { pattern, holds };
}
