// Whether a PEM private key's body is too short to hold any key of its type: a help text's example that shows the
// first line of an OpenSSH key and stops (`-----BEGIN OPENSSH PRIVATE KEY-----\n b3BlbnNzaC1rZXktdjEAAAA…\n-----END…`).
// That line is the format's fixed header (`openssh-key-v1`, cipher `none`, one key), the same in every such key: it
// holds no secret. Only types whose smallest key is long are listed; a PKCS#8 Ed25519 key fits in one 64-character line.

/** Base64 characters below which a body cannot be a key of the type: an unencrypted Ed25519 OpenSSH key has about 300. */
const MIN_BODY: Readonly<Record<string, number>> = { OPENSSH: 200 };

const PEM = /^-----BEGIN ([A-Z0-9 ]*?) ?PRIVATE KEY(?: BLOCK)?-----([^]*?)-----END/;

export function truncatedKey(value: string): boolean {
  const m = PEM.exec(value);
  const min = m ? MIN_BODY[m[1]] : undefined;
  if (!m || min === undefined) return false;
  // The body as written in code: escaped newlines, indentation and quotes around each line are not base64.
  return m[2].replace(/\\[nr]/g, '').replace(/[^A-Za-z0-9+/=]/g, '').length < min;
}
