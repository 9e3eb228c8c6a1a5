import { describe, expect, it } from '@jest/globals';
import { sidecarSetDefaults } from '../../../operator/api/generated/sidecar-set-defaults.ts';
import type { ISidecarSet } from '../../../operator/api/generated/tandem.dev/v1alpha1/SidecarSet.ts';
import {
  formatValidationErrors,
  parseSidecarSet,
  type DefaultedSidecarSet,
} from '../../../operator/api/sidecar-set-validator.ts';
import { compileCelExpression } from '../../../operator/api/cel-rule-validator.ts';
import { encodeParsedCel } from '../../../operator/api/parsed-cel.ts';
import { sidecarSetValidationRules } from '../../../operator/api/generated/validation-rules.ts';
import { loadFixtures } from './sidecar-set-fixtures.ts';

const invalid = loadFixtures('invalid-sidecarsets.yaml');
const valid = loadFixtures('valid-sidecarsets.yaml');

function minimal(spec: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'tandem.dev/v1alpha1',
    kind: 'SidecarSet',
    metadata: { name: 'minimal' },
    spec: { selector: { matchLabels: { app: 'web' } }, containers: [{ name: 'agent', image: 'busybox' }], ...spec },
  };
}

function errorsOf(object: unknown): string {
  const result = parseSidecarSet(object);
  if (result.ok) throw new Error('expected the SidecarSet to be rejected');
  return formatValidationErrors(result.errors);
}

function accepted(object: unknown): DefaultedSidecarSet {
  const result = parseSidecarSet(object);
  if (!result.ok) throw new Error(formatValidationErrors(result.errors));
  return result.sidecarSet;
}

describe('invalid SidecarSets (test/fixtures/invalid-sidecarsets.yaml)', () => {
  it('has enough cases, each with an expected error', () => {
    expect(invalid.length).toBeGreaterThanOrEqual(15);
    for (const fixture of invalid) expect(fixture.expectError).toEqual(expect.any(String));
  });

  it.each(invalid.map((fixture) => [fixture.name, fixture] as const))('rejects %s', (_name, fixture) => {
    const result = parseSidecarSet(fixture.object);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(formatValidationErrors(result.errors)).toContain(fixture.expectError);
    // Every error but the apiserver's "rules not checked" note names the field it is about.
    for (const error of result.errors.filter((e) => !e.message.includes('not checked'))) {
      expect(error.path).toMatch(/^(spec|metadata)\b/);
    }
  });
});

describe('valid SidecarSets (test/fixtures/valid-sidecarsets.yaml)', () => {
  it.each(valid.map((fixture) => [fixture.name, fixture] as const))('accepts %s', (_name, fixture) => {
    expect(() => accepted(fixture.object)).not.toThrow();
  });
});

describe('defaults', () => {
  const set = accepted(minimal());

  it('fills in every spec-level default of the CRD', () => {
    expect(set.spec).toEqual({
      selector: { matchLabels: { app: 'web' } },
      containers: [{ name: 'agent', image: 'busybox', placement: 'After' }],
      injectionPolicy: 'OptIn',
      nativeSidecars: 'Auto',
      shareProcessNamespace: true,
      supportedOS: ['linux'],
      paused: false,
      updateStrategy: { type: 'RollingUpdate', maxUnavailable: 1, paused: false },
    });
  });

  it.each([
    ['spec.injectionPolicy', set.spec.injectionPolicy],
    ['spec.nativeSidecars', set.spec.nativeSidecars],
    ['spec.shareProcessNamespace', set.spec.shareProcessNamespace],
    ['spec.paused', set.spec.paused],
    ['spec.updateStrategy.type', set.spec.updateStrategy.type],
    ['spec.updateStrategy.maxUnavailable', set.spec.updateStrategy.maxUnavailable],
    ['spec.updateStrategy.paused', set.spec.updateStrategy.paused],
    ['spec.containers[].placement', set.spec.containers?.[0]?.placement],
  ] as const)('%s matches sidecar-set-defaults.ts', (path, value) => {
    expect(value).toEqual(sidecarSetDefaults[path]);
  });

  it('keeps values that are set, and defaults inside them', () => {
    const custom = accepted(
      minimal({
        injectionPolicy: 'Always',
        updateStrategy: { maxUnavailable: '25%' },
        containers: [{ name: 'agent', image: 'busybox', ports: [{ containerPort: 80 }], placement: 'Before' }],
      }),
    );
    expect(custom.spec.injectionPolicy).toBe('Always');
    expect(custom.spec.updateStrategy).toEqual({ type: 'RollingUpdate', maxUnavailable: '25%', paused: false });
    expect(custom.spec.containers?.[0]).toMatchObject({ placement: 'Before', ports: [{ containerPort: 80, protocol: 'TCP' }] });
  });

  it('treats null like an absent field, as the apiserver does', () => {
    expect(accepted(minimal({ paused: null, podMetadata: null })).spec).toMatchObject({ paused: false });
    expect(accepted(minimal({ podMetadata: null })).spec).not.toHaveProperty('podMetadata');
  });

  it('does not modify its input', () => {
    const input = minimal();
    const before = structuredClone(input);
    accepted(input);
    expect(input).toEqual(before);
  });

  it('types defaulted fields as present and stays assignable to ISidecarSet', () => {
    const policy: 'OptIn' | 'Always' = set.spec.injectionPolicy;
    const maxUnavailable: number | string = set.spec.updateStrategy.maxUnavailable;
    const plain: ISidecarSet = set;
    expect([policy, maxUnavailable, plain.kind]).toEqual(['OptIn', 1, 'SidecarSet']);
  });
});

