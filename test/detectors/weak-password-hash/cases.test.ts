import { ruleTester } from '../harness';

ruleTester('weak-password-hash', 'typescript', {
  valid: [
    "const etag = crypto.createHash('md5').update(body).digest('hex');",
    "const checksum = createHash('sha1').update(fileBuffer).digest('hex');",
    "const hash = crypto.createHash('sha256').update(apiKey).digest('hex');",
    "const passwordHash = await bcrypt.hash(password, 12);",
    "const key = crypto.scryptSync(password, salt, 64);",
    "// never md5(password)\nconst x = 1;",
    "const msg = 'md5(password) is weak';",
    "function updatePassword(user) { const etag = md5(JSON.stringify(user.profile)); return etag; }",
    "const bypassHash = md5(bypassToken);",
    { code: 'digest = hashlib.md5(open(path, "rb").read()).hexdigest()', language: 'python' },
    { code: 'h = hashlib.sha256(data, usedforsecurity=False)', language: 'python' },
    { code: 'pw_hash = bcrypt.hashpw(password.encode(), bcrypt.gensalt())', language: 'python' },
    { code: 'key = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)', language: 'python' },
    { code: 'etag = hashlib.sha1(body).hexdigest()', language: 'python' },
  ],
  invalid: [
    { code: "const hashed = crypto.createHash('md5').update(password).digest('hex');", errors: [{ line: 1, column: 34 }] },
    { code: "const h = createHash('sha256').update(req.body.password + salt).digest('hex');", errors: 1 },
    { code: "function hashPassword(pw: string) {\n  return crypto.createHash('sha1').update(pw).digest('hex');\n}", errors: [{ line: 2, column: 28 }] },
    { code: "user.passwordHash = md5(input);", errors: 1 },
    { code: "const digest = CryptoJS.SHA256(userPassword).toString();", errors: 1 },
    { code: 'password_hash = hashlib.md5(password.encode()).hexdigest()', language: 'python', errors: [{ line: 1, column: 17 }] },
    { code: 'def hash_password(pw):\n    return hashlib.sha256(pw.encode()).hexdigest()', language: 'python', errors: [{ line: 2 }] },
    { code: 'h = hashlib.sha1()\nh.update(user.password.encode())\nstored = h.hexdigest()', language: 'python', errors: [{ line: 1 }] },
    { code: "digest = hashlib.new('md5', passwd.encode()).hexdigest()", language: 'python', errors: 1 },
    { code: 'from hashlib import md5\nhashed = md5(raw_password.encode()).hexdigest()', language: 'python', errors: [{ line: 2 }] },
  ],
});
