import type { StructuralSchema } from './structural-schema.ts';
import { isPlainObject } from './walk-instance.ts';

/**
 * Structural defaulting as the apiserver does it on every read and write, in
 * place: top-down, a missing (or, unless nullable, null) field gets a copy of
 * its default, then the defaults inside it apply; a null without a default is
 * pruned. Values of the wrong type are left for validation to report.
 */
export function applySchemaDefaults(value: unknown, schema: StructuralSchema): void {
  if (Array.isArray(value)) {
    if (schema.items !== undefined) for (const item of value) applySchemaDefaults(item, schema.items);
    return;
  }
  if (!isPlainObject(value)) return;
  if (schema.additionalProperties !== undefined) {
    for (const item of Object.values(value)) applySchemaDefaults(item, schema.additionalProperties);
    return;
  }
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    defaultField(value, name, property);
    if (value[name] !== undefined) applySchemaDefaults(value[name], property);
  }
}

function defaultField(object: Record<string, unknown>, name: string, schema: StructuralSchema): void {
  const current = object[name];
  const missing = current === undefined || (current === null && schema.nullable !== true);
  if (!missing) return;
  if (schema.default !== undefined) object[name] = structuredClone(schema.default);
  else if (current === null) Reflect.deleteProperty(object, name);
}
