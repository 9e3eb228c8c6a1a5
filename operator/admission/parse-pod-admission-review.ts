import type { ObjectMeta, PodSpec } from '../api/pod-template.ts';
import { quoteValue } from '../json/quote-value.ts';
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
  | 'malformed-pod'
  | 'malformed-request';

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
  const wrongType = (['namespace', 'name', 'subResource'] as const).find((key) => !optionalString(request[key]));
  if (wrongType !== undefined) {
    // Read as "" it would mean another object: a subResource of {} would make a status update look like a pod CREATE.
    return invalid(uid, 'malformed-request', `request.${wrongType} is ${describe(request[wrongType])}, expected a string`);
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

/** Absent, null (Go reads both as "") or a string. */
function optionalString(value: unknown): boolean {
  return value === undefined || value === null || typeof value === 'string';
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
 * Every field injection reads, with the type it must have: the apiserver has
 * already decoded the pod into its typed form, so these only fail on
 * hand-made or broken requests, and a field of the wrong type (an
 * imagePullSecrets of null, {} or [null]) becomes a denial naming it instead
 * of a crash.
 */
function podShapeProblem(pod: JsonObject): string | undefined {
  if (pod.kind !== undefined && pod.kind !== 'Pod') return `has kind ${describe(pod.kind)}, expected "Pod"`;
  if (pod.apiVersion !== undefined && pod.apiVersion !== 'v1') {
    return `has apiVersion ${describe(pod.apiVersion)}, expected "v1"`;
  }
  return metadataProblem(pod.metadata) ?? specProblem(pod.spec);
}

type Check = (value: unknown) => boolean;

const optional = (check: Check): Check => (value) => value === undefined || check(value);
const isString: Check = (value) => typeof value === 'string';
const isBoolean: Check = (value) => typeof value === 'boolean';
const listOf = (check: Check): Check => (value) => Array.isArray(value) && value.every(check);
const stringMap: Check = (value) => isObject(value) && Object.values(value).every(isString);
const named: Check = (value) => isObject(value) && isString(value.name);
const reference: Check = (value) => isObject(value) && optional(isString)(value.name);
const nodeSelectorRequirement: Check = (value) =>
  isObject(value) && isString(value.key) && isString(value.operator) && optional(listOf(isString))(value.values);
const nodeSelectorTerm: Check = (value) => isObject(value) && optional(listOf(nodeSelectorRequirement))(value.matchExpressions);

/** Field, what it must be (completes "is not ..."), and the check; in the order a reader meets them. */
const METADATA_FIELDS: readonly (readonly [string, string, Check])[] = [
  ['name', 'a string', isString],
  ['generateName', 'a string', isString],
  ['namespace', 'a string', isString],
  ['labels', 'a map of strings', stringMap],
  ['annotations', 'a map of strings', stringMap],
];

const SPEC_FIELDS: readonly (readonly [string, string, Check])[] = [
  ['containers', 'a list of objects with a name', listOf(named)],
  ['initContainers', 'a list of objects with a name', listOf(named)],
  ['ephemeralContainers', 'a list of objects with a name', listOf(named)],
  ['volumes', 'a list of objects with a name', listOf(named)],
  ['imagePullSecrets', 'a list of objects (with a string name)', listOf(reference)],
  ['shareProcessNamespace', 'a boolean', isBoolean],
  ['hostPID', 'a boolean', isBoolean],
  ['restartPolicy', 'a string', isString],
  ['os', 'an object', isObject],
  ['nodeSelector', 'a map of strings', stringMap],
  ['affinity', 'an object', isObject],
];

function fieldProblem(object: JsonObject, prefix: string, fields: readonly (readonly [string, string, Check])[]): string | undefined {
  for (const [field, what, check] of fields) {
    const value = object[field];
    if (value !== undefined && !check(value)) return `has a ${prefix}${field} that is not ${what} (it is ${describe(value)})`;
  }
  return undefined;
}

function metadataProblem(metadata: unknown): string | undefined {
  if (metadata === undefined) return undefined;
  if (!isObject(metadata)) return `has a metadata that is not an object (it is ${describe(metadata)})`;
  return fieldProblem(metadata, 'metadata.', METADATA_FIELDS);
}

function specProblem(spec: unknown): string | undefined {
  if (!isObject(spec)) return spec === undefined ? 'has no spec' : `has a spec that is not an object (it is ${describe(spec)})`;
  if (!Array.isArray(spec.containers)) return `has a spec.containers that is not a list (it is ${describe(spec.containers)})`;
  return fieldProblem(spec, 'spec.', SPEC_FIELDS) ?? osProblem(spec.os) ?? affinityProblem(spec.affinity);
}

function osProblem(os: unknown): string | undefined {
  if (!isObject(os) || optional(isString)(os.name)) return undefined;
  return `has a spec.os.name that is not a string (it is ${describe(os.name)})`;
}

/** Only the path pod-operating-system.ts reads: required node affinity terms. */
function affinityProblem(affinity: unknown): string | undefined {
  if (!isObject(affinity)) return undefined;
  const path = 'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms';
  const nodeAffinity = affinity.nodeAffinity;
  if (nodeAffinity === undefined) return undefined;
  if (!isObject(nodeAffinity)) return `has a spec.affinity.nodeAffinity that is not an object (it is ${describe(nodeAffinity)})`;
  const required = nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution;
  if (required === undefined) return undefined;
  if (!isObject(required) || !optional(listOf(nodeSelectorTerm))(required.nodeSelectorTerms)) {
    return `has a ${path} that is not a list of node selector terms (keys, operators and values as strings)`;
  }
  return undefined;
}

function invalid(uid: string | undefined, reason: InvalidReviewReason, message: string): Invalid {
  return { outcome: 'invalid', uid, reason, message };
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Quotes what was received, bounded and without recursing into it: it ends up in logs and in responses. */
function describe(value: unknown): string {
  return quoteValue(value);
}

function describeGroupVersion(value: unknown, field: 'kind' | 'resource'): string {
  if (!isObject(value)) return describe(value);
  const part = (inner: unknown): string => (typeof inner === 'string' && inner.length <= 64 ? inner : describe(inner));
  const group = typeof value.group === 'string' && value.group !== '' ? part(value.group) : 'core';
  return `${group}/${part(value.version)} ${part(value[field])}`;
}
