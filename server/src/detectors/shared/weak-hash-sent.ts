// Where a Python password digest goes when it is not stored: sent as a site's login protocol asks (a query value, a
// request payload's field), or only shown in a log line in place of the password. Used by weak-password-hash.
import type { Node } from 'web-tree-sitter';
import { REQUEST_PAYLOAD as PAYLOAD } from './weak-hash-stores';

/**
 * Calls that send a value to a site (`update_qsd(url, {"word": h})`, `requests.post(url, data=…)`): its login protocol;
 * or to a peer over a socket (pg8000's `self._send_message(PASSWORD, pwd + NULL_BYTE)`: PostgreSQL's MD5 login).
 */
const SENT_BY = /(?:^|\.)(?:update_qsd|urlencode|_?send(?:_?(?:message|msg|packet|all))?)$|^(?:requests|httpx|session|self\.session(?:\.http)?|\w+\.http)\.(?:get|post|put|patch|request)$/;
/** Log calls: a digest printed instead of the password (`log.debug("login with sha256(%s)", h)`) is not kept. */
const SHOWN_BY = /(?:^|\.)(?:debug|info|warning|warn|error|log)$|^print$/;

/** Occurrences of `name` in `scope` as identifiers, except the one at `skip`. */
function usesOf(name: string, scope: Node, text: string, skip: number): Node[] {
  const uses: Node[] = [];
  const re = new RegExp(`(?<![\\w])${name}(?![\\w])`, 'g');
  for (const m of text.slice(scope.startIndex, scope.endIndex).matchAll(re)) {
    const at = scope.startIndex + m.index;
    if (at === skip) continue;
    const n = scope.descendantForIndex(at, at + name.length);
    if (n?.type === 'identifier' && n.startIndex === at && n.text === name) uses.push(n);
  }
  return uses;
}

/**
 * The assignment a value expression ends in, through method calls on it (`x.hexdigest().upper()`) and string
 * concatenation (`"sha256(" + digest + ")"`, a masked password for a log line).
 */
function assignmentOf(node: Node): Node | undefined {
  let p = node.parent;
  while (p && (p.type === 'attribute' || p.type === 'call' || p.type === 'binary_operator' || inDigest(p) || WRAPS.has(p.type))) p = p.parent;
  return p?.type === 'assignment' ? p : undefined;
}

/** Expressions that carry the digest into a value made of it (`b64encode(hmac.new(key, ''.join(… for bt in md5(pw).digest())))`). */
const WRAPS = new Set(['argument_list', 'generator_expression', 'for_in_clause', 'parenthesized_expression']);
/** A keyword argument that is a request's query or body (`self._download_json(url, query={'password': h})`). */
const SENT_AS = /^(?:query|params|json)$/;

/** The arguments of an outer digest (`md5(md5(pwd + user).hexdigest() + salt)`): the inner one goes where the outer goes. */
function inDigest(p: Node): boolean {
  return p.type === 'argument_list' && /(?:^|\.)(?:md5|sha\d*)$/.test(p.parent?.childForFieldName('function')?.text ?? '');
}

/** `payload['field'] = …`: the assignment's target is a field of a request dict. */
function intoPayload(assignment: Node | undefined): boolean {
  const left = assignment?.childForFieldName('left');
  return left?.type === 'subscript' && PAYLOAD.test(left.childForFieldName('value')?.text ?? '');
}

/**
 * The digest is sent or shown, never stored: bound to a name whose every use is an argument of a sending call or a
 * log call, or a field of a request payload (`payload['pw'] = digest`); or a hash object (`h = hashlib.md5()`)
 * whose every read other than `h.update(…)` goes into a request payload's field.
 */
export function onlySent(call: Node, scope: Node, text: string): boolean {
  const assignment = assignmentOf(call);
  if (intoPayload(assignment)) return true;
  const left = assignment?.childForFieldName('left');
  if (left?.type !== 'identifier') return false;
  const uses = usesOf(left.text, scope, text, left.startIndex);
  const hashObject = call.parent?.type === 'assignment';
  return uses.length > 0 && uses.every((u) => {
    const member = u.parent?.type === 'attribute' ? u.parent.childForFieldName('attribute')?.text : undefined;
    if (hashObject && member === 'update') return true;
    if (hashObject && member && /^(?:hex)?digest$/.test(member)) return intoPayload(assignmentOf(u.parent!));
    if (intoPayload(assignmentOf(u)) && assignmentOf(u)!.childForFieldName('right')?.id === u.id) return true;
    for (let q = u.parent; q && q.id !== scope.id; q = q.parent) {
      if (q.type === 'keyword_argument' && SENT_AS.test(q.childForFieldName('name')?.text ?? '')) return true;
      if (q.type === 'call') {
        const fn = q.childForFieldName('function')?.text ?? '';
        // `repr(masked)` / `str(masked)` inside the log call's arguments: look further out.
        if (/^(?:repr|str)$/.test(fn)) continue;
        return SENT_BY.test(fn) || SHOWN_BY.test(fn);
      }
    }
    return false;
  });
}
