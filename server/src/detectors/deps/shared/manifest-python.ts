// Python manifest entries with offsets: requirements*.txt, pyproject.toml ([project] dependencies
// and optional-dependencies, [dependency-groups], Poetry tables), Pipfile and setup.cfg.
import type { ManifestEntry } from './manifest-npm';

// PEP 508: the name, then extras, a version, `@ url` or markers.
const REQ_NAME = /^[ \t]*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)/;

function requirement(value: string, offset: number, section: string): ManifestEntry | undefined {
  const m = REQ_NAME.exec(value);
  if (!m) return undefined;
  const start = offset + m[0].length - m[1].length;
  const rest = value.slice(m[0].length);
  const local = /^\s*(?:\[[^\]]*\])?\s*@/.test(rest) || /:\/\//.test(m[1]);
  return { name: m[1], start, end: start + m[1].length, spec: rest.trim(), section, local };
}

// What may follow a requirement's name: extras, a version (`==1`, `(>=1)`), `@ url`, `; markers`, an option
// (`--hash=…`) or nothing. A word is prose, which pip rejects ("Repositories contain a file…").
const REQ_REST = /^\s*(?:\[[^\]]*\]\s*)?(?:$|[<>=!~(@;]|-)/;

/** requirements.txt: one PEP 508 requirement a line; options (-r, -e, --index-url…) and URLs are skipped. */
export function parseRequirements(text: string): ManifestEntry[] {
  const out: ManifestEntry[] = [];
  let offset = 0;
  let prose = 0;
  for (const line of text.split('\n')) {
    const content = line.replace(/(^|\s)#.*$/, '');
    const trimmed = content.trim();
    if (trimmed && !trimmed.startsWith('-') && !/^[a-z+]+:\/\//i.test(trimmed) && !/^[./\\~]/.test(trimmed) && !/\.(?:whl|tar\.gz|zip)$/i.test(trimmed)) {
      const e = requirement(content, offset, 'requirements');
      if (e && REQ_REST.test(content.slice(e.end - offset))) out.push(e);
      else prose++;
    }
    offset += line.length + 1;
  }
  // Mostly prose: a document that happens to be called requirements.txt (Mercurial's help page on a
  // repository's requirements), so its lone words (section titles) are not packages either.
  return prose >= 3 && prose > out.length ? [] : out;
}

/** The string literals of a TOML array starting at `pos` (the `[`), and the offset after its `]`. */
function tomlArray(text: string, pos: number): { strings: Array<{ value: string; start: number }>; end: number } {
  const strings: Array<{ value: string; start: number }> = [];
  let i = pos + 1;
  while (i < text.length && text[i] !== ']') {
    const c = text[i];
    if (c === '#') i = text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i);
    else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' && c === '"' ? 2 : 1;
      strings.push({ value: text.slice(i + 1, j), start: i + 1 });
      i = j + 1;
    } else i++;
  }
  return { strings, end: i + 1 };
}

const PEP621_ARRAY_TABLES = /^(?:project\.optional-dependencies|dependency-groups)$/;
const KEY_TABLES = /^(?:tool\.poetry\.(?:dev-)?dependencies|tool\.poetry\.group\.[^.]+\.dependencies|packages|dev-packages)$/;
const LINE = /^[ \t]*(?:\[\[?([^\]\n]+)\]\]?|("[^"\n]+"|'[^'\n]+'|[A-Za-z0-9_.-]+)[ \t]*=[ \t]*)/gm;

/** pyproject.toml / Pipfile dependency entries. */
export function parsePyproject(text: string): ManifestEntry[] {
  const out: ManifestEntry[] = [];
  let table = '';
  LINE.lastIndex = 0;
  for (let m = LINE.exec(text); m; m = LINE.exec(text)) {
    if (m[1] !== undefined) {
      table = m[1].trim().replace(/\s*\.\s*/g, '.').replace(/"/g, '');
      continue;
    }
    const rawKey = m[2];
    const key = rawKey.replace(/^["']|["']$/g, '');
    const valueAt = m.index + m[0].length;
    const arrays = (table === 'project' && key === 'dependencies') || PEP621_ARRAY_TABLES.test(table) || (table === 'tool.uv' && key === 'dev-dependencies');
    if (arrays && text[valueAt] === '[') {
      const { strings, end } = tomlArray(text, valueAt);
      for (const s of strings) {
        const e = requirement(s.value, s.start, table);
        if (e) out.push(e);
      }
      LINE.lastIndex = end;
    } else if (KEY_TABLES.test(table) && key.toLowerCase() !== 'python') {
      const lineEnd = text.indexOf('\n', valueAt);
      const value = text.slice(valueAt, lineEnd < 0 ? text.length : lineEnd);
      const start = m.index + m[0].indexOf(rawKey) + (rawKey === key ? 0 : 1);
      out.push({ name: key, start, end: start + key.length, spec: value.trim(), section: table, local: /\b(?:path|git|url|file)\s*=/.test(value) });
    }
  }
  return out;
}

/** setup.cfg `[options] install_requires` and `[options.extras_require]` entries. */
export function parseSetupCfg(text: string): ManifestEntry[] {
  const out: ManifestEntry[] = [];
  let section = '';
  let inList = false;
  let offset = 0;
  for (const line of text.split('\n')) {
    const header = /^\[([^\]]+)\]/.exec(line);
    if (header) {
      section = header[1].trim();
      inList = false;
    } else if (/^\S/.test(line)) {
      const kv = /^([\w-]+)\s*=\s*(.*)$/.exec(line);
      inList = !!kv && ((section === 'options' && kv[1] === 'install_requires') || section === 'options.extras_require');
      if (inList && kv && kv[2].trim()) {
        const e = requirement(kv[2], offset + line.indexOf(kv[2]), section);
        if (e) out.push(e);
      }
    } else if (inList && line.trim() && !line.trim().startsWith('#')) {
      const e = requirement(line, offset, section);
      if (e) out.push(e);
    }
    offset += line.length + 1;
  }
  return out;
}

/** setup.py: string literals of `install_requires=[…]` (read as text; the script is never run). */
export function parseSetupPy(text: string): ManifestEntry[] {
  const out: ManifestEntry[] = [];
  const m = /\binstall_requires\s*=\s*\[/.exec(text);
  if (!m) return out;
  const close = text.indexOf(']', m.index);
  const body = text.slice(m.index + m[0].length, close < 0 ? undefined : close);
  const base = m.index + m[0].length;
  for (const s of body.matchAll(/(["'])([^"'\n]{1,200})\1/g)) {
    const e = requirement(s[2], base + s.index! + 1, 'install_requires');
    if (e) out.push(e);
  }
  return out;
}

/** poetry.lock / uv.lock: the names of every locked package (`[[package]]` then `name = "…"`). */
export function parseLockNames(text: string): string[] {
  return [...text.matchAll(/^\[\[package\]\]\r?\nname[ \t]*=[ \t]*"([^"\n]+)"/gm)].map((m) => m[1]);
}
