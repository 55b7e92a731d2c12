// google-api-key in code that talks to YouTube's InnerTube API (`youtubei/v1/…`): the key there is the one
// YouTube's own web or app client ships to every visitor (held-out sample: a metasearch engine's YouTube
// scraper), not the developer's quota. Shown at low confidence; a key elsewhere, or one for the Data API, stays.
import { ruleTester } from '../harness';

const KEY = 'AIzaQv7Lm2Xc9RtB4pN8sWz1Hk6Jd3Fg5Yu0Ete';

ruleTester('google-api-key', 'python', {
  valid: [],
  invalid: [
    { code: `next_page_url = 'https://www.youtube.com/youtubei/v1/search?key=${KEY}'`, errors: [{ line: 1, confidence: 'low' }] },
    { code: `CLIENTS = {'web': {'INNERTUBE_API_KEY': '${KEY}', 'clientName': 'WEB'}}`, errors: [{ line: 1, confidence: 'low' }] },
    { code: `const ytKey = '${KEY}';\nconst innertubeContext = { client: { clientName: 'WEB' } };`, language: 'javascript', errors: [{ line: 1, confidence: 'low' }] },
    // the developer's own key: the Data API, Gemini
    { code: `url = 'https://www.googleapis.com/youtube/v3/search?key=${KEY}'`, errors: [{ line: 1, confidence: 'medium' }] },
    { code: `genai.configure(api_key='${KEY}')`, errors: [{ line: 1, confidence: 'medium' }] },
  ],
});
