// The injection record is the pod's claim of what Tandem added, and pods
// carry it into places Tandem never wrote (issue 12, item 4): `kubectl get
// pod -o yaml` copies, hand edits, templates. Only what still matches what
// the record says Tandem added is stripped; what the user wrote is never
// removed or changed, and a record that does not match the pod is reported.
import { describe, expect, it } from '@jest/globals';
import type { SidecarSet } from '../../../operator/api/sidecar-set.ts';
import { computeJsonPatch } from '../../../operator/admission/compute-json-patch.ts';
import { injectPod } from '../../../operator/injection/inject-pod.ts';
import type { PodTemplate } from '../../../operator/api/pod-template.ts';
import { sidecarSet } from './sidecar-set-fixture.ts';

const RECORD = 'tandem.dev/injection-record';

const pod = (): PodTemplate => ({
  metadata: { name: 'app', labels: { app: 'web' }, annotations: { 'tandem.dev/inject': 'true' } },
  spec: { containers: [{ name: 'app', image: 'example.com/app:1' }] },
});

const inject = (input: PodTemplate, sets: readonly SidecarSet[]) => injectPod({ pod: input, namespaceLabels: {}, sidecarSets: sets, options: {} });

const mesh = sidecarSet('mesh', {
  volumes: [{ name: 'mesh-certs', emptyDir: {} }],
  containers: [{ name: 'mesh-proxy', image: 'example.com/proxy:1', placement: 'After', volumeMounts: [{ name: 'mesh-certs', mountPath: '/certs' }] }],
  podMetadata: { labels: { 'mesh.example.com/member': 'true' } },
});

function withRecord(input: PodTemplate, record: unknown): PodTemplate {
  return { ...input, metadata: { ...input.metadata, annotations: { ...input.metadata?.annotations, [RECORD]: JSON.stringify(record) } } };
}

describe('a record that does not match the pod', () => {
  it('never turns an explicit shareProcessNamespace: false into true', () => {
    const copied = inject(pod(), [mesh]).pod;
    const edited: PodTemplate = { ...copied, spec: { ...copied.spec!, shareProcessNamespace: false } };
    const result = inject(edited, [mesh]);
    expect(result.pod.spec?.shareProcessNamespace).toBe(false);
    expect(result.warnings.join('\n')).toMatch(/shareProcessNamespace: false.*kept/);
  });

  it("never removes the app's own container that a record names", () => {
    const input = withRecord(pod(), { version: 1, sets: { mesh: { hash: 'x', hashWithoutImages: 'y', containers: ['app'] } } });
    const result = inject(input, [sidecarSet('other', { selector: { matchLabels: { app: 'none' } } })]);
    expect(result.pod.spec?.containers.map((container) => container.name)).toEqual(['app']);
    const patch = computeJsonPatch(input, result.pod);
    expect(patch.filter((operation) => operation.path.startsWith('/spec/containers'))).toEqual([]);
    expect(result.warnings.join('\n')).toContain('SidecarSet "mesh"');
    expect(result.warnings.join('\n')).toContain('left as they are');
  });

  it('never removes a volume the user wrote under a recorded name', () => {
    const input = withRecord(
      { ...pod(), spec: { ...pod().spec!, volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }] } },
      { version: 1, sets: { mesh: { hash: 'x', hashWithoutImages: 'y', volumes: ['data'], contentHash: '0000000000000000' } } },
    );
    const result = inject(input, []);
    expect(result.pod.spec?.volumes).toEqual([{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }]);
  });

  it('keeps a sidecar the user changed after injection, and says so', () => {
    const injected = inject(pod(), [mesh]).pod;
    const spec = injected.spec!;
    const edited: PodTemplate = {
      ...injected,
      spec: { ...spec, initContainers: spec.initContainers?.map((container) => ({ ...container, args: ['--debug'] })) },
    };
    const result = inject(edited, [mesh]);
    expect(result.pod.spec?.initContainers?.[0]?.args).toEqual(['--debug']);
    expect(result.decisions[0]).toMatchObject({ sidecarSet: 'mesh', injected: false, reason: 'NameClash' });
    expect(result.warnings.join('\n')).toMatch(/the record of SidecarSet "mesh" does not match the pod/);
  });

  it('keeps a default-container annotation the user pointed elsewhere', () => {
    const injected = inject(pod(), [mesh]).pod;
    const edited: PodTemplate = {
      ...injected,
      metadata: { ...injected.metadata, annotations: { ...injected.metadata?.annotations, 'kubectl.kubernetes.io/default-container': 'mesh-proxy' } },
    };
    const result = inject(edited, [sidecarSet('mesh', { ...mesh.spec, podMetadata: {} })]);
    expect(result.changed).toBe(true);
    expect(result.pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container']).toBe('mesh-proxy');
  });
});

describe('a record that matches the pod', () => {
  it('is stripped and re-injected when the set changed, images and all', () => {
    const injected = inject(pod(), [mesh]).pod;
    const v2 = sidecarSet('mesh', { ...mesh.spec, containers: [{ name: 'mesh-proxy', image: 'example.com/proxy:2', placement: 'After', args: ['--v2'], volumeMounts: [{ name: 'mesh-certs', mountPath: '/certs' }] }] });
    const result = inject(injected, [v2]);
    expect(result.warnings).toEqual([]);
    expect(result.pod.spec?.initContainers).toEqual([expect.objectContaining({ name: 'mesh-proxy', image: 'example.com/proxy:2', args: ['--v2'] })]);
  });

  it('still matches after the controller changed images in place', () => {
    const injected = inject(pod(), [mesh]).pod;
    const spec = injected.spec!;
    const upgraded: PodTemplate = { ...injected, spec: { ...spec, initContainers: spec.initContainers?.map((container) => ({ ...container, image: 'example.com/proxy:3' })) } };
    const result = inject(upgraded, []);
    expect(result.warnings).toEqual([]);
    expect(result.pod).toEqual(pod());
  });

  it('restores the pod exactly when the set goes away', () => {
    expect(inject(inject(pod(), [mesh]).pod, []).pod).toEqual(pod());
  });

  it('accepts a record of an older Tandem (no content hash) whose sidecars are what the set injects now', () => {
    const injected = inject(pod(), [mesh]).pod;
    const record = JSON.parse(injected.metadata?.annotations?.[RECORD] ?? '{}') as { sets: Record<string, Record<string, unknown>> };
    delete record.sets.mesh?.contentHash;
    const legacy = withRecord(injected, record);
    const result = inject(legacy, [mesh]);
    expect(result.warnings).toEqual([]);
    expect(result.pod.spec?.initContainers?.map((container) => container.name)).toEqual(['mesh-proxy']);
    expect(inject(legacy, [mesh, sidecarSet('mesh2', { paused: true })]).warnings).toEqual([]);
  });

  it('leaves what a record of an older Tandem names when its set is gone, as nothing can prove it is Tandem\'s', () => {
    const injected = inject(pod(), [mesh]).pod;
    const record = JSON.parse(injected.metadata?.annotations?.[RECORD] ?? '{}') as { sets: Record<string, Record<string, unknown>> };
    delete record.sets.mesh?.contentHash;
    const result = inject(withRecord(injected, record), []);
    expect(result.pod.spec?.initContainers?.map((container) => container.name)).toEqual(['mesh-proxy']);
    expect(result.warnings.join('\n')).toMatch(/the record of SidecarSet "mesh" does not match the pod/);
  });
});
