// The explicit registry of detectors: code detectors listed by hand, data rules from rules/*.json.
import type { Detector } from '../core/types';
import { dataDetectors } from '../data-rules/packs';

/** Code detectors, one file each, named after their rule id. */
export const CODE_DETECTORS: readonly Detector[] = [];

export function allDetectors(): Detector[] {
  return [...CODE_DETECTORS, ...dataDetectors()];
}
