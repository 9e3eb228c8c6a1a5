import { describe, expect, it } from '@jest/globals';
import { selectSidecarSets } from '../../../operator/injection/select-sidecar-sets.ts';
import { sidecarSet } from './sidecar-set-fixture.ts';

const optIn = sidecarSet('opt-in');
const always = sidecarSet('always', { injectionPolicy: 'Always' });
const other = sidecarSet('other');
const sets = [other, always, optIn];

// The opt-in rules (docs/annotations-and-labels.md, "Who gets which sidecars"), case by case.
describe.each([
  { annotation: 'false', namespace: 'enabled', expected: [], reasons: ['PodOptedOut'] },
  { annotation: 'false', namespace: undefined, expected: [], reasons: ['PodOptedOut'] },
  { annotation: 'true', namespace: 'disabled', expected: [], reasons: ['NamespaceDisabled'] },
  { annotation: undefined, namespace: 'disabled', expected: [], reasons: ['NamespaceDisabled'] },
  { annotation: 'true', namespace: undefined, expected: ['always', 'opt-in', 'other'], reasons: [] },
  { annotation: 'TRUE', namespace: 'enabled', expected: ['always', 'opt-in', 'other'], reasons: [] },
  { annotation: 'opt-in,always', namespace: undefined, expected: ['always', 'opt-in'], reasons: ['NotListed'] },
  { annotation: 'opt-in', namespace: 'enabled', expected: ['opt-in'], reasons: ['NotListed'] },
  { annotation: undefined, namespace: 'enabled', expected: ['always', 'opt-in', 'other'], reasons: [] },
  { annotation: undefined, namespace: undefined, expected: ['always'], reasons: ['NotOptedIn'] },
])('annotation $annotation, namespace label $namespace', ({ annotation, namespace, expected, reasons }) => {
  const selection = selectSidecarSets({
    podLabels: { app: 'web' },
    podAnnotations: annotation === undefined ? {} : { 'tandem.dev/inject': annotation },
    namespaceLabels: namespace === undefined ? {} : { 'tandem.dev/injection': namespace },
    sidecarSets: sets,
  });

  it(`selects ${expected.join(', ') || 'nothing'} in name order`, () => {
    expect(selection.selected.map((set) => set.metadata?.name)).toEqual(expected);
  });

  it('explains every set it did not select', () => {
    expect(selection.rejected.length + selection.selected.length).toBe(sets.length);
    expect([...new Set(selection.rejected.map((decision) => decision.reason))]).toEqual(reasons);
  });
});

describe('matching', () => {
  const pod = { podAnnotations: { 'tandem.dev/inject': 'true' }, namespaceLabels: { env: 'prod' } };

  it.each([
    { name: 'paused', set: sidecarSet('s', { paused: true }), labels: { app: 'web' }, reason: 'Paused' },
    { name: 'selector', set: sidecarSet('s'), labels: { app: 'api' }, reason: 'SelectorMismatch' },
    {
      name: 'namespace selector',
      set: sidecarSet('s', { namespaceSelector: { matchLabels: { env: 'dev' } } }),
      labels: { app: 'web' },
      reason: 'NamespaceSelectorMismatch',
    },
  ])('refuses on $name', ({ set, labels, reason }) => {
    const selection = selectSidecarSets({ ...pod, podLabels: labels, sidecarSets: [set] });
    expect(selection.selected).toEqual([]);
    expect(selection.rejected[0]?.reason).toBe(reason);
  });

  it('accepts a namespace selector that matches', () => {
    const set = sidecarSet('s', { namespaceSelector: { matchLabels: { env: 'prod' } } });
    expect(selectSidecarSets({ ...pod, podLabels: { app: 'web' }, sidecarSets: [set] }).selected).toHaveLength(1);
  });
});

describe('warnings', () => {
  const select = (annotation: string, namespace?: string) =>
    selectSidecarSets({
      podLabels: { app: 'web' },
      podAnnotations: { 'tandem.dev/inject': annotation },
      namespaceLabels: namespace === undefined ? {} : { 'tandem.dev/injection': namespace },
      sidecarSets: [optIn, sidecarSet('db', { selector: { matchLabels: { app: 'db' } } })],
    });

  it('warns about a listed set that does not exist', () => {
    expect(select('opt-in,missing').warnings).toEqual([
      'tandem.dev/inject names SidecarSet "missing", which does not exist',
    ]);
  });

  it('warns about a listed set that does not match', () => {
    expect(select('db').warnings).toEqual([
      `SidecarSet "db" was not injected: spec.selector does not match the pod's labels`,
    ]);
  });

  it('ignores an annotation value it does not understand, and says so', () => {
    const selection = select('Yes Please');
    expect(selection.selected).toEqual([]);
    expect(selection.warnings[0]).toMatch(/annotation tandem.dev\/inject="Yes Please" is not "true", "false"/);
  });

  it('ignores a namespace label value it does not understand, and says so', () => {
    const selection = selectSidecarSets({
      podLabels: { app: 'web' },
      podAnnotations: {},
      namespaceLabels: { 'tandem.dev/injection': 'on' },
      sidecarSets: [optIn],
    });
    expect(selection.selected).toEqual([]);
    expect(selection.warnings[0]).toMatch(/namespace label tandem.dev\/injection="on" is neither/);
  });

  it('does not warn about listed sets when the namespace disables injection', () => {
    expect(select('missing', 'disabled').warnings).toEqual([]);
  });
});
