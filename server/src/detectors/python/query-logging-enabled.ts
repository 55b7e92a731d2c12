// Flags SQLAlchemy engines that echo every statement with its parameters (`create_engine(url, echo=True)`,
// Flask-SQLAlchemy `SQLALCHEMY_ECHO = True`) outside dev/test settings and `if DEBUG:` branches:
// assistants turn echo on to see the SQL and it ships, copying the values of every query into the logs.
// Django logs its queries only with `DEBUG` on: its `django.db.backends` logger at `DEBUG` counts in a
// settings file that turns `DEBUG = True` on itself.
import type { Node } from 'web-tree-sitter';
import type { Detector, DetectorContext } from '../../core/types';
import { RULE_META } from '../shared/rule-meta';

const ENGINE = /(?:^|\.)(?:create_engine|create_async_engine|engine_from_config)$/;
const DEV_FILE = /(^|[/_.-])(dev|develop|development|local|test|tests|testing|debug)(\.py$|[/_.-])|(^|\/)conftest\.py$/i;
const DEV_BRANCH = /\b(DEBUG|TESTING|debug|testing|development|dev|local)\b/;
const ON = (v: Node) => v.type === 'true' || (v.type === 'string' && /^[rbu]*["']debug["']$/i.test(v.text));
const unquote = (n: Node | null | undefined) => n?.type === 'string' ? n.text.replace(/^[rbu]*(["'])(.*)\1$/is, '$2') : undefined;
/** `DEBUG = True` at module level, in a file that is not itself dev-only (checked by the caller). */
const DEBUG_ON = /^DEBUG[ \t]*=[ \t]*True[ \t]*(#.*)?$/m;

/** `"django.db.backends": {"level": "DEBUG", …}` in a `loggers` dictionary: the level value. */
function djangoSqlLogger(pair: Node): Node | undefined {
  if (unquote(pair.childForFieldName('key')) !== 'django.db.backends') return undefined;
  const owner = pair.parent?.parent;
  if (owner?.type !== 'pair' || unquote(owner.childForFieldName('key')) !== 'loggers') return undefined;
  const config = pair.childForFieldName('value');
  const level = config?.type === 'dictionary' ? config.namedChildren.find((p) => p?.type === 'pair' && unquote(p.childForFieldName('key')) === 'level') : undefined;
  const value = level?.childForFieldName('value');
  return value && unquote(value)?.toUpperCase() === 'DEBUG' ? value : undefined;
}

function inDevBranch(node: Node): boolean {
  for (let n = node.parent; n; n = n.parent) if (n.type === 'if_statement' && DEV_BRANCH.test(n.childForFieldName('condition')?.text ?? '')) return true;
  return false;
}

export const pyQueryLoggingEnabled: Detector = {
  id: 'query-logging-enabled',
  meta: { ...RULE_META['query-logging-enabled'], needs: ['python'] },
  languages: ['python'],
  keywords: ['echo', 'django.db.backends'],
  run(ctx: DetectorContext) {
    const django = ctx.text.includes('django.db.backends') && DEBUG_ON.test(ctx.text);
    if (DEV_FILE.test(ctx.path) || (!django && !/\becho\s*=|SQLALCHEMY_ECHO/.test(ctx.text))) return;
    const tree = ctx.python();
    if (!tree) return;
    if (django) {
      for (const pair of tree.rootNode.descendantsOfType('pair')) {
        const level = pair && djangoSqlLogger(pair);
        if (!level || inDevBranch(pair)) continue;
        ctx.report({
          start: pair.startIndex, end: pair.endIndex, kind: 'django-sql-debug',
          message: 'The `django.db.backends` logger at `DEBUG` in settings that turn `DEBUG` on logs every SQL query with its parameters, so passwords, tokens and personal data in queries are copied into the logs; log it at `INFO` or above.',
          fix: { title: 'Vouch: Log database queries at INFO', edits: [{ start: level.startIndex + level.text.length - 6, end: level.endIndex - 1, newText: 'INFO' }] },
        });
      }
    }
    const report = (at: Node, what: string, value: Node) => {
      if (inDevBranch(at)) return;
      ctx.report({
        start: at.startIndex, end: at.endIndex, kind: 'sqlalchemy-echo',
        message: `${what} makes SQLAlchemy log every statement with its parameters, so passwords, tokens and personal data in queries are copied into the logs; leave it off outside development.`,
        fix: { title: 'Vouch: Turn echo off', edits: [{ start: value.startIndex, end: value.endIndex, newText: 'False' }] },
      });
    };
    for (const node of tree.rootNode.descendantsOfType(['call', 'assignment'])) {
      ctx.checkBudget();
      if (!node) continue;
      if (node.type === 'assignment') {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        const name = left?.type === 'subscript' ? left.childForFieldName('subscript')?.text.replace(/^["']|["']$/g, '') : left?.text;
        if (right && name === 'SQLALCHEMY_ECHO' && ON(right)) report(node, '`SQLALCHEMY_ECHO = True`', right);
        continue;
      }
      const callee = node.childForFieldName('function')?.text ?? '';
      for (const arg of node.childForFieldName('arguments')?.namedChildren ?? []) {
        if (arg?.type !== 'keyword_argument') continue;
        const name = arg.childForFieldName('name')?.text;
        const value = arg.childForFieldName('value');
        if (!value || !ON(value)) continue;
        if (name === 'echo' && ENGINE.test(callee)) report(arg, `\`echo=${value.text}\``, value);
        else if (name === 'SQLALCHEMY_ECHO' && /\.config\.(update|from_mapping)$/.test(callee)) report(arg, '`SQLALCHEMY_ECHO=True`', value);
      }
    }
  },
};
