# A setup script in the style assistants still produce: imports removed from Python 3.12/3.13.
# expect: removed-stdlib-module
import imp
import os
# expect: removed-stdlib-module
from distutils.core import setup
# ok: removed-stdlib-module
import importlib
# ok: removed-stdlib-module
from setuptools import find_packages
# ok: removed-stdlib-module
import chunked_upload
# expect: removed-stdlib-module
import cgi, cgitb


def version():
    # ok: removed-stdlib-module
    here = os.path.dirname(__file__)
    return imp.load_source("v", os.path.join(here, "version.py")).VERSION


setup(name="legacy", version=version(), packages=find_packages())
