// google-api-key: a data rule (rules/secrets.json). A media site's extractor (a streamlink plugin, a youtube-dl or
// yt-dlp extractor) carries the site's public browser key, copied from the site's own page, as a fallback when
// scraping it fails: low confidence (fresh held-out sample DD: a stream downloader's YouTube plugin).
import { at, ruleTester } from '../harness';

const KEY = 'AIzaSyB3kQm7Rt9Lw2Xv5Np8Cd4Hj6Fg1Zs0Ye' + 'Q';
const plugin = `from streamlink.plugin import Plugin, pluginmatcher\n\nclass Site(Plugin):\n    def key(self):\n        return "${KEY}"`;
const extractor = `from .common import InfoExtractor\n\nclass SiteIE(InfoExtractor):\n    _KEY = "${KEY}"`;
const service = `from myapp.storage import Client\n\nMAPS_KEY = "${KEY}"`;

ruleTester('google-api-key', 'python', {
  valid: [
    'key = os.environ["GOOGLE_API_KEY"]',
  ],
  invalid: [
    { code: plugin, errors: [{ ...at(plugin, KEY), confidence: 'low' }] },
    { code: extractor, errors: [{ ...at(extractor, KEY), confidence: 'low' }] },
    { code: service, errors: [{ ...at(service, KEY), confidence: 'medium' }] },
  ],
});
