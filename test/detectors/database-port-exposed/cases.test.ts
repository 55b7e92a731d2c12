import { ruleTester } from '../harness';

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
  ],
});
