import { ruleTester } from '../harness';

const appStack = 'services:\n  api:\n    build: .\n    ports:\n      - "8080:8080"\n  db:\n    ports:\n      - "5432:5432"\n';
// Elastic's own registry (swagger-stats' scripts/elasticsearch/): Elasticsearch and Kibana, its console, alone
const elasticStack = 'services:\n  elasticsearch:\n    image: docker.elastic.co/elasticsearch/elasticsearch:8.6.0\n    ports:\n      - 9200:9200\n  kibana:\n    image: docker.elastic.co/kibana/kibana:8.6.0\n    ports:\n      - 5601:5601\n';
const elasticApp = `${elasticStack}  api:\n    image: docker.elastic.co/apm/apm-server:8.6.0\n    ports:\n      - 8200:8200\n`;
const devStack = 'services:\n  db:\n    image: docker.io/library/postgres:16.1-bullseye\n    ports:\n      - "5432:5432"\n  cache:\n    image: redis:7-alpine\n    ports:\n      - "6379:6379"\n  pgadmin:\n    image: dpage/pgadmin4\n    ports:\n      - "5050:80"\n';

// fresh sample: sqlpad's drivers/*/docker-compose.yml, a database's own image under another name (ScyllaDB for Cassandra,
// the old SQL Server image); typescript-express-starter's stacks build the app from Dockerfile.dev
const scylla = 'services:\n  cassandra:\n    image: scylladb/scylla:latest\n    ports:\n      - "9042:9042"\n      - "10000:10000"\n';
const mssql = "services:\n  mssql:\n    image: 'microsoft/mssql-server-linux:2017-latest'\n    ports:\n      - 1433:1433\n";
const devBuilt = (build: string) => `services:\n  app:\n    build:\n      context: .\n${build}    ports:\n      - '3000:3000'\n  mongo:\n    image: mongo:7\n    ports:\n      - '27017:27017'\n`;
const withApp = 'services:\n  api:\n    image: acme/postgres-api:2\n    ports:\n      - "8080:8080"\n  db:\n    image: postgres:16\n    ports:\n      - "5432:5432"\n';

ruleTester('database-port-exposed', 'yaml', {
  valid: [
    'services:\n  web:\n    image: node:20\n    ports:\n      - "3000:3000"\n',
    'services:\n  db:\n    image: postgres:16\n    ports:\n      - "127.0.0.1:5432:5432"\n',
    'services:\n  db:\n    image: postgres:16\n    expose:\n      - "5432"\n',
    'services:\n  cache:\n    image: redis:7\n    ports:\n      - target: 6379\n        published: 6379\n        host_ip: 127.0.0.1\n',
    '# ports:\n#   - "5432:5432"\nservices: {}\n',
    'ports:\n  - "5432:5432"\n',
  ],
  invalid: [
    { code: 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "5432:5432"\n', path: 'docker-compose.yml', errors: [{ line: 5, column: 9 }], output: 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "127.0.0.1:5432:5432"\n' },
    { code: 'services:\n  cache:\n    image: redis:7\n    ports:\n      - 6379:6379\n', errors: 1, output: 'services:\n  cache:\n    image: redis:7\n    ports:\n      - 127.0.0.1:6379:6379\n' },
    { code: 'services:\n  mongo:\n    ports:\n      - "0.0.0.0:27017:27017"\n', errors: 1 },
    { code: 'services:\n  mysql:\n    ports:\n      - target: 3306\n        published: 3306\n', errors: [{ line: 4 }] },
    { code: 'services:\n  dind:\n    ports:\n      - "2375:2375"\n', errors: 1 },
    // deployed with the application it serves: medium confidence
    { code: appStack, errors: [{ line: 8, column: 9, confidence: 'medium' }] },
    // databases alone (and an admin console): a developer's stack for an application run on the host (budibase)
    { code: devStack, errors: [{ line: 5, column: 9, confidence: 'low' }, { line: 9, column: 9, confidence: 'low' }] },
    { code: elasticStack, errors: [{ line: 5, column: 9, confidence: 'low' }] },
    // with another service beside them the file deploys an application
    { code: elasticApp, errors: [{ line: 5, column: 9, confidence: 'medium' }] },
    // …and a compose file named for tests or development (pinejs's docker-compose.npm-test.yml)
    { code: appStack, path: 'docker-compose.npm-test.yml', errors: [{ line: 8, column: 9, confidence: 'low' }] },
    // …and a dev container's compose file (express-suite-starter's scaffolding/…/.devcontainer/docker-compose.yml)
    { code: appStack, path: 'scaffolding/devcontainer-mongodb/.devcontainer/docker-compose.yml', errors: [{ line: 8, column: 9, confidence: 'low' }] },
    { code: scylla, errors: [{ line: 5, column: 9, confidence: 'low' }] },
    { code: mssql, errors: [{ line: 5, column: 9, confidence: 'low' }] },
    { code: devBuilt('      dockerfile: Dockerfile.dev\n'), errors: [{ line: 11, column: 9, confidence: 'low' }] },
    { code: devBuilt('      target: development\n'), errors: [{ line: 11, column: 9, confidence: 'low' }] },
    // built for production, or beside an application image that merely names a database, it is deployed as usual
    { code: devBuilt('      dockerfile: Dockerfile.prod\n'), errors: [{ line: 11, column: 9, confidence: 'medium' }] },
    { code: withApp, errors: [{ line: 9, column: 9, confidence: 'medium' }] },
    // a folder merely named like one is deployed as usual
    { code: appStack, path: 'deploy/devcontainer/docker-compose.yml', errors: [{ line: 8, column: 9, confidence: 'medium' }] },
  ],
});
