// Every kind of SidecarSet change on pods a real kubelet runs (ADR 0025), the
// controller as a local `tandem operator` process: a resources change resizes
// the native sidecar through the pod's `resize` subresource (its cgroup limits
// change, nothing restarts, the app container is untouched); an image upgrade
// is counted UPDATED only once the kubelet reports the new image; a bad image
// stops the rollout and a fixed set resumes it; image and resources changed
// together resize, then restart the sidecar once on the new image; a change
// to what is not injected (updateStrategy) touches no pod; a new image for
// a run-to-completion init container is written into the pod without
// running it again or restarting anything; an env change
// leaves the pods outdated, with the reason in the status and an event per
// pod.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SidecarSet } from '../../../operator/api/sidecar-set.ts';
import type { PodTemplate } from '../../../operator/api/pod-template.ts';
import { injectPod } from '../../../operator/injection/inject-pod.ts';
import type { KubeClient } from '../../../operator/kube/kube-client.ts';
import { kubectl, stateDir } from '../../integration/cluster-env.ts';
import { newRunId } from '../../integration/support/cluster-objects.ts';
import {
  applySidecarSet,
  createNamespace,
  createPods,
  deleteNamespace,
  deleteSidecarSet,
  eventsIn,
  KUBE_VERSION,
  requester,
  startOperatorProcess,
  statusOf,
  type OperatorProcess,
  type StatusCounts,
} from '../../integration/controller/support/controller-fixture.ts';
import { waitFor } from '../../support/wait.ts';
import { describeOnRealNode } from './support/describe-on-real-node.ts';
import { containerCgroup, loadImage, onRealNode, type ProjectImage, type RealNode } from './support/real-node.ts';

const run = newRunId();
const namespace = `rn-rz-${run}`;
const setName = `rn-rz-${run}`;
const PODS = ['web-1', 'web-2'];
const MI = 1024 * 1024;

interface LivePod {
  readonly metadata: { name: string; generation: number };
  readonly spec: { initContainers: { name: string; image: string; resources?: { limits?: Record<string, string> } }[]; containers: { name: string }[] };
  readonly status: {
    observedGeneration?: number;
    containerStatuses?: LiveStatus[];
    initContainerStatuses?: LiveStatus[];
  };
}

interface LiveStatus {
  readonly name: string;
  readonly image: string;
  readonly imageID: string;
  readonly restartCount: number;
  readonly containerID?: string;
  readonly resources?: { limits?: Record<string, string> };
  readonly state?: { waiting?: { reason: string } };
}

const SLEEP = ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1; done'];

interface SetOptions {
  readonly memoryLimit?: string;
  readonly cpuLimit?: string;
  readonly env?: string;
  readonly maxUnavailable?: number;
  /** The run-to-completion init container's image (default: the first toolbox image). */
  readonly initImage?: string;
}

let firstToolbox = '';

function setManifest(image: string, options: SetOptions = {}): Record<string, unknown> {
  return {
    apiVersion: 'tandem.dev/v1alpha1',
    kind: 'SidecarSet',
    metadata: { name: setName, labels: { 'tandem-test': run } },
    spec: {
      selector: { matchLabels: { app: run } },
      nativeSidecars: 'Always',
      containers: [
        {
          name: 'helper',
          image,
          imagePullPolicy: 'Never',
          command: SLEEP,
          resources: { requests: { cpu: '50m', memory: '32Mi' }, limits: { cpu: options.cpuLimit ?? '100m', memory: options.memoryLimit ?? '64Mi' } },
          ...(options.env !== undefined ? { env: [{ name: 'MODE', value: options.env }] } : {}),
        },
      ],
      initContainers: [{ name: 'prepare', image: options.initImage ?? firstToolbox, imagePullPolicy: 'Never', command: ['true'] }],
      updateStrategy: { maxUnavailable: options.maxUnavailable ?? 1 },
    },
  };
}

