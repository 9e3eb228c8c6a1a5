// The subset of a CRD's structural OpenAPI v3 schema that Tandem's generator
// and offline validator read, and how to step through it.

export interface ValidationRuleSpec {
  readonly rule: string;
  readonly message?: string;
  readonly messageExpression?: string;
  readonly fieldPath?: string;
  readonly reason?: ValidationRuleReason;
  /** rule and messageExpression parsed ahead (operator/api/parsed-cel.ts); the generated rules carry them. */
  readonly parsed?: { readonly rule: string; readonly messageExpression?: string };
}

export type ValidationRuleReason =
  | 'FieldValueInvalid'
  | 'FieldValueForbidden'
  | 'FieldValueRequired'
  | 'FieldValueDuplicate';

export interface StructuralSchema {
  readonly description?: string;
  readonly type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  readonly format?: string;
  readonly enum?: readonly unknown[];
  readonly default?: unknown;
  readonly nullable?: boolean;
  readonly pattern?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minProperties?: number;
  readonly maxProperties?: number;
  readonly required?: readonly string[];
  readonly properties?: Readonly<Record<string, StructuralSchema>>;
  readonly additionalProperties?: StructuralSchema;
  readonly items?: StructuralSchema;
  readonly anyOf?: readonly StructuralSchema[];
  readonly 'x-kubernetes-int-or-string'?: boolean;
  readonly 'x-kubernetes-preserve-unknown-fields'?: boolean;
  readonly 'x-kubernetes-map-type'?: string;
  readonly 'x-kubernetes-list-type'?: string;
  readonly 'x-kubernetes-list-map-keys'?: readonly string[];
  readonly 'x-kubernetes-validations'?: readonly ValidationRuleSpec[];
}

/**
 * One step from a schema node to a child: a property name, `[]` for every
 * item of a list, `{}` for every value of a map. Property names never take
 * those two forms in a Kubernetes schema.
 */
export type SchemaSegment = string;
export const LIST_ITEMS: SchemaSegment = '[]';
export const MAP_VALUES: SchemaSegment = '{}';

export function childSchema(schema: StructuralSchema, segment: SchemaSegment): StructuralSchema | undefined {
  if (segment === LIST_ITEMS) return schema.items;
  if (segment === MAP_VALUES) return schema.additionalProperties;
  return schema.properties?.[segment];
}

export function schemaAt(root: StructuralSchema, segments: readonly SchemaSegment[]): StructuralSchema | undefined {
  let node: StructuralSchema | undefined = root;
  for (const segment of segments) {
    if (node === undefined) return undefined;
    node = childSchema(node, segment);
  }
  return node;
}

/** `spec.containers[].name`: how schema paths are written in generated tables and messages. */
export function formatSchemaPath(segments: readonly SchemaSegment[]): string {
  return segments.reduce(
    (path, segment) => (segment === LIST_ITEMS || segment === MAP_VALUES ? `${path}${segment}` : path === '' ? segment : `${path}.${segment}`),
    '',
  );
}
