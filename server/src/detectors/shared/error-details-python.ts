// error-details-in-response, Python syntax: responses (`jsonify`, `HttpResponse`, `HTTPException(detail=)`,
// a route's return, `return body, 500`) that hold a traceback or a caught exception's text.
import type { Node, Tree as PyTree } from 'web-tree-sitter';
import type { ExposureSink, PyNodesOf } from './exposure';
import { pythonResponses } from './py-response';

type Level = 'stack' | 'message';
interface Hit { level: Level; node: Node }

const TRACEBACK_FN = /^(traceback\.format_(exc|exception|tb|stack)|sys\.exc_info)$/;
/** SQLAlchemy/DB-API exception attributes that carry the failing statement and its parameters. */
const INTERNAL_ATTRS = new Set(['orig', 'statement', 'params', '__traceback__', 'pgerror']);
const TO_TEXT = new Set(['str', 'repr', 'format', 'dumps', 'format_exception_only']);
const DEV_GUARD = /\b(DEBUG|debug|is_dev|development|FLASK_ENV|ENV)\b/;


/** Is this identifier the `as e` name of an enclosing `except` clause? */
function isCaught(id: Node): boolean {
  for (let n: Node | null = id.parent; n && n.type !== 'function_definition'; n = n.parent) {
    if (n.type !== 'except_clause') continue;
    const pattern = n.namedChildren.find((c) => c?.type === 'as_pattern');
    if (pattern?.childForFieldName('alias')?.text === id.text) return true;
  }
  return false;
}

/** Database and ORM calls whose errors carry table, column and value names (IntegrityError, OperationalError). */
const STORE_CALL = /\.\s*(?:execute|executemany|executescript|commit|flush|query|save|create|get_or_create|update_or_create|bulk_create|insert_one|insert_many|update_one|update_many|delete_one|delete_many|find_one|raw)\s*\(/;

/** Drivers' and ORMs' error classes (PEP 249 names, SQLAlchemy, PyMongo). */
const DB_ERROR = /\b(?:DatabaseError|IntegrityError|OperationalError|ProgrammingError|DataError|InterfaceError|SQLAlchemyError|PyMongoError|OperationFailure|DuplicateKeyError)\b|\b(?:psycopg2?|sqlite3|pymysql|MySQLdb|asyncpg)\.\w*Error\b/;

/**
 * Whether the caught exception `id` is a database's: a driver's or ORM's error class is caught, or a
 * catch-all (`except Exception as e`) wraps a database or ORM call. Other classes named (`KeyError`) are not.
 */
function caughtAroundStore(id: Node): boolean {
  for (let n: Node | null = id.parent; n && n.type !== 'function_definition'; n = n.parent) {
    if (n.type !== 'except_clause') continue;
    const pattern = n.namedChildren.find((c) => c?.type === 'as_pattern');
    if (pattern?.childForFieldName('alias')?.text !== id.text) continue;
    const caught = pattern.namedChildren[0]?.text ?? '';
    if (DB_ERROR.test(caught)) return true;
    return /^\(?\s*(?:Exception|BaseException)\s*\)?$/.test(caught) && STORE_CALL.test(n.parent?.childForFieldName('body')?.text ?? '');
  }
  return false;
}

function devOnly(n: Node): boolean {
  for (let p: Node | null = n.parent; p && p.type !== 'function_definition'; p = p.parent) {
    const cond = p.type === 'if_statement' || p.type === 'conditional_expression'
      ? (p.type === 'if_statement' ? p.childForFieldName('condition') : p.namedChildren[1]) : null;
    if (cond && DEV_GUARD.test(cond.text)) return true;
  }
  return false;
}

function find(n: Node | null, out: Hit[], depth = 0): void {
  if (!n || depth > 6) return;
  const next = (c: Node | null) => find(c, out, depth + 1);
  switch (n.type) {
    case 'identifier':
      if (isCaught(n)) out.push({ level: 'message', node: n });
      return;
    case 'attribute': {
      const obj = n.childForFieldName('object');
      const attr = n.childForFieldName('attribute')?.text ?? '';
      if (obj?.type === 'identifier' && isCaught(obj)) {
        if (INTERNAL_ATTRS.has(attr)) out.push({ level: 'stack', node: n });
        else if (attr === 'args' || attr === 'message' || attr === 'detail') out.push({ level: 'message', node: n });
      }
      return;
    }
    case 'call': {
      const fn = n.childForFieldName('function');
      if (fn && TRACEBACK_FN.test(fn.text)) return void out.push({ level: 'stack', node: n });
      const name = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.text;
      if (name && TO_TEXT.has(name)) {
        if (fn?.type === 'attribute' && name === 'format') next(fn.childForFieldName('object'));
        for (const a of n.childForFieldName('arguments')?.namedChildren ?? []) next(a?.type === 'keyword_argument' ? a.childForFieldName('value') : a);
      }
      return;
    }
    case 'string':
      for (const c of n.namedChildren) if (c?.type === 'interpolation') next(c.childForFieldName('expression'));
      return;
    case 'dictionary':
      for (const pair of n.namedChildren) next(pair?.type === 'pair' ? pair.childForFieldName('value') : pair);
      return;
    case 'binary_operator':
      next(n.childForFieldName('left'));
      next(n.childForFieldName('right'));
      return;
    case 'parenthesized_expression': case 'list': case 'tuple': case 'expression_list': case 'concatenated_string':
    case 'argument_list':
      for (const c of n.namedChildren) next(c);
      return;
    case 'keyword_argument':
      next(n.childForFieldName('value'));
      return;
    case 'conditional_expression':
      next(n.namedChildren[0]);
      next(n.namedChildren[2]);
      return;
  }
}

/** Responses that send caught exceptions or tracebacks, by the syntax. */
export function pythonErrorSinks(_tree: PyTree, text: string, checkBudget: () => void, nodes: PyNodesOf): ExposureSink[] {
  const out: ExposureSink[] = [];
  // Caught exceptions only exist inside `except`; read every call and return only when a traceback call may appear.
  let candidates = nodes('call', 'return_statement');
  if (!/traceback|exc_info/.test(text)) {
    // A node that starts inside a clause is inside it (nodes nest); an end is read across WASM, so once per clause.
    const clauses = nodes('except_clause').map((c) => ({ start: c.startIndex, end: c.endIndex }));
    candidates = clauses.length ? candidates.filter((n) => clauses.some((c) => c.start <= n.startIndex && n.startIndex < c.end)) : [];
  }
  const seen = new Set<number>();
  for (const sent of pythonResponses(candidates, text)) {
    checkBudget();
    const hits: Hit[] = [];
    for (const p of sent.payload) find(p, hits);
    const first = sent.payload[0];
    if (!hits.length || !first || seen.has(first.startIndex)) continue;
    seen.add(first.startIndex);
    const last = sent.payload[sent.payload.length - 1]!;
    out.push({
      start: Math.min(...sent.payload.map((p) => p.startIndex)), end: Math.max(last.endIndex, ...sent.payload.map((p) => p.endIndex)), status: sent.status,
      hits: hits.map((h) => ({
        start: h.node.startIndex, end: h.node.endIndex, level: h.level, text: h.node.text, devOnly: devOnly(h.node),
        store: h.level === 'message' && caughtAroundStore(h.node.type === 'attribute' ? h.node.childForFieldName('object') ?? h.node : h.node),
      })),
    });
  }
  return out;
}
