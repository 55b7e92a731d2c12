// Content hash of an assisted region, shared by the client (capture) and the server (ledger, staleness).
// Normalised so that line-ending and trailing-whitespace churn (editors, formatters, git autocrlf)
// does not make a review stale.
import { createHash } from 'node:crypto';

/** The text a region hash is computed over: CRLF/CR → LF, trailing spaces and tabs trimmed per line. */
export function normaliseRegionText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[ \t]+$/gm, '');
}

/** sha256 (hex) of the normalised region text. */
export function regionHash(text: string): string {
  return createHash('sha256').update(normaliseRegionText(text), 'utf8').digest('hex');
}
