import type { ObjectMeta, PodSpec } from '../api/pod-template.ts';
import { ADMISSION_API_VERSION, ADMISSION_REVIEW_KIND, type AdmissionOperation } from './admission-review.ts';

/**
 * Why a review was refused. Codes are stable: they are metrics labels
 * (tandem_webhook_invalid_requests_total{reason}) and appear in logs.
 */
export type InvalidReviewReason =
  | 'not-an-object'
  | 'wrong-api-version'
  | 'wrong-kind'
  | 'missing-request'
  | 'missing-uid'
  | 'unknown-operation'
  | 'not-a-pod'
  | 'missing-namespace'
  | 'missing-object'
  | 'malformed-pod';

/** The pod exactly as parsed from the request bytes; every field it carries is kept. */
export interface RawPod {
  [field: string]: unknown;
  metadata?: ObjectMeta;
  spec?: PodSpec;
}

export interface AdmissionRequestInfo {
  readonly uid: string;
  readonly operation: AdmissionOperation;
  /** request.namespace; '' when absent. */
  readonly namespace: string;
  /** request.name; '' on CREATE when the pod uses generateName. */
  readonly name: string;
  /** '' for the pod itself, e.g. 'status' or 'binding' for subresources. */
  readonly subResource: string;
  readonly dryRun: boolean;
}

export interface PodCreateRequest extends AdmissionRequestInfo {
  readonly operation: 'CREATE';
  readonly object: RawPod;
}

/**
 * - `create`: a Pod is being created; inject it.
 * - `pass`: a well-formed review Tandem has nothing to do with (pod UPDATE,
 *   DELETE, CONNECT, subresources); answer "allowed" without a patch.
 * - `invalid`: refuse; `uid` is set when the review carries a usable one, so
 *   the caller can answer with a denied AdmissionReview instead of an HTTP 400.
 */
export type PodReviewParse =
  | { readonly outcome: 'create'; readonly request: PodCreateRequest }
  | { readonly outcome: 'pass'; readonly request: AdmissionRequestInfo; readonly why: string }
  | {
      readonly outcome: 'invalid';
      readonly uid: string | undefined;
      readonly reason: InvalidReviewReason;
      readonly message: string;
    };

type Invalid = Extract<PodReviewParse, { outcome: 'invalid' }>;
type JsonObject = Record<string, unknown>;

const OPERATIONS: readonly string[] = ['CREATE', 'UPDATE', 'DELETE', 'CONNECT'];

/**
 * Checks a decoded request body for the one thing this webhook serves:
 * admission.k8s.io/v1 reviews of core/v1 pods. Why only CREATE mutates: the
 * apiserver rejects any change to an existing pod's containers or volumes, so
 * a patch on UPDATE could only break the update; keeping running pods current
 * is the controller's job. Other operations are passed, not denied, so a
 * webhook registered too broadly never blocks pod updates or deletions.
 * `dryRun` needs no special case: injection has no side effects.
 */
export function parsePodAdmissionReview(body: unknown): PodReviewParse {
  const envelope = parseEnvelope(body);
  if ('outcome' in envelope) return envelope;
  const { request, uid } = envelope;
  const operation = request.operation;
  if (typeof operation !== 'string' || !OPERATIONS.includes(operation)) {
    return invalid(uid, 'unknown-operation', `request.operation ${describe(operation)} is not CREATE, UPDATE, DELETE or CONNECT`);
  }
  const info: AdmissionRequestInfo = {
    uid,
    operation: operation as AdmissionOperation,
    namespace: typeof request.namespace === 'string' ? request.namespace : '',
    name: typeof request.name === 'string' ? request.name : '',
    subResource: typeof request.subResource === 'string' ? request.subResource : '',
    dryRun: request.dryRun === true,
  };
  const notPod = notAPodRequest(request, info);
  if (notPod !== undefined) return invalid(uid, 'not-a-pod', notPod);
  if (info.subResource !== '') return { outcome: 'pass', request: info, why: `subresource pods/${info.subResource}` };
  if (info.operation !== 'CREATE') return { outcome: 'pass', request: info, why: `operation ${info.operation}` };
  return parseCreate(request, { ...info, operation: 'CREATE' });
}

