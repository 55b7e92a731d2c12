// database-record-in-response, JS/TS syntax: a name bound to an unprojected user-row fetch
// (`User.findById(id)`, `SELECT * FROM users`) and sent as it is by a response call in the same scope.
import { ts } from '../../core/ts';
import type { ExposureSink } from './exposure';
import { responsePayload } from './js-response';
import { arraySearch } from '../../analysis/labels';

const FETCH = new Set([
  'findOne', 'findById', 'findByPk', 'findUnique', 'findUniqueOrThrow', 'findFirst', 'findFirstOrThrow', 'findOneBy',
  'findOneOrFail', 'findOneByOrFail', 'find', 'findAll', 'findMany', 'findBy', 'findByEmail', 'findByUsername',
]);
const PASS_CHAIN = new Set(['lean', 'exec', 'populate', 'sort', 'limit', 'skip', 'then']);
const PROJECTION = /\b(select|attributes|projection|omit|exclude|fields)\b|['"`]\s*-\w/;
const MODEL = /user|account|customer|member|admin|employee|patient/i;
const SELECT_STAR = /\bselect\s+\*\s+from\s+["`]?(?:\w+\.)?(users?|accounts?|customers?|members?|admins?|employees?|patients?)\b/i;
/** The row is cleaned before it is sent (or the schema hides the hash). */
export const CLEANED = /\bdelete\s+\w+\.(password|hash)|\bpassword\w*\s*(:\s*\w+\s*)?,\s*\.\.\.|select:\s*false|\btoJSON\b|\bomit\(/i;

function unwrap(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAwaitExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
  return e;
}

/** Is this initializer an unprojected fetch of user-like rows? */
function isUserFetch(init: ts.Expression, sf: ts.SourceFile): boolean {
  let e = unwrap(init);
  while (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) {
    const method = e.expression.name.text;
    if (method === 'select' || method === 'project' || method === 'omit') return false;
    if (PASS_CHAIN.has(method)) { e = e.expression.expression; continue; }
    const args = e.arguments;
    if (FETCH.has(method)) {
      if (!MODEL.test(e.expression.expression.getText(sf)) || arraySearch(args[0]?.getText(sf))) return false;
      // A second argument is a projection or options (Mongoose, Sequelize, TypeORM).
      return args.length < 2 && !args.some((a) => PROJECTION.test(a.getText(sf)));
    }
    if (method === 'query' || method === 'execute' || method === 'one' || method === 'oneOrNone' || method === 'any' || method === 'many') {
      const sql = args[0];
      return !!sql && (ts.isStringLiteralLike(sql) || ts.isTemplateExpression(sql)) && SELECT_STAR.test(sql.getText(sf));
    }
    return false;
  }
  return false;
}

function scopeOf(n: ts.Node): ts.Node {
  let p = n.parent;
  while (p && !ts.isFunctionLike(p) && !ts.isSourceFile(p)) p = p.parent;
  return p ?? n;
}

/** Responses that send a whole user row, by the syntax. */
export function jsRecordSinks(sf: ts.SourceFile, nodes: readonly ts.Node[], checkBudget: () => void): ExposureSink[] {
    const out: ExposureSink[] = [];
    // Names bound to unprojected user rows, per enclosing function.
    const rows = new Map<ts.Node, Set<string>>();
    const bound = (id: ts.Identifier): boolean => {
      for (let s: ts.Node | undefined = scopeOf(id); s; s = s.parent ? scopeOf(s) : undefined) {
        if (rows.get(s)?.has(id.text)) return !CLEANED.test(s.getText(sf));
        if (ts.isSourceFile(s)) break;
      }
      return false;
    };
    const sentRow = (e: ts.Expression): ts.Expression | undefined => {
      e = unwrap(e);
      if (ts.isIdentifier(e)) return bound(e) ? e : undefined;
      // `result.rows`, `rows[0]`, `result.rows[0]`
      if (ts.isPropertyAccessExpression(e) && e.name.text === 'rows') return sentRow(e.expression) && e;
      if (ts.isElementAccessExpression(e)) return sentRow(e.expression) && e;
      if (ts.isObjectLiteralExpression(e)) {
        for (const p of e.properties) {
          const hit = ts.isShorthandPropertyAssignment(p) ? sentRow(p.name) : ts.isPropertyAssignment(p) ? sentRow(p.initializer) : undefined;
          if (hit) return hit;
        }
      }
      if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.expression.getText(sf) === 'JSON' && e.arguments[0]) return sentRow(e.arguments[0]);
      return undefined;
    };
    let visited = 0;
    for (const node of nodes) {
      if ((++visited & 63) === 0) checkBudget();
      if (ts.isVariableDeclaration(node) && node.initializer && isUserFetch(node.initializer, sf)) {
        const names = ts.isIdentifier(node.name) ? [node.name.text]
          : node.name.elements.flatMap((el) => (ts.isBindingElement(el) && ts.isIdentifier(el.name) ? [el.name.text] : []));
        const scope = scopeOf(node);
        const set = rows.get(scope) ?? new Set<string>();
        for (const n of names) set.add(n);
        rows.set(scope, set);
      }
      const sent = responsePayload(node);
      const hit = sent && sentRow(sent.payload);
      if (hit) out.push({ start: node.getStart(sf), end: node.getEnd(), status: sent.status, hits: [{ start: hit.getStart(sf), end: hit.getEnd(), level: 'record', text: hit.getText(sf) }] });
    }
    return out;
}
