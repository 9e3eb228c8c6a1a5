// Validation errors in the apiserver's words (k8s.io/apimachinery
// util/validation/field), so an offline rejection reads like the one
// `kubectl apply` would print: `spec.selector: Invalid value: ...`.

/** field.ErrorType, as the apiserver names it in error text. */
export type FieldErrorType =
  | 'Invalid'
  | 'TypeInvalid'
  | 'Required'
  | 'Forbidden'
  | 'NotSupported'
  | 'TooLong'
  | 'TooMany'
  | 'Duplicate'
  | 'UnknownField';

export interface FieldError {
  /** `spec.containers[0].name`; '' for the object as a whole. */
  readonly path: string;
  readonly type: FieldErrorType;
  /** Everything after `<path>: `, e.g. `Required value` or `Invalid value: "x": must be ...`. */
  readonly message: string;
}

/** The apiserver skips CEL rules once any of these is found: the rules may rely on what they guarantee. */
const BLOCKING: ReadonlySet<FieldErrorType> = new Set(['NotSupported', 'Required', 'TooLong', 'TooMany', 'TypeInvalid']);

export function isBlocking(error: FieldError): boolean {
  return BLOCKING.has(error.type);
}

/** Marker for `Invalid value` errors that show no value, as the apiserver does for objects and lists. */
export const OMIT_VALUE: unique symbol = Symbol('omit value');

/** Go's rendering of a bad value: numbers and booleans bare, strings quoted, the rest as JSON. */
export function renderValue(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return value === undefined ? 'null' : JSON.stringify(value);
}

export function invalid(path: string, value: unknown, detail: string): FieldError {
  const shown = value === OMIT_VALUE ? '' : ` ${renderValue(value)}:`;
  return { path, type: 'Invalid', message: `Invalid value:${shown} ${detail}` };
}

export function typeInvalid(path: string, actualType: string, detail: string): FieldError {
  return { path, type: 'TypeInvalid', message: `Invalid value: ${renderValue(actualType)}: ${detail}` };
}

export function required(path: string, detail = ''): FieldError {
  return { path, type: 'Required', message: detail === '' ? 'Required value' : `Required value: ${detail}` };
}

export function forbidden(path: string, detail: string): FieldError {
  return { path, type: 'Forbidden', message: `Forbidden: ${detail}` };
}

export function notSupported(path: string, value: unknown, supported: readonly unknown[]): FieldError {
  const values = supported.map((item) => JSON.stringify(typeof item === 'string' ? item : JSON.stringify(item))).join(', ');
  return { path, type: 'NotSupported', message: `Unsupported value: ${renderValue(value)}: supported values: ${values}` };
}

export function tooLong(path: string, max: number): FieldError {
  return { path, type: 'TooLong', message: `Too long: may not be more than ${max} ${max === 1 ? 'byte' : 'bytes'}` };
}

export function tooMany(path: string, actual: number, max: number): FieldError {
  return { path, type: 'TooMany', message: `Too many: ${actual}: must have at most ${max} ${max === 1 ? 'item' : 'items'}` };
}

export function duplicate(path: string, value: unknown): FieldError {
  return { path, type: 'Duplicate', message: `Duplicate value: ${renderValue(value)}` };
}

export function unknownField(path: string): FieldError {
  return { path, type: 'UnknownField', message: `unknown field "${path}"` };
}

export function formatFieldError(error: FieldError): string {
  return error.path === '' ? error.message : `${error.path}: ${error.message}`;
}

/** One error a line, in the order found (schema errors before CEL rules, as the apiserver reports them). */
export function formatValidationErrors(errors: readonly FieldError[]): string {
  return errors.map(formatFieldError).join('\n');
}

/** Appends a property or a map key to a field path the way field.Path renders them. */
export function childPath(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}

export function indexPath(path: string, index: number | string): string {
  return `${path}[${index}]`;
}
