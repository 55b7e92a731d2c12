// Flags file paths built from input: `fs.readFile(path.join(dir, req.query.name))`, `open(f"…/{name}")`,
// `res.sendFile(req.params.file)` without `root`. `path.join` does not stop `../`; `path.basename`,
// a `root` option, or resolve + a prefix check do (CWE-22).
import { flowRule } from '../shared/flow-rule';
import { basenameFix } from '../shared/flow-fixes';

/** Server-side upload metadata (multer's `file.path`, `file.filename`) is not chosen by the client (werkzeug's `filename` is). */
const UPLOAD_META = /^files?(\.[\w[\]]+)*\.(path|filename|destination|size|mimetype|buffer)$/;
/**
 * Django's `UploadedFile.name`: Django keeps only the base name and refuses `.`/`..` (validate_file_name). Unpacking
 * the upload still counts: the archive's own member names are the client's (zip slip).
 */
const DJANGO_UPLOAD_NAME = /^FILES(\.[\w[\]]+)*\.name$/;

export const pathTraversal = flowRule({
  id: 'path-traversal',
  meta: { title: 'File path from untrusted input', family: 'missing-input-validation', severity: 'warning', confidence: 'high', cwe: ['CWE-22', 'CWE-73'], fixable: true },
  kinds: ['path'],
  // A command-line tool opening what its user names is its job: only web input counts here.
  labels: ['request', 'browser'],
  impact: 'can read or overwrite files outside the intended folder with `../` (path traversal)',
  accept: (f, ctx) => !(f.origin.label === 'request' && ctx.languageId !== 'python' && UPLOAD_META.test(f.origin.detail ?? ''))
    && !(f.origin.label === 'request' && ctx.languageId === 'python' && DJANGO_UPLOAD_NAME.test(f.origin.detail ?? '') && !/unpack_archive$/.test(f.sink.callee))
    // `send` (behind `res.sendFile`) refuses `..` unless something resolved it first; a whole path from input is still absolute.
    && !(f.sink.model.normalizedOnly && f.sink.value.built && !f.sink.value.normalized),
  fix: basenameFix,
});
