// What the template itself shows about a raw value whose origin no rendering code in sight tells: the request
// (`request.GET.q`, a search's `query_string`), an error's details (`err.message`, `error.stack`, `message` in an error
// view), a user's own data (`user.bio`, `comment.text`, `display_name`, a form's submitted `.data`), or a raw value
// inside a script's string (`handleRegister('{{ options|safe }}')`, where a quote or `</script>` ends the string
// whatever the value is). Raw output of unknown origin is mostly deliberate (configuration, generated or rendered
// markup, JSON of the server's own values), so only these shapes keep the rule's confidence.

/** Read from the request by name: Django's `request.GET.q`, a request object's fields, a search's query string. */
const REQUEST_NAME = /^(?:request|req)\.|(?:^|\.)(?:GET|POST|query_params|querystring|query_?string|search_?(?:query|term|text))\b/i;
/** An error's text or trace (`err.message`, `error.stack`, `data.stack`, `exception.msg`, `traceback`). */
const ERROR_DETAIL = /(?:^|[^\w$])(?:err|error|exception|exc|ex|e)\.(?:message|msg|stack|detail|details|description|reason)\b|(?:^|\.)(?:stack|stack_?trace|traceback|stacktrace)$|^(?:err|error|exception|exc|error_?message|errorMessage|errorMsg|error_msg)$/;
/** A view that shows an error (`views/error.ejs`, `templates/500.html`, `errors/not-found.hbs`), where `message` is the error's. */
const ERROR_VIEW = /(?:^|\/)(?:errors?(?:[/._-]|$)|[\w-]*[_-]error\.|exception|4\d\d\.|5\d\d\.)/i;
const ERROR_MESSAGE = /^(?:message|msg)$/;
/**
 * A user's own data, by the record it is read from (`user.bio`, `comment.text`, `author_name`, `profile.about`) or by
 * a field only users fill in (`bio`, `display_name`, `nickname`, `signature`), and a form's submitted value (`form.x.data`).
 * The record is the value's root (`theme.comments.use` is the theme's setting), also inside a call (`render(user.bio)`).
 * Written in snake case first (`linkToUser` → `link_to_user`).
 */
const USER_RECORD = /(?:^|[^\w.$])(?:users?|authors?|owners?|members?|profiles?|accounts?|customers?|comments?|repl(?:y|ies)|reviews?|messages?|guests?|visitors?|senders?|recipients?|contacts?|people|persons?|students?|employees?|submissions?|feedbacks?|posts?|topics?|threads?|answers?|questions?|tickets?)[._][a-z]/;
const USER_FIELD = /(?:^|[^a-z])(?:bio|biography|username|user_name|nickname|nick|display_?name|full_?name|first_?name|last_?name|signature|about_me|form\.\w+\.data)(?:[^a-z]|$)/;
const snake = (s: string): string => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/** Whether the raw value `value` (the expression without its filters) at `at` in template `text` at `path` shows such an origin. */
export function rawEvidence(text: string, path: string, at: number, value: string, expr: string): boolean {
  if (REQUEST_NAME.test(value) || ERROR_DETAIL.test(value) || (ERROR_VIEW.test(path) && ERROR_MESSAGE.test(value))) return true;
  const s = snake(value);
  if (USER_RECORD.test(s) || USER_FIELD.test(s)) return true;
  // Jinja's `tojson` escapes undone before `safe` (`|tojson|replace('\\u003c', '<')|safe`).
  if (/\|\s*tojson\b[^]*\|\s*replace\s*\(/.test(expr)) return true;
  return inScriptString(text, at);
}

/** Whether a `{% autoescape off %}` block opening at `at` writes such a value (`{{ comment.body }}`, `{{ request.GET.q }}`). */
export function blockEvidence(text: string, path: string, at: number): boolean {
  const end = text.indexOf('endautoescape', at);
  const body = text.slice(at, end < 0 ? text.length : end);
  for (const m of body.matchAll(/\{\{-?([^{}]*)\}\}/g)) {
    const expr = m[1].trim();
    if (rawEvidence(text, path, at + m.index!, expr.replace(/\|.*$/, '').trim(), expr)) return true;
  }
  return false;
}

/**
 * A DOM event's handler attribute (`onclick`, `onmouseover`, SVG's `onbegin`), whose value is script. Other `on…`
 * attributes are data: a Liquibase changelog's `onDelete="CASCADE"` (jhipster's templates), a component's `onUpdate`.
 */
const EVENT = '(?:abort|afterprint|animation(?:start|end|iteration|cancel)|auxclick|before(?:input|print|unload|toggle)|begin|blur|cancel|canplay(?:through)?|change|click|close|contextmenu|copy|cuechange|cut|dblclick|drag(?:end|enter|leave|over|start)?|drop|durationchange|emptied|end|ended|error|focus(?:in|out)?|formdata|fullscreen(?:change|error)|hashchange|input|invalid|key(?:down|press|up)|languagechange|load(?:eddata|edmetadata|start|end)?|message(?:error)?|mouse(?:down|enter|leave|move|out|over|up|wheel)|offline|online|page(?:hide|show)|paste|pause|play(?:ing)?|pointer(?:cancel|down|enter|leave|move|out|over|up|rawupdate)|popstate|progress|ratechange|rejectionhandled|repeat|reset|resize|scroll(?:end)?|search|securitypolicyviolation|seek(?:ed|ing)|select(?:start|ionchange)?|show|slotchange|stalled|storage|submit|suspend|timeupdate|toggle|touch(?:cancel|end|move|start)|transition(?:cancel|end|run|start)|unhandledrejection|unload|volumechange|waiting|wheel)';
const HANDLER_OPEN = new RegExp(`\\son${EVENT}\\s*=\\s*["'][^"'\\n]*['"]?$`, 'i');
const HANDLER_NESTED = new RegExp(`\\son${EVENT}\\s*=\\s*"[^"\\n]*'$`, 'i');

/** Whether offset `at` opens a quoted string's value in a `<script>` block or an `on…=` handler: `'{{ x|safe }}'`. */
function inScriptString(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - 400), at);
  if (!/['"`]$/.test(before)) return false;
  const lineStart = before.lastIndexOf('\n') + 1;
  if (HANDLER_OPEN.test(before.slice(lineStart)) || HANDLER_NESTED.test(before.slice(lineStart))) return true;
  const open = text.lastIndexOf('<script', at);
  return open >= 0 && text.lastIndexOf('</script', at) < open;
}
