import type { Operation } from 'fast-json-patch';
import {
  ADMISSION_API_VERSION,
  ADMISSION_REVIEW_KIND,
  type AdmissionResponse,
  type AdmissionReviewResponse,
  type AdmissionStatus,
} from './admission-review.ts';
import { fitMessage, fitWarnings } from './fit-warnings.ts';

// Tiny constructors for every answer the webhook gives. Each takes the
// request UID first and always copies it: the apiserver discards a response
// whose UID does not match its request.

export interface Denial {
  /** HTTP-style code shown to the user; the apiserver raises anything below 400 to 400. */
  readonly code: number;
  readonly message: string;
}

/** Admit the object unchanged. */
export function allowed(uid: string, warnings: readonly string[] = []): AdmissionReviewResponse {
  return review({ uid, allowed: true, ...warningsField(warnings) });
}

/** Admit the object with a JSON Patch; an empty patch is answered as `allowed`, without patchType. */
export function patched(
  uid: string,
  patch: readonly Operation[],
  warnings: readonly string[] = [],
): AdmissionReviewResponse {
  if (patch.length === 0) return allowed(uid, warnings);
  return review({
    uid,
    allowed: true,
    patchType: 'JSONPatch',
    patch: Buffer.from(JSON.stringify(patch)).toString('base64'),
    ...warningsField(warnings),
  });
}

/** Reject the object: the apiserver refuses the request whatever the webhook's failurePolicy. */
export function denied(uid: string, denial: Denial, warnings: readonly string[] = []): AdmissionReviewResponse {
  return review({ uid, allowed: false, status: failure(denial.code, denial.message), ...warningsField(warnings) });
}

/**
 * The webhook failed. Send it with the same HTTP status (5xx): only a non-2xx
 * answer makes the apiserver treat the call as failed and apply the webhook's
 * failurePolicy; a 200 carrying this body would be a plain denial.
 */
export function errored(uid: string, failed: Denial): AdmissionReviewResponse {
  return review({ uid, allowed: false, status: failure(failed.code, failed.message) });
}

function review(response: AdmissionResponse): AdmissionReviewResponse {
  return { apiVersion: ADMISSION_API_VERSION, kind: ADMISSION_REVIEW_KIND, response };
}

function warningsField(warnings: readonly string[]): { warnings?: readonly string[] } {
  const fitted = fitWarnings(warnings);
  return fitted.length === 0 ? {} : { warnings: fitted };
}

const REASONS: Readonly<Record<number, string>> = {
  400: 'BadRequest',
  403: 'Forbidden',
  404: 'NotFound',
  413: 'RequestEntityTooLarge',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

function failure(code: number, message: string): AdmissionStatus {
  return { status: 'Failure', code, reason: REASONS[code] ?? (code >= 500 ? 'InternalError' : 'BadRequest'), message: fitMessage(message) };
}
