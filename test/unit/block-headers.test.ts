// Data rules' `notInBlock`: the headers of the Python blocks around a match (compatibility branches).
import assert from 'node:assert/strict';
import { inBlockHeadedBy } from '../../server/src/data-rules/block-headers';

const EXCEPT_IMPORT = [/^\s*except\b.*\bImportError\b/];
const inside = (code: string, needle: string, headers = EXCEPT_IMPORT) => inBlockHeadedBy(code, code.indexOf(needle), headers);

describe('data-rules/block-headers', () => {
  it('reads the enclosing headers innermost first, up to the module level, past comments and blank lines', () => {
    assert.equal(inside('try:\n    from a import b\nexcept ImportError:\n    # old name\n\n    from c import b\n', 'from c'), true);
    assert.equal(inside('try:\n    import x\nexcept ImportError:\n    if FALLBACK:\n        import imp\n', 'import imp'), true, 'an outer header');
    assert.equal(inside('try:\n\timport x\nexcept ImportError:\n\timport imp\n', 'import imp'), true, 'tabs');
    assert.equal(inside('except (ImportError, AttributeError):  # py2\r\n    import imp\r\n', 'import imp'), true, 'CRLF and a comment');
  });

  it('is false at the module level, in a sibling block that has ended, and under other headers', () => {
    assert.equal(inside('import imp\n', 'import imp'), false);
    assert.equal(inside('try:\n    import x\nexcept ImportError:\n    pass\nimport imp\n', 'import imp'), false, 'after the block');
    assert.equal(inside('except ImportError:\n    pass\ndef f():\n    import imp\n', 'import imp'), false, 'a sibling block');
    assert.equal(inside('except ValueError:\n    import imp\n', 'import imp'), false);
    // a continuation line less indented than the match is not a header
    assert.equal(inside('x = call(\n  1)\nif y:\n        import imp\n', 'import imp'), false);
    // a string or comment mentioning ImportError is no header either
    assert.equal(inside('def f():\n    msg = "except ImportError:"\n    import imp\n', 'import imp'), false);
  });

  it('reads an else: with its if, so the branch a version check leaves out counts', () => {
    const PY2_ELSE = [/^\s*else:\s*if\b.*\bPY3\b/];
    const code = 'import six\nif six.PY3:\n    import importlib\n    x = 1\nelse:\n    import imp\n';
    assert.equal(inside(code, 'import imp\n', PY2_ELSE), true);
    assert.equal(inside(code, 'import importlib', PY2_ELSE), false, 'the if branch itself');
    // an else of another check is not that branch
    assert.equal(inside('if DEBUG:\n    pass\nelse:\n    import imp\n', 'import imp', PY2_ELSE), false);
    assert.equal(inside('if DEBUG:\n    pass\nelif OTHER:\n    pass\nelse:\n    import imp\n', 'import imp', PY2_ELSE), false);
    assert.equal(inside('def f():\n    if six.PY3:\n        return 1\n    else:\n        import imp\n', 'import imp', PY2_ELSE), true, 'nested');
  });

  it('reads an else: after elif with the whole chain: it runs only when every condition is false', () => {
    const PY2_ELSE = [/^\s*else:\s*if\b.*\bPY3\b/];
    const chain = 'if six.PY3:\n    pass\n# older\nelif OTHER:\n    pass\nelif MORE:\n    pass\nelse:\n    import imp\n';
    assert.equal(inside(chain, 'import imp', PY2_ELSE), true, 'the if before the elifs');
    assert.equal(inside('if OTHER:\n    pass\nelif six.PY3:\n    pass\nelse:\n    import imp\n', 'import imp', PY2_ELSE), true, 'a later elif');
    // the elif's own body is headed by the elif, not the chain
    assert.equal(inside('if six.PY3:\n    pass\nelif OTHER:\n    import imp\n', 'import imp', PY2_ELSE), false);
    // a statement between them ends the chain (a new if starts below it)
    assert.equal(inside('if six.PY3:\n    pass\nx = 1\nif OTHER:\n    pass\nelif MORE:\n    pass\nelse:\n    import imp\n', 'import imp', PY2_ELSE), false);
  });

  it('reads a try: with its except clauses, down to the end of the statement', () => {
    const CAUGHT = [/^\s*try\s*:.*\bexcept\b[^:]*\bRuntimeError\b/];
    const code = 'def f():\n    try:\n        loop = get()\n        # note\n\n    except (RuntimeError, AssertionError):\n        loop = None\n    finally:\n        done()\n';
    assert.equal(inside(code, 'loop = get()', CAUGHT), true);
    assert.equal(inside(code, 'loop = None', CAUGHT), false, 'the handler itself is headed by except');
    assert.equal(inside('try:\n    get()\nexcept KeyError:\n    pass\nexcept RuntimeError:\n    pass\n', 'get()', CAUGHT), true, 'a later clause');
    assert.equal(inside('try:\n    get()\nexcept KeyError:\n    pass\nexcept_error = RuntimeError\n', 'get()', CAUGHT), false, 'past the statement');
    assert.equal(inside('try:\n    get()\nexcept KeyError:\n    pass\nx = 1\ntry:\n    pass\nexcept RuntimeError:\n    pass\n', 'get()', CAUGHT), false, 'a later try');
    assert.equal(inside('try:\n    get()\nexcept ImportError:\n    pass\n', 'get()', [/^\s*try\s*:/]), true, 'a plain try: pattern still matches');
  });

  it('reads an except clause with the body of its try:, past earlier clauses', () => {
    const AFTER = [/^\s*except\b[^:]*:\s*try:.*\bnew\(\)/];
    const code = 'def f():\n    try:\n        x = new()\n\n        # note\n    except KeyError:\n        x = None\n    except:\n        x = old()\n';
    assert.equal(inside(code, 'x = old()', AFTER), true, 'a later clause');
    assert.equal(inside(code, 'x = None', AFTER), true, 'the first clause');
    assert.equal(inside('try:\n    x = other()\nexcept KeyError:\n    x = new()\nexcept:\n    x = old()\n', 'x = old()', AFTER), false, "an earlier clause's body is not the try's");
    assert.equal(inside('try:\n    x = new()\nexcept:\n    x = old()\n', 'x = old()', [/^\s*except\s*:$/]), true, 'a plain except pattern still matches');
    assert.equal(inside('try:\n    x = new()\nexcept:\n    x = old()\n', 'x = new()', AFTER), false, 'the try body itself');
  });
});
