// Properties of crds/sidecarset.yaml that the apiserver would only reveal at
// apply time (or never): descriptions everywhere, CEL rules that stay within
// the cost budget, a structural schema, and a fixture for every rule.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { sidecarSetValidationRules } from '../../../operator/api/generated/validation-rules.ts';
import { formatSchemaPath, LIST_ITEMS, MAP_VALUES, schemaAt, type StructuralSchema } from '../../../operator/api/structural-schema.ts';
import { loadFixtures } from './sidecar-set-fixtures.ts';

interface Crd {
  spec: {
    group: string;
    scope: string;
    names: { kind: string; plural: string; singular: string; shortNames: string[] };
    versions: {
      name: string;
      subresources?: { status?: object };
      additionalPrinterColumns: { name: string; jsonPath: string }[];
      schema: { openAPIV3Schema: StructuralSchema };
    }[];
  };
}

const crdText = readFileSync(join(import.meta.dirname, '../../../crds/sidecarset.yaml'), 'utf8');
const crd = parse(crdText) as Crd;
const version = crd.spec.versions[0]!;
const root = version.schema.openAPIV3Schema;

interface Node {
  readonly schema: StructuralSchema;
  readonly segments: readonly string[];
}

function* nodes(schema: StructuralSchema, segments: readonly string[] = []): Generator<Node> {
  yield { schema, segments };
  for (const [name, child] of Object.entries(schema.properties ?? {})) yield* nodes(child, [...segments, name]);
  if (schema.items) yield* nodes(schema.items, [...segments, LIST_ITEMS]);
  if (schema.additionalProperties) yield* nodes(schema.additionalProperties, [...segments, MAP_VALUES]);
}

const properties = [...nodes(root)].filter(({ segments }) => {
  const last = segments.at(-1);
  return last !== undefined && last !== LIST_ITEMS && last !== MAP_VALUES;
});

describe('crds/sidecarset.yaml', () => {
  it('defines tandem.dev/v1alpha1 SidecarSet, cluster-scoped, with a status subresource', () => {
    expect(crd.spec).toMatchObject({
      group: 'tandem.dev',
      scope: 'Cluster',
      names: { kind: 'SidecarSet', plural: 'sidecarsets', singular: 'sidecarset', shortNames: ['scs'] },
    });
    expect(version.name).toBe('v1alpha1');
    expect(version.subresources?.status).toEqual({});
    expect(root.required).toEqual(['spec']);
  });

  it('prints MATCHED, INJECTED, UPDATED, READY, OUTDATED and AGE', () => {
    expect(version.additionalPrinterColumns.map((column) => [column.name.toUpperCase(), column.jsonPath])).toEqual([
      ['MATCHED', '.status.matchedPods'],
      ['INJECTED', '.status.injectedPods'],
      ['UPDATED', '.status.updatedPods'],
      ['READY', '.status.readyPods'],
      ['OUTDATED', '.status.outdatedPods'],
      ['AGE', '.metadata.creationTimestamp'],
    ]);
  });

  it('describes every field (but metadata, where the apiserver forbids it)', () => {
    const undocumented = properties
      .filter(({ schema, segments }) => schema.description === undefined && formatSchemaPath(segments) !== 'metadata')
      .map(({ segments }) => formatSchemaPath(segments));
    expect(undocumented).toEqual([]);
  });

  it('is structural: no references, compositions or closed objects', () => {
    const forbidden = ['$ref', 'allOf', 'oneOf', 'not', 'nullable', 'x-kubernetes-patch-strategy', 'x-kubernetes-unions'];
    const offenders = [...nodes(root)].flatMap(({ schema, segments }) => [
      ...forbidden.filter((key) => key in schema).map((key) => `${formatSchemaPath(segments)}: ${key}`),
      ...(schema.additionalProperties as unknown) === false ? [`${formatSchemaPath(segments)}: additionalProperties: false`] : [],
      ...(schema.anyOf !== undefined && schema['x-kubernetes-int-or-string'] !== true ? [`${formatSchemaPath(segments)}: anyOf`] : []),
    ]);
    expect(offenders).toEqual([]);
  });

  it('defaults no required field (a default would hide the missing value)', () => {
    const offenders = [...nodes(root)].flatMap(({ schema, segments }) =>
      (schema.required ?? [])
        .filter((name) => schema.properties?.[name]?.default !== undefined)
        .map((name) => formatSchemaPath([...segments, name])),
    );
    expect(offenders).toEqual([]);
  });
});

describe('CEL rules', () => {
  const rules = [...nodes(root)].flatMap(({ schema, segments }) =>
    (schema['x-kubernetes-validations'] ?? []).map((rule) => ({ ...rule, path: formatSchemaPath(segments), segments })),
  );

  it('are all in the generated table', () => {
    expect(sidecarSetValidationRules.map(({ path, rule }) => [path, rule])).toEqual(rules.map(({ path, rule }) => [path, rule]));
  });

  it.each(rules.map((rule) => [rule.path, rule] as const))('at %s has a message', (_path, rule) => {
    expect(rule.message ?? rule.messageExpression).toEqual(expect.stringMatching(/\S/));
  });

  // The apiserver estimates each rule's cost from maxItems/maxLength/maxProperties and rejects the CRD when an
  // unbounded list or map would be iterated; every list on the way to a rule multiplies its cost.
  it.each(rules.map((rule) => [rule.path, rule] as const))('at %s only crosses bounded lists', (_path, rule) => {
    const unbounded = rule.segments
      .map((segment, index) => ({ segment, list: schemaAt(root, rule.segments.slice(0, index)) }))
      .filter(({ segment, list }) => segment === LIST_ITEMS && list?.maxItems === undefined);
    expect(unbounded).toEqual([]);
  });

  it.each(rules.map((rule) => [rule.path, rule] as const))('at %s iterates only bounded lists and maps', (_path, rule) => {
    const node = schemaAt(root, rule.segments)!;
    const iterated = [...rule.rule.matchAll(/\bself(?:\.(\w+))?\.(?:all|exists_one|exists|map|filter)\(/g)].map(([, name]) =>
      name === undefined ? node : node.properties?.[name],
    );
    const unbounded = iterated.filter(
      (collection) => collection === undefined || (collection.maxItems ?? collection.maxProperties) === undefined,
    );
    expect(unbounded).toEqual([]);
  });

  it('compare only container and volume names of bounded length', () => {
    for (const path of [
      ['spec', 'containers', LIST_ITEMS, 'name'],
      ['spec', 'initContainers', LIST_ITEMS, 'name'],
      ['spec', 'volumes', LIST_ITEMS, 'name'],
    ]) {
      expect(schemaAt(root, path)?.maxLength).toBe(63);
    }
  });

  it('each have an invalid fixture that trips them', () => {
    const expected = loadFixtures('invalid-sidecarsets.yaml').map((fixture) => fixture.expectError ?? '');
    const untested = rules.filter(({ message }) => !expected.some((text) => text !== '' && message?.startsWith(text.slice(0, 40))));
    expect(untested.map(({ path, message }) => `${path}: ${message ?? ''}`)).toEqual([]);
  });
});
