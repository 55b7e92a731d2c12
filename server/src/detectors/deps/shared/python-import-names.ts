// Python import names that differ from the distribution that provides them (data): `import yaml`
// comes from PyYAML. Dotted keys win over their first segment (`google.protobuf` before `google`).
// This hand-kept list comes first; the snapshot rules/data/pypi-import-names.json (825 import names,
// refreshed by scripts/refresh-snapshots.mjs) adds candidates for the rest.
import snapshot from '../../../../../rules/data/pypi-import-names.json';
import modules from '../../../../../rules/deps/python-modules.json';

const SNAPSHOT: Readonly<Record<string, string | string[]>> = (snapshot as { names: Record<string, string | string[]> }).names;
export const IMPORT_TO_DISTRIBUTION: Readonly<Record<string, string>> = {
  yaml: 'PyYAML', cv2: 'opencv-python', sklearn: 'scikit-learn', PIL: 'Pillow', bs4: 'beautifulsoup4',
  dateutil: 'python-dateutil', jwt: 'PyJWT', dotenv: 'python-dotenv', 'google.protobuf': 'protobuf',
  Crypto: 'pycryptodome', Cryptodome: 'pycryptodomex', skimage: 'scikit-image', serial: 'pyserial',
  usb: 'pyusb', magic: 'python-magic', docx: 'python-docx', pptx: 'python-pptx', fitz: 'PyMuPDF',
  MySQLdb: 'mysqlclient', OpenSSL: 'pyOpenSSL', nacl: 'PyNaCl', git: 'GitPython',
  github: 'PyGithub', gitlab: 'python-gitlab', telegram: 'python-telegram-bot', discord: 'discord.py',
  slack_sdk: 'slack-sdk', slack: 'slackclient', zmq: 'pyzmq', Levenshtein: 'python-Levenshtein',
  attr: 'attrs', dns: 'dnspython', ldap: 'python-ldap', multipart: 'python-multipart', jose: 'python-jose',
  socketio: 'python-socketio', engineio: 'python-engineio', memcache: 'python-memcached', snappy: 'python-snappy',
  sentry_sdk: 'sentry-sdk', google_auth_oauthlib: 'google-auth-oauthlib', googleapiclient: 'google-api-python-client',
  'google.cloud.storage': 'google-cloud-storage', 'google.cloud.bigquery': 'google-cloud-bigquery',
  'google.cloud.pubsub': 'google-cloud-pubsub', 'google.cloud.firestore': 'google-cloud-firestore',
  'google.cloud.secretmanager': 'google-cloud-secret-manager', 'google.auth': 'google-auth',
  'google.generativeai': 'google-generativeai', 'google.genai': 'google-genai', 'google.oauth2': 'google-auth',
  'azure.storage.blob': 'azure-storage-blob', 'azure.identity': 'azure-identity', 'azure.keyvault.secrets': 'azure-keyvault-secrets',
  win32api: 'pywin32', win32con: 'pywin32', win32com: 'pywin32', pythoncom: 'pywin32', pywintypes: 'pywin32',
  Xlib: 'python-xlib', wx: 'wxPython', gi: 'PyGObject', cairo: 'pycairo', OpenGL: 'PyOpenGL', pygame: 'pygame',
  kafka: 'kafka-python', confluent_kafka: 'confluent-kafka', pika: 'pika', elasticsearch: 'elasticsearch',
  pymongo: 'pymongo', bson: 'pymongo', gridfs: 'pymongo', redis: 'redis', jinja2: 'Jinja2', markupsafe: 'MarkupSafe',
  itsdangerous: 'itsdangerous', werkzeug: 'Werkzeug', flask_cors: 'Flask-Cors', flask_sqlalchemy: 'Flask-SQLAlchemy',
  flask_login: 'Flask-Login', flask_wtf: 'Flask-WTF', flask_migrate: 'Flask-Migrate', flask_jwt_extended: 'Flask-JWT-Extended',
  rest_framework: 'djangorestframework', corsheaders: 'django-cors-headers', environ: 'django-environ',
  debug_toolbar: 'django-debug-toolbar', django_filters: 'django-filter', crispy_forms: 'django-crispy-forms',
  allauth: 'django-allauth', storages: 'django-storages', celery: 'celery', kombu: 'kombu',
  sqlalchemy: 'SQLAlchemy', alembic: 'alembic', pydantic_settings: 'pydantic-settings', typing_extensions: 'typing-extensions',
  lxml: 'lxml', websocket: 'websocket-client', websockets: 'websockets',
  Bio: 'biopython', mpl_toolkits: 'matplotlib', pylab: 'matplotlib', tensorflow: 'tensorflow', torch: 'torch',
  faiss: 'faiss-cpu', llama_cpp: 'llama-cpp-python', sentencepiece: 'sentencepiece', tiktoken: 'tiktoken',
  huggingface_hub: 'huggingface-hub', langchain_openai: 'langchain-openai', langchain_community: 'langchain-community',
  langchain_core: 'langchain-core', ruamel: 'ruamel.yaml', toml: 'toml', tomli: 'tomli', pkg_resources: 'setuptools',
  setuptools: 'setuptools', _cffi_backend: 'cffi', grpc: 'grpcio', grpc_tools: 'grpcio-tools', markdown: 'Markdown',
  docutils: 'docutils', pyximport: 'Cython', Cython: 'Cython', IPython: 'ipython', ipykernel: 'ipykernel',
  fastapi_users: 'fastapi-users', ujson: 'ujson', orjson: 'orjson',
  boto: 'boto', botocore: 'botocore', boto3: 'boto3', pyarrow: 'pyarrow', nltk: 'nltk', spacy: 'spacy',
};

const PACK = modules as { hostProvided: Record<string, string[]>; prefixes: Record<string, string>; distributions: Record<string, string> };
/** Modules the OS, an application or a board provides, never PyPI (rules/deps/python-modules.json). */
export const HOST_PROVIDED: ReadonlySet<string> = new Set(Object.values(PACK.hostProvided).flat());
const own = (o: Record<string, string>, k: string) => (Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);

/** Distribution for an import path (`google.cloud.storage.blob` → google-cloud-storage), or undefined. */
export function distributionOf(importPath: string): string | undefined {
  const parts = importPath.split('.');
  for (let n = parts.length; n > 0; n--) {
    const key = parts.slice(0, n).join('.');
    const d = own(IMPORT_TO_DISTRIBUTION, key) ?? own(PACK.distributions, key);
    if (d) return d;
  }
  return Object.entries(PACK.prefixes).find(([p]) => parts[0].startsWith(p))?.[1];
}

/** Distributions the snapshot says may provide a top-level import name (several for shared namespaces). */
export function snapshotDistributions(top: string): readonly string[] {
  const d = Object.prototype.hasOwnProperty.call(SNAPSHOT, top) ? SNAPSHOT[top] : undefined;
  return d === undefined ? [] : Array.isArray(d) ? d : [d];
}

/** Namespace packages whose first segment alone says nothing about the distribution. */
export const NAMESPACE_ROOTS: ReadonlySet<string> = new Set(['google', 'azure', 'zope', 'backports', 'jaraco', 'sphinxcontrib', 'ruamel']);

/** PEP 503 normalisation: `Flask_SQLAlchemy` → `flask-sqlalchemy`. */
export function normalizePypi(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}
