// The runtime a host framework hands to the plugins and themes it bundles: a VuePress or Nuxt plugin's client
// code imports `vue`, a Docusaurus, Gatsby or Next.js one's imports `react`, a Nuxt module's Nitro server code
// (`runtime/server/…`) imports `h3` and `ufo`, and the host's build resolves them to its own copy. Whether the plugin
// should also list it (as a peer) cannot be told from its manifest: shown, not alarmed about.
import type { Collected, Located } from './collect';

const NUXT = /^(?:nuxt|@nuxt\/(?:kit|schema)|@nuxtjs\/.+|nitropack|nitro)$/;
/** The unjs server stack Nitro builds a Nuxt module's server runtime with. */
const NITRO_STACK = /^(?:h3|nitropack|nitro|ufo|ofetch|defu|destr|radix3|rou3|unstorage|ohash|hookable|consola|cookie-es|uncrypto|std-env|scule)$/;

/** Host packages (by name, or the plugin's own name) → the runtime modules their build supplies, and where. */
const HOSTS: readonly (readonly [RegExp, RegExp, RegExp?])[] = [
  [/^(?:vuepress|vuepress-(?:plugin|theme)-.+|@vuepress\/.+|vitepress|nuxt|@nuxt\/(?:kit|schema)|@nuxtjs\/.+)$/, /^vue$/],
  [/^(?:@docusaurus\/.+|docusaurus-(?:plugin|theme)-.+|gatsby|gatsby-(?:plugin|theme)-.+|next)$/, /^react(?:-dom)?$/],
  [NUXT, NITRO_STACK, /(?:^|\/)runtime\//],
];

/** Whether the import is the runtime of a host the package is a plugin of (it declares the host, or is named for it). */
export function hostRuntime(c: Collected, r: Located, path = ''): boolean {
  if (r.ecosystem !== 'npm' || !c.npm) return false;
  const manifests = c.npm.manifests;
  return HOSTS.some(([host, runtime, where]) => runtime.test(r.name) && (!where || where.test(path))
    && manifests.some((m) => host.test(m.manifest.name ?? '') || m.manifest.entries.some((e) => host.test(e.name))));
}
