// An array joined back into a target (fresh sample AI: a home-automation web server's login appends the user name
// after `?` to the first part of a checked relative page, `parts = page.split('#'); parts[0] += `?${username}`;
// res.redirect(parts.join('#'))`): input only after fixed text in every item leaves the start of the joined string
// clean, so it cannot choose the host. Input first in an item, or stored over the first item with a `/` before it, counts.
import { ruleTester } from '../harness';

const route = (body: string) => `app.post('/login', (req, res) => {\n${body}\n});`;
const suffix = route([
  '  let page = pageFor(req);',
  "  const parts = page.split('#');",
  '  parts[0] += `?${req.body.username}`;',
  "  page = parts.join('#');",
  '  res.redirect(page);',
].join('\n'));
const inputFirst = route("  const parts = [req.body.next, 'top'];\n  res.redirect(parts.join('#'));");
const storedFirst = route("  const parts = pageFor(req).split('#');\n  parts[0] = req.body.next;\n  res.redirect(parts.join('#'));");
const builtFirst = route("  const parts = pageFor(req).split('#');\n  parts[0] = req.body.next + '/done';\n  res.redirect(parts.join('#'));");
const slashFirst = route("  const parts = ['/home'];\n  parts[0] = '/' + req.query.next;\n  res.redirect(parts.join(''));");

ruleTester('open-redirect', 'javascript', {
  valid: [suffix],
  invalid: [
    { code: inputFirst, errors: [{ line: 3 }] },
    { code: storedFirst, errors: [{ line: 4 }] },
    { code: builtFirst, errors: [{ line: 4 }] },
    { code: slashFirst, errors: [{ line: 4 }] },
  ],
});
