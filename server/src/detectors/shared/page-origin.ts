// A browser redirect target that opens with the page's own origin (`location.origin`, `l.protocol + '//' +
// l.hostname`, an optional `':' + l.port`), written at the sink or where the name it opens with was built.
// What comes next decides (open-redirect):
// - `own`: a `/` or the page's own path (`location.origin + '/' + page`, `+ l.pathname`): the user
//   stays on this site, whatever follows;
// - `open`: one variable, member or call that ends the target (`location.origin + next`): `next` =
//   `@evil.example` makes `https://site.example@evil.example` (the site as a user name) and `.evil.example`
//   another host. A constant's name (`location.origin + BASE + next`) or more parts decide nothing here.
import type { Flow } from '../../analysis';

/** `location`, `window.location`, or a name bound to the page's location (`var l = location;`). */
function pageLocation(name: string, text: string): boolean {
  return /^(?:window\.|document\.)?location$/.test(name)
    || new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}\\s*=\\s*(?:window\\.|document\\.)?location\\s*[;,\\n]`).test(text);
}

const LOC = String.raw`((?:window\.|document\.)?location|[\w$]+)\s*\.\s*`;
const Q = `['"\x60]`;
/** The page's origin, then its port, then `+`: the location names it reads are groups 1-3 (OWN's path is 4). */
const ORIGIN = String.raw`^\s*${LOC}(?:origin|protocol\s*\+\s*${Q}\/\/${Q}\s*\+\s*${LOC}host(?:name)?)(?:\s*\+\s*${Q}:${Q}\s*\+\s*${LOC}port)?\s*\+\s*`;
const OWN = new RegExp(String.raw`${ORIGIN}(?:${Q}\/|${LOC}pathname\b)`);
const OPEN = new RegExp(String.raw`${ORIGIN}(?![A-Z_][A-Z0-9_]*\b)[A-Za-z_$][\w$]*(?:\s*\.\s*[\w$]+|\s*\([^()]*\))*(?=\s*(?:[;\n)]|$))`);

export function pageOriginHead(f: Flow, text: string): 'own' | 'open' | undefined {
  if (f.origin.label !== 'browser') return undefined;
  const head = (s: string) => {
    const own = OWN.exec(s);
    if (own && [own[1], own[2], own[3], own[4]].every((o) => !o || pageLocation(o, text))) return 'own';
    const open = OPEN.exec(s);
    return open && [open[1], open[2], open[3]].every((o) => !o || pageLocation(o, text)) ? 'open' : undefined;
  };
  const sent = text.slice(f.sink.span.start, f.sink.span.end).replace(/^[\w$.]+\s*=(?!=)/, '');
  const atSink = head(sent);
  if (atSink) return atSink;
  const name = /^\s*([\w$]+)\s*(?:\+|;|$)/.exec(sent)?.[1];
  if (!name) return undefined;
  const before = text.slice(0, f.sink.call.start);
  const def = [...before.matchAll(new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}\\s*=(?!=)`, 'g'))].at(-1);
  return def ? head(before.slice(def.index + def[0].length)) : undefined;
}

/**
 * The page's own URL with one query parameter set (`location.href = updateUrlParameter(location.href, 'lang', value)`, a
 * media player's demo switching its language): a helper named for parameters, given the page's URL first and a
 * parameter's literal name next, builds on that URL, so the scheme and host stay. Input as the first argument or a
 * second one that is no name (`resolve(location.href, next)`) still counts.
 */
const PARAM_SET = /^[\w$.]*(?:param|query|search|arg)[\w$]*\(\s*(?:window\.|document\.)?location(?:\.href)?\s*,\s*(['"])[\w.-]+\1\s*,[^,]+\)\s*;?$/i;
export function pageParamSet(f: Flow, text: string): boolean {
  const sent = text.slice(f.sink.span.start, f.sink.span.end).replace(/^[\w$.]+\s*=(?!=)\s*/, '');
  return f.origin.label === 'browser' && PARAM_SET.test(sent);
}
