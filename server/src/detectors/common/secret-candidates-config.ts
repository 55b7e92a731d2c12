// Line-based candidates for config languages (.env, YAML, JSON, Dockerfile, Terraform, shell, INI/TOML,
// Markdown, plain text): `KEY=value`, `key: value`, `"key": "value"`, `ENV KEY=value`, `key = "value"`.
import type { LanguageId } from '../../core/types';
import type { SecretCandidate } from './secret-candidates';

const ASSIGN = /^(\s*(?:export\s+|local\s+|readonly\s+|declare\s+(?:-\w+\s+)*|-\s+|set\s+)?)([A-Za-z_][\w.-]*)(\s*[=:]\s*)(\S.*)$/;
const SHELL_ASSIGN = /^(\s*(?:export\s+|local\s+|readonly\s+|declare\s+(?:-\w+\s+)*)?)([A-Za-z_]\w*)(=)(\S.*)$/;
const YAML_PAIR = /^(\s*(?:-\s+)?)(["']?)([\w.-]+)\2(\s*:\s+)(\S.*)$/;
const TF_VARIABLE = /^\s*variable\s+"([^"]+)"/;
const TF_PAIR = /^(\s*)([\w-]+)(\s*=\s*)("(?:[^"\\]|\\.)*")/;
const DOCKER = /^(\s*(?:ENV|ARG)\s+)(.*)$/i;
const DOCKER_PAIR = /([A-Za-z_]\w*)=("(?:[^"\\]|\\.)*"|'[^']*'|\S+)/g;
const JSON_PAIR = /"([^"\\\n]{1,64})"\s*:\s*"((?:[^"\\\n]|\\.){8,512})"/g;

/** The value of `raw` (starting at offset `at`): inside its quotes, or up to an inline comment. */
function valueOf(raw: string, at: number, name: string, comments: boolean): SecretCandidate | undefined {
  const q = raw[0];
  if (q === '"' || q === "'") {
    const close = raw.indexOf(q, 1);
    return close > 1 ? { name, start: at + 1, end: at + close, fixable: false } : undefined;
  }
  if (/^[|>&*!{[]/.test(raw)) return undefined;
  let v = raw;
  if (comments) {
    const hash = v.search(/\s#/);
    if (hash !== -1) v = v.slice(0, hash);
  }
  v = v.trimEnd().replace(/[,;]$/, '');
  if (/[()]/.test(v)) return undefined; // an expression pasted from code, not a value
  return v ? { name, start: at, end: at + v.length, fixable: false } : undefined;
}

export function configCandidates(text: string, lang: LanguageId, checkBudget: () => void): SecretCandidate[] {
  const out: SecretCandidate[] = [];
  if (lang === 'json' || lang === 'jsonc') {
    JSON_PAIR.lastIndex = 0;
    let n = 0;
    for (let m = JSON_PAIR.exec(text); m; m = JSON_PAIR.exec(text)) {
      if (++n % 256 === 0) checkBudget();
      const start = m.index + m[0].length - m[2].length - 1;
      out.push({ name: m[1], start, end: start + m[2].length, fixable: false });
    }
    return out;
  }
  let tfVariable: string | undefined;
  let yamlEnvName: { name: string; line: number } | undefined;
  let offset = 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++, offset += lines[i - 1].length + 1) {
    if (i % 256 === 255) checkBudget();
    const line = lines[i].replace(/\r$/, '');
    if (/^\s*(?:#|\/\/|;)/.test(line) && lang !== 'markdown') continue;
    const add = (c: SecretCandidate | undefined) => c && out.push(c);
    switch (lang) {
      case 'yaml': {
        const m = YAML_PAIR.exec(line);
        if (!m) break;
        const at = offset + m[1].length + m[2].length * 2 + m[3].length + m[4].length;
        // Kubernetes / compose style: `- name: DB_PASSWORD` then `value: "…"` on the next line.
        if (m[3] === 'name') yamlEnvName = { name: m[5].replace(/^["']|["']$/g, ''), line: i };
        const name = m[3] === 'value' && yamlEnvName && i - yamlEnvName.line <= 2 ? yamlEnvName.name : m[3];
        add(valueOf(m[5], at, name, true));
        break;
      }
      case 'terraform': {
        const v = TF_VARIABLE.exec(line);
        if (v) tfVariable = v[1];
        const m = TF_PAIR.exec(line);
        if (!m) break;
        const name = m[2] === 'default' && tfVariable ? tfVariable : m[2];
        add(valueOf(m[4], offset + m[1].length + m[2].length + m[3].length, name, false));
        break;
      }
      case 'dockerfile': {
        const m = DOCKER.exec(line);
        if (!m) break;
        const rest = m[2];
        const base = offset + m[1].length;
        if (!/^[A-Za-z_]\w*=/.test(rest)) {
          const legacy = /^([A-Za-z_]\w*)(\s+)(\S.*)$/.exec(rest); // ENV KEY value
          if (legacy) add(valueOf(legacy[3], base + legacy[1].length + legacy[2].length, legacy[1], false));
          break;
        }
        DOCKER_PAIR.lastIndex = 0;
        for (let p = DOCKER_PAIR.exec(rest); p; p = DOCKER_PAIR.exec(rest)) {
          add(valueOf(p[2], base + p.index + p[1].length + 1, p[1], false));
        }
        break;
      }
      default: {
        const m = (lang === 'shellscript' ? SHELL_ASSIGN : ASSIGN).exec(line);
        if (!m) break;
        add(valueOf(m[4], offset + m[1].length + m[2].length + m[3].length, m[2], lang !== 'markdown' && lang !== 'plaintext'));
      }
    }
  }
  return out;
}
