import { describe, expect, it } from '@jest/globals';
import type { SidecarSet } from '../../../operator/api/sidecar-set.ts';
import { injectPod } from '../../../operator/injection/inject-pod.ts';
import type { PodTemplate } from '../../../operator/api/pod-template.ts';
import { sidecarSet } from './sidecar-set-fixture.ts';

const pod = (): PodTemplate => ({
  metadata: { name: 'app', labels: { app: 'web' }, annotations: { 'tandem.dev/inject': 'true' } },
  spec: { containers: [{ name: 'app', image: 'example.com/app:1' }] },
});

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

const inject = (input: PodTemplate, sets: SidecarSet[]) =>
  injectPod({ pod: input, namespaceLabels: {}, sidecarSets: sets, options: {} });

describe('injectPod', () => {
  it('does not mutate its input', () => {
    const input = pod();
    const before = JSON.stringify(input);
    inject(input, [sidecarSet('mesh')]);
    expect(JSON.stringify(input)).toBe(before);
  });

  it('never writes into its input, even when stripping and re-injecting (deep-frozen input)', () => {
    const set = sidecarSet('mesh', { volumes: [{ name: 'v', emptyDir: {} }], imagePullSecrets: [{ name: 's' }] });
    const once = inject(pod(), [set]).pod;
    const changed = sidecarSet('mesh', { containers: [{ name: 'proxy', image: 'proxy:2', placement: 'Before' }], nativeSidecars: 'Never' });
    expect(() => inject(deepFreeze(pod()), [set])).not.toThrow();
    expect(() => inject(deepFreeze(structuredClone(once)), [changed])).not.toThrow();
    expect(() => inject(deepFreeze(structuredClone(once)), [sidecarSet('mesh', { paused: true })])).not.toThrow();
  });

  it('never lets one pod change what the next pod gets (containers shared from the set are frozen)', () => {
    const set = sidecarSet('mesh', { volumes: [{ name: 'v', emptyDir: {} }] });
    const first = inject(pod(), [set]).pod;
    const sidecar = first.spec?.initContainers?.[0];
    expect(sidecar?.name).toBe('mesh-sidecar');
    expect(() => {
      (sidecar as { image: string }).image = 'tampered';
    }).toThrow(TypeError);
    expect(() => first.spec?.volumes?.[0] && Object.assign(first.spec.volumes[0], { emptyDir: { medium: 'Memory' } })).toThrow(TypeError);
    const second = inject(pod(), [set]).pod;
    expect(second.spec?.initContainers?.[0]).toEqual({
      name: 'mesh-sidecar',
      image: 'example.com/mesh:1',
      restartPolicy: 'Always',
      resizePolicy: [
        { resourceName: 'cpu', restartPolicy: 'NotRequired' },
        { resourceName: 'memory', restartPolicy: 'NotRequired' },
      ],
    });
    expect(second.spec?.volumes).toEqual([{ name: 'v', emptyDir: {} }]);
    expect(set.spec.containers?.[0]).toEqual({ name: 'mesh-sidecar', image: 'example.com/mesh:1', placement: 'After' });
  });

  it('returns the very input object when nothing applies', () => {
    const input = pod();
    const result = inject(input, [sidecarSet('db', { selector: { matchLabels: { app: 'db' } } })]);
    expect(result.changed).toBe(false);
    expect(result.pod).toBe(input);
    expect(result.record).toBeUndefined();
  });

  it('keeps fields it does not know about', () => {
    const input = { ...pod(), status: { phase: 'Pending' }, futureField: { x: 1 } } as PodTemplate;
    const result = inject(input, [sidecarSet('mesh')]);
    expect(result.pod).toMatchObject({ status: { phase: 'Pending' }, futureField: { x: 1 } });
  });

  it('records what each set added, with hashes', () => {
    const result = inject(pod(), [sidecarSet('mesh')]);
    expect(result.record?.sets.mesh).toMatchObject({
      initContainers: ['mesh-sidecar'],
      containers: [],
      hash: expect.stringMatching(/^[0-9a-f]{16}$/) as unknown,
    });
    expect(result.pod.metadata?.labels?.['tandem.dev/injected']).toBe('true');
    expect(result.pod.spec?.shareProcessNamespace).toBe(true);
    expect(result.pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container']).toBe('app');
  });

  it('re-injects a pod injected from an older version of a set cleanly', () => {
    const v1 = sidecarSet('mesh', { containers: [{ name: 'proxy', image: 'proxy:1', placement: 'After' }] });
    const v2 = sidecarSet('mesh', { containers: [{ name: 'proxy', image: 'proxy:2', placement: 'After' }] });
    const once = inject(pod(), [v1]).pod;
    const again = inject(once, [v2]);
    const fresh = inject(pod(), [v2]);
    expect(again.changed).toBe(true);
    expect(again.pod).toEqual(fresh.pod);
  });

  it('strips a set that no longer applies, restoring the original pod exactly', () => {
    const once = inject(pod(), [sidecarSet('mesh')]).pod;
    const stripped = inject(once, [sidecarSet('mesh', { paused: true })]);
    expect(stripped.pod).toEqual(pod());
    expect(stripped.record).toBeUndefined();
  });

  it('leaves a current pod alone even when another webhook appended a container after ours', () => {
    const set = sidecarSet('mesh', {
      nativeSidecars: 'Never',
      containers: [{ name: 'proxy', image: 'proxy:1', placement: 'After' }],
    });
    const once = inject(pod(), [set]).pod;
    once.spec?.containers.push({ name: 'added-by-someone-else', image: 'x' });
    const again = inject(once, [set]);
    expect(again.changed).toBe(false);
    expect(again.pod).toBe(once);
  });

  it('re-injects when a recorded container went missing', () => {
    const set = sidecarSet('mesh', { nativeSidecars: 'Never' });
    const once = inject(pod(), [set]).pod;
    once.spec!.containers = once.spec!.containers.filter((container) => container.name === 'app');
    const again = inject(once, [set]);
    expect(again.changed).toBe(true);
    expect(again.pod.spec?.containers.map((container) => container.name)).toEqual(['app', 'mesh-sidecar']);
  });

  it('warns about an unreadable record and replaces it', () => {
    const input = pod();
    input.metadata!.annotations!['tandem.dev/injection-record'] = '{broken';
    const result = inject(input, [sidecarSet('mesh')]);
    expect(result.warnings.some((warning) => warning.includes('unreadable'))).toBe(true);
  });

  it('decides once per known set, sorted by name', () => {
    const result = inject(pod(), [sidecarSet('b'), sidecarSet('a', { paused: true })]);
    expect(result.decisions.map((decision) => [decision.sidecarSet, decision.reason])).toEqual([
      ['a', 'Paused'],
      ['b', 'Injected'],
    ]);
  });
});
