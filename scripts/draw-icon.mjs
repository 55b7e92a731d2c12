#!/usr/bin/env node
// Draws the extension icon (media/icon.png, 128×128, transparent corners) from the SVG below: the
// activity-bar shield with its check mark (media/icons/vouch.svg) on a rounded tile. Rendered by a
// headless Chromium (the one the e2e tier installs; VOUCH_E2E_CHROMIUM or /usr/bin/chromium), so
// the icon is made here from code, not downloaded. Run it again after changing the drawing:
//   node scripts/draw-icon.mjs [--out media/icon.png]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { out: { type: 'string', default: join(ROOT, 'media', 'icon.png') } } });
const CHROMIUM = process.env.VOUCH_E2E_CHROMIUM || '/usr/bin/chromium';
const SIZE = 128;

// The shield and check of media/icons/vouch.svg (a 24-unit grid), scaled onto a 128 px tile.
const SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 128 128">
  <defs>
    <linearGradient id="tile" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#3b5bdb"/>
      <stop offset="1" stop-color="#2541b2"/>
    </linearGradient>
  </defs>
  <rect x="4" y="4" width="120" height="120" rx="26" fill="url(#tile)"/>
  <g transform="translate(16 14) scale(4)" fill="none" stroke-linecap="round" stroke-linejoin="round">
    <path d="M12 2.5 4 5.5v6c0 4.6 3.3 8.6 8 10 4.7-1.4 8-5.4 8-10v-6z" fill="#ffffff" fill-opacity="0.14" stroke="#ffffff" stroke-width="1.5"/>
    <path d="m8.5 12 2.5 2.5 4.5-5" stroke="#69db7c" stroke-width="2"/>
  </g>
</svg>`;

const work = mkdtempSync(join(tmpdir(), 'vouch-icon-'));
try {
  const page = join(work, 'icon.html');
  writeFileSync(page, `<!doctype html><html><head><style>html,body{margin:0;background:transparent}svg{display:block}</style></head><body>${SVG}</body></html>`);
  const shot = join(work, 'icon.png');
  const run = spawnSync(CHROMIUM, [
    '--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--force-device-scale-factor=1',
    '--default-background-color=00000000', `--window-size=${SIZE},${SIZE}`, `--screenshot=${shot}`, pathToFileURL(page).href,
  ], { encoding: 'utf8', timeout: 60_000 });
  const png = run.status === 0 ? readFileSync(shot) : undefined;
  if (!png) throw new Error(`chromium (${CHROMIUM}) could not render the icon: ${run.error?.message ?? run.stderr}`);
  // A PNG's IHDR holds width and height right after the signature and chunk header.
  const [w, h] = [png.readUInt32BE(16), png.readUInt32BE(20)];
  if (w !== SIZE || h !== SIZE) throw new Error(`expected ${SIZE}×${SIZE}, chromium drew ${w}×${h}`);
  writeFileSync(values.out, png);
  console.log(`wrote ${values.out} (${w}×${h}, ${png.length} bytes)`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
