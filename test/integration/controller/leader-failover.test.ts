// Two `tandem operator` processes share one Lease. The leader is killed
// (SIGKILL: no release) in the middle of an in-place rollout; the other
// must take over and finish it without exceeding maxUnavailable and without
// upgrading any pod twice. Progress lives only in the pods (record hash and
// images), so the new leader plans exactly where the old one stopped.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KubeClient } from '../../../operator/kube/kube-client.ts';
import { stateDir } from '../cluster-env.ts';
import {
  applySidecarSet,
  createNamespace,
  createPods,
  deleteNamespace,
  deleteSidecarSet,
  eventsIn,
  getSidecarSet,
  injectedPodManifest,
  randomSuffix,
  requester,
  startFakeKubelet,
  startOperatorProcess,
  statusOf,
  type OperatorProcess,
} from './support/controller-fixture.ts';
import { waitFor } from '../../support/wait.ts';

const run = randomSuffix();
const namespace = `ctl-ha-${run}`;
const setName = `ctl-ha-${run}`;
const lease = `ctl-ha-${run}`;
const PODS = 12;
const MAX_UNAVAILABLE = 2;
let api: KubeClient;
const operators = new Map<string, OperatorProcess>();

function setManifest(image: string): Record<string, unknown> {
  return {
    apiVersion: 'tandem.dev/v1alpha1',
    kind: 'SidecarSet',
    metadata: { name: setName, labels: { 'tandem-test': run } },
    spec: {
      selector: { matchLabels: { app: run } },
      nativeSidecars: 'Never',
      containers: [{ name: 'proxy', image }],
      updateStrategy: { maxUnavailable: MAX_UNAVAILABLE },
    },
  };
}

async function holder(): Promise<string | undefined> {
  const response = await api.request({ method: 'GET', path: `/apis/coordination.k8s.io/v1/namespaces/default/leases/${lease}` });
  const identity = (response.body as { spec?: { holderIdentity?: string } } | undefined)?.spec?.holderIdentity;
  return response.status === 200 && identity !== undefined && identity !== '' ? identity : undefined;
}

beforeAll(async () => {
  api = await requester();
  await createNamespace(api, namespace, {});
  await applySidecarSet(api, setManifest('registry.example/proxy:1'));
  for (const identity of ['a', 'b']) {
    operators.set(
      identity,
      startOperatorProcess(
        ['--sidecarset-selector', `tandem-test=${run}`, '--lease-name', lease, '--identity', `${identity}-${run}`, '--retry-period', '0.5', '--lease-duration', '3', '--renew-deadline', '2'],
        join(stateDir, 'logs', `controller-ha-${run}-${identity}.log`),
      ),
    );
  }
});

afterAll(async () => {
  for (const operator of operators.values()) operator.kill('SIGTERM');
  await Promise.all([...operators.values()].map((operator) => operator.exited));
  await deleteSidecarSet(api, setName);
  await deleteNamespace(api, namespace);
  await api.request({ method: 'DELETE', path: `/apis/coordination.k8s.io/v1/namespaces/default/leases/${lease}` });
  api.close();
});

describe('leader election', () => {
  it('a new leader finishes a rollout within the budget when the old one dies midway, upgrading no pod twice', async () => {
    const set = await getSidecarSet(api, setName);
    await createPods(api, Array.from({ length: PODS }, (_, index) => injectedPodManifest([set], namespace, `pod-${String(index).padStart(2, '0')}`, { app: run })));
    await waitFor('all pods counted', async () => ((await statusOf(api, setName)).status.updatedReadyPods === PODS ? true : undefined), 60_000);

    const kubelet = startFakeKubelet(api, namespace, 2_000);
    try {
      await waitFor('the fake kubelet to list', () => (kubelet.imageChanges().size === 0 ? true : undefined));
      const first = await waitFor('a leader', holder);
      await applySidecarSet(api, setManifest('registry.example/proxy:2'));
      const generation = (await getSidecarSet(api, setName)).metadata?.generation;

      await waitFor('the rollout to be under way', () => (kubelet.imageChanges().size >= 3 ? true : undefined), 60_000, 20);
      const killedAt = Date.now();
      operators.get(first.split('-')[0] ?? '')?.kill('SIGKILL');
      const second = await waitFor('another leader', async () => {
        const current = await holder();
        return current !== undefined && current !== first ? current : undefined;
      }, 30_000);
      const takeoverMs = Date.now() - killedAt;

      const final = await waitFor('the rollout to finish', async () => {
        const { status } = await statusOf(api, setName);
        return status.observedGeneration === generation && status.updatedReadyPods === PODS && status.updatedPods === PODS ? status : undefined;
      }, 90_000);
      expect(final.injectedPods).toBe(PODS);
      expect(second).not.toBe(first);
      expect(takeoverMs).toBeLessThan(10_000);
      expect(kubelet.maxUnavailable()).toBeLessThanOrEqual(MAX_UNAVAILABLE);
      const changes = kubelet.imageChanges();
      expect(changes.size).toBe(PODS);
      expect([...changes.values()].every((count) => count === 1)).toBe(true);

      // Events are best effort (the killed leader may have patched a pod and died before posting its
      // event), but none may be duplicated.
      const upgraded = (await eventsIn(api, namespace)).filter((event) => event.reason === 'SidecarUpgraded');
      const perPod = new Map<string, number>();
      for (const event of upgraded) perPod.set(event.name, (perPod.get(event.name) ?? 0) + 1);
      expect([...perPod.values()].every((count) => count === 1)).toBe(true);

      // The survivor finished what the killed leader (>= 3 pods) had started.
      const survivor = operators.get(second.split('-')[0] ?? '')!;
      survivor.kill('SIGTERM');
      await survivor.exited;
      const byNewLeader = readFileSync(survivor.logFile, 'utf8').split('\n').filter((line) => line.includes('"pod upgraded in place"')).length;
      expect(byNewLeader).toBeGreaterThanOrEqual(1);
      expect(byNewLeader).toBeLessThanOrEqual(PODS - 3);
    } finally {
      await kubelet.stop();
    }
  }, 180_000);
});
