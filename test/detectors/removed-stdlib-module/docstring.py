"""Helpers kept for old callers.

Python 2 code did this (a doctest, not code):

# ok: removed-stdlib-module
    >>> import imp
# ok: removed-stdlib-module
import cgi
"""
import os

# expect: removed-stdlib-module
import imp

MESSAGE = 'replace "import imp" with importlib'  # ok: removed-stdlib-module
