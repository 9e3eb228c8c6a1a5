// Injected containers get the service-account token mount the apiserver's
// ServiceAccount plugin would add in its reinvocation round (ADR 0009), and
// only when the plugin ran on the pod.
import { describe, expect, it } from '@jest/globals';
import { injectPod } from '../../../operator/injection/inject-pod.ts';
import type { Container, PodTemplate, Volume } from '../../../operator/api/pod-template.ts';
import { SERVICE_ACCOUNT_TOKEN_PATH } from '../../../operator/injection/service-account-token-mount.ts';
import { sidecarSet } from './sidecar-set-fixture.ts';

const TOKEN = { name: 'kube-api-access-x2x9z', readOnly: true, mountPath: SERVICE_ACCOUNT_TOKEN_PATH };
const TOKEN_VOLUME = { name: 'kube-api-access-x2x9z', projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 3607 } }] } };

/** A pod as the apiserver hands it to webhooks: the plugin mounted the token into the app container. */
function admittedPod(app: Partial<Container> = { volumeMounts: [TOKEN] }, volumes: Volume[] = [TOKEN_VOLUME]): PodTemplate {
  return {
    metadata: { name: 'app', labels: { app: 'web' }, annotations: { 'tandem.dev/inject': 'true' } },
    spec: { containers: [{ name: 'app', image: 'example.com/app:1', ...app }], volumes },
  };
}

const set = sidecarSet('mesh', {
  initContainers: [{ name: 'mesh-init', image: 'example.com/init:1' }],
  containers: [
    { name: 'mesh-proxy', image: 'example.com/proxy:1', placement: 'After', volumeMounts: [{ name: 'certs', mountPath: '/certs' }] },
    { name: 'mesh-own-token', image: 'example.com/t:1', placement: 'After', volumeMounts: [{ name: 'certs', mountPath: SERVICE_ACCOUNT_TOKEN_PATH }] },
  ],
  volumes: [{ name: 'certs', emptyDir: {} }],
});

function mounts(pod: PodTemplate, native = true): Record<string, unknown> {
  const all = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  expect(all.some((container) => container.restartPolicy === 'Always')).toBe(native);
  return Object.fromEntries(all.map((container) => [container.name, container.volumeMounts ?? []]));
}

describe('the service-account token mount of injected containers', () => {
  it('is appended, as the plugin would, to every injected container that mounts nothing at the token path', () => {
    const result = injectPod({ pod: admittedPod(), namespaceLabels: {}, sidecarSets: [set], options: {} });
    expect(result.changed).toBe(true);
    expect(mounts(result.pod)).toEqual({
      'mesh-init': [TOKEN],
      'mesh-proxy': [{ name: 'certs', mountPath: '/certs' }, TOKEN],
      'mesh-own-token': [{ name: 'certs', mountPath: SERVICE_ACCOUNT_TOKEN_PATH }],
      app: [TOKEN],
    });
    // The set's shared containers are not edited.
    expect(set.spec.containers?.[0]?.volumeMounts).toEqual([{ name: 'certs', mountPath: '/certs' }]);
  });

  it('also into regular sidecar containers', () => {
    const regular = sidecarSet('mesh', { nativeSidecars: 'Never' });
    const result = injectPod({ pod: admittedPod(), namespaceLabels: {}, sidecarSets: [regular], options: {} });
    expect(mounts(result.pod, false)).toEqual({ app: [TOKEN], 'mesh-sidecar': [TOKEN] });
  });

  it.each([
    ['the pod has no token volume (automountServiceAccountToken: false)', admittedPod({}, [])],
    ['no container of the pod mounts the volume at the token path (the plugin did not run)', admittedPod({}, [TOKEN_VOLUME])],
    ['the app mounts another volume there', admittedPod({ volumeMounts: [{ name: 'mine', mountPath: SERVICE_ACCOUNT_TOKEN_PATH }] }, [TOKEN_VOLUME, { name: 'mine', emptyDir: {} }])],
  ])('is not added when %s', (_, pod) => {
    const result = injectPod({ pod, namespaceLabels: {}, sidecarSets: [set], options: {} });
    const all = mounts(result.pod);
    expect(all['mesh-init']).toEqual([]);
    expect(all['mesh-proxy']).toEqual([{ name: 'certs', mountPath: '/certs' }]);
  });

  it('leaves an injected pod alone when it is injected again (reinvocation, the controller)', () => {
    const once = injectPod({ pod: admittedPod(), namespaceLabels: {}, sidecarSets: [set], options: {} }).pod;
    const again = injectPod({ pod: structuredClone(once), namespaceLabels: {}, sidecarSets: [set], options: {} });
    expect(again.changed).toBe(false);
  });
});
