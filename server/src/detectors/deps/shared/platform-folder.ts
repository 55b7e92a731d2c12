// A multi-runtime library's folder for one platform (ably's `src/platform/nativescript/` requiring `@nativescript/core`
// and `nativescript-websockets`): the modules named after that platform are its runtime and plugins, which the app built
// on it supplies; declaring them would install them for every other platform's users. An optional peer is the fix:
// shown at low confidence, not silenced. Folders named for a generic host (`platform/node/`, `platform/web/`) do not count.
const PLATFORM_DIR = /^platforms?$/i;
const GENERIC = new Set(['node', 'nodejs', 'web', 'browser', 'common', 'shared', 'server', 'client', 'native', 'mobile', 'default']);
const flat = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Whether the npm import `name` in the file at `path` names the platform of a `platform/<name>/` folder it sits in. */
export function platformOwnModule(path: string, manifest: string | undefined, name: string): boolean {
  if (!manifest) return false;
  const dir = manifest.slice(0, manifest.lastIndexOf('/') + 1);
  if (!path.startsWith(dir)) return false;
  const segs = path.slice(dir.length).split('/').slice(0, -1);
  // The scope of a scoped name (`@nativescript/core`), else the whole name (`nativescript-websockets`, `react-native`).
  const pkg = flat(name.startsWith('@') ? name.split('/')[0] : name);
  return segs.some((s, i) => {
    const platform = flat(segs[i + 1] ?? '');
    return PLATFORM_DIR.test(s) && platform.length >= 3 && !GENERIC.has(platform) && pkg.startsWith(platform);
  });
}
