import { at, ruleTester } from '../harness';

const py = 'DATABASE_URL = "postgresql://app:N7vq2Lx9Rk4mTz@db.internal:5432/app"';
// A doctest in a docstring (fresh held-out sample MM: django-environ's `Env.db_url_config` example): documentation
// run as a test, with a made-up password: low; the same URL assigned in code stays medium.
const doctest = 'def db_config(url):\n    """Parse a database URL.\n\n    >>> db_config(\'postgres://u1x:Qw7rTz9kLp@db.example.net:5432/app\')\n    {\'NAME\': \'app\'}\n    """';
const assigned = 'def db_config():\n    url = \'postgres://u1x:Qw7rTz9kLp@db.example.net:5432/app\'\n    return url';
// A sentinel URL spelt as a message, its host a SCREAMING_SNAKE name (fresh sample VV: a migration tool's constant telling
// users to set another variable): a placeholder host, so low; an upper-case host name without the underscore, or a
// compose service name with one, stays medium.
const sentinel = "export const UNSET_URL = 'mysql://SET:THIS@MIGRATE_DB_URL/FIRST';";
const upperHost = "const url = 'mysql://svc:Hq4mZ8tLw2@DBSERVER01:3306/app';";
const snakeService = "const url = 'mysql://svc:Hq4mZ8tLw2@db_primary:3306/app';";
// The word `password` spelt with digits for letters (fresh sample AQ: a bot framework's JSDoc for its Mongo option,
// `mongodb+srv://myUser:secretPassw0rd@…`) is the placeholder `secretPassword` is; a commented-out URL with a random
// password, or a leet word with random characters after it, stays medium.
const leetDoc = ' * @property {string} mongoUri - e.g. mongodb+srv://myUser:secretPassw0rd@cluster0-area.mongodb.net/botDb';
const commented = '// this.url = encodeURI(`mongodb+srv://chatBot:Zq8mR2vLx7TkWp@cluster0-ab1cd.mongodb.net/bot-dev`);';
const leetRandom = "const url = 'postgres://bot:Pa55w0rd_Hq4mZ8tL@db.internal:5432/bot';";
const yaml = 'services:\n  api:\n    environment:\n      - MONGO_URL=mongodb://admin:Xk29fLq7Mv3p@mongo:27017/app';

ruleTester('connection-string-password', 'python', {
  valid: [
    // documentation shows the shape of a URL with a made-up password: an example, not a committed secret
    { code: "In production you'll be given a URL (e.g. `mysql://lkjdsf4:kw8sd@us-west-2.64-8.amazonaws.com:3306/4e843g`).", language: 'markdown' },
    { code: '```js\nurl: \'mysql://root:squ1ddy@localhost:3306/my_dev_db_name\',\n```', language: 'markdown', path: 'docs/reference/connections.md' },
    'DATABASE_URL = "postgresql://app:${DB_PASSWORD}@db:5432/app"',
    // compose's `${VAR:-default}` user and password: the colon inside the expansion is no userinfo separator
    { code: "ME_CONFIG_MONGODB_URL: 'mongodb://${MONGO_ROOT_USER:-admin}:${MONGO_ROOT_PASS:-password}@mongodb:27017/'", language: 'yaml', path: 'docker-compose.yml' },
    { code: leetDoc, language: 'javascript', path: 'storage/mongo.js' },
    { code: "const url = 'postgres://bot:P4ssword@localhost/bot';", language: 'javascript' },
  ],
  invalid: [
    { code: commented, language: 'javascript', path: 'storage/mongo.js', errors: [{ ...at(commented, 'Zq8mR2vLx7TkWp'), confidence: 'medium' }] },
    { code: leetRandom, language: 'javascript', errors: [{ ...at(leetRandom, 'Pa55w0rd_Hq4mZ8tL'), confidence: 'medium' }] },
    { code: py, errors: [at(py, 'N7vq2Lx9Rk4mTz')] },
    { code: doctest, errors: [{ ...at(doctest, 'Qw7rTz9kLp'), confidence: 'low' }] },
    { code: assigned, errors: [{ ...at(assigned, 'Qw7rTz9kLp'), confidence: 'medium' }] },
    { code: yaml, language: 'yaml', path: 'docker-compose.yml', errors: [at(yaml, 'Xk29fLq7Mv3p')] },
    { code: sentinel, language: 'typescript', errors: [{ ...at(sentinel, 'THIS'), confidence: 'low' }] },
    { code: upperHost, language: 'typescript', errors: [{ ...at(upperHost, 'Hq4mZ8tLw2'), confidence: 'medium' }] },
    { code: snakeService, language: 'typescript', errors: [{ ...at(snakeService, 'Hq4mZ8tLw2'), confidence: 'medium' }] },
    { code: 'export MONGO_URL=mongodb://admin:Xk29fLq7Mv3p@mongo:27017/app', language: 'shellscript', errors: 1 },
    { code: "ME_CONFIG_MONGODB_URL: 'mongodb://${MONGO_ROOT_USER:-admin}:Xk29fLq7Mv3p@mongodb:27017/'", language: 'yaml', path: 'docker-compose.yml', errors: [at("ME_CONFIG_MONGODB_URL: 'mongodb://${MONGO_ROOT_USER:-admin}:Xk29fLq7Mv3p@mongodb:27017/'", 'Xk29fLq7Mv3p')] },
  ],
});
