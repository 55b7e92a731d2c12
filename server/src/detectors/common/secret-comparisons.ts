// Credentials compared with literals, for the secret-sink fact: `password == 'letmein'`,
// `req.body.pass === ADMIN_PASS` (a constant bound to a literal), `request.form.get('password') != 'x'`.
// The literal is the hardcoded credential. Not: empty or null values, field-type and typeof words
// (`mode === 'password'` has no credential name; `password === 'password'` is a field type), masks, labels.
import type { Expr, FileIR, Func, Stmt } from '../../analysis/ir';
import { exprsOf } from '../../analysis/walk';
import type { FileValues } from './secret-sink-values';
import { secretNameKind, splitWords } from './secret-names';

export const EQUALITY = new Set(['==', '===', '!=', '!==']);
/** Values that name a kind of field or a type, not a credential. */
const NOT_CREDENTIAL = new Set([
  'password', 'passwd', 'text', 'hidden', 'string', 'number', 'boolean', 'object', 'function', 'undefined', 'null', 'none',
  'true', 'false', 'new', 'old', 'current', 'confirm', 'required', 'optional', 'empty', 'missing', 'invalid', 'secret', 'token',
]);
/** Last words of a name that is a setting about the credential, not the credential. */
const SETTING_OF = /^(?:check|method|mode|type|kind|scheme|format|policy|hasher|algorithm|algo|backend|strategy|field|style|source|storage)$/;
/**
 * The branch only warns that the shipped default is still set (`if (pass === 'pass') console.warn('change it')`,
 * `warnings.warn(\n "SECRET_KEY has not been redefined in config.py")`), the message on the call's line or the next.
 */
