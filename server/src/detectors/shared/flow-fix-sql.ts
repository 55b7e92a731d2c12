// Parameterising a query built by concatenation: literal SQL stays, each interpolated value becomes a
// placeholder in the driver's style (`?`, `$1`, `%s`) and moves to the parameter list. Offered only
// where every value sits in a value position (after `=`, `(`, `,`, LIKE, IN…) and the driver is known.
import type { Flow } from '../../analysis';
import type { DetectorContext, Fix } from '../../core/types';
import { argOf, isPy, jsQuote, pyQuote, src } from './flow-fixes';

/** The placeholder style of the driver the file imports, or undefined when unknown. */
function placeholder(ctx: DetectorContext, imports: ReadonlySet<string>): ((n: number) => string) | undefined {
  const has = (...m: string[]) => m.some((x) => imports.has(x));
  if (isPy(ctx)) {
    if (has('sqlite3')) return () => '?';
    if (has('psycopg2', 'psycopg', 'pymysql', 'MySQLdb', 'mysql')) return () => '%s';
    return undefined;
  }
  if (has('pg', 'postgres', 'pg-promise', '@vercel/postgres', '@prisma/client')) return (n) => `$${n}`;
  if (has('mysql', 'mysql2', 'sqlite3', 'better-sqlite3', 'sqlite')) return () => '?';
  return undefined;
}

const DRIVER_METHODS = new Set(['query', 'execute', 'run', 'all', 'get', 'each', 'prepare', '$queryRawUnsafe', '$executeRawUnsafe']);

/** Literal text before a value position that makes it a value (after `=`, `(`, `,`, LIKE, IN…). */
const VALUE_CONTEXT = /(=|<|>|\(|,|\blike|\bin|\bvalues|\blimit|\boffset|\bbetween|\band)\s*['"]?$/i;

export function parameterizeFix(flow: Flow, ctx: DetectorContext, imports: ReadonlySet<string> = new Set()): Fix | undefined {
  const found = argOf(flow);
  if (!found || flow.sink.argIndex !== 0 || flow.sink.kind !== 'sql') return undefined;
  const { call, arg } = found;
  const method = call.callee.k === 'member' ? call.callee.prop ?? '' : '';
  // Driver calls take a parameter list; Prisma's unsafe raw calls take the values as more arguments.
  const spread = method.startsWith('$');
  if (!isPy(ctx) && !spread && !DRIVER_METHODS.has(method)) return undefined;
  if (arg.k !== 'concat' || !['template', 'plus', 'fstring'].includes(arg.how)) return undefined;
  const rest = call.args.slice(1);
  if (isPy(ctx) ? rest.length || call.kwargs.length : rest.length > 1 || (rest[0] && rest[0].k !== 'func')) return undefined;
  const style = placeholder(ctx, imports);
  if (!style) return undefined;
  let sql = '';
  const params: string[] = [];
  for (let i = 0; i < arg.parts.length; i++) {
    const p = arg.parts[i];
    if (p.k === 'lit' && typeof p.value === 'string') {
      sql += p.value;
      continue;
    }
    const quote = /['"]$/.exec(sql)?.[0];
    if (!VALUE_CONTEXT.test(sql)) return undefined;
    const next = arg.parts[i + 1];
    if (quote) {
      if (!(next?.k === 'lit' && typeof next.value === 'string' && next.value.startsWith(quote))) return undefined;
      sql = sql.slice(0, -1);
    }
    params.push(src(ctx, p));
    sql += style(params.length);
    if (quote && next?.k === 'lit' && typeof next.value === 'string') {
      sql += next.value.slice(1);
      i++;
    }
  }
  if (!params.length) return undefined;
  const text = isPy(ctx) ? `${pyQuote(sql)}, (${params.join(', ')}${params.length === 1 ? ',' : ''})`
    : spread ? `${jsQuote(sql)}, ${params.join(', ')}` : `${jsQuote(sql)}, [${params.join(', ')}]`;
  return { title: 'Vouch: Parameterise the query', edits: [{ start: arg.span.start, end: arg.span.end, newText: text }], verify: true };
}

