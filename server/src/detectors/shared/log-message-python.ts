// sensitive-data-in-logs, Python: what a logging call's message says about the values it is given (a place, an id).
import type { Node } from 'web-tree-sitter';

/** The nth `%` placeholder follows `from`/`to`/`in`/`into` (`'Loading cookies from %s'`): it is a place, a path or a URL. */
export function placeSlot(message: string, nth: number): boolean {
  const at = [...message.matchAll(/%(?:\([\w]+\))?[-#0 +]*\d*(?:\.\d+)?[sdrifx]/g)][nth];
  return !!at && /\b(?:from|to|in|into)\s*['"`]?$/i.test(message.slice(0, at.index));
}

/**
 * The message calls the value under `key` an id (`"Failed to delete credentials with ID '%(credential)s'"`, OpenStack's
 * client deleting what its user named): the credential's id, not the credential.
 */
export function idSlot(message: string, key: string): boolean {
  const at = message.indexOf(`%(${key})`);
  return at > 0 && /\b(?:ID|Id|id)s?\s*[:=]?\s*['"`]?$/.test(message.slice(0, at));
}

/** The message of a logging call: a literal, or the literal a translation function is given (`_("…")`, `gettext("…")`). */
export function messageOf(arg: Node | null | undefined): string {
  if (arg?.type === 'string' || arg?.type === 'concatenated_string') return arg.text;
  const fn = arg?.type === 'call' ? arg.childForFieldName('function')?.text ?? '' : '';
  const first = /^(?:_\w{0,2}|u?gettext(?:_lazy)?)$/.test(fn) ? arg!.childForFieldName('arguments')?.namedChildren[0] : undefined;
  return first?.type === 'string' || first?.type === 'concatenated_string' ? first.text : '';
}
