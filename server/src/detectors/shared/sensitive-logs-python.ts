// sensitive-data-in-logs, Python syntax: logging calls and print() whose arguments name secrets or
// personal data, or are whole request bodies, headers, the environment or user records.
import type { Node, Tree } from 'web-tree-sitter';
import type { ExposureSink } from './exposure';
import { idSlot, messageOf, placeSlot } from './log-message-python';
import { aboutSecret } from './secret-name-evidence';
import { boundToClientResponse } from './client-response';
import { classifyMember, classifyName, isLoggerName, isRecordName, isScalarKey, isSettingsOwner, type Exposure } from './sensitive-names';

interface Hit { kind: Exposure; node: Node; key?: string }
const LOG_METHODS = new Set(['debug', 'info', 'warning', 'warn', 'error', 'exception', 'critical', 'fatal', 'log', 'msg']);
const CANDIDATE = /\bprint\s*\(|\.\s*(?:debug|info|warning|warn|error|exception|critical|fatal|log|msg)\s*\(/g;
const REQUEST = /^(request|req)$/;
const BODY_ATTRS = new Set(['json', 'form', 'data', 'values', 'POST', 'body', 'get_json', 'files']);
const HEADER_ATTRS = new Set(['headers', 'META']);
/** A table of message texts (`CONNECT_MESSAGES['incorrect_password']`): its keys name texts about a secret, not the secret. */
const MESSAGE_TABLE = /(?:^|_)(?:messages?|msgs?|texts?|strings|labels|prompts|templates)$/i;
const PASSTHROUGH_FN = new Set(['str', 'repr', 'dumps', 'dict', 'vars', 'format', 'pformat', 'list']);
// `request.headers.items()`, `os.environ.copy()`: the whole object again (JS's `Object.entries(req.headers)`); `.keys()` is names only.
const WHOLE_AGAIN = new Set(['items', 'values', 'copy', 'to_dict']);

function stringValue(n: Node | null): string | undefined {
  if (n?.type !== 'string' || n.namedChildren.some((c) => c?.type === 'interpolation')) return undefined;
  return n.namedChildren.filter((c) => c?.type === 'string_content').map((c) => c!.text).join('');
}

/** The name an expression is known by: `password`, `user.password`, `headers["Authorization"]`. */
function nameOf(n: Node | null): string | undefined {
  if (n?.type === 'identifier') return n.text;
  if (n?.type === 'attribute') return n.childForFieldName('attribute')?.text;
  return n?.type === 'subscript' ? stringValue(n.childForFieldName('subscript')) : undefined;
}

function isLogCall(call: Node): boolean {
  const fn = call.childForFieldName('function');
  if (fn?.type === 'identifier') return fn.text === 'print';
  if (fn?.type !== 'attribute') return false;
  const method = fn.childForFieldName('attribute')?.text ?? '';
  const receiver = nameOf(fn.childForFieldName('object'));
  return LOG_METHODS.has(method) && !!receiver && (receiver === 'logging' || isLoggerName(receiver));
}

function wholeObject(n: Node): Exposure | undefined {
  if (n.type !== 'attribute') return undefined;
  const attr = n.childForFieldName('attribute')?.text ?? '';
  const owner = nameOf(n.childForFieldName('object')) ?? '';
  if (owner === 'os' && attr === 'environ') return 'env';
  if (!REQUEST.test(owner) || boundToClientResponse(n, owner)) return undefined;
  return BODY_ATTRS.has(attr) ? 'body' : HEADER_ATTRS.has(attr) ? 'headers' : undefined;
}

/** `named`: formatted into the message (f-string, `%`, `+`, `.format`, a logging argument): a user there is its `str()`, the name. */
function find(n: Node | null, out: Hit[], depth = 0, named = false): void {
  if (!n || depth > 6) return;
  const next = (c: Node | null, inText = named) => find(c, out, depth + 1, inText);
  switch (n.type) {
    case 'identifier': case 'attribute': case 'subscript': {
      const whole = wholeObject(n);
      if (whole) return void out.push({ kind: whole, node: n });
      if (n.type === 'subscript' && MESSAGE_TABLE.test(nameOf(n.childForFieldName('value')) ?? '')) return;
      const name = nameOf(n);
      const owner = n.type === 'attribute' ? nameOf(n.childForFieldName('object')) : undefined;
      const kind = !name ? undefined : n.type === 'attribute' ? classifyMember(owner, name) : classifyName(name);
      if (kind) out.push({ kind, node: n });
      else if (name && n.type !== 'subscript' && isRecordName(name) && !named && !isSettingsOwner(owner)) out.push({ kind: 'record', node: n });
      return;
    }
    case 'string':
      for (const c of n.namedChildren) if (c?.type === 'interpolation') next(c.childForFieldName('expression'), true);
      return;
    case 'parenthesized_expression': case 'await': case 'list': case 'tuple': case 'list_splat': case 'dictionary_splat':
    case 'concatenated_string':
      for (const c of n.namedChildren) next(c);
      return;
    case 'binary_operator': case 'boolean_operator': {
      const text = n.type === 'binary_operator' || named;
      next(n.childForFieldName('left'), text);
      next(n.childForFieldName('right'), text);
      return;
    }
    case 'conditional_expression':
      next(n.namedChildren[0]);
      next(n.namedChildren[2]);
      return;
    case 'dictionary':
      for (const pair of n.namedChildren) {
        if (pair?.type !== 'pair') { next(pair); continue; }
        pairLike(stringValue(pair.childForFieldName('key')), pair.childForFieldName('value'), out, depth, named);
      }
      return;
    case 'call': {
      const fn = n.childForFieldName('function');
      const args = n.childForFieldName('arguments')?.namedChildren ?? [];
      const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.text;
      const receiver = fn?.type === 'attribute' ? fn.childForFieldName('object') : null;
      // `request.get_json()` / `await request.body()` are the whole body.
      if (receiver && method && REQUEST.test(nameOf(receiver) ?? '') && BODY_ATTRS.has(method)) return void out.push({ kind: 'body', node: n });
      const again = receiver && method && WHOLE_AGAIN.has(method) ? wholeObject(receiver) : undefined;
      if (again) return void out.push({ kind: again, node: receiver! });
      // `request.form.get("password")` is known by its key.
      if (method === 'get' && receiver) {
        const key = stringValue(args[0] ?? null);
        const kind = key ? classifyName(key) : undefined;
        if (kind) out.push({ kind, node: n });
        return;
      }
      if (method && PASSTHROUGH_FN.has(method)) {
        // `"{}".format(user)`, `str(user)` name the user; `vars(user)`, `json.dumps(user)` write it whole.
        if (method === 'format' && receiver) for (const a of args) next(a?.type === 'keyword_argument' ? a.childForFieldName('value') : a, true);
        else next(args[0] ?? null, method === 'str' || method === 'repr');
      }
      return;
    }
  }
}

/** `{"password": pw}` or `password=pw`: the value, or the key when the value is a bare name. */
function pairLike(key: string | undefined, value: Node | null, out: Hit[], depth: number, named = false): void {
  if (!value) return;
  const before = out.length;
  find(value, out, depth + 1, named || isScalarKey(key));
  const kind = key ? classifyName(key) : undefined;
  if (out.length === before && kind && ['identifier', 'attribute', 'subscript'].includes(value.type) && !aboutSecret(nameOf(value) ?? '')) out.push({ kind, node: value, key });
}

/** Logging calls and print() with the sensitive values in their arguments, by the syntax. */
export function pythonLogSinks(tree: Tree, text: string, checkBudget: () => void): ExposureSink[] {
  const out: ExposureSink[] = [];
  // Visit only calls the text says may be logging calls: walking every call node is far slower.
  for (const m of text.matchAll(CANDIDATE)) {
    checkBudget();
    const name = tree.rootNode.descendantForIndex(m.index + m[0].search(/\w/));
    const call = name?.parent?.type === 'call' ? name.parent : name?.parent?.parent;
    if (call?.type !== 'call' || !isLogCall(call)) continue;
    const hits: Hit[] = [];
    const args = call.childForFieldName('arguments')?.namedChildren ?? [];
    // The message's placeholders: `%s` takes the arguments after it, `{user}` a keyword argument.
    const message = messageOf(args[0]);
    for (const [i, arg] of args.entries()) {
      if (arg?.type === 'keyword_argument') {
        const key = arg.childForFieldName('name')?.text;
        pairLike(key, arg.childForFieldName('value'), hits, 0, !!key && message.includes(`{${key}`));
      } else if (!(i > 0 && arg?.type === 'identifier' && placeSlot(message, i - 1))) find(arg, hits, 0, i > 0 && message.includes('%'));
    }
    const kept = hits.filter((h) => !(h.key && idSlot(message, h.key)));
    if (kept.length) out.push({ start: call.startIndex, end: call.endIndex, hits: kept.map((h) => ({ start: h.node.startIndex, end: h.node.endIndex, level: h.kind, text: h.node.text, key: h.key })) });
  }
  return out;
}
