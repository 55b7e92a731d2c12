// A `req`/`request` name the code binds to what an HTTP client returned (a WAF fingerprinting tool's
// `req = requests.get(target, …)`) holds the response: its `headers` are what the server sent back, not the
// caller's Authorization and Cookie. sensitive-data-in-logs reads request objects through this.
import type { Node } from 'web-tree-sitter';

const CLIENT_CALL = String.raw`(?:await\s+)?(?:requests|httpx|urllib3|[\w.]*(?:session|client|http|pool)\w*)\.(?:get|post|put|patch|delete|head|options|request|send|urlopen)\s*\(`;
const BOUND = new Map<string, RegExp>();

/** Whether the function (or module) around `node` assigns `name` from an HTTP client's request call. */
export function boundToClientResponse(node: Node, name: string): boolean {
  let scope: Node | null = node.parent;
  while (scope && scope.type !== 'function_definition' && scope.type !== 'module') scope = scope.parent;
  if (!scope || !/^\w+$/.test(name)) return false;
  let re = BOUND.get(name);
  if (!re) BOUND.set(name, (re = new RegExp(String.raw`(?:^|[^\w.])${name}\s*=\s*${CLIENT_CALL}`, 'im')));
  return re.test(scope.text);
}
