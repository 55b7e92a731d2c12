// Package names in install commands: `npm i x`, `yarn add x`, `pip install x`, `poetry add x`…, in
// shell scripts, Dockerfile RUN lines, CI YAML `run:` steps and Markdown code (fenced or inline).
import type { LanguageId } from '../../../core/types';
import { isValidNpmName, isValidPypiName, type PackageRef } from './references';

const NPM_CMD = /\b(?:npm|cnpm|pnpm|bun)\s+(?:(?:-g|--global|-D|--save-dev)\s+)*(?:i|install|add)\b|\byarn\s+(?:global\s+)?add\b/g;
const PIP_CMD = /\b(?:(?:pip3?(?:\.\d+)?|python[\d.]*\s+-m\s+pip|uv\s+pip|pipx|pipenv)\s+install|(?:poetry|uv)\s+add)\b/g;
// Flags whose value is the next token (a file, URL, folder or host), not a package.
const VALUE_FLAGS = new Set([
  '-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-i', '--index-url', '--extra-index-url', '-f',
  '--find-links', '-t', '--target', '--prefix', '--root', '--trusted-host', '--platform', '--python-version',
  '--only-binary', '--no-binary', '--registry', '--tag', '-w', '--workspace', '--filter', '--cache', '--cache-dir',
  '--group', '-G', '--source', '--python', '-p', '--implementation', '--abi', '--progress-bar', '--log', '--src',
]);
// A command ends at a separator, a line end or a shell comment (`# …` after a space).
const END = /[;&|)`\n]|\s#|$/;
const TOKEN = /"([^"\n]*)"|'([^'\n]*)'|([^\s;&|)`]+)/g;

/** Names documentation writes for "your package here": `your-adapter-package-name`, `package-name`. */
const PLACEHOLDER = /^(?:@[^/]+\/)?your[-_]|(?:^|[-_])(?:package|module|pkg|library|plugin|adapter)[-_]name$/i;

/** One argument: the name at its offsets, or nothing for specs that are not registry names. */
function nameOf(arg: string, ecosystem: 'npm' | 'pypi'): { name: string; at: number } | undefined {
  if (/^[$.~/\\]|:\/\/|^(?:git|file|github|npm|link|workspace):|\.(?:whl|tgz|tar\.gz|zip)$/i.test(arg)) return undefined;
  if (ecosystem === 'npm') {
    const m = /^(@[^/@\s]+\/[^@\s]+|[^@\s]+)(?:@.*)?$/.exec(arg);
    if (!m || (m[1].includes('/') && !m[1].startsWith('@'))) return undefined; // GitHub shorthand user/repo
    return isValidNpmName(m[1]) ? { name: m[1], at: 0 } : undefined;
  }
  const m = /^[A-Za-z0-9][A-Za-z0-9._-]*/.exec(arg);
  if (!m) return undefined;
  const name = m[0].replace(/[._-]+$/, '');
  const rest = arg.slice(name.length);
  if (rest && !/^(?:\[|[<>=!~;@,]|\s)/.test(rest)) return undefined;
  return isValidPypiName(name) ? { name, at: 0 } : undefined;
}

function scanCommands(text: string, from: number, to: number, out: PackageRef[]): void {
  const segment = text.slice(from, to);
  for (const [re, ecosystem] of [[NPM_CMD, 'npm'], [PIP_CMD, 'pypi']] as const) {
    re.lastIndex = 0;
    for (let m = re.exec(segment); m; m = re.exec(segment)) {
      // A comment that mentions a command in passing (`# … prevents re-running npm install on …`); a bare
      // `# ` prompt right before it is a root shell's.
      const lineHead = segment.slice(segment.lastIndexOf('\n', m.index - 1) + 1, m.index);
      if (/^\s*#/.test(lineHead) && !/^\s*#\s*$/.test(lineHead)) continue;
      const argsStart = m.index + m[0].length;
      const endRel = END.exec(segment.slice(argsStart))!.index;
      const args = segment.slice(argsStart, argsStart + endRel);
      let skipNext = false;
      TOKEN.lastIndex = 0;
      for (let t = TOKEN.exec(args); t; t = TOKEN.exec(args)) {
        const raw = t[1] ?? t[2] ?? t[3];
        const quoted = t[3] === undefined ? 1 : 0;
        if (skipNext) {
          skipNext = false;
          continue;
        }
        if (raw.startsWith('-')) {
          skipNext = VALUE_FLAGS.has(raw) && !raw.includes('=');
          continue;
        }
        const n = nameOf(raw, ecosystem);
        if (!n || PLACEHOLDER.test(n.name)) continue;
        const start = from + argsStart + t.index + quoted + n.at;
        out.push({ ecosystem, name: n.name, start, end: start + n.name.length, kind: 'install' });
      }
    }
  }
}

/** Blank out line continuations so a command spread over `\`-ended lines reads as one line. */
function joinContinuations(text: string): string {
  return text.replace(/\\(\r?\n)/g, (m) => ' '.repeat(m.length));
}

/** Fences that hold commands: no language, a shell or console, a Dockerfile, CI YAML, plain text. */
const SHELL_FENCE = /^(?:|sh|bash|zsh|fish|shell|console|terminal|shell-?session|sh-session|bash-session|powershell|pwsh|ps1?|cmd|bat|batch|dockerfile|docker|ya?ml|te?xt|plain(?:text)?)$/i;

export function installReferences(text: string, language: LanguageId): PackageRef[] {
  const out: PackageRef[] = [];
  if (language !== 'markdown') {
    scanCommands(joinContinuations(text), 0, text.length, out);
    return out;
  }
  const joined = joinContinuations(text);
  let fence: string | undefined;
  let fenceStart = 0;
  let shell = true;
  let offset = 0;
  for (const line of text.split('\n')) {
    const f = /^\s{0,3}(`{3,}|~{3,})[ \t]*([^\s`{]*)/.exec(line);
    if (f && (!fence || f[1].startsWith(fence))) {
      // Code in another language (a JS string, a JSON manifest) is not an install line.
      if (fence && shell) scanCommands(joined, fenceStart, offset, out);
      if (!fence) shell = SHELL_FENCE.test(f[2]);
      fence = fence ? undefined : f[1];
      fenceStart = offset + line.length + 1;
    } else if (!fence) {
      for (const c of line.matchAll(/`([^`\n]+)`/g)) scanCommands(joined, offset + c.index! + 1, offset + c.index! + 1 + c[1].length, out);
    }
    offset += line.length + 1;
  }
  return out;
}
