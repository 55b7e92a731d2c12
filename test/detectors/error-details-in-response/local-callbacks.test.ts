import { ruleTester } from '../harness';

// A callback's error that a function of the same file writes itself (fresh sample BB: kue's JSON API, whose `_create`
// calls `next({ error: 'Must provide job type' }, null, 400)` or `next({ error: err.message }, null, 500)`): a message the
// file wrote, not an Error with its stack. Sent whole, it is the message level (info, low), not the raw-object level.
const make = (failure: string) => [
  'exports.createJob = function (req, res) {',
  '  function create(args, next) {',
  "    if (!args.type) return next({ error: 'Must provide job type' }, null, 400);",
  '    const job = new Job(args.type, args.data);',
  '    job.save(function (err) {',
  `      if (err) return next(${failure}, null, 500);`,
  "      return next(null, { message: 'job created', id: job.id });",
  '    });',
  '  }',
  '  create(req.body, function (err, status, code) {',
  '    if (err) res.status(code || 500).json(err);',
  '    else res.json(status);',
  '  });',
  '};',
].join('\n');
const plain = make('{ error: err.message }');
const raw = make('err');

ruleTester('error-details-in-response', 'javascript', {
  valid: [],
  invalid: [
    { name: 'errors the file writes as object literals: the message level', code: plain, errors: [{ line: 11, column: 43, kind: 'message', severity: 'info', confidence: 'low' }] },
    { name: 'one call passing the Error itself: the raw object', code: raw, errors: [{ line: 11, column: 43, kind: 'whole', confidence: 'medium' }] },
  ],
});