function podManifest(set: SidecarSet, node: RealNode, app: ProjectImage, name: string): PodTemplate {
  const pod: PodTemplate = {
    metadata: { name, namespace, labels: { app: run }, annotations: { 'tandem.dev/inject': 'true' } },
    spec: {
      ...onRealNode(node),
      terminationGracePeriodSeconds: 1,
      containers: [
        {
          name: 'app',
          image: app.ref,
          imagePullPolicy: 'Never',
          command: SLEEP,
          resources: { requests: { cpu: '50m', memory: '32Mi' }, limits: { memory: '64Mi' } },
        },
      ],
    },
  };
  return injectPod({ pod, namespaceLabels: {}, sidecarSets: [set], options: { kubeVersion: KUBE_VERSION } }).pod;
}

function livePods(): LivePod[] {
  const result = kubectl(['get', 'pods', '-n', namespace, '-l', `app=${run}`, '-o', 'json']);
  if (result.code !== 0) throw new Error(result.stderr);
  return (JSON.parse(result.stdout) as { items: LivePod[] }).items.sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
}

function statusOfContainer(pod: LivePod, name: string): LiveStatus | undefined {
  return [...(pod.status.initContainerStatuses ?? []), ...(pod.status.containerStatuses ?? [])].find((status) => status.name === name);
}

function readyCondition(status: StatusCounts): { reason: string; message: string } | undefined {
  return status.conditions?.find((condition) => condition.type === 'Ready');
}

