import unittest


class TotalsTest(unittest.TestCase):
    def test_sum(self):
        # expect: unittest-alias-removed
        self.assertEquals(sum([1, 2]), 3)
        # ok: unittest-alias-removed
        self.assertEqual(sum([]), 0)
        # expect: unittest-alias-removed
        self.assertNotEquals(sum([1]), 0)
        # ok: unittest-alias-removed
        self.assertDictEqual({}, {})