describe('what the CRD cannot express', () => {
  it.each([
    ['a non-object', 'not a set', 'Invalid value: "string": a SidecarSet must be an object'],
    ['another kind', { ...minimal(), kind: 'Pod' }, 'kind: Unsupported value: "Pod": supported values: "SidecarSet"'],
    ['another version', { ...minimal(), apiVersion: 'tandem.dev/v1' }, 'apiVersion: Unsupported value: "tandem.dev/v1"'],
    ['no name', { ...minimal(), metadata: {} }, 'metadata.name: Required value: name or generateName is required'],
    ['an invalid name', { ...minimal(), metadata: { name: 'Web_Logs' } }, 'metadata.name: Invalid value: "Web_Logs": a lowercase RFC 1123 subdomain'],
    ['an unknown field', minimal({ contaners: [] }), 'spec.contaners: unknown field "spec.contaners"'],
    ['an unknown nested field', minimal({ updateStrategy: { maxSurge: 1 } }), 'unknown field "spec.updateStrategy.maxSurge"'],
  ])('rejects %s', (_what, object, message) => {
    expect(errorsOf(object)).toContain(message);
  });

  it('accepts generateName instead of a name', () => {
    expect(accepted({ ...minimal(), metadata: { generateName: 'logs-' } }).metadata?.generateName).toBe('logs-');
  });
});

describe('CEL rules', () => {
  // The validator plans each rule on first use, from the parse stored by gen-api: every rule of the CRD
  // must parse and plan, and the stored parse must be the rule's.
  it.each(sidecarSetValidationRules.map((rule) => [rule.segments.join('.') || '(root)', rule] as const))('the rule at %s parses and plans, as stored', (_at, rule) => {
    expect(typeof compileCelExpression(rule.rule)).toBe('function');
    expect(rule.parsed?.rule).toBe(encodeParsedCel(rule.rule));
    if (rule.messageExpression !== undefined) {
      expect(typeof compileCelExpression(rule.messageExpression)).toBe('function');
      expect(rule.parsed?.messageExpression).toBe(encodeParsedCel(rule.messageExpression));
    }
  });

  it.each([
    ['an int', 3],
    ['zero', 0],
    ['0%', '0%'],
    ['a percentage', '35%'],
    ['100%', '100%'],
  ])('accepts maxUnavailable and partition as %s', (_what, value) => {
    expect(() => accepted(minimal({ updateStrategy: { maxUnavailable: value, partition: value } }))).not.toThrow();
  });

  it.each([
    ['101%', '101%'],
    ['a fraction', '2.5%'],
    ['text', 'half'],
    ['a negative int', -2],
  ])('rejects maxUnavailable as %s', (_what, value) => {
    expect(errorsOf(minimal({ updateStrategy: { maxUnavailable: value } }))).toContain(
      'spec.updateStrategy.maxUnavailable: Invalid value',
    );
  });

  it('reports every failing rule, each at its own field', () => {
    const errors = errorsOf(
      minimal({
        selector: {},
        containers: [{ name: 'a', image: 'x', restartPolicy: 'Always' }],
        initContainers: [{ name: 'a', image: 'x' }],
      }),
    ).split('\n');
    expect(errors).toEqual([
      'spec.initContainers: Invalid value: container names must be unique across containers and initContainers',
      'spec.selector: Invalid value: an empty selector would match every pod; set matchLabels or matchExpressions',
      'spec.containers[0].restartPolicy: Forbidden: restartPolicy must not be set on a sidecar container: Tandem decides whether it runs as a native sidecar (see spec.nativeSidecars)',
    ]);
  });

  it('does not evaluate rules once the schema blocked them, like the apiserver', () => {
    const errors = errorsOf(minimal({ selector: {}, nativeSidecars: 'Sometimes' }));
    expect(errors).toContain('spec.nativeSidecars: Unsupported value: "Sometimes"');
    expect(errors).toContain('some validation rules were not checked');
    expect(errors).not.toContain('empty selector');
  });
});

describe('formatValidationErrors', () => {
  it('prints one `path: message` line per error', () => {
    expect(
      formatValidationErrors([
        { path: 'spec.selector', type: 'Required', message: 'Required value' },
        { path: '', type: 'Invalid', message: 'Invalid value: null: not checked' },
      ]),
    ).toBe('spec.selector: Required value\nInvalid value: null: not checked');
  });
});