describeOnRealNode('SidecarSet changes on a real kubelet', (node) => {
  let api: KubeClient;
  let operator: OperatorProcess | undefined;
  let toolbox: ProjectImage;
  let next: ProjectImage;

  /** Waits until the controller has observed the set's generation and `accept` likes its status. */
  const untilStatus = (what: string, accept: (status: StatusCounts) => boolean, timeoutMs = 120_000): Promise<StatusCounts> =>
    waitFor(what, async () => {
      const { generation, status } = await statusOf(api, setName);
      return status.observedGeneration === generation && accept(status) ? status : undefined;
    }, timeoutMs, 500);

  beforeAll(async () => {
    toolbox = loadImage(node, 'toolbox');
    next = loadImage(node, 'toolbox-next');
    firstToolbox = toolbox.ref;
    api = await requester();
    await createNamespace(api, namespace, {});
    const set = await applySidecarSet(api, setManifest(toolbox.ref));
    await createPods(api, PODS.map((name) => podManifest(set, node, toolbox, name)));
    operator = startOperatorProcess(
      ['--sidecarset-selector', `tandem-test=${run}`, '--lease-name', setName, '--identity', `rz-${run}`, '--retry-period', '0.5', '--lease-duration', '3', '--renew-deadline', '2', '--missed-scan-interval', '2'],
      join(stateDir, 'logs', `in-place-changes-${run}.log`),
    );
    await untilStatus('both pods updated and ready', (status) => status.updatedReadyPods === 2, 180_000);
  }, 600_000);

  afterAll(async () => {
    operator?.kill('SIGTERM');
    await operator?.exited;
    await deleteSidecarSet(api, setName);
    await deleteNamespace(api, namespace);
    await api.request({ method: 'DELETE', path: `/apis/coordination.k8s.io/v1/namespaces/default/leases/${setName}` });
    api.close();
  });

  it('resizes the sidecar in place: its cgroup limits change, no container restarts, the app keeps its limits', async () => {
    await applySidecarSet(api, setManifest(toolbox.ref, { memoryLimit: '96Mi', cpuLimit: '200m' }));
    await untilStatus('both pods resized', (status) => status.updatedPods === 2);
    for (const pod of livePods()) {
      const helper = statusOfContainer(pod, 'helper');
      const app = statusOfContainer(pod, 'app');
      expect(pod.spec.initContainers.find((container) => container.name === 'helper')?.resources?.limits).toEqual({ cpu: '200m', memory: '96Mi' });
      expect(helper?.resources?.limits).toEqual({ cpu: '200m', memory: '96Mi' });
      expect(pod.status.observedGeneration).toBeGreaterThanOrEqual(pod.metadata.generation);
      expect([helper?.restartCount, app?.restartCount]).toEqual([0, 0]);
      const limit = (id: string | undefined): number => Number(readFileSync(join(containerCgroup(node, 'memory', id ?? ''), 'memory.limit_in_bytes'), 'utf8'));
      const quota = (id: string | undefined): number => Number(readFileSync(join(containerCgroup(node, 'cpu', id ?? ''), 'cpu.cfs_quota_us'), 'utf8'));
      expect(limit(helper?.containerID)).toBe(96 * MI);
      expect(quota(helper?.containerID)).toBe(20_000);
      expect(limit(app?.containerID)).toBe(64 * MI);
    }
  }, 300_000);

  it('counts an image upgrade as UPDATED only when the kubelet reports the new image', async () => {
    const before = new Map(livePods().map((pod) => [pod.metadata.name, statusOfContainer(pod, 'helper')?.imageID]));
    await applySidecarSet(api, setManifest(next.ref, { memoryLimit: '96Mi', cpuLimit: '200m' }));
    let lastUpdated = -1;
    await waitFor('both pods on the new image', async () => {
      const { generation, status } = await statusOf(api, setName);
      if (status.observedGeneration !== generation) return undefined;
      // Read after the status: a pod counted then runs the new image now (a kubelet never goes back).
      const confirmed = livePods().filter((pod) => {
        const helper = statusOfContainer(pod, 'helper');
        const newImage = helper?.image === next.ref && helper.imageID !== before.get(pod.metadata.name);
        return newImage && (pod.status.observedGeneration ?? 0) >= pod.metadata.generation;
      }).length;
      expect(status.updatedPods ?? 0).toBeLessThanOrEqual(confirmed);
      lastUpdated = status.updatedPods ?? 0;
      return lastUpdated === 2 ? true : undefined;
    }, 180_000, 200);
    for (const pod of livePods()) {
      expect([statusOfContainer(pod, 'helper')?.restartCount, statusOfContainer(pod, 'app')?.restartCount]).toEqual([1, 0]);
    }
  }, 300_000);

  it('stops the rollout at a sidecar that cannot start, says why, and resumes once the set is fixed', async () => {
    const missing = `${next.ref.slice(0, next.ref.lastIndexOf(':'))}:does-not-exist`;
    await applySidecarSet(api, setManifest(missing, { memoryLimit: '96Mi', cpuLimit: '200m' }));
    const stopped = await untilStatus('the rollout stopped', (status) => readyCondition(status)?.reason === 'RolloutStopped');
    expect(readyCondition(stopped)?.message).toMatch(/has not started on .*does-not-exist/);
    // Several reconciles later (the controller resyncs every few seconds while rolling), the other pod is still on the good image.
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    const images = livePods().map((pod) => pod.spec.initContainers.find((container) => container.name === 'helper')?.image);
    expect(images.filter((image) => image === missing)).toHaveLength(1);
    expect(images.filter((image) => image === next.ref)).toHaveLength(1);
    const events = await eventsIn(api, 'default');
    expect(events.some((event) => event.reason === 'RolloutStopped' && event.name === setName)).toBe(true);

    await applySidecarSet(api, setManifest(toolbox.ref, { memoryLimit: '96Mi', cpuLimit: '200m' }));
    await untilStatus('the fixed set rolled out', (status) => status.updatedReadyPods === 2);
    expect(livePods().map((pod) => statusOfContainer(pod, 'helper')?.image)).toEqual([toolbox.ref, toolbox.ref]);
  }, 300_000);

  it('resizes and upgrades together: the new limits in the cgroup of the new container, the sidecar restarted once, the app not at all', async () => {
    const restarts = (): Map<string, [number, number]> =>
      new Map(livePods().map((pod) => [pod.metadata.name, [statusOfContainer(pod, 'helper')?.restartCount ?? -1, statusOfContainer(pod, 'app')?.restartCount ?? -1]]));
    const before = restarts();
    await applySidecarSet(api, setManifest(next.ref, { memoryLimit: '128Mi', cpuLimit: '200m' }));
    await untilStatus('both pods resized and on the new image', (status) => status.updatedReadyPods === 2 && status.updatedPods === 2, 180_000);
    const after = restarts();
    for (const pod of livePods()) {
      const helper = statusOfContainer(pod, 'helper');
      expect(helper?.image).toBe(next.ref);
      expect(helper?.resources?.limits).toEqual({ cpu: '200m', memory: '128Mi' });
      expect(Number(readFileSync(join(containerCgroup(node, 'memory', helper?.containerID ?? ''), 'memory.limit_in_bytes'), 'utf8'))).toBe(128 * MI);
      const [helperBefore, appBefore] = before.get(pod.metadata.name) ?? [0, 0];
      const [helperAfter, appAfter] = after.get(pod.metadata.name) ?? [0, 0];
      expect([helperAfter - helperBefore, appAfter - appBefore]).toEqual([1, 0]);
    }
  }, 300_000);

  it('changes no pod when what is injected stays the same (updateStrategy)', async () => {
    const before = livePods().map((pod) => [pod.metadata.name, pod.metadata.generation, statusOfContainer(pod, 'helper')?.containerID]);
    await applySidecarSet(api, setManifest(next.ref, { memoryLimit: '128Mi', cpuLimit: '200m', maxUnavailable: 2 }));
    const status = await untilStatus('the new generation observed', (current) => current.updatedReadyPods === 2);
    expect(readyCondition(status)?.reason).toBe('PodsUpToDate');
    // Same pod generations (no patch, no resize) and the same sidecar containers (nothing restarted).
    expect(livePods().map((pod) => [pod.metadata.name, pod.metadata.generation, statusOfContainer(pod, 'helper')?.containerID])).toEqual(before);
  }, 120_000);

  it('writes a run-to-completion init container\'s new image into the pod without running it again or restarting anything', async () => {
    const before = livePods().map((pod) => [
      pod.metadata.name,
      statusOfContainer(pod, 'prepare')?.containerID,
      statusOfContainer(pod, 'helper')?.containerID,
      statusOfContainer(pod, 'app')?.containerID,
    ]);
    await applySidecarSet(api, setManifest(next.ref, { memoryLimit: '128Mi', cpuLimit: '200m', maxUnavailable: 2, initImage: next.ref }));
    await untilStatus('both pods on the revision with the new init image', (status) => status.updatedReadyPods === 2);
    await waitFor('the new init image in both pods', () =>
      livePods().every((pod) => pod.spec.initContainers.find((container) => container.name === 'prepare')?.image === next.ref) ? true : undefined,
    );
    // A few seconds for the kubelet to act on the new spec, if it were going to.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const after = livePods();
    expect(after.map((pod) => [
      pod.metadata.name,
      statusOfContainer(pod, 'prepare')?.containerID,
      statusOfContainer(pod, 'helper')?.containerID,
      statusOfContainer(pod, 'app')?.containerID,
    ])).toEqual(before);
    for (const pod of after) expect(statusOfContainer(pod, 'prepare')?.restartCount).toBe(0);
  }, 180_000);

  it('shows an env change as outdated, with the reason, the remedy and an event per pod', async () => {
    const restarts = livePods().map((pod) => statusOfContainer(pod, 'helper')?.restartCount);
    await applySidecarSet(api, setManifest(toolbox.ref, { memoryLimit: '96Mi', cpuLimit: '200m', env: 'fast', initImage: next.ref }));
    const status = await untilStatus('both pods outdated', (current) => current.outdatedPods === 2);
    expect(readyCondition(status)?.reason).toBe('PodsOutdated');
    expect(readyCondition(status)?.message).toMatch(/cannot be upgraded in place/);
    const printed = kubectl(['get', 'sidecarset', setName, '--no-headers', '-o', 'custom-columns=OUTDATED:.status.outdatedPods']).stdout.trim();
    expect(printed).toBe('2');
    const wide = kubectl(['get', 'sidecarset', setName]).stdout;
    expect(wide.split('\n')[0]).toMatch(/OUTDATED/);
    const events = await waitFor('an event per pod', async () => {
      const found = (await eventsIn(api, namespace)).filter((event) => event.reason === 'SidecarNotUpgradable');
      return new Set(found.map((event) => event.name)).size === PODS.length ? found : undefined;
    }, 60_000, 500);
    expect(events[0]?.message).toMatch(/env, args, command, volume mounts, probes/);
    // Nothing was applied: the pods run as before.
    expect(livePods().map((pod) => statusOfContainer(pod, 'helper')?.restartCount)).toEqual(restarts);
  }, 300_000);
});
