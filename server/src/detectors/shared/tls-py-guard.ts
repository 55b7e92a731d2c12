// Where a Python TLS opt-out is the caller's choice (tls-verification-disabled): inside a branch, and whether that branch
// (or one enclosing it) is taken for a switch about verification itself, or the function is named for the unverified variant.
import type { Node } from 'web-tree-sitter';
import { sslProbe } from './tls-py-probe';

/** A condition about verification itself (`if not validate_certs:`, `if verify is False:`, `if insecure:`). */
const VERIFY_SWITCH = /verif|validat|insecure|\bssl|\btls|cert/i;

/** An outer condition about the verification choice itself (not merely TLS): `elif option == "ssl_verify":`. */
const OUTER_SWITCH = /verif|validat|insecure/i;
/** `node` lies in the body that runs when `p`'s own condition holds (an `if`'s or an `elif`'s consequence). */
const inConsequence = (p: Node, node: Node) => {
  const body = p.childForFieldName('consequence');
  return !!body && node.startIndex >= body.startIndex && node.endIndex <= body.endIndex;
};

/**
 * Inside an `if` or `elif` (other than `if __name__ == "__main__"`) or a conditional: an opt-in switch, not a
 * default (`'option'`); `'verify-option'` when the condition is the caller's own choice about verification (a
 * client library honouring `verify=False`), or an enclosing branch taken only for that choice (a chat client's
 * `elif name == "ssl_verify":` around `if value: … else: ctx.verify_mode = CERT_NONE`).
 */
export function guarded(node: Node): 'option' | 'verify-option' | undefined {
  let p = node.parent;
  let inner = false;
  for (; p && p.type !== 'function_definition' && p.type !== 'module'; p = p.parent) {
    const branch = p.type === 'if_statement' || p.type === 'elif_clause';
    const condition = p.type === 'conditional_expression' ? p.namedChildren[1]?.text : branch ? p.childForFieldName('condition')?.text : undefined;
    // `if hasattr(ssl, "create_default_context"):` probes Python, deciding nothing: always true, or dead code (a Python 2 shim).
    const probe = p.type === 'if_statement' ? sslProbe(p, node) : undefined;
    if (condition === undefined || /__name__/.test(condition) || probe === 'always') continue;
    if (!inner) {
      if (probe === 'never' || VERIFY_SWITCH.test(condition)) return 'verify-option';
      inner = true;
    } else if (branch && inConsequence(p, node) && OUTER_SWITCH.test(condition)) return 'verify-option';
  }
  if (inner) return 'option';
  // The function named for the unverified variant (httpx's `load_ssl_context_no_verify`, pyVmomi's `SmartConnectNoSSL`): the caller chose it.
  return p?.type === 'function_definition' && NO_VERIFY_FN.test(p.childForFieldName('name')?.text ?? '') ? 'verify-option' : undefined;
}
const NO_VERIFY_FN = /no_?verif|unverified|insecure|without_verif|skip_verif|no_?(?:ssl|tls)(?:$|_)/i;
