// The part of the offline SidecarSet validation that needs no CEL: type
// meta, structural checks (unknown fields, list-map duplicates), CRD
// defaults, metadata.name and the OpenAPI schema (generated ajv validator).
// Cheap to load (~5 MB). sidecar-set-validator.ts adds the CEL rules on top;
// parse-stored-sidecar-set.ts uses this alone for objects the apiserver
// already validated.
import { ajvFieldErrors, type AjvError } from './ajv-field-errors.ts';
import { applySchemaDefaults } from './apply-schema-defaults.ts';
import { invalid, notSupported, required, type FieldError } from './field-error.ts';
import { findStructuralErrors } from './find-structural-errors.ts';
import { validate as validateSchema } from './generated/_schemas/TandemDevV1alpha1SidecarSet.js';
import type { SidecarSetDefaultShape } from './generated/sidecar-set-defaults.ts';
import { sidecarSetSchema } from './generated/sidecar-set-schema.ts';
import type { ISidecarSet } from './generated/tandem.dev/v1alpha1/SidecarSet.ts';
import { isPlainObject } from './walk-instance.ts';
import type { WithDefaults } from './with-defaults.ts';

export const SIDECAR_SET_API_VERSION = 'tandem.dev/v1alpha1';
export const SIDECAR_SET_KIND = 'SidecarSet';

/** A SidecarSet as stored: every field with a CRD default is present. Assignable to ISidecarSet. */
export type DefaultedSidecarSet = WithDefaults<ISidecarSet, SidecarSetDefaultShape>;

export type ParseSidecarSetResult =
  | { readonly ok: true; readonly sidecarSet: DefaultedSidecarSet }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

export interface SchemaCheck {
  /** A defaulted copy of the input; undefined when it is not even an object of the right kind. */
  readonly object: Record<string, unknown> | undefined;
  readonly errors: FieldError[];
}

// metadata.name of a cluster-scoped custom resource: a DNS-1123 subdomain (apimachinery IsDNS1123Subdomain).
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_SUBDOMAIN_MESSAGE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

/**
 * Everything but the CEL rules, in the apiserver's order: unknown fields and
 * list-map duplicates, defaults, metadata.name, the OpenAPI schema. The
 * input is not modified.
 */
export function checkSidecarSetSchema(obj: unknown): SchemaCheck {
  const typeErrors = checkTypeMeta(obj);
  if (!isPlainObject(obj) || typeErrors.length > 0) return { object: undefined, errors: typeErrors };
  const object = structuredClone(obj);
  const errors = findStructuralErrors(object, sidecarSetSchema);
  applySchemaDefaults(object, sidecarSetSchema);
  errors.push(...checkName(object));
  if (!validateSchema(object)) {
    const ajvErrors = (validateSchema as unknown as { errors?: readonly AjvError[] | null }).errors ?? [];
    errors.push(...ajvFieldErrors(ajvErrors, object, sidecarSetSchema));
  }
  return { object, errors };
}

function checkTypeMeta(obj: unknown): FieldError[] {
  if (!isPlainObject(obj)) return [invalid('', typeof obj, 'a SidecarSet must be an object')];
  const errors: FieldError[] = [];
  if (obj.apiVersion !== SIDECAR_SET_API_VERSION) {
    errors.push(
      obj.apiVersion === undefined ? required('apiVersion') : notSupported('apiVersion', obj.apiVersion, [SIDECAR_SET_API_VERSION]),
    );
  }
  if (obj.kind !== SIDECAR_SET_KIND) {
    errors.push(obj.kind === undefined ? required('kind') : notSupported('kind', obj.kind, [SIDECAR_SET_KIND]));
  }
  return errors;
}

function checkName(object: Record<string, unknown>): FieldError[] {
  const metadata = object.metadata;
  const name = isPlainObject(metadata) ? metadata.name : undefined;
  const generateName = isPlainObject(metadata) ? metadata.generateName : undefined;
  if (name === undefined && generateName === undefined) {
    return [required('metadata.name', 'name or generateName is required')];
  }
  if (typeof name === 'string' && name.length > 253) {
    return [invalid('metadata.name', name, 'must be no more than 253 characters')];
  }
  if (typeof name === 'string' && !DNS1123_SUBDOMAIN.test(name)) {
    return [invalid('metadata.name', name, DNS1123_SUBDOMAIN_MESSAGE)];
  }
  return [];
}
