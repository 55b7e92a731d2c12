// Flags a request's password written to a model or database call (`User.create({ password: req.body.password })`,
// `user.password = request.form["password"]`) or compared with `===`/`==` to a stored field, with no hashing
// call on the way. Assistants write the happy path first and the hash never comes (CWE-256, CWE-312).
// Aliases inside the function are followed; model hooks that hash on save are recognised in the same file and, in
// the slow tier, in the workspace modules it imports (routes/users.js storing through models/User.js).
import { JS_LIKE } from '../../core/languages';
import { ts } from '../../core/ts';
import type { AsyncDetectorContext, Detector, DetectorContext } from '../../core/types';
import { jsNodes } from '../shared/js-nodes';
import { pyNodes } from '../shared/py-nodes';
import { jsPlaintextPasswords, type PasswordSite } from '../shared/plaintext-password-js';
import { pythonPlaintextPasswords } from '../shared/plaintext-password-python';
import { RULE_META } from '../shared/rule-meta';
import { localImports, someImportedModule } from '../shared/imported-modules';

/**
 * The model hashes on save (Mongoose `pre('save')`, Sequelize hooks, a Python property setter), or the file
 * checks passwords through the model (`user.check_password(pw)`, `user.comparePassword(pw)`), which only a
 * model that hashes in its own setter or hook offers — as Flask's tutorial does: stores are fine.
 */
const HASHING_HOOK = /\.pre\(\s*['"](?:save|validate|updateOne|findOneAndUpdate)['"]|\bbefore(?:Create|Save|Update|BulkCreate)\b|@password\.setter|\bdef\s+password\s*\(\s*self\s*,\s*\w+|hybrid_property|property\(\s*fset\s*=|@BeforeInsert|@BeforeUpdate|\.(?:check_?password|compare_?password|valid_?password|is_?valid_?password|verify_?password|validate_?password|match_?password|password_?matches)\s*\(/i;

/** A model's own `save` that hashes the password it was given (sqlpad's `User.prototype.save`: `passhash.getPasshash(this.password)`). */
const SAVE_METHOD = /\bsave\s*(?:=\s*(?:async\s+)?function\b[^{]{0,80}|\([^)]{0,80}\)\s*)\{/g;
const HASHES_PASSWORD = /\b\w*(?:hash|crypt)\w*\s*\(\s*(?:this\.|self\.)?\w*(?:password|passwd|pwd)/i;

function hashes(text: string): boolean {
  if (HASHING_HOOK.test(text)) return true;
  for (const m of text.matchAll(SAVE_METHOD)) if (HASHES_PASSWORD.test(text.slice(m.index! + m[0].length, m.index! + m[0].length + 600))) return true;
  return false;
}

/**
 * `if (body.password === user.password) { delete body.password; }`: the client sent the stored value back unchanged (an
 * admin form echoing the record, strapi's user update), so it is dropped from the update: a check for an echo, whatever
 * the stored value is, not a login.
 */
const ECHO_DROPPED = /^[^{};]*\)\s*\{?\s*delete\s+[\w$.]+\.(?:password|passwd|pwd)\b/;

const code = (s: string) => '`' + s.replace(/\s+/g, ' ').slice(0, 50) + '`';

export const plaintextPassword: Detector = {
  id: 'plaintext-password',
  meta: { ...RULE_META['plaintext-password'], needs: ['js', jsNodes.id, pyNodes.id] },
  languages: [...JS_LIKE, 'python'],
  keywords: ['password', 'passwd', 'pwd'],
  run(ctx: DetectorContext) {
    // Stores in a file that imports workspace modules wait for the slow tier, which reads those modules' hooks.
    report(ctx, sitesOf(ctx), localImports(ctx).length > 0);
  },
  async runAsync(ctx: AsyncDetectorContext) {
    const imports = localImports(ctx);
    const stores = imports.length ? sitesOf(ctx).filter((s) => s.kind === 'stored') : [];
    // Modules are read only for a file with a store to decide.
    if (stores.length && !someImportedModule(ctx, imports, HOOKS, hashes)) report(ctx, stores, false);
  },
};

const HOOKS = {};

function sitesOf(ctx: DetectorContext): PasswordSite[] {
  if (ctx.languageId === 'python') return pythonPlaintextPasswords(ctx);
  const sf = ctx.js();
  const index = sf && ctx.get(jsNodes);
  // The nodes a password store or comparison is (jsPlaintextPasswords looks at no others).
  const { CallExpression, NewExpression, BinaryExpression } = ts.SyntaxKind;
  return sf && index ? jsPlaintextPasswords(sf, index.of([CallExpression, NewExpression, BinaryExpression]), ctx.checkBudget) : [];
}

/** `holdStores`: stores are left to the slow tier (it reports them unless an imported model hashes). */
function report(ctx: DetectorContext, sites: readonly PasswordSite[], holdStores: boolean): void {
  const hooked = hashes(ctx.text);
  for (const s of sites) {
    if ((s.kind === 'stored' && (hooked || holdStores)) || (s.kind === 'compared' && ECHO_DROPPED.test(ctx.text.slice(s.end, s.end + 200)))) continue;
    ctx.report({
      start: s.start, end: s.end, kind: s.kind,
      confidence: s.kind === 'compared' ? 'high' : 'medium',
      message: s.kind === 'compared'
        ? `The request's password (${code(s.from)}) is compared as it is with ${code(s.text)}, so the stored password is kept in plaintext; store a bcrypt/argon2 hash and check it with the library's compare function.`
        : `The request's password (${code(s.from)}) is written to ${code(s.text)} without hashing, so anyone who reads the database or a backup has every password; hash it first with bcrypt, argon2 or scrypt.`,
    });
  }
}
