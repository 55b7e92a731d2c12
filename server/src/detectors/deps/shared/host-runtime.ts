// The UI runtime a host framework hands to the plugins and themes it bundles: a VuePress or Nuxt plugin's client
// code imports `vue`, a Docusaurus or Gatsby theme's imports `react`, and the host's build resolves them to its own
// copy. Whether the plugin should also list it (as a peer) cannot be told from its manifest: shown, not alarmed about.
import type { Collected, Located } from './collect';

/** Host packages (by name, or the plugin's own name) → the runtime modules their build supplies. */
const HOSTS: readonly (readonly [RegExp, RegExp])[] = [
  [/^(?:vuepress|vuepress-(?:plugin|theme)-.+|@vuepress\/.+|vitepress|nuxt|@nuxt\/(?:kit|schema)|@nuxtjs\/.+)$/, /^vue$/],
  [/^(?:@docusaurus\/.+|docusaurus-(?:plugin|theme)-.+|gatsby|gatsby-(?:plugin|theme)-.+)$/, /^react(?:-dom)?$/],
];

/** Whether the import is the runtime of a host the package is a plugin of (it declares the host, or is named for it). */
export function hostRuntime(c: Collected, r: Located): boolean {
  if (r.ecosystem !== 'npm' || !c.npm) return false;
  const manifests = c.npm.manifests;
  return HOSTS.some(([host, runtime]) => runtime.test(r.name)
    && manifests.some((m) => host.test(m.manifest.name ?? '') || m.manifest.entries.some((e) => host.test(e.name))));
}
