import { childPath, indexPath } from './field-error.ts';
import type { StructuralSchema } from './structural-schema.ts';

export interface InstanceNode {
  readonly value: unknown;
  readonly schema: StructuralSchema;
  /** Field path as the apiserver prints it: `spec.containers[0].env[1]`, map keys in brackets. */
  readonly path: string;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Every value of the instance that the schema describes, parents first.
 * Values the schema does not describe (unknown fields, wrong types) are not
 * entered; callers that care about them look at the parent.
 */
export function* walkInstance(value: unknown, schema: StructuralSchema, path = ''): Generator<InstanceNode> {
  yield { value, schema, path };
  if (Array.isArray(value)) {
    if (schema.items === undefined) return;
    for (const [index, item] of value.entries()) yield* walkInstance(item, schema.items, indexPath(path, index));
    return;
  }
  if (!isPlainObject(value)) return;
  if (schema.properties !== undefined) {
    for (const [name, property] of Object.entries(schema.properties)) {
      if (value[name] !== undefined) yield* walkInstance(value[name], property, childPath(path, name));
    }
  } else if (schema.additionalProperties !== undefined) {
    for (const [key, item] of Object.entries(value)) yield* walkInstance(item, schema.additionalProperties, indexPath(path, key));
  }
}
