// What the API server does to a pod between Tandem's patch and the next time
// Tandem sees it (a reinvocation, a pod copied with `kubectl get -o yaml`, the
// pods of a template `tandem inject` rewrote) is not a change to what Tandem
// added. The fixture is a pod `tandem inject` wrote, as kube-apiserver
// v1.36.3 served it back: `kubectl create --dry-run=server -o json` of the
// injected pod, with the ServiceAccount admission plugin's token volume and
// mounts, requests defaulted from limits and every core/v1 default.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Container, PodTemplate } from '../../../operator/api/pod-template.ts';
import { parseSidecarSetDocuments } from '../../../operator/api/sidecar-set-documents.ts';
import { injectPod } from '../../../operator/injection/inject-pod.ts';
import { defaultPullPolicy, servedContainer, servedVolume } from '../../../operator/injection/served-form.ts';

const fixtures = join(import.meta.dirname, '../../fixtures/served-pods');
const sets = parseSidecarSetDocuments(readFileSync(join(fixtures, 'mesh-sidecarset.yaml'), 'utf8'), 'mesh-sidecarset.yaml');
const served = (): PodTemplate => JSON.parse(readFileSync(join(fixtures, 'mesh-injected-as-served.json'), 'utf8')) as PodTemplate;
const inject = (pod: PodTemplate) => injectPod({ pod, namespaceLabels: {}, sidecarSets: sets, options: {} });

/** What a second webhook does before the API server calls Tandem again: add a container. */
function withHelper(pod: PodTemplate): PodTemplate {
  return { ...pod, spec: { ...pod.spec!, containers: [...(pod.spec?.containers ?? []), { name: 'helper', image: 'registry.example/helper:1' }] } };
}

describe('a pod Tandem injected, as the API server served it back', () => {
  it('is left exactly as it is when Tandem is called again (reinvocation)', () => {
    const input = withHelper(served());
    const result = inject(input);
    expect(result.warnings).toEqual([]);
    expect(result.pod).toEqual(input);
  });

  it('still tells a sidecar the user changed from one the API server defaulted', () => {
    const input = withHelper(served());
    const proxy = input.spec?.initContainers?.find((container) => container.name === 'mesh-proxy');
    proxy!.ports = [{ containerPort: 9999, name: 'proxy', protocol: 'TCP' }];
    const result = inject(input);
    expect(result.warnings.join('\n')).toContain('the record of SidecarSet "mesh" does not match the pod');
    expect(result.pod.spec?.initContainers?.find((container) => container.name === 'mesh-proxy')?.ports).toEqual([{ containerPort: 9999, name: 'proxy', protocol: 'TCP' }]);
  });
});

describe('the served form', () => {
  it.each([
    ['registry.example/proxy', 'Always'],
    ['registry.example/proxy:latest', 'Always'],
    ['registry.example:5000/proxy', 'Always'],
    ['registry.example:5000/proxy:1.2', 'IfNotPresent'],
    ['registry.example/proxy@sha256:0123', 'IfNotPresent'],
    ['registry.example/proxy:latest@sha256:0123', 'Always'],
    ['', 'IfNotPresent'],
  ])('defaults imagePullPolicy of %j to %s, as SetDefaults_Container does', (image, policy) => {
    expect(defaultPullPolicy(image)).toBe(policy);
  });

  const container: Container = { name: 'proxy', image: 'registry.example/proxy:1', readinessProbe: { httpGet: { port: 8080 } } };
  it.each<[string, Container]>([
    ['the API server defaults', { ...container, imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', readinessProbe: { httpGet: { port: 8080, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 } }],
    ['empty lists and strings the API server omits', { ...container, args: [], workingDir: '', env: [] }],
    ['the ServiceAccount token mount', { ...container, volumeMounts: [{ name: 'kube-api-access-abcde', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }] }],
  ])('ignores %s', (_name, variant) => {
    expect(servedContainer(variant)).toEqual(servedContainer(container));
  });

  it.each<[string, Container]>([
    ['a pull policy that is not the default', { ...container, imagePullPolicy: 'Always' }],
    ['a probe timing that is not the default', { ...container, readinessProbe: { httpGet: { port: 8080 }, periodSeconds: 5 } }],
    ['a mount of another volume at the token path', { ...container, volumeMounts: [{ name: 'mine', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }] }],
  ])('keeps %s', (_name, variant) => {
    expect(servedContainer(variant)).not.toEqual(servedContainer(container));
  });

  it('reads a volume without a source as the emptyDir the API server makes it, and drops default modes', () => {
    expect(servedVolume({ name: 'scratch' })).toEqual(servedVolume({ name: 'scratch', emptyDir: {} }));
    expect(servedVolume({ name: 'c', configMap: { name: 'c' } })).toEqual(servedVolume({ name: 'c', configMap: { name: 'c', defaultMode: 420 } }));
    expect(servedVolume({ name: 'c', configMap: { name: 'c', defaultMode: 256 } })).not.toEqual(servedVolume({ name: 'c', configMap: { name: 'c' } }));
  });
});
