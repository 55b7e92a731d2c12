import { ruleTester } from '../harness';

ruleTester('debug-mode-enabled', 'python', {
  valid: [
    'from flask import Flask\napp = Flask(__name__)\napp.run(debug=os.environ.get("FLASK_DEBUG") == "1")',
    'from flask import Flask\napp.run(debug=False)',
    'thread.run(debug=True)',
    { code: 'DEBUG = True', path: 'mysite/settings/dev.py' },
    { code: 'DEBUG = True', path: 'mysite/settings/local.py' },
    // a benchmark's or an example's own settings (falcon's bench/dj/dj/settings.py) never ship
    { code: 'DEBUG = True', path: 'bench/dj/dj/settings.py' },
    { code: 'from flask import Flask\napp = Flask(__name__)\napp.run(debug=True)', path: 'examples/hello/app.py' },
    { code: 'DEBUG = True', path: 'src/constants.py' },
    { code: 'DEBUG = os.environ.get("DJANGO_DEBUG", "0") == "1"', path: 'mysite/settings.py' },
    { code: 'from flask import Flask\napp.run(debug=True)', path: 'tests/test_app.py' },
    { code: '# app.run(debug=True)\nfrom flask import Flask', path: 'app.py' },
    { code: 'DEBUG=true\n', language: 'dotenv', path: '.env.development' },
    { code: 'DEBUG=true\n', language: 'dotenv', path: '.env' },
    { code: 'DEBUG=false\nNODE_ENV=production\n', language: 'dotenv', path: '.env.production' },
    { code: '# DEBUG=true\n', language: 'dotenv', path: '.env.production' },
  ],
  invalid: [
    { code: 'from flask import Flask\napp = Flask(__name__)\nif __name__ == "__main__":\n    app.run(debug=True)', errors: [{ line: 4, column: 13 }] },
    { code: 'DEBUG = True\nALLOWED_HOSTS = ["*"]', path: 'mysite/settings.py', errors: [{ line: 1, column: 1 }] },
    { code: 'DEBUG = True', path: 'mysite/settings/production.py', errors: 1 },
    { code: 'app = FastAPI(debug=True)', errors: 1 },
    { code: 'from flask import Flask\napp.debug = True', errors: 1 },
    { code: 'app.config["DEBUG"] = True', errors: 1 },
    { code: 'DEBUG=true\n', language: 'dotenv', path: '.env.production', errors: [{ line: 1, column: 1 }], output: 'DEBUG=false\n' },
    { code: 'FLASK_DEBUG=1\nNODE_ENV=development\n', language: 'dotenv', path: 'deploy/.env.prod', errors: [{ line: 1 }, { line: 2 }], output: 'FLASK_DEBUG=0\nNODE_ENV=production\n' },
    { code: 'services:\n  web:\n    environment:\n      - DEBUG=True\n', language: 'yaml', path: 'docker-compose.prod.yml', errors: [{ line: 4, column: 9 }], output: 'services:\n  web:\n    environment:\n      - DEBUG=False\n' },
  ],
});
