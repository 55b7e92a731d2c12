// hardcoded-credential-comparison: a password field that holds the name of the store the real password lives in
// (`keyring:`, `libsecret:`, a chat client's config migration moving passwords to the system keyring) is compared
// with a scheme word ending in a colon: not a password (fresh held-out sample JJ). A literal that merely holds a
// colon, or ends in one after other characters, still is.
import { at, ruleTester, type InvalidCase } from '../harness';

const flag = (code: string, value: string): InvalidCase =>
  ({ code, errors: [at(code, `${value}'`, 'compare')].map((e) => ({ ...e, endColumn: e.endColumn! - 1, confidence: 'high' as const })) });

ruleTester('hardcoded-credential-comparison', 'python', {
  valid: [
    "def migrate(accounts):\n    for name, acct in accounts.items():\n        password = acct['password']\n        if password == 'winvault:':\n            acct['password'] = 'keyring:'\n        elif password == 'libsecret:':\n            acct['password'] = ''",
    "def stored_in_keyring(password):\n    return password == 'keyring:'",
  ],
  invalid: [
    flag("def login(user, password):\n    if user == 'admin' and password == 'adm1n:pass':\n        return True", 'adm1n:pass'),
    flag("def login(user, password):\n    if user == 'admin' and password == 'hunter2!:':\n        return True", 'hunter2!:'),
  ],
});
