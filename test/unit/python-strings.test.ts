// Data rules' `notInString`: the spans of Python string literals, read from the text (no parse).
import assert from 'node:assert/strict';
import { pythonStrings } from '../../server/src/data-rules/to-detector';

const texts = (code: string) => pythonStrings(code).map(([s, e]) => code.slice(s, e));

describe('data-rules: Python string literals', () => {
  it('finds docstrings, single- and triple-quoted literals with prefixes and escapes', () => {
    const code = 'def f():\n    """Doc with \'quotes\' and "more"."""\n    x = r\'a\\\'b\' + b"c\\"d" + f\'\'\'\nmulti\n\'\'\'\n';
    assert.deepEqual(texts(code), ['"""Doc with \'quotes\' and "more"."""', "r'a\\'b'", 'b"c\\"d"', "f'''\nmulti\n'''"]);
  });

  it('skips comments (an apostrophe there opens nothing) and reads an unclosed docstring to the end', () => {
    assert.deepEqual(texts("# don't\nx = 'y'  # it's\n"), ["'y'"]);
    assert.deepEqual(texts('x = 1\n"""never closed\nimport imp\n'), ['"""never closed\nimport imp\n']);
  });
});
