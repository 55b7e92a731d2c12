// secret-evidence.ts's gate: what the text must have before the file is lowered to look for evidence.
/**
 * Whether the text has what evidence needs before the file is lowered for it (a per-edit cost in Python, whose lowering
 * the fast tier otherwise skips): an assignment to the logged value's last name (`password = …`, `x.password = …`,
 * `x["password"] += …`, `password: str = …`), a loop over it, a write to one of its fields (`token.access_token = …`),
 * or a `delete`/`del` of one. Without one, neither an inert value nor a masked copy can be shown.
 */
export function mayHaveEvidence(text: string, start: number, end: number, python = false): boolean {
  const logged = text.slice(start, end);
  const name = /[\w$]+(?=[^\w$]*$)/.exec(logged)?.[0];
  if (!name) return true;
  const n = name.replace(/\$/g, '\\$');
  const written = new RegExp(`(?<![\\w$])${n}(?![\\w$])(?:\\s*['"]?\\s*\\]?\\s*(?::[^=\\n]{0,80})?|\\s*(?:\\.[\\w$]+|\\[[^\\]\\n]+\\]))\\s*[-+*/%&|^]?=(?![=>])`
    + `|\\bfor\\b[^\\n]*(?<![\\w$])${n}(?![\\w$])|(?<![\\w$])(?:delete|del)\\s+${n}\\s*[.[]`);
  // Python: a bare name logged outside any `def` is a module global; writes inside functions bind their own locals.
  if (!python || name !== logged.trim() || inDef(text, start)) return written.test(text);
  const all = new RegExp(written.source, 'g');
  for (let m = all.exec(text); m; m = all.exec(text)) if (!inDef(text, m.index)) return true;
  return false;
}

/** Whether `at` lies in a Python `def` or `class` body, by the indentation of the lines above it. */
function inDef(text: string, at: number): boolean {
  const lines = text.slice(0, at).split('\n');
  let indent = /^[ \t]*/.exec(lines[lines.length - 1])![0].length;
  for (let i = lines.length - 2; i >= 0 && indent > 0; i--) {
    const depth = /^[ \t]*/.exec(lines[i])![0].length;
    if (depth >= indent || !lines[i].trim() || /^\s*#/.test(lines[i])) continue;
    if (/^\s*(?:async\s+def|def|class)\b/.test(lines[i])) return true;
    indent = depth;
  }
  return false;
}
