import type { CelInput } from '@bufbuild/cel';
import type { StructuralSchema } from './structural-schema.ts';
import { isPlainObject } from './walk-instance.ts';

/**
 * A JSON value as the apiserver hands it to CEL rules (apiextensions
 * UnstructuredToVal): the schema decides the CEL type, so an integer field is
 * a CEL int (a bigint here) even though JSON has only numbers, an
 * int-or-string holds an int or a string, and objects expose only the
 * fields their schema declares. date-time and duration strings stay strings:
 * no rule of ours compares them as timestamps.
 */
export function toCelValue(value: unknown, schema: StructuralSchema | undefined): CelInput {
  if (schema === undefined) return toUntypedCelValue(value);
  if (schema['x-kubernetes-int-or-string'] === true || schema.type === 'integer') return toCelInt(value);
  if (Array.isArray(value)) return value.map((item) => toCelValue(item, schema.items));
  if (!isPlainObject(value)) return toUntypedCelValue(value);
  const map = new Map<string, CelInput>();
  if (schema.properties !== undefined) {
    for (const [name, property] of Object.entries(schema.properties)) {
      if (value[name] !== undefined) map.set(name, toCelValue(value[name], property));
    }
  } else if (schema.additionalProperties !== undefined) {
    for (const [key, item] of Object.entries(value)) map.set(key, toCelValue(item, schema.additionalProperties));
  }
  return map;
}

function toCelInt(value: unknown): CelInput {
  return typeof value === 'number' && Number.isInteger(value) ? BigInt(value) : toUntypedCelValue(value);
}

function toUntypedCelValue(value: unknown): CelInput {
  if (Array.isArray(value)) return value.map(toUntypedCelValue);
  if (isPlainObject(value)) return new Map(Object.entries(value).map(([key, item]) => [key, toUntypedCelValue(item)]));
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  return null;
}
