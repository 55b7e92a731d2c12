// removed-package-api's Flask members: what Flask removed from the application object and its
// configuration (rules/removed-apis/pypi.json, `on: flask-app` and `flask-config`), where the file binds
// the object itself (`app = Flask(__name__)`, `bp = Blueprint(…)`): `@app.before_first_request`,
// `app.json_encoder = …`, `app.config['JSON_SORT_KEYS'] = False`, `app.config.update(JSON_AS_ASCII=False)`.
// An `app` the file does not make (a parameter, an import, `current_app`) is not judged; nor are uses
// behind a version check, `hasattr`, or a `try` that catches AttributeError (removed-python-syntax.ts).
import type { Node } from 'web-tree-sitter';
import type { PyNodes } from '../../shared/py-nodes';
import { guarded } from './removed-python-syntax';
import type { PyRemovedEntry } from './removed-python';

const MADE = /(?:^|\n)[ \t]*([A-Za-z_]\w*)[ \t]*(?::[^=\n]*)?=[ \t]*(?:flask\.)?(?:Flask|Blueprint)\(/g;
const CONFIG_WRITES = new Set(['update', 'from_mapping', 'setdefault']);

/** Names the file binds to a Flask application or blueprint it makes, and binds no other way. */
function madeApps(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(MADE)) out.add(m[1]);
  // Rebound to something else (`app = create_app()` beside it): not certainly the object Flask made.
  for (const name of out) {
    const all = text.match(new RegExp(`(?:^|\\n)[ \\t]*${name}[ \\t]*(?::[^=\\n]*)?=(?!=)`, 'g'))?.length ?? 0;
    const made = text.match(new RegExp(`(?:^|\\n)[ \\t]*${name}[ \\t]*(?::[^=\\n]*)?=[ \\t]*(?:flask\\.)?(?:Flask|Blueprint)\\(`, 'g'))?.length ?? 0;
    if (all !== made) out.delete(name);
  }
  return out;
}

const stringKey = (n: Node | null | undefined): string | undefined =>
  n?.type === 'string' ? n.namedChildren.find((c) => c?.type === 'string_content')?.text : undefined;

export interface FlaskUse { node: Node; subject: string; entry: PyRemovedEntry }

export function flaskUses(nodes: PyNodes, text: string, entries: readonly PyRemovedEntry[]): FlaskUse[] {
  const members = entries.filter((e) => e.on === 'flask-app');
  const keys = entries.filter((e) => e.on === 'flask-config');
  const apps = members.length || keys.length ? madeApps(text) : new Set<string>();
  const out: FlaskUse[] = [];
  if (!apps.size) return out;
  const isApp = (n: Node | null | undefined) => n?.type === 'identifier' && apps.has(n.text);
  // `app.config` of an app the file made.
  const isConfig = (n: Node | null | undefined) => n?.type === 'attribute' && n.childForFieldName('attribute')?.text === 'config' && isApp(n.childForFieldName('object'));
  const key = (node: Node, name: string | undefined, owner: string) => {
    const e = name !== undefined ? keys.find((x) => x.member === name) : undefined;
    if (e && !guarded(node)) out.push({ node, subject: `${owner}.config['${name}']`, entry: e });
  };
  for (const a of nodes.of('attribute')) {
    const obj = a.childForFieldName('object');
    const member = a.childForFieldName('attribute');
    const e = member && isApp(obj) ? members.find((x) => x.member === member.text) : undefined;
    if (e && !guarded(a)) out.push({ node: member!, subject: `${obj!.text}.${e.member}`, entry: e });
  }
  for (const s of nodes.of('assignment')) {
    const left = s.childForFieldName('left');
    if (left?.type === 'subscript' && isConfig(left.childForFieldName('value'))) {
      const k = left.childForFieldName('subscript');
      key(k ?? left, stringKey(k), left.childForFieldName('value')!.childForFieldName('object')!.text);
    }
  }
  for (const call of nodes.of('call')) {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'attribute' || !CONFIG_WRITES.has(fn.childForFieldName('attribute')?.text ?? '') || !isConfig(fn.childForFieldName('object'))) continue;
    const owner = fn.childForFieldName('object')!.childForFieldName('object')!.text;
    const args = (call.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => !!a);
    for (const arg of args) {
      const name = arg.type === 'keyword_argument' ? arg.childForFieldName('name') : null;
      if (name) key(name, name.text, owner);
    }
    if (fn.childForFieldName('attribute')?.text === 'setdefault' && args[0]) key(args[0], stringKey(args[0]), owner);
  }
  return out;
}
