// A request this code sent announces the upstream's answer with a `response` event (Node's ClientRequest, the `request`
// library's Request); a request a server receives never emits one, so `data` read inside that listener is a response.
import type { Expr, FileIR } from '../../analysis/ir';
import { callsOf } from '../../analysis/walk';

/**
 * Whether the call at `at` sits inside a `response` listener of the same receiver (`req.on('response', (res) => {
 * req.on('data', (c) => body += c) })`, as Twitter and Mastodon clients read the decompressed answer from their request).
 */
export function insideResponseListener(lowered: FileIR, text: string, recv: Expr, at: { start: number; end: number }): boolean {
  const name = text.slice(recv.span.start, recv.span.end);
  return lowered.funcs.some((fn) => callsOf(fn).some((e) => e.callee.k === 'member' && /^(on|once|addListener)$/.test(e.callee.prop ?? '')
    && e.args[0]?.k === 'lit' && e.args[0].value === 'response' && e.args[1]?.k === 'func'
    && e.span.start < at.start && at.end <= e.span.end && text.slice(e.callee.object.span.start, e.callee.object.span.end) === name));
}
