// The edit sequence shared by the Vouch server latency run and the ESLint lintText run: deterministic,
// incremental (LSP ranges) and small, like typing.
import { rng } from './common.mjs';

/** LSP position (line, character) of an offset. */
function positionAt(text, offset) {
  let line = 0;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, character: offset - start };
}

function lineStarts(text) {
  const s = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) s.push(i + 1);
  return s;
}

// Lines before which a new top-level statement keeps the file valid.
const JS_STATEMENT = /^(?:const |let |var |function |class |module\.exports|exports\.|export |import |;\(function)/;
const PY_STATEMENT = /^(?:class |def |import |from |@|[A-Za-z_][A-Za-z0-9_]* = )/;

/** A line index from `rand` at or after which `ok(line)` holds (wrapping around), or the drawn one. */
function pick(lines, rand, ok) {
  const first = Math.floor(rand() * lines.length);
  for (let i = 0; i < lines.length; i++) {
    const l = (first + i) % lines.length;
    if (ok(l)) return l;
  }
  return first;
}

/**
 * The edits: mostly "type a short comment at the end of a line, then delete it", and every tenth a new
 * top-level line holding a hard-coded secret, so the diagnostics really change. Every edit keeps the
 * file as parseable as it was, so that no tool gets a cheap parse-error exit.
 */
export function* edits(text, languageId, count, seed) {
  const rand = rng(seed);
  const py = languageId === 'python';
  let pending; // an insertion to undo next
  let sinceSecret = 0;
  for (let k = 0; k < count; k++, sinceSecret++) {
    const starts = lineStarts(text);
    const lines = text.split('\n');
    let start;
    let end;
    let insert;
    if (pending) {
      ({ start, end } = pending);
      insert = '';
      pending = undefined;
    } else if (sinceSecret >= 9) {
      sinceSecret = 0;
      const line = pick(lines, rand, (l) => (py ? PY_STATEMENT : JS_STATEMENT).test(lines[l]) && !(py && /^\s*@/.test(lines[l - 1] ?? '')));
      const at = starts[line];
      const secret = Array.from({ length: 24 }, () => 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'[Math.floor(rand() * 56)]).join('');
      insert = py ? `api_token_${k} = "${secret}"\n` : `const apiToken${k} = "${secret}";\n`;
      start = end = at;
    } else {
      // Not after a line continuation, where a comment would change the meaning.
      const line = pick(lines.slice(0, -1), rand, (l) => !/\\$/.test(lines[l]));
      const eol = starts[line + 1] - 1;
      insert = py ? `  # edit ${k}` : ` // edit ${k}`;
      start = end = eol;
      pending = { start: eol, end: eol + insert.length };
    }
    const range = { start: positionAt(text, start), end: positionAt(text, end) };
    text = text.slice(0, start) + insert + text.slice(end);
    yield { range, text: insert, full: text };
  }
}
