import { celEnv, isCelError, parse, plan, type CelInput, type CelResult } from '@bufbuild/cel';
import { decodeParsedCel } from './parsed-cel.ts';
import { childPath, forbidden, indexPath, invalid, OMIT_VALUE, required, duplicate, type FieldError } from './field-error.ts';
import {
  LIST_ITEMS,
  MAP_VALUES,
  schemaAt,
  type SchemaSegment,
  type StructuralSchema,
  type ValidationRuleSpec,
} from './structural-schema.ts';
import { toCelValue } from './to-cel-value.ts';
import { isPlainObject } from './walk-instance.ts';

export interface LocatedRule extends ValidationRuleSpec {
  readonly segments: readonly SchemaSegment[];
}

export type CelRuleValidator = (root: unknown) => FieldError[];

type Program = (bindings: { self: CelInput }) => CelResult;

interface CompiledRule {
  readonly spec: LocatedRule;
  readonly schema: StructuralSchema;
  /** Planned on first use (start-up cost of `tandem inject`): rules under fields a set does not have are never planned. */
  readonly program: () => Program;
  readonly messageProgram: () => Program | undefined;
}

function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

/**
 * Evaluates x-kubernetes-validations rules the way the apiserver does on
 * create: at every value the rule's schema node describes, with `self` bound
 * to it and no `oldSelf` (transition rules are skipped). Each rule is planned
 * once, the first time a value it applies to is checked, from the parse
 * stored with it (`parsed`: the generated rules carry one) or else parsed
 * then. The unit tests parse and plan every rule of the CRD. What is not
 * modelled: the runtime cost budget and static type checking, both of
 * which the apiserver enforces when the CRD is applied; a rule that would
 * fail type checking shows up here as an evaluation error.
 */
export function createCelRuleValidator(schema: StructuralSchema, rules: readonly LocatedRule[]): CelRuleValidator {
  const env = celEnv();
  const compiled = rules
    .filter((rule) => !usesOldSelf(rule))
    .map((rule): CompiledRule => {
      const node = schemaAt(schema, rule.segments);
      if (node === undefined) throw new Error(`validation rule at ${rule.segments.join('.')}: no such schema node`);
      const compile = (expression: string, parsed: string | undefined): Program =>
        parsed === undefined ? compileCelExpression(expression, env) : plan(env, decodeParsedCel(parsed));
      const { messageExpression } = rule;
      return {
        spec: rule,
        schema: node,
        program: once(() => compile(rule.rule, rule.parsed?.rule)),
        messageProgram: once(() => (messageExpression === undefined ? undefined : compile(messageExpression, rule.parsed?.messageExpression))),
      };
    });
  return (root) => compiled.flatMap((rule) => [...valuesAt(root, rule.spec.segments, '')].flatMap((at) => check(rule, at)));
}

/** Parses and plans one rule or messageExpression; throws on a syntax error. */
export function compileCelExpression(expression: string, env = celEnv()): Program {
  return plan(env, parse(expression));
}

function usesOldSelf(rule: ValidationRuleSpec): boolean {
  return /\boldSelf\b/.test(rule.rule);
}

interface Located {
  readonly value: unknown;
  readonly path: string;
}

function* valuesAt(value: unknown, segments: readonly SchemaSegment[], path: string): Generator<Located> {
  const [segment, ...rest] = segments;
  if (segment === undefined) {
    yield { value, path };
  } else if (segment === LIST_ITEMS) {
    if (Array.isArray(value)) for (const [index, item] of value.entries()) yield* valuesAt(item, rest, indexPath(path, index));
  } else if (segment === MAP_VALUES) {
    if (isPlainObject(value)) for (const [key, item] of Object.entries(value)) yield* valuesAt(item, rest, indexPath(path, key));
  } else if (isPlainObject(value) && value[segment] !== undefined) {
    yield* valuesAt(value[segment], rest, childPath(path, segment));
  }
}

function check(rule: CompiledRule, at: Located): FieldError[] {
  const self = toCelValue(at.value, rule.schema);
  const result = rule.program()({ self });
  const shown = rule.schema.type === 'object' || rule.schema.type === 'array' ? OMIT_VALUE : at.value;
  if (isCelError(result)) {
    return [invalid(at.path, rule.schema.type ?? '', `${result.message} evaluating rule: ${ruleName(rule.spec)}`)];
  }
  if (result === true) return [];
  const path = rule.spec.fieldPath === undefined ? at.path : appendFieldPath(at.path, rule.spec.fieldPath);
  return [errorForReason(rule, path, shown, messageOf(rule, self))];
}

function errorForReason(rule: CompiledRule, path: string, shown: unknown, detail: string): FieldError {
  switch (rule.spec.reason) {
    case 'FieldValueForbidden':
      return forbidden(path, detail);
    case 'FieldValueRequired':
      return required(path, detail);
    case 'FieldValueDuplicate':
      return duplicate(path, shown === OMIT_VALUE ? rule.schema.type : shown);
    default:
      return invalid(path, shown, detail);
  }
}

/** messageExpression when it yields a usable string, else message, else the rule itself. */
function messageOf(rule: CompiledRule, self: CelInput): string {
  const evaluated = rule.messageProgram()?.({ self });
  if (typeof evaluated === 'string' && evaluated.trim() !== '' && !evaluated.includes('\n')) return evaluated.trim();
  const message = rule.spec.message?.trim() ?? '';
  return message === '' ? `failed rule: ${rule.spec.rule.trim()}` : message;
}

function ruleName(rule: ValidationRuleSpec): string {
  return rule.message?.trim() ?? rule.rule.trim();
}

/** fieldPath is relative to the rule's node: `.restartPolicy`, `.a.b` or `['key']`. */
function appendFieldPath(path: string, fieldPath: string): string {
  if (fieldPath.startsWith('.')) return childPath(path, fieldPath.slice(1));
  return `${path}${fieldPath}`;
}
