// The default a node-config style setting has in the project's own config folder: `config.api.host` read through
// `require('config')` or `require('wild-config')` is the `api.host` of `config/default.{json,js,cjs}` beside the
// nearest folder that holds one (node-config reads `./config` from where the app starts). A deployment may
// override it, so callers treat the answer as the default, not as what runs.
import { ts } from '../../core/ts';

const CONFIG_MODULES = /^(?:config|wild-config)$/;
const FILES = ['default.json', 'default.js', 'default.cjs'];

/** The module a name of the file is bound to (`const config = require('config')`, `import config from 'config'`). */
function moduleOf(name: string, text: string): string | undefined {
  const n = name.replace(/\$/g, '\\$');
  const m = new RegExp(String.raw`(?:\b(?:const|let|var)\s+${n}\s*=\s*require\s*\(\s*|\bimport\s+${n}\s+from\s+)['"]([^'"]+)['"]`).exec(text);
  return m?.[1];
}

/** A string value at `keys` in a JSON text or in the object a JS module exports (`module.exports = {…}`, `export default {…}`). */
function valueAt(file: string, text: string, keys: readonly string[]): string | undefined {
  if (file.endsWith('.json')) {
    try {
      let v: unknown = JSON.parse(text);
      for (const k of keys) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
      return typeof v === 'string' ? v : undefined;
    } catch { return undefined; }
  }
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  let obj: ts.Expression | undefined;
  for (const s of sf.statements) {
    if (ts.isExportAssignment(s)) obj = s.expression;
    else if (ts.isExpressionStatement(s) && ts.isBinaryExpression(s.expression) && s.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken
      && /^module\.exports$/.test(s.expression.left.getText(sf))) obj = s.expression.right;
  }
  for (const k of keys) {
    if (!obj || !ts.isObjectLiteralExpression(obj)) return undefined;
    const p = obj.properties.find((x) => ts.isPropertyAssignment(x) && (ts.isIdentifier(x.name) || ts.isStringLiteral(x.name)) && x.name.text === k);
    obj = p && ts.isPropertyAssignment(p) ? p.initializer : undefined;
  }
  return obj && ts.isStringLiteralLike(obj) ? obj.text : undefined;
}

/**
 * The project's default for a setting read as `expr` (`config.api.host`) in the file at `path`, when the file reads
 * it from node-config or wild-config and a `config/default.*` up from the file sets it to a string.
 */
export function configDefault(expr: string, path: string, text: string, read: (rel: string) => string | undefined): string | undefined {
  const m = /^([\w$]+)((?:\s*\.\s*[\w$]+)+)$/.exec(expr.trim());
  if (!m || !CONFIG_MODULES.test(moduleOf(m[1], text) ?? '')) return undefined;
  const keys = m[2].split('.').map((k) => k.trim()).filter(Boolean);
  const parts = path.split('/').slice(0, -1);
  for (let i = parts.length; i >= 0; i--) {
    for (const f of FILES) {
      const rel = [...parts.slice(0, i), 'config', f].join('/');
      const body = read(rel);
      if (body !== undefined) return valueAt(rel, body, keys);
    }
  }
  return undefined;
}
