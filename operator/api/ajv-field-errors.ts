import {
  childPath,
  formatFieldError,
  indexPath,
  invalid,
  notSupported,
  required,
  tooLong,
  tooMany,
  typeInvalid,
  type FieldError,
} from './field-error.ts';
import { childSchema, LIST_ITEMS, MAP_VALUES, type StructuralSchema } from './structural-schema.ts';
import { isPlainObject } from './walk-instance.ts';

/** The part of an ajv ErrorObject that the generated (standalone, message-less) validators fill in. */
export interface AjvError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly params: Readonly<Record<string, unknown>>;
}

/**
 * Turns ajv errors into the errors kube-openapi reports for the same schema
 * keywords, in apiserver wording (apiextensions-apiserver
 * kubeOpenAPIResultToFieldErrors): `/spec/containers/0/name` becomes
 * `spec.containers[0].name`.
 */
export function ajvFieldErrors(errors: readonly AjvError[], root: unknown, schema: StructuralSchema): FieldError[] {
  const anyOfPaths = new Set(errors.filter((error) => error.keyword === 'anyOf').map((error) => error.instancePath));
  const out = new Map<string, FieldError>();
  for (const error of errors) {
    const converted = convert(error, root, schema, anyOfPaths);
    if (converted !== undefined) out.set(formatFieldError(converted), converted);
  }
  return [...out.values()];
}

function convert(
  error: AjvError,
  root: unknown,
  schema: StructuralSchema,
  anyOfPaths: ReadonlySet<string>,
): FieldError | undefined {
  const { path, value } = locate(error.instancePath, root, schema);
  const inBody = `${path} in body`;
  switch (error.keyword) {
    case 'required':
      return required(childPath(path, String(error.params.missingProperty)));
    case 'type':
      // An int-or-string's two branches fail as one type error, reported at the anyOf.
      if (anyOfPaths.has(error.instancePath)) return undefined;
      return typeInvalid(path, jsonType(value), `${inBody} must be of type ${String(error.params.type)}: "${jsonType(value)}"`);
    case 'anyOf':
      return typeInvalid(path, jsonType(value), `${inBody} must be of type integer,string: "${jsonType(value)}"`);
    case 'enum':
      return notSupported(path, value, Array.isArray(error.params.allowedValues) ? error.params.allowedValues : []);
    case 'format':
      return typeInvalid(path, String(value), `${inBody} must be of type ${String(error.params.format)}: ${JSON.stringify(value)}`);
    default:
      return limitError(error, path, value);
  }
}

function limitError(error: AjvError, path: string, value: unknown): FieldError {
  const limit = Number(error.params.limit);
  switch (error.keyword) {
    case 'maxLength':
      return tooLong(path, limit);
    case 'maxItems':
      return tooMany(path, Array.isArray(value) ? value.length : -1, limit);
    case 'maxProperties':
      return tooMany(path, isPlainObject(value) ? Object.keys(value).length : -1, limit);
    default:
      return invalid(path, value, `${path} in body ${describe(error, limit)}`);
  }
}

function describe(error: AjvError, limit: number): string {
  switch (error.keyword) {
    case 'pattern':
      return `should match '${String(error.params.pattern)}'`;
    case 'minLength':
      return `should be at least ${limit} chars long`;
    case 'minItems':
      return `should have at least ${limit} items`;
    case 'minProperties':
      return `should have at least ${limit} properties`;
    case 'minimum':
    case 'exclusiveMinimum':
      return `should be greater than${error.params.comparison === '>=' ? ' or equal to' : ''} ${limit}`;
    case 'maximum':
    case 'exclusiveMaximum':
      return `should be less than${error.params.comparison === '<=' ? ' or equal to' : ''} ${limit}`;
    default:
      return `is invalid (${error.keyword})`;
  }
}

/** kube-openapi's names for JSON types. */
function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Follows a JSON pointer through the instance and the schema together, to name each step as kube-openapi does. */
function locate(pointer: string, root: unknown, schema: StructuralSchema): { path: string; value: unknown } {
  let path = '';
  let value = root;
  let node: StructuralSchema | undefined = schema;
  const steps = pointer === '' ? [] : pointer.slice(1).split('/');
  for (const raw of steps) {
    const step = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(value)) {
      path = indexPath(path, step);
      value = value[Number(step)];
      node = node === undefined ? undefined : childSchema(node, LIST_ITEMS);
    } else {
      // kube-openapi names map keys like properties (`limits.cpu`), unlike the `[key]` of CEL errors.
      const isMap = node?.additionalProperties !== undefined;
      path = childPath(path, step);
      value = isPlainObject(value) ? value[step] : undefined;
      node = node === undefined ? undefined : childSchema(node, isMap ? MAP_VALUES : step);
    }
  }
  return { path, value };
}
