import { childPath, duplicate, indexPath, unknownField, type FieldError } from './field-error.ts';
import type { StructuralSchema } from './structural-schema.ts';
import { isPlainObject, walkInstance } from './walk-instance.ts';

/**
 * What the apiserver checks beside the OpenAPI keywords: fields the schema
 * does not declare (which it prunes, or rejects under strict field
 * validation, kubectl's default) and duplicates in x-kubernetes-list-type
 * set and map lists.
 */
export function findStructuralErrors(value: unknown, schema: StructuralSchema): FieldError[] {
  const errors: FieldError[] = [];
  for (const node of walkInstance(value, schema)) {
    if (isPlainObject(node.value)) errors.push(...unknownFields(node.value, node.schema, node.path));
    if (Array.isArray(node.value)) errors.push(...duplicates(node.value, node.schema, node.path));
  }
  return errors;
}

function unknownFields(object: Record<string, unknown>, schema: StructuralSchema, path: string): FieldError[] {
  const properties = schema.properties;
  // An object schema without properties is either a map or metadata, which the apiserver checks on its own.
  if (properties === undefined || schema['x-kubernetes-preserve-unknown-fields'] === true) return [];
  return Object.keys(object)
    .filter((key) => !Object.hasOwn(properties, key))
    .map((key) => unknownField(childPath(path, key)));
}

function duplicates(list: readonly unknown[], schema: StructuralSchema, path: string): FieldError[] {
  const listType = schema['x-kubernetes-list-type'];
  if (listType !== 'set' && listType !== 'map') return [];
  const keyFields = schema['x-kubernetes-list-map-keys'] ?? [];
  const keys = list.map((item) => (listType === 'set' ? item : mapKey(item, keyFields)));
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const [index, key] of keys.entries()) {
    const identity = canonicalJson(key);
    if (seen.has(identity)) errors.push(duplicate(indexPath(path, index), key));
    seen.add(identity);
  }
  return errors;
}

function mapKey(item: unknown, keyFields: readonly string[]): unknown {
  if (!isPlainObject(item)) return {};
  if (keyFields.length === 1) {
    const [only = ''] = keyFields;
    return Object.hasOwn(item, only) ? { [only]: item[only] } : {};
  }
  return Object.fromEntries(keyFields.filter((field) => Object.hasOwn(item, field)).map((field) => [field, item[field]]));
}

/** Go's json.Marshal of a map: keys sorted, so equal keys compare equal whatever their order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isPlainObject(value)) {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`);
    return `{${entries.join(',')}}`;
  }
  return value === undefined ? 'null' : JSON.stringify(value);
}
