// Where a literal is bound to a name in Python: tree-sitter hands over only the node types that bind
// values (assignments, keyword arguments, dict pairs, defaults, os.getenv calls).
import type { Node as PyNode } from 'web-tree-sitter';
import type { DetectorContext } from '../../core/types';
import { headMay, pyNodesOf, type PyNodeType } from '../shared/py-nodes';
import type { BindingForms, SecretCandidate } from './secret-candidates';

/**
 * Python, for the text check before the parse: `= '`, `: str = "`, `'] = '`, `='` (keywords), `': '`
 * (dict keys), with string prefixes; `os.getenv('X', '…')`, `environ.get('X') or '…'`, `environ['X'] or '…'`.
 */
export const PYTHON_FORMS: BindingForms = {
  bound: /^['"]?\]?\s*(?::\s*[\w.[\], |]{1,60}?\s*=|[:=])\s*[rRbBuUfF]{0,2}['"]/,
  fallbacks: /(?:(?:getenv|environ\.get)\s*\(\s*[rRbBuU]?(['"])[^'"\n]{1,120}\1\s*(?:,|\)\s+or)|environ\s*\[[^\]\n]{1,120}\]\s+or)\s*[rRbBuUfF]{0,2}['"]/g,
};

function pyString(n: PyNode | null): { start: number; end: number; fixable: boolean } | undefined {
  if (!n || n.type !== 'string') return undefined;
  const first = n.firstChild;
  const last = n.lastChild;
  if (!first || !last || first === last) return undefined;
  const prefix = /^[A-Za-z]*/.exec(first.text)![0];
  if (/f/i.test(prefix) || n.children.some((c) => c?.type === 'interpolation')) return undefined;
  return { start: first.endIndex, end: last.startIndex, fixable: prefix === '' && first.text.length === 1 };
}

function pyName(n: PyNode | null): string | undefined {
  if (!n) return undefined;
  if (n.type === 'identifier') return n.text;
  if (n.type === 'attribute') return n.childForFieldName('attribute')?.text;
  if (n.type === 'subscript') return pyName(n.childForFieldName('subscript'));
  const s = pyString(n);
  return s ? n.text.slice(s.start - n.startIndex, s.end - n.startIndex) : undefined;
}

/** `os.environ["X"]`, `os.environ.get("X")`, `os.getenv("X")` → X. */
function pyEnvRead(n: PyNode | null): string | undefined {
  if (!n) return undefined;
  if (n.type === 'subscript' && /^(?:os\.)?environ$/.test(n.childForFieldName('value')?.text ?? '')) return pyName(n);
  if (n.type !== 'call' || !/^(?:os\.)?(?:getenv|environ\.get)$/.test(n.childForFieldName('function')?.text ?? '')) return undefined;
  return pyName(n.childForFieldName('arguments')?.namedChildren[0] ?? null);
}

function pyValue(name: string | undefined, v: PyNode | null, wanted: (name: string) => boolean, out: SecretCandidate[]): void {
  if (!v) return;
  if (v.type === 'string') {
    const s = name && wanted(name) ? pyString(v) : undefined;
    if (s && name) out.push({ name, ...s });
    return;
  }
  if (v.type !== 'boolean_operator' || v.childForFieldName('operator')?.text !== 'or') return;
  const r = pyString(v.childForFieldName('right'));
  const env = pyEnvRead(v.childForFieldName('left'));
  if (r && env !== undefined) out.push({ name: name ?? '', ...r, fixable: false, fallbackFor: env });
}

const PY_TYPES: PyNodeType[] = ['assignment', 'keyword_argument', 'pair', 'default_parameter', 'typed_default_parameter', 'call'];

/**
 * `wanted` pre-filters names so values are only inspected (costly WASM calls) under secret-like names;
 * `hint`, a pattern every wanted name contains (unanchored), lets most bindings go without reading a node
 * at all. An environment fallback (`environ.get('X') or '…'`, `getenv('X', '…')`) is kept whatever its name.
 */
export function pythonCandidates(ctx: DetectorContext, wanted: (name: string) => boolean, hint?: RegExp): SecretCandidate[] {
  const out: SecretCandidate[] = [];
  let count = 0;
  const checkBudget = ctx.checkBudget;
  const types = /getenv|environ\.get/.test(ctx.text) ? PY_TYPES : PY_TYPES.slice(0, -1);
  // An environment fallback's name is not the secret's: with one in the file every binding is read.
  const byName = hint && !new RegExp(PYTHON_FORMS.fallbacks.source).test(ctx.text) ? hint : undefined;
  for (const n of pyNodesOf(ctx, ...types)) {
    if (++count % 256 === 0) checkBudget();
    if (!n) continue;
    if (byName && !headMay(ctx.text, n.startIndex, byName)) continue;
    switch (n.type) {
      case 'assignment': pyValue(pyName(n.childForFieldName('left')), n.childForFieldName('right'), wanted, out); break;
      case 'keyword_argument': case 'default_parameter': case 'typed_default_parameter':
        pyValue(pyName(n.childForFieldName('name')), n.childForFieldName('value'), wanted, out); break;
      case 'pair': pyValue(pyName(n.childForFieldName('key')), n.childForFieldName('value'), wanted, out); break;
      case 'call': {
        // os.getenv("API_KEY", "<literal>"): the default is a hardcoded secret whenever the env is unset.
        const env = pyEnvRead(n);
        const args = n.childForFieldName('arguments')?.namedChildren ?? [];
        const s = env !== undefined && args.length >= 2 && args[1]?.type === 'string' ? pyString(args[1]) : undefined;
        if (s && env) out.push({ name: '', ...s, fixable: false, fallbackFor: env });
        break;
      }
    }
  }
  return out;
}
