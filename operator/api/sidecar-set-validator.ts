// Offline twin of the apiserver's validation of a SidecarSet, driven by the
// tables generated from crds/sidecarset.yaml: structural checks, defaulting,
// the OpenAPI schema (generated ajv validator) and every CEL rule. Used
// wherever SidecarSets arrive without an apiserver in front (files, the CLI,
// `tandem webhook --sidecarsets`) so they are accepted or rejected exactly as
// `kubectl apply` would. Objects read from the cluster go through
// parse-stored-sidecar-set.ts instead, which skips the CEL rules (and their
// ~25-35 MB of evaluator) because the apiserver enforced them on write.
import { createCelRuleValidator, type CelRuleValidator } from './cel-rule-validator.ts';
import { checkSidecarSetSchema, type DefaultedSidecarSet, type ParseSidecarSetResult } from './check-sidecar-set-schema.ts';
import { invalid, isBlocking, formatValidationErrors, type FieldError } from './field-error.ts';
import { sidecarSetSchema } from './generated/sidecar-set-schema.ts';
import { sidecarSetValidationRules } from './generated/validation-rules.ts';

export { formatValidationErrors };
export { SIDECAR_SET_API_VERSION, SIDECAR_SET_KIND, type DefaultedSidecarSet, type ParseSidecarSetResult } from './check-sidecar-set-schema.ts';
export type { FieldError };

const NOT_CHECKED =
  'some validation rules were not checked because the object was invalid; correct the existing errors to complete validation';

let celRules: CelRuleValidator | undefined;

/**
 * Validates and defaults one SidecarSet (any JSON value, e.g. a parsed YAML
 * document) in the order the apiserver does on create: unknown fields and
 * list-map duplicates, defaults, metadata.name, the OpenAPI schema, then the
 * CEL rules, which are skipped (with a note) when a schema error of a kind
 * that blocks them was found. The input is not modified.
 */
export function parseSidecarSet(obj: unknown): ParseSidecarSetResult {
  const { object, errors } = checkSidecarSetSchema(obj);
  if (object === undefined) return { ok: false, errors };
  if (errors.some(isBlocking)) errors.push(invalid('', null, NOT_CHECKED));
  else errors.push(...(celRules ??= createCelRuleValidator(sidecarSetSchema, sidecarSetValidationRules))(object));

  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, sidecarSet: object as DefaultedSidecarSet };
}
