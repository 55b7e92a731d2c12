// A certificate pinned by hand (fresh sample AI: a door station's PBX presents a self-signed certificate by IP; the
// connect callback compares the peer certificate's fingerprint with the expected one and drops the socket otherwise):
// the flag only lets the handshake finish, so the finding is info at low confidence.
import { at, ruleTester } from '../harness';

const pin = (check: string) => `class Door {
  open() {
    const socket = tls.connect({ host: this.ip, port: 5061, rejectUnauthorized: false }, () => {
      const seen = socket.getPeerCertificate().fingerprint256;
      ${check}
    });
    this.socket = socket;
  }
}`;
const pinnedCode = pin('if (seen !== this.expectedFingerprint) {\n        socket.destroy(new Error("unexpected certificate"));\n      }');
// reading the certificate only to log it pins nothing
const logged = pin('console.log("peer", seen);');
// … and so does a comparison that decides nothing
const comparedOnly = pin('console.log("match", seen === this.expectedFingerprint);');
// a fingerprint compared in a class that never reads the peer's certificate pins nothing either
const noRead = "class Api {\n  agent() {\n    return new https.Agent({ rejectUnauthorized: false });\n  }\n  same(a) {\n    if (a.fingerprint === this.last) return true;\n  }\n}";
// a pin in another class of the file does not cover this one
const otherClass = `${pin('if (seen !== this.expectedFingerprint) socket.destroy();')}\nclass Cloud {\n  agent() {\n    return new https.Agent({ rejectUnauthorized: false });\n  }\n}`;

ruleTester('tls-verification-disabled', 'javascript', {
  valid: [],
  invalid: [
    { code: pinnedCode, errors: [{ ...at(pinnedCode, 'rejectUnauthorized: false'), severity: 'info', confidence: 'low' }] },
    { code: logged, errors: [{ ...at(logged, 'rejectUnauthorized: false'), severity: 'error', confidence: 'high' }] },
    { code: comparedOnly, errors: [{ ...at(comparedOnly, 'rejectUnauthorized: false'), severity: 'error', confidence: 'high' }] },
    { code: noRead, errors: [{ ...at(noRead, 'rejectUnauthorized: false'), severity: 'error', confidence: 'high' }] },
    { code: otherClass, errors: [
      { ...at(otherClass, 'rejectUnauthorized: false'), severity: 'info', confidence: 'low' },
      { ...at(otherClass, 'rejectUnauthorized: false', undefined, 1), severity: 'error', confidence: 'high' },
    ] },
  ],
});
