// `tandem explain` on a live pod (`kubectl get pod -o yaml | tandem explain -f -`):
// where an injected pod stands against each set its record names, and for an
// outdated one which fields of which containers differ, with the API
// server's defaults in the pod not counted as differences.
import { describe, expect, it } from '@jest/globals';
import type { SidecarSet } from '../../../operator/api/sidecar-set.ts';
import type { PodTemplate } from '../../../operator/api/pod-template.ts';
import { explainManifests, formatExplanations } from '../../../operator/cli/explain-command.ts';
import { injectPod } from '../../../operator/injection/inject-pod.ts';
import { describeRevisions } from '../../../operator/injection/sidecar-revision.ts';
import { sidecarSet } from './sidecar-set-fixture.ts';

const KUBE = { major: 1, minor: 36 } as const;

function proxy(overrides: Record<string, unknown> = {}): SidecarSet {
  return sidecarSet('mesh', {
    nativeSidecars: 'Always',
    containers: [
      {
        name: 'proxy',
        image: 'example.com/proxy:1',
        args: ['--port', '15001'],
        resources: { requests: { cpu: '50m', memory: '64Mi' } },
        readinessProbe: { httpGet: { path: '/ready', port: 15021 } },
        ...overrides,
      },
    ],
  });
}

/** The pod injected with `set`, then as the API server stores it: defaults filled in. */
function livePod(set: SidecarSet): PodTemplate {
  const pod: PodTemplate = {
    metadata: { name: 'web-1', namespace: 'shop', labels: { app: 'web' }, annotations: { 'tandem.dev/inject': 'true' } },
    spec: { containers: [{ name: 'app', image: 'example.com/app:1' }] },
  };
  const injected = injectPod({ pod, namespaceLabels: {}, sidecarSets: [set], options: { kubeVersion: KUBE } }).pod;
  const withDefaults = JSON.parse(JSON.stringify(injected)) as PodTemplate;
  for (const container of [...(withDefaults.spec?.initContainers ?? []), ...(withDefaults.spec?.containers ?? [])]) {
    Object.assign(container, { terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', imagePullPolicy: 'IfNotPresent' });
    if (container.readinessProbe !== undefined) Object.assign(container.readinessProbe, { timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
    if (container.readinessProbe?.httpGet !== undefined) Object.assign(container.readinessProbe.httpGet, { scheme: 'HTTP' });
  }
  return withDefaults;
}

describe('describeRevisions', () => {
  const running = livePod(proxy());
  const cases: { name: string; now: SidecarSet; state: string; message: RegExp }[] = [
    { name: 'the same set (defaults in the pod do not count)', now: proxy(), state: 'current', message: /current revision/ },
    { name: 'a new image', now: proxy({ image: 'example.com/proxy:2' }), state: 'inPlace', message: /upgrades the running pod in place/ },
    { name: 'new cpu/memory', now: proxy({ resources: { requests: { cpu: '100m', memory: '64Mi' } } }), state: 'inPlace', message: /resizes the running pod in place/ },
    { name: 'new args', now: proxy({ args: ['--port', '15006'] }), state: 'outdated', message: /^the pod differs from the set now in args of container proxy; Kubernetes cannot change these/ },
    { name: 'an env var added, the probe changed', now: proxy({ env: [{ name: 'MODE', value: 'fast' }], readinessProbe: { httpGet: { path: '/healthz', port: 15021 } } }), state: 'outdated', message: /in env, readinessProbe of container proxy;/ },
    { name: 'args removed from the set', now: proxy({ args: undefined }), state: 'outdated', message: /in args of container proxy;/ },
    { name: 'a second sidecar added', now: sidecarSet('mesh', { nativeSidecars: 'Always', containers: [...(proxy().spec.containers ?? []), { name: 'extra', image: 'example.com/extra:1' }] }), state: 'outdated', message: /in container extra added to the set;/ },
  ];
  it.each(cases)('$name: $state', ({ now, state, message }) => {
    const [revision] = describeRevisions(running, [now], KUBE);
    expect(revision?.state).toBe(state);
    expect(revision?.message).toMatch(message);
  });

  it('is what tandem explain prints for a live pod, with the remedy', () => {
    const text = JSON.stringify({ apiVersion: 'v1', kind: 'Pod', ...running });
    const explanations = explainManifests(text, 'pod.yaml', { sidecarSets: [proxy({ args: ['--port', '15006'] })], namespaceLabels: {}, options: { kubeVersion: KUBE } });
    expect(formatExplanations(explanations)).toContain(
      "  running pod, mesh: outdated: the pod differs from the set now in args of container proxy; Kubernetes cannot change these in a running pod: roll the pod's workload (kubectl rollout restart), or set updateStrategy.type RestartWorkloads",
    );
  });

  it('says nothing for a pod without a record (a manifest not injected yet)', () => {
    expect(describeRevisions({ metadata: { name: 'x' }, spec: { containers: [{ name: 'app' }] } }, [proxy()], KUBE)).toEqual([]);
  });
});
