// breaking-change on package.json peer dependencies: a peer range narrowed, or a new required peer, with
// the workspace packages that depend on the package and declare the peer outside the new range (broken)
// or not at all (affected). Valid cases: a range widened, a new optional peer, a range semver cannot
// read, the same range written another way.
import { MemoryBaseline } from '../../../server/src/vcs/memory-baseline';
import { at, ruleTester, type Case, type InvalidCase } from '../harness';

function change(c: Omit<Case, 'services'> & { before: string; path: string }): Case {
  return { ...c, language: 'json', services: { baseline: new MemoryBaseline({ [c.path]: c.before }) } };
}
function broken(c: Omit<Case, 'services'> & { before: string; path: string }, text: string, kind: string, severity: string): InvalidCase {
  return { ...change(c), errors: [{ ...at(c.code, text, kind), severity }] };
}

const UI = (peers: Record<string, string>, meta?: Record<string, unknown>) =>
  JSON.stringify({ name: '@acme/ui', version: '1.0.0', peerDependencies: peers, ...(meta ? { peerDependenciesMeta: meta } : {}) }, null, 2) + '\n';
const PATH = 'packages/ui/package.json';
const WEB17 = { 'apps/web/package.json': JSON.stringify({ name: 'web', dependencies: { '@acme/ui': 'workspace:*', react: '^17.0.2' } }, null, 2), 'apps/web/src/a.ts': '' };
const WEB18 = { 'apps/web/package.json': JSON.stringify({ name: 'web', dependencies: { '@acme/ui': 'workspace:*', react: '^18.2.0' } }, null, 2), 'apps/web/src/a.ts': '' };

ruleTester('breaking-change', 'json', {
  valid: [
    change({ name: 'a peer range widened', path: PATH, before: UI({ react: '^18.0.0' }), files: WEB17, code: UI({ react: '^17.0.0 || ^18.0.0' }) }),
    change({ name: 'the same range written another way', path: PATH, before: UI({ react: '>=18.0.0 <19.0.0' }), files: WEB18, code: UI({ react: '^18.0.0' }) }),
    change({ name: 'a new optional peer', path: PATH, before: UI({ react: '^18.0.0' }), files: WEB18, code: UI({ react: '^18.0.0', 'react-dom': '^18.0.0' }, { 'react-dom': { optional: true } }) }),
    change({ name: 'a range semver cannot read', path: PATH, before: UI({ react: '^18.0.0' }), files: WEB18, code: UI({ react: 'workspace:*' }) }),
  ],
  invalid: [
    broken({ name: 'a peer range narrowed: a dependent package declares an older version', path: PATH, before: UI({ react: '^17.0.0 || ^18.0.0' }), files: WEB17, code: UI({ react: '^18.0.0' }) }, '"react": "^18.0.0"', 'peer-narrowed', 'error'),
    broken({ name: 'a peer range narrowed that every dependent already meets: hint', path: PATH, before: UI({ react: '^17.0.0 || ^18.0.0' }), files: WEB18, code: UI({ react: '^18.0.0' }) }, '"react": "^18.0.0"', 'peer-narrowed', 'hint'),
    broken({ name: 'a new required peer a dependent does not declare: warning', path: PATH, before: UI({ react: '^18.0.0' }), files: WEB18, code: UI({ react: '^18.0.0', 'styled-components': '^6.0.0' }) }, '"styled-components": "^6.0.0"', 'peer-added', 'warning'),
  ],
});
