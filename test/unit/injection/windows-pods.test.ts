// What a Windows pod gets (issue 12, item 3; ADR 0015): a pod is a Windows pod when
// spec.os.name is windows, or its nodeSelector or required node affinity
// pins kubernetes.io/os=windows. A set injects into it only when its
// spec.supportedOS lists windows (default: linux only), and
// shareProcessNamespace is never forced on it.
import { describe, expect, it } from '@jest/globals';
import type { INodeSelectorRequirement } from 'kubernetes-models/v1/NodeSelectorRequirement';
import type { SidecarSet } from '../../../operator/api/sidecar-set.ts';
import { classifyPod } from '../../../operator/controller/classify-pod.ts';
import { trimPod } from '../../../operator/controller/cached-pod.ts';
import { injectPod } from '../../../operator/injection/inject-pod.ts';
import { podOperatingSystem } from '../../../operator/injection/pod-operating-system.ts';
import type { PodSpec, PodTemplate } from '../../../operator/api/pod-template.ts';
import { resolveNativeness } from '../../../operator/injection/resolve-nativeness.ts';
import { hashSidecarSet } from '../../../operator/injection/sidecar-set-hash.ts';
import { sidecarSet } from './sidecar-set-fixture.ts';

const linuxOnly = sidecarSet('reloader', { shareProcessNamespace: false });
const windowsToo = sidecarSet('logs', { shareProcessNamespace: false, supportedOS: ['linux', 'windows'] });
const needsPid = sidecarSet('signals', { supportedOS: ['windows'] });

const pinned = (term: INodeSelectorRequirement[]): Partial<PodSpec> => ({
  affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: term.map((expression) => ({ matchExpressions: [expression] })) } } },
});

const WINDOWS: readonly (readonly [string, Partial<PodSpec>])[] = [
  ['spec.os.name: windows', { os: { name: 'windows' } }],
  ['nodeSelector kubernetes.io/os=windows', { nodeSelector: { 'kubernetes.io/os': 'windows' } }],
  ['required node affinity kubernetes.io/os In [windows]', pinned([{ key: 'kubernetes.io/os', operator: 'In', values: ['windows'] }])],
];

const NOT_WINDOWS: readonly (readonly [string, Partial<PodSpec>])[] = [
  ['no hint', {}],
  ['spec.os.name: linux', { os: { name: 'linux' } }],
  ['nodeSelector kubernetes.io/os=linux', { nodeSelector: { 'kubernetes.io/os': 'linux' } }],
  ['affinity allowing linux or windows', pinned([{ key: 'kubernetes.io/os', operator: 'In', values: ['linux', 'windows'] }])],
  ['one term of two pins windows', pinned([{ key: 'kubernetes.io/os', operator: 'In', values: ['windows'] }, { key: 'zone', operator: 'Exists' }])],
  ['preferred affinity only', { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [{ key: 'kubernetes.io/os', operator: 'In', values: ['windows'] }] } }] } } }],
];

const pod = (spec: Partial<PodSpec>): PodTemplate => ({
  metadata: { name: 'win', labels: { app: 'web' }, annotations: { 'tandem.dev/inject': 'true' } },
  spec: { containers: [{ name: 'iis', image: 'mcr.microsoft.com/windows/servercore/iis' }], ...spec },
});

const inject = (input: PodTemplate, sets: readonly SidecarSet[]) => injectPod({ pod: input, namespaceLabels: {}, sidecarSets: sets, options: {} });

describe.each(WINDOWS)('a pod with %s', (_why, spec) => {
  it('is a Windows pod', () => {
    expect(podOperatingSystem(pod(spec).spec ?? { containers: [] }).name).toBe('windows');
  });

  it('gets no set that supports only linux (the default), with reason UnsupportedOS', () => {
    const result = inject(pod(spec), [linuxOnly]);
    expect(result.changed).toBe(false);
    expect(result.decisions).toEqual([expect.objectContaining({ sidecarSet: 'reloader', injected: false, reason: 'UnsupportedOS' })]);
    expect(result.decisions[0]?.message).toMatch(/Windows pod .*spec\.supportedOS is \[linux\]/);
    // Skipped silently unless the pod names the set.
    expect(result.warnings).toEqual([]);
  });

  it('is warned when it names such a set explicitly', () => {
    const input = pod(spec);
    input.metadata = { ...input.metadata, annotations: { 'tandem.dev/inject': 'reloader' } };
    expect(inject(input, [linuxOnly]).warnings.join('\n')).toMatch(/SidecarSet "reloader" was not injected: .*Windows pod/);
  });

  it('gets a set that supports windows, without shareProcessNamespace', () => {
    const result = inject(pod(spec), [windowsToo]);
    expect(result.decisions[0]).toMatchObject({ injected: true });
    expect(result.pod.spec?.shareProcessNamespace).toBeUndefined();
  });

  it('never gets shareProcessNamespace forced on it', () => {
    const result = inject(pod(spec), [needsPid]);
    expect(result.decisions[0]).toMatchObject({ injected: false, reason: 'ProcessNamespaceConflict' });
    expect(result.pod.spec?.shareProcessNamespace).toBeUndefined();
  });

  it('is counted by the controller as not selected, not missed', () => {
    const cached = trimPod({ metadata: { name: 'win', namespace: 'shop', labels: { app: 'web' }, annotations: { 'tandem.dev/inject': 'true' } }, spec: pod(spec).spec });
    const hashes = hashSidecarSet(linuxOnly, resolveNativeness(linuxOnly, undefined));
    expect(classifyPod({ set: linuxOnly, hashes, resizeSupported: true, now: new Date(0) }, cached, {}).state).toMatchObject({ kind: 'notSelected', reason: 'UnsupportedOS' });
  });
});

describe.each(NOT_WINDOWS)('a pod with %s', (_why, spec) => {
  it('is a Linux pod and gets the default set', () => {
    expect(podOperatingSystem(pod(spec).spec ?? { containers: [] }).name).toBe('linux');
    expect(inject(pod(spec), [linuxOnly]).decisions[0]).toMatchObject({ injected: true });
  });

  it('does not get a windows-only set', () => {
    expect(inject(pod(spec), [sidecarSet('win', { supportedOS: ['windows'], shareProcessNamespace: false })]).decisions[0]).toMatchObject({ reason: 'UnsupportedOS' });
  });
});
