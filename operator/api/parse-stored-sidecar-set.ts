import { checkSidecarSetSchema, type DefaultedSidecarSet, type ParseSidecarSetResult } from './check-sidecar-set-schema.ts';

/**
 * A SidecarSet read from the cluster (the SidecarSet reflector): type meta, structure,
 * defaults and the OpenAPI schema are checked as by parseSidecarSet, but not
 * the CEL rules. The apiserver evaluated those when the object was written,
 * and loading the CEL evaluator would cost the operator 25-35 MB of memory
 * for nothing (ADR 0022). A set stored before a rule existed is not
 * re-checked against it; the schema check still keeps out anything the
 * injection engine could not read.
 */
export function parseStoredSidecarSet(obj: unknown): ParseSidecarSetResult {
  const { object, errors } = checkSidecarSetSchema(obj);
  if (object === undefined || errors.length > 0) return { ok: false, errors };
  return { ok: true, sidecarSet: object as DefaultedSidecarSet };
}
