// A condition that probes the running Python rather than decides anything (tls-verification-disabled): `if hasattr(ssl,
// "create_default_context"):` around `ctx.verify_mode = CERT_NONE` (python-hpilo) is no opt-in, whatever it names.
import type { Node } from 'web-tree-sitter';
import { pythonApi } from './python-api';

/** Private names the stub facts leave out, which every Python 3 has (PEP 476's opt-out hooks). */
const PRIVATE = new Set(['_create_unverified_context', '_create_default_https_context', '_create_stdlib_context']);
const PROBE = /^\(?\s*(?:hasattr|getattr)\s*\(\s*(?:__)?ssl\s*,\s*['"](\w+)['"]/;

/**
 * `'always'` when `cond` (an `if`) probes the `ssl` module for a name Python 3.8+ has and `node` is in its body: the branch
 * always runs, so it says nothing about the caller's choice; `'never'` for a name it lacks (a Python 2 shim, such as
 * eventlet's `sslwrap_simple`): dead code. Anything else is no probe.
 */
export function sslProbe(ifStatement: Node, node: Node): 'always' | 'never' | undefined {
  const m = PROBE.exec(ifStatement.childForFieldName('condition')?.text ?? '');
  const body = ifStatement.childForFieldName('consequence');
  if (!m || !body || node.startIndex < body.startIndex || node.endIndex > body.endIndex) return undefined;
  return PRIVATE.has(m[1]) || pythonApi().names('ssl')?.has(m[1]) ? 'always' : 'never';
}

/**
 * Code under a probe for an `ssl` name Python 3 lacks, at any depth (eventlet's green ssl module defines its
 * `sslwrap_simple` with `cert_reqs=CERT_NONE` inside `if hasattr(__ssl, 'sslwrap_simple'):`): never runs.
 */
export function inDeadShim(node: Node): boolean {
  for (let p = node.parent, child: Node = node; p; child = p, p = p.parent) {
    if (p.type === 'if_statement' && sslProbe(p, child) === 'never') return true;
  }
  return false;
}

/** A test that the caller gave no host name: `server_hostname is None`, `not hostname`. */
const NO_HOST_NAME = /^\(?\s*(?:not\s+(?:\w+\.)*\w*host\w*|(?:\w+\.)*\w*host\w*\s+(?:is|==)\s+None)\s*\)?$/;

/**
 * `check_hostname = False` in the body of an `if` that tests for a missing host name (a DNS library's DNS-over-TLS
 * query to a bare address, `if server_hostname is None:`): with no name there is nothing to match, the chain is still
 * verified, and the caller chose it by passing none.
 */
export function withoutHostName(node: Node): boolean {
  for (let p = node.parent, child: Node = node; p && p.type !== 'function_definition'; child = p, p = p.parent) {
    const body = p.type === 'if_statement' ? p.childForFieldName('consequence') : null;
    if (body && child.startIndex >= body.startIndex && child.endIndex <= body.endIndex && NO_HOST_NAME.test(p.childForFieldName('condition')?.text ?? '')) return true;
  }
  return false;
}
