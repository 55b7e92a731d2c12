// unittest-alias-removed: a data rule (rules/python-removed-apis.json) with its context filters.
// testtools' TestCase keeps `assertEquals` as an alias of its own `assertEqual` (fresh sample AZ: a test-protocol
// library's suites on `from testtools import TestCase`), and oslotest's base class derives from it: in a file taking
// its TestCase from either, `assertEquals` is low confidence. testtools keeps no other alias, so `assertNotEquals`
// there stays high, and so does `assertEquals` in a file that only uses testtools' matchers.
import { at, ruleTester } from '../harness';

const plain = 'import unittest\n\nclass SumTest(unittest.TestCase):\n    def test_sum(self):\n        self.assertEquals(sum([1, 2]), 3)';
const fromTesttools = 'from testtools import TestCase\n\nclass TagTest(TestCase):\n    def test_tags(self):\n        self.assertEquals([("tags", {"a"})], self.events)';
const dotted = 'import testtools\n\nclass TimeTest(testtools.TestCase):\n    def test_first(self):\n        self.assertEquals(self.times[0], first)';
const parens = 'from testtools import (\n    TestCase,\n    skipIf,\n)\n\nclass T(TestCase):\n    def test_x(self):\n        self.assertEquals(a, b)';
const oslo = 'from oslotest import base\n\nclass ApiTest(base.BaseTestCase):\n    def test_get(self):\n        self.assertEquals(200, resp.status)';
const notEquals = 'from testtools import TestCase\n\nclass T(TestCase):\n    def test_x(self):\n        self.assertNotEquals(a, b)';
const matchersOnly = 'import unittest\nfrom testtools.matchers import Equals\n\nclass T(unittest.TestCase):\n    def test_x(self):\n        self.assertEquals(a, b)';

ruleTester('unittest-alias-removed', 'python', {
  valid: ['import unittest\n\nclass T(unittest.TestCase):\n    def test_x(self):\n        self.assertEqual(a, b)'],
  invalid: [
    { code: plain, errors: [{ ...at(plain, '.assertEquals('), confidence: 'high' }] },
    { code: fromTesttools, errors: [{ ...at(fromTesttools, '.assertEquals('), confidence: 'low' }] },
    { code: dotted, errors: [{ ...at(dotted, '.assertEquals('), confidence: 'low' }] },
    { code: parens, errors: [{ ...at(parens, '.assertEquals('), confidence: 'low' }] },
    { code: oslo, errors: [{ ...at(oslo, '.assertEquals('), confidence: 'low' }] },
    { code: notEquals, errors: [{ ...at(notEquals, '.assertNotEquals('), confidence: 'high' }] },
    { code: matchersOnly, errors: [{ ...at(matchersOnly, '.assertEquals('), confidence: 'high' }] },
  ],
});
