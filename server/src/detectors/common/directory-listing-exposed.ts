// Flags directory listings served over HTTP: `serve-index` mounted anywhere, @fastify/static with
// `list: true`, aiohttp `add_static(show_index=True)`, Django's `serve` with `show_indexes`. Assistants
// add a listing to "browse the uploads" or "see the logs"; it hands every forgotten backup, log and
// upload to whoever finds the URL (CWE-548). Mounts come from the fact `static-mounts` (both languages).
import { JS_LIKE } from '../../core/languages';
import type { AsyncDetectorContext, Detector } from '../../core/types';
import { staticMounts } from '../shared/static-mounts';
import { devServerManifest, nearestFile } from '../shared/web-app-signals';

export const directoryListingExposed: Detector = {
  id: 'directory-listing-exposed',
  meta: {
    title: 'Directory listing served to clients',
    family: 'sensitive-data-exposure',
    severity: 'warning',
    confidence: 'medium',
    cwe: ['CWE-548', 'CWE-538'],
    needs: [staticMounts.id],
  },
  languages: [...JS_LIKE, 'python'],
  keywords: ['serve-index', 'serveindex', 'list', 'show_index'],
  // Slow tier: whether the package is a development server is read from its manifest (the project service).
  async runAsync(ctx: AsyncDetectorContext) {
    let devServer: boolean | undefined;
    for (const m of ctx.get(staticMounts) ?? []) {
      if (!m.listing || m.guarded) continue;
      // A development server's own code (live-server, browser-sync, webpack-dev-server): listing the folder a developer
      // works on is the tool's feature, on their machine; info at low confidence.
      const project = ctx.services.project;
      devServer ??= !!project && devServerManifest(nearestFile(ctx.path, 'package.json', (p) => project.readFile(p)));
      const folder = m.root ? `\`${ctx.text.slice(m.root.start, m.root.end).replace(/\s+/g, ' ').slice(0, 50)}\`` : 'the folder';
      const worse = m.served ? (m.served.what === 'root' ? ', which here is the project itself (source, package.json, .env)' : ', which here holds logs or backups') : '';
      ctx.report({
        start: m.listing.start, end: m.listing.end,
        kind: m.served ? m.served.what : 'listing',
        severity: devServer ? 'info' : m.served ? 'error' : 'warning',
        confidence: devServer ? 'low' : m.served ? 'high' : 'medium',
        message: `\`${m.server}\` lists every file under ${folder}${worse} to anyone who opens the URL, so forgotten backups, logs and uploads are one click away; serve known files only, or put the listing behind authentication.`,
      });
    }
  },
};
