// Module roots and aliases that a bundler config gives bare specifiers, read from the config's text.
import type { ProjectService } from '../../../core/services';

const join = (dir: string, name: string): string => (dir ? `${dir}/${name}` : name);

const BUNDLER_CONFIGS = ['webpack.config.js', 'webpack.config.cjs', 'webpack.config.mjs', 'webpack.config.ts', 'vite.config.js', 'vite.config.mjs', 'vite.config.ts'];
/** A folder a bundler config names: `'src'`, `path.resolve(__dirname, 'src')`, `path.join(__dirname, '..', 'lib')`. */
const FOLDER = /^(?:['"`]([^'"`]+)['"`]|path\.(?:join|resolve)\(\s*__dirname\s*((?:,\s*['"`][^'"`]*['"`]\s*)+)\))$/;

/**
 * A bundler config's module roots and aliases (read from its text, never run): webpack's `resolve.modules`
 * (anyproxy's UI imports `component/record-row` from `web/src`) and `resolve.alias` keys, Vite's alias keys.
 */
export function bundlerAliases(project: ProjectService, dirs: string[], out: { aliases: string[]; baseUrls: string[] }): void {
  for (const dir of dirs) {
    for (const name of BUNDLER_CONFIGS) {
      const text = project.readFile(join(dir, name));
      if (text === undefined) continue;
      const modules = /\bmodules\s*:\s*\[([^\]]*)\]/.exec(text)?.[1] ?? '';
      for (const item of modules.split(/,(?![^(]*\))/)) {
        const m = FOLDER.exec(item.trim());
        const parts = m?.[1] !== undefined ? [m[1]] : [...(m?.[2] ?? '').matchAll(/['"`]([^'"`]*)['"`]/g)].map((x) => x[1]);
        if (!m || parts[0] === 'node_modules') continue;
        const norm: string[] = dir ? dir.split('/') : [];
        for (const seg of parts.join('/').split('/')) seg === '..' ? norm.pop() : seg && seg !== '.' && norm.push(seg);
        out.baseUrls.push(norm.join('/'));
      }
      const alias = /\balias\s*:\s*\{([^}]*)\}/.exec(text)?.[1] ?? '';
      // Only keys that name a folder or file (`'@': path.resolve(__dirname, 'src')`), not one package swapped for another.
      for (const m of alias.matchAll(/(?:^|[,{\s])(?:['"`]([^'"`]+)['"`]|([\w$@~-]+))\s*:\s*(?=path\.(?:join|resolve)\(|fileURLToPath\(|resolve\(|['"`]\.{0,2}\/)/g)) {
        const key = (m[1] ?? m[2]).replace(/\$$/, '');
        out.aliases.push(key, `${key}/*`);
      }
    }
  }
}
