// One policy for findings in test files and fixtures, for every rule (the engine applies it; detectors
// never decide): a weak TLS option or a fake secret in a test is rarely what a reviewer is after, a
// made-up package or a removed API breaks the test run all the same.
import { isTestPath } from './paths';
import type { Confidence, DetectorMeta, Family, Severity } from './types';

/** `lower`: low confidence (so at most info); `keep`: as reported; `skip`: not reported at all. */
export type TestFilePolicy = 'keep' | 'lower' | 'skip';

/** Families whose findings are as real in a test as anywhere: the test breaks or leaks all the same. */
const KEEP: ReadonlySet<Family> = new Set<Family>(['hallucinated-dependency', 'phantom-api', 'breaking-change', 'wrong-logic', 'weak-test', 'hardcoded-secret']);

export function testFilePolicy(meta: Pick<DetectorMeta, 'family' | 'testFiles'>): TestFilePolicy {
  return meta.testFiles ?? (KEEP.has(meta.family) ? 'keep' : 'lower');
}

/** A low-confidence finding never stays at warning or error: it is shown, not alarmed about. */
export function cappedSeverity(severity: Severity, confidence: Confidence): Severity {
  return confidence === 'low' && (severity === 'error' || severity === 'warning') ? 'info' : severity;
}

export interface Placed {
  severity: Severity;
  confidence: Confidence;
}

/**
 * Severity and confidence of one finding of a rule (`meta`) in `path`, from what the detector reported
 * (`reported`, else the rule's own) and the user's severity override; undefined when it is not reported.
 */
export function place(path: string, meta: DetectorMeta, reported: Partial<Placed>, override?: Severity): Placed | undefined {
  const policy = isTestPath(path) ? testFilePolicy(meta) : 'keep';
  if (policy === 'skip') return undefined;
  const confidence = policy === 'lower' ? 'low' : reported.confidence ?? meta.confidence;
  return { confidence, severity: cappedSeverity(override ?? reported.severity ?? meta.severity, confidence) };
}
