// Install lines in Markdown (issue 10): only code that runs in a shell is read, and `#` starts a comment.
import { at, ruleTester } from '../harness';
import { registryWith } from './deps-harness';

const ID = 'nonexistent-package';
const COMMENTED = '```sh\nnpm install express ghost-md-zz # then restart the server\npip install ghost-py-zz  # optional extras\n```\n';
const OTHER_LANGUAGES = '```js\nconst cmd = "npm install ghost-js-zz";\n```\n\n```json\n{ "scripts": { "setup": "pip install ghost-json-zz" } }\n```\n';
const ROOT = '```console\n# npm install -g ghost-root-zz\n```\n';
const CONSOLE = '```console\n$ npm i ghost-console-zz\n```\n\n```\nyarn add ghost-plain-zz\n```\n';

ruleTester(ID, 'javascript', {
  services: () => ({ registry: registryWith() }),
  valid: [
    { code: OTHER_LANGUAGES, path: 'README.md' },
    { code: '```bash\nnpm install express # install the server, then the remaining packages\n```\n', path: 'docs/setup.md' },
    // a comment line that mentions a command in passing, and placeholder names in prose
    { code: '```dockerfile\n# Copying this separately prevents re-running npm install on every code change.\nCOPY package*.json ./\n```\n', path: 'docs/Guides/Serverless.md' },
    { code: "To use it you'll need to do `npm install your-adapter-package-name` or `npm link your-adapter-package-name`.\n", path: 'docs/adapters.md' },
    { code: 'Then run `pip install package-name` with the name you chose.\n', path: 'README.md' },
  ],
  invalid: [
    { code: COMMENTED, path: 'README.md', errors: [at(COMMENTED, 'ghost-md-zz'), at(COMMENTED, 'ghost-py-zz')] },
    { code: CONSOLE, path: 'README.md', errors: [at(CONSOLE, 'ghost-console-zz'), at(CONSOLE, 'ghost-plain-zz')] },
    // a root prompt is a `#` right before the command
    { code: ROOT, path: 'README.md', errors: [at(ROOT, 'ghost-root-zz')] },
  ],
});
