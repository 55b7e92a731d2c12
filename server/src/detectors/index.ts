// The explicit registry of detectors: code detectors listed by hand, data rules from rules/*.json.
import type { Detector } from '../core/types';
import { dataDetectors } from '../data-rules/packs';
import { genericSecretAssignment } from './common/generic-secret-assignment';
import { hardcodedSecretInSink } from './common/hardcoded-secret-in-sink';
import { hardcodedCredentialComparison } from './common/hardcoded-credential-comparison';
import { timingUnsafeComparison } from './common/timing-unsafe-comparison';
import { sensitiveDataInLogs } from './common/sensitive-data-in-logs';
import { errorDetailsInResponse } from './common/error-details-in-response';
import { databaseRecordInResponse } from './common/database-record-in-response';
import { directoryListingExposed } from './common/directory-listing-exposed';
import { sensitiveFolderServed } from './common/sensitive-folder-served';
import { unguardedDebugEndpoint } from './common/unguarded-debug-endpoint';
import { queryLoggingEnabled } from './js/query-logging-enabled';
import { missingSecurityHeaders } from './js/missing-security-headers';
import { plaintextPassword } from './common/plaintext-password';
import { pyQueryLoggingEnabled } from './python/query-logging-enabled';
import { tlsVerificationDisabled } from './js/tls-verification-disabled';
import { pyTlsVerificationDisabled } from './python/tls-verification-disabled';
import { corsWildcardWithCredentials } from './js/cors-wildcard-with-credentials';
import { pyCorsWildcardWithCredentials } from './python/cors-wildcard-with-credentials';
import { corsOpenToAnyOrigin } from './js/cors-open-to-any-origin';
import { pyCorsOpenToAnyOrigin } from './python/cors-open-to-any-origin';
import { rateLimitKeySpoofable } from './js/rate-limit-key-spoofable';
import { pyRateLimitKeySpoofable } from './python/rate-limit-key-spoofable';
import { insecureCookieFlags } from './js/insecure-cookie-flags';
import { pyInsecureCookieFlags } from './python/insecure-cookie-flags';
import { weakPasswordHash } from './js/weak-password-hash';
import { pyWeakPasswordHash } from './python/weak-password-hash';
import { insecureRandomness } from './js/insecure-randomness';
import { pyInsecureRandomness } from './python/insecure-randomness';
import { jwtVerificationDisabled } from './js/jwt-verification-disabled';
import { pyJwtVerificationDisabled } from './python/jwt-verification-disabled';
import { worldWritablePermissions } from './js/world-writable-permissions';
import { pyWorldWritablePermissions } from './python/world-writable-permissions';
import { plaintextHttpUrl } from './js/plaintext-http-url';
import { pyPlaintextHttpUrl } from './python/plaintext-http-url';
import { pyDebugModeEnabled } from './python/debug-mode-enabled';
import { configDebugModeEnabled } from './config/debug-mode-enabled';
import { pyBindAllInterfaces } from './python/bind-all-interfaces';
import { databasePortExposed } from './config/database-port-exposed';
import { nonexistentPackage } from './deps/nonexistent-package';
import { suspiciousPackage } from './deps/suspicious-package';
import { undeclaredDependency } from './deps/undeclared-dependency';
import { deprecatedPackage } from './deps/deprecated-package';
import { phantomMember } from './types/phantom-member';
import { pyPhantomMember } from './python/phantom-member';
import { deprecatedApi } from './types/deprecated-api';
import { wrongArity } from './types/wrong-arity';
import { unknownOptionKey } from './types/unknown-option-key';
import { removedPackageApi } from './types/removed-package-api';
import { sqlInjection } from './flows/sql-injection';
import { nosqlInjection } from './flows/nosql-injection';
import { commandInjection } from './flows/command-injection';
import { codeInjection } from './flows/code-injection';
import { templateInjection } from './flows/template-injection';
import { pathTraversal } from './flows/path-traversal';
import { crossSiteScripting } from './flows/cross-site-scripting';
import { serverSideRequestForgery } from './flows/server-side-request-forgery';
import { openRedirect } from './flows/open-redirect';
import { unsafeDeserialization } from './flows/unsafe-deserialization';
import { xmlExternalEntities } from './flows/xml-external-entities';
import { regexInjection } from './flows/regex-injection';
import { prototypePollution } from './flows/prototype-pollution';
import { logInjection } from './flows/log-injection';
import { unboundedInput } from './common/unbounded-input';
import { unescapedTemplateOutput } from './common/unescaped-template-output';
import { breakingChange } from './common/breaking-change';
import { manifestBreakingChange } from './config/breaking-change';

/** Code detectors, one file each, named after their rule id. */
export const CODE_DETECTORS: readonly Detector[] = [
  sensitiveDataInLogs,
  errorDetailsInResponse,
  databaseRecordInResponse,
  directoryListingExposed,
  sensitiveFolderServed,
  unguardedDebugEndpoint,
  queryLoggingEnabled,
  missingSecurityHeaders,
  plaintextPassword,
  pyQueryLoggingEnabled,
  genericSecretAssignment,
  hardcodedSecretInSink,
  hardcodedCredentialComparison,
  timingUnsafeComparison,
  tlsVerificationDisabled,
  pyTlsVerificationDisabled,
  corsWildcardWithCredentials,
  pyCorsWildcardWithCredentials,
  corsOpenToAnyOrigin,
  pyCorsOpenToAnyOrigin,
  rateLimitKeySpoofable,
  pyRateLimitKeySpoofable,
  insecureCookieFlags,
  pyInsecureCookieFlags,
  weakPasswordHash,
  pyWeakPasswordHash,
  insecureRandomness,
  pyInsecureRandomness,
  jwtVerificationDisabled,
  pyJwtVerificationDisabled,
  worldWritablePermissions,
  pyWorldWritablePermissions,
  plaintextHttpUrl,
  pyPlaintextHttpUrl,
  pyDebugModeEnabled,
  configDebugModeEnabled,
  pyBindAllInterfaces,
  databasePortExposed,
  nonexistentPackage,
  suspiciousPackage,
  undeclaredDependency,
  deprecatedPackage,
  phantomMember,
  pyPhantomMember,
  deprecatedApi,
  wrongArity,
  unknownOptionKey,
  removedPackageApi,
  sqlInjection,
  nosqlInjection,
  commandInjection,
  codeInjection,
  templateInjection,
  pathTraversal,
  crossSiteScripting,
  serverSideRequestForgery,
  openRedirect,
  unsafeDeserialization,
  xmlExternalEntities,
  regexInjection,
  prototypePollution,
  logInjection,
  unboundedInput,
  unescapedTemplateOutput,
  breakingChange,
  manifestBreakingChange,
];

export function allDetectors(): Detector[] {
  return [...CODE_DETECTORS, ...dataDetectors()];
}
