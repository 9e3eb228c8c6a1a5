// The controller against the real local control plane (kube-apiserver
// v1.36 + kwok). Pods are created directly, injected by the same injectPod
// the webhook runs, so the tests do not need a webhook reachable from the
// apiserver. kwok marks pods Ready at once and, on an image patch, keeps
// Ready=True with the old image in the status (checked: it never restarts
// anything), so a fake kubelet (support/controller-fixture.ts) plays the
// restart: Ready=False, then the new image and Ready=True after a delay.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { SidecarSet } from '../../../operator/api/sidecar-set.ts';
import type { KubeClient } from '../../../operator/kube/kube-client.ts';
import {
  applySidecarSet,
  countsOf,
  createPods,
  eventsIn,
  getSidecarSet,
  injectedPodManifest,
  randomSuffix,
  startControllerRun,
  startFakeKubelet,
  statusOf,
  type ControllerRun,
} from './support/controller-fixture.ts';
import { waitFor } from '../../support/wait.ts';

const run = randomSuffix();
const namespace = `ctl-it-${run}`;
const setName = `ctl-it-${run}`;
const label = { 'tandem-test': run };
let api: KubeClient;
let controller: ControllerRun | undefined;

function setManifest(image: string, env?: { name: string; value: string }[]): Record<string, unknown> {
  return {
    apiVersion: 'tandem.dev/v1alpha1',
    kind: 'SidecarSet',
    metadata: { name: setName, labels: label },
    spec: {
      selector: { matchLabels: { app: run } },
      containers: [{ name: 'proxy', image, ...(env !== undefined ? { env } : {}) }],
      updateStrategy: { maxUnavailable: 2 },
    },
  };
}

async function exactStatus(expected: Record<string, number>, generation?: number): Promise<void> {
  await waitFor(`status ${JSON.stringify(expected)}`, async () => {
    const { status, generation: current } = await statusOf(api, setName);
    const counts = countsOf(status);
    const ok = Object.entries(expected).every(([key, value]) => counts[key] === value) && status.observedGeneration === (generation ?? current);
    return ok ? true : undefined;
  }, 60_000);
}

beforeAll(async () => {
  controller = await startControllerRun({
    name: namespace,
    runId: run,
    namespaceLabels: { 'tandem.dev/injection': 'enabled' },
    set: setManifest('registry.example/proxy:1'),
    flags: ['--missed-scan-interval', '2'],
  });
  api = controller.api;
});

afterAll(async () => {
  await controller?.stop();
});

describe('SidecarSet controller on a real API server', () => {
  let set: SidecarSet;

  it('counts pods exactly through create, ready and delete', async () => {
    set = await getSidecarSet(api, setName);
    const pods = Array.from({ length: 8 }, (_, index) => injectedPodManifest([set], namespace, `pod-${index}`, { app: run }));
    await createPods(api, pods);
    await exactStatus({ matchedPods: 8, injectedPods: 8, updatedPods: 8, readyPods: 8, updatedReadyPods: 8 });
    const { status } = await statusOf(api, setName);
    expect(status.conditions?.map((c) => [c.type, c.status, c.reason])).toEqual([
      ['Ready', 'True', 'PodsUpToDate'],
      ['Conflict', 'False', 'NoConflict'],
      ['Paused', 'False', 'NotPaused'],
    ]);

    // A pod that opted in but was created without the set (the webhook was down).
    await createPods(api, [{ metadata: { name: 'missed', namespace, labels: { app: run }, annotations: { 'tandem.dev/inject': 'true' } }, spec: { containers: [{ name: 'app', image: 'registry.example/app:1' }] } }]);
    await waitFor('missedPods 1', async () => ((await statusOf(api, setName)).status.missedPods === 1 ? true : undefined), 60_000);
    await api.requestOk({ method: 'DELETE', path: `/api/v1/namespaces/${namespace}/pods/missed`, query: { gracePeriodSeconds: 0 } });

    for (const name of ['pod-6', 'pod-7']) {
      await api.requestOk({ method: 'DELETE', path: `/api/v1/namespaces/${namespace}/pods/${name}`, query: { gracePeriodSeconds: 0 } });
    }
    await exactStatus({ injectedPods: 6, updatedPods: 6, readyPods: 6, updatedReadyPods: 6 });
  }, 90_000);

  it('rolls an image change through the pods in place, never more than maxUnavailable at once, each pod once', async () => {
    const kubelet = startFakeKubelet(api, namespace, 1_500);
    try {
      await waitFor('the fake kubelet to list', () => (kubelet.imageChanges().size === 0 ? true : undefined));
      await applySidecarSet(api, setManifest('registry.example/proxy:2'));
      const next = await getSidecarSet(api, setName);
      await exactStatus({ matchedPods: 6, injectedPods: 6, updatedPods: 6, readyPods: 6, updatedReadyPods: 6 }, next.metadata?.generation);
      expect(kubelet.maxUnavailable()).toBeGreaterThan(0);
      expect(kubelet.maxUnavailable()).toBeLessThanOrEqual(2);
      expect([...kubelet.imageChanges().values()]).toEqual([1, 1, 1, 1, 1, 1]);
      const pod = (await api.requestOk({ method: 'GET', path: `/api/v1/namespaces/${namespace}/pods/pod-0` })) as {
        spec: { initContainers?: { name: string; image: string }[] };
        metadata: { annotations: Record<string, string> };
      };
      // nativeSidecars Auto on v1.36: proxy is a native sidecar, and the API server accepted its new image.
      expect(pod.spec.initContainers?.find((c) => c.name === 'proxy')?.image).toBe('registry.example/proxy:2');
      const events = await eventsIn(api, namespace);
      const upgraded = events.filter((event) => event.reason === 'SidecarUpgraded').map((event) => event.name).sort();
      expect(upgraded).toEqual(['pod-0', 'pod-1', 'pod-2', 'pod-3', 'pod-4', 'pod-5']);
    } finally {
      await kubelet.stop();
    }
  }, 120_000);

  it('counts pods that need more than an image change as outdated and says why', async () => {
    await applySidecarSet(api, setManifest('registry.example/proxy:2', [{ name: 'LEVEL', value: 'debug' }]));
    await waitFor('outdatedPods 6', async () => {
      const { status } = await statusOf(api, setName);
      return status.outdatedPods === 6 && status.updatedPods === 0 ? status : undefined;
    }, 30_000);
    const { status } = await statusOf(api, setName);
    expect(status.conditions?.[0]).toMatchObject({ type: 'Ready', status: 'False', reason: 'PodsOutdated' });
    const events = await waitFor('SidecarNotUpgradable events on the 6 pods', async () => {
      const list = (await eventsIn(api, namespace)).filter((event) => event.reason === 'SidecarNotUpgradable');
      return new Set(list.map((event) => event.name)).size === 6 ? list : undefined;
    }, 60_000, 500);
    expect(new Set(events.map((event) => event.name))).toEqual(new Set(['pod-0', 'pod-1', 'pod-2', 'pod-3', 'pod-4', 'pod-5']));
    expect(events.every((event) => event.message.includes('sidecar fields other than images and cpu/memory resources (env, args, command, volume mounts, probes'))).toBe(true);
  }, 60_000);
});
