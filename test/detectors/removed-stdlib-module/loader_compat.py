# A plugin loader with one function per Python major version (fresh sample AZ: a packaging tool's site hook).
# The Python 2 function is named for it and called only under a version check: its `imp` never runs on Python 3.
import sys


def load_plugin_py2(name):
    # ok: removed-stdlib-module
    import imp
    found = imp.find_module(name, sys.path)
    return imp.load_module(name, *found)


def load_plugin_py3(name):
    # expect: removed-stdlib-module
    import imp
    return imp.load_source(name, name + ".py")


def load_plugin(name):
    if sys.version_info[0] == 2:
        return load_plugin_py2(name)
    return load_plugin_py3(name)
