// A helper of the file that redirects to its parameter as it came (fresh sample AI: a home-automation web server's
// `authenticate(req, res, next, redirect)` signs the user in and then calls `res.redirect(redirect)`): at each call
// the target is the argument, so its start decides, as it would inline. A fixed start handed in is not reported;
// input first, or `'/'` before it, is (through the helper: medium).
import { ruleTester } from '../harness';

const helper = (arg: string) => [
  'function finish(req, res, target) {',
  "  passport.authenticate('local', (err, user) => {",
  '    req.logIn(user, () => res.redirect(target));',
  '  })(req, res);',
  '}',
  "app.post('/login', (req, res) => {",
  `  finish(req, res, ${arg});`,
  '});',
].join('\n');
const fixedStart = helper("'/users/' + req.body.username");
const joined = [
  "app.post('/login', (req, res) => {",
  '  let page = pageFor(req);',
  "  const parts = page.split('#');",
  '  parts[0] += `?${req.body.username}`;',
  "  page = parts.join('#');",
  '  finish(res, page);',
  '});',
  'function finish(res, target) {',
  '  res.redirect(target);',
  '}',
].join('\n');
const whole = helper('req.body.next');
const slash = helper("'/' + req.body.next");
// through a helper that hands its parameter back (`return url`), the argument's start too
const passBack = "function pick(url) {\n  return url;\n}\napp.get('/a', (req, res) => {\n  res.redirect(pick('/users/' + req.query.id));\n  res.redirect(pick(req.query.next));\n});";
// a closure over the route's own response (its sink known when the helper is summarised)
const closure = (arg: string) => `app.get('/a', (req, res) => {\n  const go = (target) => res.redirect(target);\n  go(${arg});\n});`;

ruleTester('open-redirect', 'javascript', {
  valid: [fixedStart, joined, closure("'/users/' + req.query.id")],
  invalid: [
    { code: whole, errors: [{ line: 3, confidence: 'medium' }] },
    { code: slash, errors: [{ line: 3, confidence: 'medium' }] },
    { code: closure('req.query.next'), errors: [{ line: 2 }] },
    { code: passBack, errors: [{ line: 6 }] },
  ],
});