function parseEnvelope(body: unknown): Invalid | { readonly request: JsonObject; readonly uid: string } {
  if (!isObject(body)) return invalid(undefined, 'not-an-object', 'the request body is not a JSON object');
  if (body.apiVersion !== ADMISSION_API_VERSION) {
    return invalid(
      undefined,
      'wrong-api-version',
      `apiVersion is ${describe(body.apiVersion)}, expected "${ADMISSION_API_VERSION}" (set admissionReviewVersions: ["v1"] on the webhook)`,
    );
  }
  if (body.kind !== ADMISSION_REVIEW_KIND) {
    return invalid(undefined, 'wrong-kind', `kind is ${describe(body.kind)}, expected "${ADMISSION_REVIEW_KIND}"`);
  }
  const request = body.request;
  if (!isObject(request)) return invalid(undefined, 'missing-request', 'request is missing or not an object');
  if (typeof request.uid !== 'string' || request.uid === '') {
    return invalid(undefined, 'missing-uid', 'request.uid is missing or empty');
  }
  return { request, uid: request.uid };
}

/** A message when the review is not about core/v1 pods, else undefined. */
function notAPodRequest(request: JsonObject, info: AdmissionRequestInfo): string | undefined {
  const resource = request.resource;
  if (!isObject(resource) || resource.group !== '' || resource.version !== 'v1' || resource.resource !== 'pods') {
    return `request.resource is ${describeGroupVersion(resource, 'resource')}, expected core/v1 pods: this webhook only serves pods`;
  }
  // Subresources (pods/binding, pods/eviction...) have kinds of their own and are passed.
  if (info.subResource !== '') return undefined;
  const kind = request.kind;
  if (!isObject(kind) || kind.group !== '' || kind.version !== 'v1' || kind.kind !== 'Pod') {
    return `request.kind is ${describeGroupVersion(kind, 'kind')}, expected core/v1 Pod`;
  }
  return undefined;
}

function parseCreate(request: JsonObject, info: AdmissionRequestInfo & { operation: 'CREATE' }): PodReviewParse {
  if (info.namespace === '') {
    return invalid(info.uid, 'missing-namespace', 'request.namespace is empty: a pod is always created in a namespace');
  }
  const object = request.object;
  if (!isObject(object)) return invalid(info.uid, 'missing-object', 'request.object is missing or not an object');
  const problem = podShapeProblem(object);
  if (problem !== undefined) return invalid(info.uid, 'malformed-pod', `request.object ${problem}`);
  return { outcome: 'create', request: { ...info, object } };
}

/**
 * The few structural facts injection relies on. The apiserver has already
 * decoded the pod into its typed form, so these only fail on hand-made or
 * broken requests; checking them turns a would-be crash into a clear denial.
 */
function podShapeProblem(pod: JsonObject): string | undefined {
  if (pod.kind !== undefined && pod.kind !== 'Pod') return `has kind ${describe(pod.kind)}, expected "Pod"`;
  if (pod.apiVersion !== undefined && pod.apiVersion !== 'v1') {
    return `has apiVersion ${describe(pod.apiVersion)}, expected "v1"`;
  }
  return metadataProblem(pod.metadata) ?? specProblem(pod.spec);
}

function metadataProblem(metadata: unknown): string | undefined {
  if (metadata === undefined) return undefined;
  if (!isObject(metadata)) return 'has a metadata that is not an object';
  return stringMapProblem(metadata, 'labels') ?? stringMapProblem(metadata, 'annotations');
}

function specProblem(spec: unknown): string | undefined {
  if (!isObject(spec)) return 'has no spec';
  if (!Array.isArray(spec.containers)) return 'has no spec.containers list';
  for (const field of ['containers', 'initContainers', 'ephemeralContainers', 'volumes'] as const) {
    if (!isNamedList(spec[field])) return `has a spec.${field} that is not a list of objects with a name`;
  }
  return undefined;
}

function stringMapProblem(metadata: JsonObject, field: 'labels' | 'annotations'): string | undefined {
  const map = metadata[field];
  if (map === undefined) return undefined;
  if (isObject(map) && Object.values(map).every((value) => typeof value === 'string')) return undefined;
  return `has metadata.${field} that is not a map of strings`;
}

function isNamedList(value: unknown): boolean {
  if (value === undefined) return true;
  return Array.isArray(value) && value.every((item) => isObject(item) && typeof item.name === 'string');
}

function invalid(uid: string | undefined, reason: InvalidReviewReason, message: string): Invalid {
  return { outcome: 'invalid', uid, reason, message };
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Quotes what was received, bounded: it ends up in logs and in responses. */
function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  const text = JSON.stringify(value);
  return text.length > 64 ? `${text.slice(0, 61)}...` : text;
}

function describeGroupVersion(value: unknown, field: 'kind' | 'resource'): string {
  if (!isObject(value)) return describe(value);
  const group = typeof value.group === 'string' && value.group !== '' ? value.group : 'core';
  return `${group}/${String(value.version)} ${String(value[field])}`;
}