const WARNS_DEFAULT = /^[^\n]*\n\s*(?:console\.(?:warn|error|log)|(?:logger|log|logging|warnings|LOG|_logger)\.(?:warn(?:ing)?|error)|print)\s*\((?:[^\n]*\n)?[^\n]*\b(?:default|change|recommend|insecure|redefine|override)/i;
/** Names whose secret word also means something else (`pass` of a compiler, `auth` mode): only beside a user check. */
const AMBIGUOUS = /^(?:pass|auth|key|creds?)$/;
export const USER_NEARBY = /\b(?:user(?:_?name)?|login|email|account|admin)\b/i;

/** `pass_arg`, `passThrough`: `pass` is its only password word, which often means something else. */
const onlyPass = (name: string) => { const w = splitWords(name); return w.includes('pass') && !w.some((x) => /^(?:password|passwd|passphrase|pwd)$/.test(x)); };

/** The name a compared value goes by: `password`, `req.body.password`, `request.form['password']`, `form.get('password')`. */
function nameOf(e: Expr): string | undefined {
  if (e.k === 'name') return e.name;
  if (e.k === 'member') return e.prop ?? undefined;
  if (e.k === 'call' && e.callee.k === 'member' && e.callee.prop === 'get' && e.args[0]?.k === 'lit' && typeof e.args[0].value === 'string') return e.args[0].value;
  return undefined;
}

/** Whether the name holds a credential a person types or a client sends (password, secret, API key). */
function credentialName(name: string): boolean {
  const kind = secretNameKind(name);
  if (!kind) return false;
  const words = splitWords(name);
  // `user_pass == 'git'`: a `user:pass` pair (the user part of a URL), not a password alone.
  if (words.some((w) => w === 'user' || w === 'username')) return false;
  // `PASSWORD_CHECK == 'bind'`, `auth_method == 'secret'`: a setting that names how it is checked.
  if (SETTING_OF.test(words[words.length - 1] ?? '')) return false;
  if (kind === 'password') return true;
  return words.some((w) => w === 'secret' || w === 'apikey' || w === 'passphrase') || (words.includes('api') && words.includes('key'));
}

function credentialValue(v: string): boolean {
  const t = v.trim();
  if (t.length < 4 || t.length > 128 || NOT_CREDENTIAL.has(t.toLowerCase())) return false;
  if (/^[*\u2022.x]+$/i.test(t) || /\$\{|\{\{|%\(/.test(t)) return false; // masks and templates
  // A value that asks to be changed or filled in: the comparison detects the unchanged default
  // (`=== 'admin-default-password-change-me'`) or the unedited template (`newPassword=NEW_PASSWORD_HERE`).
  if (/chang(?:e[-_ ]?)?me|change[-_ ]?this|replace[-_ ]?me|[-_]here$|^(?:your|enter|insert)[-_]|placeholder/i.test(t)) return false;
  // A storage backend's marker stored in the password field (`password == 'keyring:'`, a client's config migration
  // moving passwords to the system keyring): a scheme word ending in a colon, not the password.
  if (/^[a-z][a-z0-9+.-]*:$/i.test(t)) return false;
  return t.split(/\s+/).length < 3; // labels and messages are sentences
}

/**
 * An option value named after the field it sets (n8n's `forceChangePassword === 'forceChangePasswordNextSignIn'`): a
 * letters-only identifier holding every word of the name and more. An enum member, not a password.
 */
function namedOption(v: string, name: string): boolean {
  if (!/^[A-Za-z]+(?:[-_][A-Za-z]+)*$/.test(v)) return false;
  const words = splitWords(name);
  const inValue = splitWords(v);
  return inValue.length > words.length && words.every((w) => inValue.includes(w));
}

/**
 * A demo key (`apiKey === 'DEMO'` in Builder's SDK, NASA's `'DEMO_KEY'`): the sentinel of a public demo mode the client
 * or service documents, not a secret anyone could abuse. An API key's only: a demo account's password still lets one in.
 */
const DEMO_KEY = /^demo(?:[-_ ]?(?:api)?[-_ ]?key)?$/i;
export const demoKey = (value: string, name: string): boolean => DEMO_KEY.test(value.trim()) && !/pass|pwd/i.test(name);

const NEGATED = new Set(['!=', '!==']);
/** `undefined`, `void 0`, `null`/`None`, `false`, `''`: the value dropped. */
const nothing = (e: Expr | undefined): boolean => !!e && ((e.k === 'lit' && (e.value === null || e.value === false || e.value === ''))
  || (e.k === 'op' && e.op === 'void') || (e.k === 'name' && (e.name === 'undefined' || e.name === 'None')));
/** The comparisons a test holds alone or as a conjunct of `&&`/`and`. */
function conjuncts(e: Expr | null, out: Expr[] = []): Expr[] {
  if (e?.k === 'cond' && e.test && e.options.length === 1) { conjuncts(e.test, out); conjuncts(e.options[0], out); } else if (e?.k === 'op' && EQUALITY.has(e.op)) out.push(e);
  return out;
}
const sameName = (a: Expr, b: Expr | undefined) => !!b && !!nameOf(a) && nameOf(a) === nameOf(b) && a.k === b.k;

/**
 * Comparisons whose equal side throws the value out: `if (secret === 'default') throw …`, `s !== 'default' ? s : undefined`
 * (better-auth's legacy secret). The literal is the shipped default being refused, not a credential that lets anyone in.
 */
function refusals(fn: Func): Set<Expr> {
  const stmts = fn.body;
  const out = new Set<Expr>();
  const visit = (list: readonly Stmt[]): void => list.forEach((st) => {
    if (st.k === 'if' && st.then[0]?.k === 'throw') for (const c of conjuncts(st.test)) if (!NEGATED.has((c as Expr & { k: 'op' }).op)) out.add(c);
    if (st.k === 'if') { visit(st.then); visit(st.else); } else if (st.k === 'block' || st.k === 'loop') visit(st.body);
    else if (st.k === 'try') { visit(st.body); visit(st.handler); visit(st.finalizer); }
  });
  visit(stmts);
  exprsOf(fn).forEach((e) => {
    if (e.k !== 'cond' || !e.test || e.options.length !== 2) return;
    for (const c of conjuncts(e.test)) {
      if (c.k !== 'op') continue;
      const [kept, dropped] = NEGATED.has(c.op) ? e.options : [e.options[1], e.options[0]];
      if (nothing(dropped) && c.operands.some((o) => sameName(o, kept))) out.add(c);
    }
  });
  return out;
}

/**
 * The credential got the constant as its default (`if (apiKey == null) apiKey = defaultApiKey`, `key ?? DEFAULT_KEY`, `api_key or
 * DEFAULT_KEY`; a bare name, not `opts.password = ADMIN_PASS`): the check asks whether the shipped default is in use (an SDK's
 * shared community key, then throttled), not whether a caller knows a secret; the constant is generic-secret-assignment's.
 */
function ownDefault(text: string, name: string, constant: string): boolean {
  const [n, c] = [name, constant].map((x) => x.replace(/\$/g, '\\$'));
  return new RegExp(`(?<![\\w$.])${n}\\s*(?:=(?!=)|\\?\\?=?|\\|\\|=?|\\bor\\b)\\s*${c}(?![\\w$])`).test(text);
}

/** Literals (resolved through constants) a credential-named value is compared with, and the name. */
export function comparedLiterals(lowered: FileIR, values: FileValues, text: string, found: (lit: Expr & { k: 'lit' }, name: string) => void): void {
  for (const fn of lowered.funcs) {
    // Looked for once a function compares a credential-named value at all.
    let refused: Set<Expr> | undefined;
    exprsOf(fn).forEach((e) => {
      if (e.k !== 'op' || !EQUALITY.has(e.op) || e.operands.length !== 2) return;
      if (!e.operands.some((o) => credentialName(nameOf(o) ?? '')) || (refused ??= refusals(fn)).has(e)) return;
      for (const [a, b] of [[e.operands[0], e.operands[1]], [e.operands[1], e.operands[0]]]) {
        const name = nameOf(a);
        if (!name || !credentialName(name)) continue;
        const lit = values.resolve(b);
        if (lit?.k !== 'lit' || typeof lit.value !== 'string' || !credentialValue(lit.value) || namedOption(lit.value, name)) continue;
        if (b.k === 'name' && ownDefault(text, name, b.name)) continue;
        if (WARNS_DEFAULT.test(text.slice(e.span.end, e.span.end + 400))) continue;
        if (AMBIGUOUS.test(name) || onlyPass(name)) {
          const line = text.slice(text.lastIndexOf('\n', e.span.start) + 1, text.indexOf('\n', e.span.end) >>> 0);
          if (!USER_NEARBY.test(line)) continue;
        }
        found(lit, name);
      }
    });
  }
}
