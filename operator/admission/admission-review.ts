/**
 * The admission.k8s.io/v1 AdmissionReview wire types, as far as Tandem reads
 * or writes them. Requests are typed loosely on purpose: they arrive from the
 * network and are only trusted after parse-pod-admission-review checks them.
 */

export const ADMISSION_API_VERSION = 'admission.k8s.io/v1';
export const ADMISSION_REVIEW_KIND = 'AdmissionReview';

export type AdmissionOperation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';

/** metav1.Status as carried in a response: the apiserver shows `message` to the user. */
export interface AdmissionStatus {
  readonly status: 'Failure';
  readonly code: number;
  readonly reason: string;
  readonly message: string;
}

export interface AdmissionResponse {
  /** Always the request's UID: the apiserver drops a response whose UID differs. */
  readonly uid: string;
  readonly allowed: boolean;
  readonly status?: AdmissionStatus;
  readonly patchType?: 'JSONPatch';
  /** Base64 of the JSON Patch (RFC 6902) document. */
  readonly patch?: string;
  readonly warnings?: readonly string[];
}

export interface AdmissionReviewResponse {
  readonly apiVersion: typeof ADMISSION_API_VERSION;
  readonly kind: typeof ADMISSION_REVIEW_KIND;
  readonly response: AdmissionResponse;
}
