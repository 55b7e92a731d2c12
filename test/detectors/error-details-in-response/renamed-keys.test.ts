import { ruleTester } from '../harness';

// A callback's first value put under a key that names another thing (fresh sample AI: a home-automation REST adapter
// proxies commands whose callbacks answer first, `(error, ...args) => res.json({ ip: error, result: args[0] })` for a
// host look-up, `{ secure: error, user }` for an auth probe): the key says what the value is, so it is at most the
// message level (info, low). The error's own keys and a payload's generic slots keep the raw-object level.
const make = (payload: string) => [
  'function run(command, args, res) {',
  '  args.push((error, ...rest) => {',
  `    res.json(${payload});`,
  '  });',
  '  adapter[command](...args);',
  '}',
].join('\n');
const ip = make('{ ip: error, result: rest[0] }');
const secure = make('{ secure: error, user: rest[0] }');
const errorKey = make('{ error, result: rest[0] }');
const detailsKey = make('{ ok: false, errorDetails: error }');
const dataKey = make("{ status: 'failed', data: error }");

ruleTester('error-details-in-response', 'javascript', {
  valid: [],
  invalid: [
    { name: 'a key naming an address: the message level', code: ip, errors: [{ line: 3, kind: 'message', severity: 'info', confidence: 'low' }] },
    { name: 'a key naming a flag: the message level', code: secure, errors: [{ line: 3, kind: 'message', severity: 'info', confidence: 'low' }] },
    { name: 'the error under its own name: the raw object', code: errorKey, errors: [{ line: 3, kind: 'whole', confidence: 'medium' }] },
    { name: 'a key saying error details: the raw object', code: detailsKey, errors: [{ line: 3, kind: 'whole', confidence: 'medium' }] },
    { name: 'a generic data slot: the raw object', code: dataKey, errors: [{ line: 3, kind: 'whole', confidence: 'medium' }] },
  ],
});
