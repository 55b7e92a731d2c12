// ORM/driver defaults that log every query with its values: Sequelize's default `logging`, SQLAlchemy echo.
import { at, ruleTester } from '../harness';

const REQ = "const { Sequelize } = require('sequelize');\n";
const dflt = REQ + 'const sequelize = new Sequelize(process.env.DATABASE_URL);';
const opts = REQ + "const sequelize = new Sequelize('app', 'app', process.env.DB_PASS, { host: 'db', dialect: 'postgres' });";
const cons = "import { Sequelize } from 'sequelize';\nexport const db = new Sequelize({ dialect: 'sqlite', storage: 'app.db', logging: console.log });";
const params = REQ + 'const sequelize = new Sequelize(url, { logging: (sql) => logger.debug(sql), logQueryParameters: true });';

ruleTester('query-logging-enabled', 'javascript', {
  valid: [
    REQ + 'const sequelize = new Sequelize(process.env.DATABASE_URL, { logging: false });',
    REQ + "const sequelize = new Sequelize(url, { logging: process.env.NODE_ENV === 'development' ? console.log : false });",
    REQ + 'const sequelize = new Sequelize(url, { logging: (msg) => logger.debug(msg) });',
    // Options from a config file (where `logging: false` usually is) are not visible here.
    REQ + 'const sequelize = new Sequelize(config.database, config.username, config.password, config);',
    REQ + 'const sequelize = new Sequelize(url, { ...base });',
    REQ + 'const sequelize = new Sequelize(url);\nsequelize.options.logging = false;',
    // Not Sequelize's constructor.
    'const sequelize = new Sequelize(url);',
    REQ + 'const q = sequelize.query(sql);',
  ],
  invalid: [
    { code: dflt, errors: [{ ...at(dflt, 'new Sequelize(process.env.DATABASE_URL)', 'sequelize-default'), confidence: 'low' }] },
    { code: opts, errors: [{ ...at(opts, "new Sequelize('app', 'app', process.env.DB_PASS, { host: 'db', dialect: 'postgres' })", 'sequelize-default'), confidence: 'low' }] },
    {
      code: cons, errors: [{ ...at(cons, "new Sequelize({ dialect: 'sqlite', storage: 'app.db', logging: console.log })", 'sequelize-console'), confidence: 'low' }],
      output: "import { Sequelize } from 'sequelize';\nexport const db = new Sequelize({ dialect: 'sqlite', storage: 'app.db', logging: false });",
    },
    { code: params, errors: [{ ...at(params, 'new Sequelize(url, { logging: (sql) => logger.debug(sql), logQueryParameters: true })', 'sequelize-parameters'), confidence: 'medium' }] },
  ],
});

const echo = 'from sqlalchemy import create_engine\nengine = create_engine(DATABASE_URL, echo=True, pool_pre_ping=True)';
const asyncEcho = 'from sqlalchemy.ext.asyncio import create_async_engine\nengine = create_async_engine(url, echo="debug")';
const flask = 'SQLALCHEMY_DATABASE_URI = os.environ["DATABASE_URL"]\nSQLALCHEMY_ECHO = True';
const cfg = 'app.config["SQLALCHEMY_ECHO"] = True';

ruleTester('query-logging-enabled', 'python', {
  valid: [
    'from sqlalchemy import create_engine\nengine = create_engine(DATABASE_URL, echo=False)',
    'from sqlalchemy import create_engine\nengine = create_engine(DATABASE_URL, echo=settings.DEBUG)',
    'from sqlalchemy import create_engine\nengine = create_engine(DATABASE_URL)',
    'if DEBUG:\n    SQLALCHEMY_ECHO = True',
    { code: 'SQLALCHEMY_ECHO = True', path: 'config/development.py' },
    { code: 'engine = create_engine("sqlite://", echo=True)', path: 'tests/conftest.py' },
    'subprocess.run(["ls"], echo=True)',
  ],
  invalid: [
    { code: echo, errors: [{ ...at(echo, 'echo=True', 'sqlalchemy-echo'), confidence: 'medium' }], output: echo.replace('echo=True', 'echo=False') },
    { code: asyncEcho, errors: [at(asyncEcho, 'echo="debug"', 'sqlalchemy-echo')] },
    { code: flask, path: 'config.py', errors: [at(flask, 'SQLALCHEMY_ECHO = True', 'sqlalchemy-echo')] },
    { code: cfg, errors: [at(cfg, 'app.config["SQLALCHEMY_ECHO"] = True', 'sqlalchemy-echo')] },
  ],
});

// Django logs its SQL only with DEBUG on: the `django.db.backends` logger at DEBUG counts where the same
// settings file turns DEBUG on.
const djangoLogging = (debug: string, level = '"DEBUG"', where = 'loggers') => [
  `DEBUG = ${debug}`,
  'LOGGING = {',
  '    "version": 1,',
  '    "handlers": {"console": {"class": "logging.StreamHandler"}},',
  `    "${where}": {`,
  `        "django.db.backends": {"handlers": ["console"], "level": ${level}},`,
  '    },',
  '}',
].join('\n');
const django = djangoLogging('True');
const djangoSingle = djangoLogging('True', "'debug'");

ruleTester('query-logging-enabled', 'python', {
  valid: [
    djangoLogging('False'),
    djangoLogging('env.bool("DEBUG", default=False)'),
    djangoLogging('True', '"INFO"'),
    djangoLogging('True', 'LOG_LEVEL'),
    // Not a logger's configuration.
    djangoLogging('True', '"DEBUG"', 'filters'),
    { code: django, path: 'blogsite/settings/dev.py' },
    'DEBUG = True\nif DEBUG:\n    LOGGING = {"loggers": {"django.db.backends": {"level": "DEBUG"}}}',
  ],
  invalid: [
    {
      code: django, path: 'blogsite/settings.py',
      errors: [{ ...at(django, '"django.db.backends": {"handlers": ["console"], "level": "DEBUG"}', 'django-sql-debug'), confidence: 'medium' }],
      output: django.replace('"level": "DEBUG"', '"level": "INFO"'),
    },
    { code: djangoSingle, errors: [at(djangoSingle, `"django.db.backends": {"handlers": ["console"], "level": 'debug'}`, 'django-sql-debug')], output: djangoSingle.replace("'debug'", "'INFO'") },
  ],
});
