import type { AdmissionReviewResponse } from './admission-review.ts';
import { patched } from './admission-response.ts';
import { computeJsonPatch } from './compute-json-patch.ts';

/**
 * Admits a mutated object with the patch from the raw request object (as
 * parsed from the request bytes) to `mutated`. Answered as a plain "allowed",
 * with no patchType or patch, when they are equal.
 */
export function patchResponseFromRaw(
  uid: string,
  originalRaw: object,
  mutated: object,
  warnings: readonly string[] = [],
): AdmissionReviewResponse {
  return patched(uid, computeJsonPatch(originalRaw, mutated), warnings);
}
