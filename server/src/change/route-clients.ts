// The reach of a changed HTTP route: requests to it from the workspace's own code — `fetch('/api/users/'
// + id)`, `axios.get(`/users/${id}`)`, `requests.get(f"{BASE}/users/{uid}")`, supertest's
// `request(app).get('/users/1')` in tests. A URL matches a route when its last segments match the
// route's (a literal equals, a parameter takes any segment; up to two leading segments are taken as a
// mount prefix such as `/api/v1`), and it shares a literal segment with the route. Where the request's
// method is known (`.post(`, `fetch(…, { method: 'PUT' })`) it must be the dropped one for the request
// to be broken; a URL whose method cannot be told is "affected". A route that another workspace file
// now registers (the handler moved files) is not a change at all.
import { languageOf } from '../core/languages';
import { isTestPath } from '../core/paths';
import type { ProjectService, WorkspaceIndex } from '../core/services';
import type { Range } from '../core/types';
import type { Change } from './compare';
import type { Reach } from './reach';
import { routesOfText, type Route } from './routes';
import { surfaceLanguage } from './surface';

/** Quoted strings that look like a URL path, with `${…}` / `{…}` holes. */
const URL_LITERAL = /(["'`])((?:https?:\/\/[^/"'`\s]*|\$\{[^}"'`]*\}|\{[^}"'`]*\})?\/[^"'`\s<>]*)\1/g;
const METHOD_BEFORE = /\.(get|post|put|patch|delete|del|head|options)\s*\(\s*f?$/i;
const FETCH_BEFORE = /\bfetch\s*\(\s*$/;
const METHOD_OPTION = /^[^;)]{0,200}?\bmethod\s*[:=]\s*["'](\w+)["']/i;
const MAX_PREFIX = 2;
const KEY = {};

interface UrlUse {
  start: number;
  end: number;
  range: Range;
  /** As written, shortened. */
  url: string;
  /** Segments; holes are `*`. */
  segs: string[];
  method?: string;
}

const rangeOf = (text: string, start: number, end: number): Range => {
  const pos = (offset: number) => {
    const before = text.slice(0, offset);
    const line = before.split('\n').length - 1;
    return { line, character: offset - (before.lastIndexOf('\n') + 1) };
  };
  return { start: pos(start), end: pos(end) };
};

function urlUses(text: string): UrlUse[] {
  const out: UrlUse[] = [];
  for (const m of text.matchAll(URL_LITERAL)) {
    const raw = m[2].replace(/^https?:\/\/[^/]*/, '').replace(/\$\{[^}]*\}|\{[^}]*\}/g, '*').split(/[?#]/)[0];
    const segs = raw.split('/').filter(Boolean).map((s) => (s.includes('*') ? '*' : s.toLowerCase()));
    if (!segs.some((s) => s !== '*')) continue;
    // `'/users/' + id`: the concatenation is the next segment.
    if (raw.endsWith('/') && /^\s*\+/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 8))) segs.push('*');
    const before = text.slice(Math.max(0, m.index - 60), m.index);
    const verb = METHOD_BEFORE.exec(before)?.[1];
    const method = verb ? (verb.toLowerCase() === 'del' ? 'DELETE' : verb.toUpperCase()) : FETCH_BEFORE.test(before) ? (METHOD_OPTION.exec(text.slice(m.index + m[0].length))?.[1] ?? 'GET').toUpperCase() : undefined;
    const end = m.index + m[0].length;
    const url = m[2].length > 60 ? m[2].slice(0, 59) + '…' : m[2];
    out.push({ start: m.index, end, range: rangeOf(text, m.index, end), url, segs, ...(method ? { method } : {}) });
  }
  return out;
}

/** Whether a URL's path is a request to the route pattern (`/users/{}`). */
export function urlMatches(segs: readonly string[], pattern: string): boolean {
  const route = pattern.split('/').filter(Boolean);
  if (!route.some((s) => s !== '{}') || segs.length < route.length || segs.length - route.length > MAX_PREFIX) return false;
  const tail = segs.slice(segs.length - route.length);
  let sharedLiteral = false;
  for (let i = 0; i < route.length; i++) {
    if (route[i] === '{}') continue;
    if (tail[i] === '*') continue;
    if (tail[i] !== route[i]) return false;
    sharedLiteral = true;
  }
  return sharedLiteral;
}

interface FileFacts {
  routes: Route[];
  uses: UrlUse[];
}

/** Requests in other workspace files to each changed route; changes whose route another file now registers are dropped. */
export function routeReach(changes: Change[], path: string, workspace: WorkspaceIndex, project: ProjectService, tick: () => void): Array<{ change: Change; reach: Reach }> {
  const files = (workspace.files?.() ?? []).filter((f) => f !== path);
  // A file is parsed only when it names every literal segment of a changed route (a text search first).
  const needles = changes.map((c) => (c.check.type === 'route' ? c.check.pattern.split('/').filter((s) => s && s !== '{}') : []));
  const out: Array<{ change: Change; reach: Reach }> = [];
  const reaches = changes.map((): Reach => ({ sites: [], users: new Set(), tests: [], confidence: 'medium' }));
  const registeredElsewhere = new Set<number>();
  for (const file of files) {
    tick();
    const lang = surfaceLanguage(languageOf(file) ?? 'plaintext');
    if (!lang) continue;
    const lower = project.readFile(file)?.toLowerCase();
    if (!lower || !needles.some((n) => n.every((s) => lower.includes(s)))) continue;
    const facts = workspace.derived(file, KEY, (text, p): FileFacts => ({ routes: routesOfText(text, lang, p), uses: urlUses(text) }));
    if (!facts) continue;
    changes.forEach((change, i) => {
      const c = change.check;
      if (c.type !== 'route') return;
      if (facts.routes.some((r) => r.pattern === c.pattern && (r.method === '*' || r.method === c.method))) registeredElsewhere.add(i);
      for (const use of facts.uses) {
        if (facts.routes.some((r) => r.start >= use.start && r.end <= use.end)) continue; // a registration, not a request
        if (!urlMatches(use.segs, c.pattern) || (use.method && c.method !== '*' && use.method !== c.method)) continue;
        const reach = reaches[i];
        const known = !!use.method;
        reach.sites.push({ file, range: use.range, message: `${known ? `${use.method} ` : ''}request to \`${use.url}\``, effect: known ? 'broken' : 'affected' });
        reach.users.add(file);
        if (isTestPath(file) && !reach.tests.includes(file)) reach.tests.push(file);
      }
    });
  }
  changes.forEach((change, i) => {
    if (!registeredElsewhere.has(i)) out.push({ change, reach: reaches[i] });
  });
  return out;
}
