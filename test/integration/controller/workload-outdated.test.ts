// Outdated pods reported per workload, on the real control plane: a
// Deployment whose pod template was injected offline (as `tandem inject`
// does), so its ReplicaSet's pods carry the record; kube-controller-manager
// creates them and kwok runs them. A SidecarSet change Kubernetes cannot
// apply in place (env) must name the Deployment, in the condition and in one
// WorkloadOutdated event on the ReplicaSet that `kubectl describe` shows.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { KubeClient } from '../../../operator/kube/kube-client.ts';
import { kubectl } from '../cluster-env.ts';
import {
  applySidecarSet,
  getSidecarSet,
  injectedPodManifest,
  randomSuffix,
  startControllerRun,
  statusOf,
  type ControllerRun,
} from './support/controller-fixture.ts';
import { waitFor } from '../../support/wait.ts';

const run = randomSuffix();
const namespace = `ctl-wl-${run}`;
const setName = `ctl-wl-${run}`;
const label = { 'tandem-test': run };
let api: KubeClient;
let controller: ControllerRun | undefined;

function setManifest(env?: { name: string; value: string }[]): Record<string, unknown> {
  return {
    apiVersion: 'tandem.dev/v1alpha1',
    kind: 'SidecarSet',
    metadata: { name: setName, labels: label },
    spec: {
      selector: { matchLabels: { app: run } },
      containers: [{ name: 'proxy', image: 'registry.example/proxy:1', ...(env !== undefined ? { env } : {}) }],
    },
  };
}

interface EventItem {
  reason: string;
  message: string;
  involvedObject: { kind: string; name: string; uid?: string };
}

beforeAll(async () => {
  controller = await startControllerRun({ name: namespace, runId: run, namespaceLabels: {}, set: setManifest() });
  api = controller.api;
});

afterAll(async () => {
  await controller?.stop();
});

describe('outdated pods of a Deployment', () => {
  it('names the Deployment and the command to roll it, in the condition and in one event on its ReplicaSet', async () => {
    const set = await getSidecarSet(api, setName);
    const template = injectedPodManifest([set], namespace, 'unused', { app: run });
    const { name: _name, namespace: _namespace, ...templateMetadata } = template.metadata ?? {};
    await api.requestOk({
      method: 'POST',
      path: `/apis/apps/v1/namespaces/${namespace}/deployments`,
      body: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', namespace },
        spec: { replicas: 2, selector: { matchLabels: { app: run } }, template: { metadata: templateMetadata, spec: template.spec } },
      },
    });
    await waitFor('2 pods of the Deployment injected and updated', async () => {
      const { status } = await statusOf(api, setName);
      return status.injectedPods === 2 && status.updatedReadyPods === 2 ? true : undefined;
    }, 90_000, 250);

    await applySidecarSet(api, setManifest([{ name: 'LEVEL', value: 'debug' }]));
    const ready = await waitFor('both pods outdated, the condition naming the Deployment', async () => {
      const { status } = await statusOf(api, setName);
      const condition = status.conditions?.find((c) => c.type === 'Ready');
      return status.outdatedPods === 2 && condition?.reason === 'PodsOutdated' ? condition : undefined;
    }, 60_000, 250);
    expect(ready.message).toContain(`in 1 workloads: Deployment ${namespace}/web (2)`);
    expect(ready.message).toContain(`kubectl rollout restart deployment/web -n ${namespace}`);

    const event = await waitFor('a WorkloadOutdated event', async () => {
      const body = (await api.requestOk({ method: 'GET', path: `/api/v1/namespaces/${namespace}/events` })) as { items: EventItem[] };
      return body.items.find((item) => item.reason === 'WorkloadOutdated');
    }, 60_000, 500);
    expect(event.involvedObject.kind).toBe('ReplicaSet');
    expect(event.involvedObject.name).toMatch(/^web-/);
    expect(event.message).toContain(`2 pods of Deployment ${namespace}/web not upgraded in place`);
    expect(event.message).toContain(`kubectl rollout restart deployment/web -n ${namespace}`);
    // kubectl describe finds events by the object's uid: the event names the real ReplicaSet.
    const described = kubectl(['describe', 'replicaset', event.involvedObject.name, '-n', namespace]);
    expect(described.code).toBe(0);
    expect(described.stdout).toContain('WorkloadOutdated');
    // The pods themselves get no per-pod event: one per workload.
    const body = (await api.requestOk({ method: 'GET', path: `/api/v1/namespaces/${namespace}/events` })) as { items: EventItem[] };
    expect(body.items.filter((item) => item.reason === 'SidecarNotUpgradable')).toEqual([]);
  }, 240_000);
});
