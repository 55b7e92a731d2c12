// Python standard-library top-level module names (data): the union of `sys.stdlib_module_names`
// for Python 3.8–3.14, public names plus the private ones code actually imports, and the Python 2 modules
// that compatibility branches still import (`import StringIO` under `if PY2`), and other runtimes' modules
// (Jython's `java`, IronPython's `clr`, Pyodide's `js`). Never looked up.
export const PYTHON_STDLIB: ReadonlySet<string> = new Set([
  '__future__', '__main__', '_abc', '_aix_support', '_ast', '_asyncio', '_bisect', '_blake2', '_bz2',
  '_codecs', '_collections', '_collections_abc', '_compat_pickle', '_compression', '_contextvars', '_crypt',
  '_csv', '_ctypes', '_curses', '_curses_panel', '_datetime', '_dbm', '_decimal', '_elementtree', '_functools',
  '_gdbm', '_hashlib', '_heapq', '_imp', '_interpreters', '_io', '_json', '_locale', '_lsprof', '_lzma',
  '_markupbase', '_md5', '_multiprocessing', '_opcode', '_operator', '_osx_support', '_overlapped', '_pickle',
  '_posixsubprocess', '_py_abc', '_pydecimal', '_pyio', '_queue', '_random', '_sha1', '_sha256', '_sha512',
  '_signal', '_sitebuiltins', '_socket', '_sqlite3', '_sre', '_ssl', '_stat', '_statistics', '_string',
  '_strptime', '_struct', '_symtable', '_thread', '_threading_local', '_tkinter', '_tokenize', '_tracemalloc',
  '_typing', '_uuid', '_warnings', '_weakref', '_weakrefset', '_winapi', '_zoneinfo', 'abc', 'aifc',
  'antigravity', 'argparse', 'array', 'ast', 'asynchat', 'asyncio', 'asyncore', 'atexit', 'audioop', 'base64',
  'bdb', 'binascii', 'binhex', 'bisect', 'builtins', 'bz2', 'cProfile', 'calendar', 'cgi', 'cgitb', 'chunk',
  'cmath', 'cmd', 'code', 'codecs', 'codeop', 'collections', 'colorsys', 'compileall', 'concurrent',
  'configparser', 'contextlib', 'contextvars', 'copy', 'copyreg', 'crypt', 'csv', 'ctypes', 'curses',
  'dataclasses', 'datetime', 'dbm', 'decimal', 'difflib', 'dis', 'distutils', 'doctest', 'dummy_threading',
  'email', 'encodings', 'ensurepip', 'enum', 'errno', 'faulthandler', 'fcntl', 'filecmp', 'fileinput',
  'fnmatch', 'formatter', 'fractions', 'ftplib', 'functools', 'gc', 'genericpath', 'getopt', 'getpass',
  'gettext', 'glob', 'graphlib', 'grp', 'gzip', 'hashlib', 'heapq', 'hmac', 'html', 'http', 'idlelib',
  'imaplib', 'imghdr', 'imp', 'importlib', 'inspect', 'io', 'ipaddress', 'itertools', 'json', 'keyword',
  'lib2to3', 'linecache', 'locale', 'logging', 'lzma', 'macpath', 'mailbox', 'mailcap', 'marshal', 'math',
  'mimetypes', 'mmap', 'modulefinder', 'msilib', 'msvcrt', 'multiprocessing', 'netrc', 'nis', 'nntplib', 'nt',
  'ntpath', 'nturl2path', 'numbers', 'opcode', 'operator', 'optparse', 'os', 'ossaudiodev', 'parser',
  'pathlib', 'pdb', 'pickle', 'pickletools', 'pipes', 'pkgutil', 'platform', 'plistlib', 'poplib', 'posix',
  'posixpath', 'pprint', 'profile', 'pstats', 'pty', 'pwd', 'py_compile', 'pyclbr', 'pydoc', 'pydoc_data',
  'pyexpat', 'queue', 'quopri', 'random', 're', 'readline', 'reprlib', 'resource', 'rlcompleter', 'runpy',
  'sched', 'secrets', 'select', 'selectors', 'shelve', 'shlex', 'shutil', 'signal', 'site', 'smtpd', 'smtplib',
  'sndhdr', 'socket', 'socketserver', 'spwd', 'sqlite3', 'sre_compile', 'sre_constants', 'sre_parse', 'ssl',
  'stat', 'statistics', 'string', 'stringprep', 'struct', 'subprocess', 'sunau', 'symbol', 'symtable', 'sys',
  'sysconfig', 'syslog', 'tabnanny', 'tarfile', 'telnetlib', 'tempfile', 'termios', 'textwrap', 'this',
  'threading', 'time', 'timeit', 'tkinter', 'token', 'tokenize', 'tomllib', 'trace', 'traceback',
  'tracemalloc', 'tty', 'turtle', 'turtledemo', 'types', 'typing', 'unicodedata', 'unittest', 'urllib', 'uu',
  'uuid', 'venv', 'warnings', 'wave', 'weakref', 'webbrowser', 'winreg', 'winsound', 'wsgiref', 'xdrlib',
  'xml', 'xmlrpc', 'zipapp', 'zipfile', 'zipimport', 'zlib', 'zoneinfo',
  // 3.14
  'annotationlib', 'compression', '_zstd',
  // Python 2
  'StringIO', 'cStringIO', 'cPickle', 'ConfigParser', 'Queue', 'SocketServer', 'HTMLParser', 'httplib', 'urllib2',
  'urlparse', 'Cookie', 'cookielib', 'BaseHTTPServer', 'SimpleHTTPServer', 'CGIHTTPServer', '__builtin__', 'Tkinter',
  'tkMessageBox', 'xmlrpclib', 'SimpleXMLRPCServer', 'commands', 'dummy_thread', 'thread', 'anydbm', 'htmlentitydefs',
  'repr', 'UserDict', 'UserList', 'UserString', 'copy_reg', 'exceptions', 'sets', 'md5', 'sha', 'new', 'popen2',
  'robotparser', 'dircache', 'mimetools', 'rfc822', 'sgmllib', 'cookielib', 'ttk', 'Tix',
  // Other runtimes' own modules, imported behind a platform check: Jython, IronPython, Pyodide
  'java', 'javax', 'org', 'clr', 'js',
]);
