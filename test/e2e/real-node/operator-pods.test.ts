// Tandem as users install it, for real: `helm install` of the chart with the
// image `make image` builds, its two replicas as pods on the real node in a
// namespace enforcing the restricted Pod Security profile; the apiserver calls
// the webhook in those pods through the chart's Service (its endpoints: the
// local cluster has no kube-proxy on the host, ADR 0040); the leader's
// controller upgrades a sidecar in place, and the kubelet restarts only that
// container; deleting the leader pod while pods are created continuously with
// failurePolicy Fail loses no creation and no injection, and the other
// replica leads within the lease duration.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { clusterTools, eventually, kubeconfigPath, kubectl, repoRoot } from '../../integration/cluster-env.ts';
import { create, ensureNoOtherTandemWebhook, INJECTED_LABEL, mustSucceed, newRunId, pod, RUN_LABEL, sidecarSet, type KubeObject } from '../../integration/support/webhook-fixture.ts';
import { describeOnRealNode } from './support/describe-on-real-node.ts';
import { loadImage, onRealNode, type ProjectImage, type RealNode } from './support/real-node.ts';
import { kubectlAsync, listPods, statuses, untilDeploymentReady, type PodObject } from './support/pods.ts';

const runId = newRunId();
const release = `tandem-rn-${runId}`;
const operatorNamespace = `tandem-rn-${runId}`;
const workloadNamespace = `tandem-rn-apps-${runId}`;
const setName = `rn-${runId}-helper`;
/** The operator's Lease duration (tandem operator's default, which the chart keeps). */
const LEASE_DURATION_S = 15;

function helm(args: readonly string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(clusterTools().helm, ['--kubeconfig', kubeconfigPath(), ...args], { encoding: 'utf8', timeout: 300_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function install(node: RealNode, image: ProjectImage): void {
  const [repository, tag] = [image.ref.slice(0, image.ref.lastIndexOf(':')), image.ref.slice(image.ref.lastIndexOf(':') + 1)];
  const placement = onRealNode(node);
  const result = helm([
    'install', release, join(repoRoot, 'charts/tandem'),
    '--namespace', operatorNamespace,
    '--set', `image.repository=${repository}`,
    '--set', `image.tag=${tag}`,
    '--set', 'image.pullPolicy=Never',
    '--set', 'webhook.failurePolicy=Fail',
    '--set', `leaderElection.leaseName=${release}`,
    '--set', 'controller.missedScanIntervalSeconds=5',
    '--set-json', `webhook.objectSelector={"matchLabels":{"${RUN_LABEL}":"${runId}"}}`,
    '--set-json', `tolerations=${JSON.stringify(placement.tolerations)}`,
    '--set-json', `nodeSelector=${JSON.stringify(placement.nodeSelector)}`,
    '--wait', '--timeout', '5m',
  ]);
  if (result.code !== 0) {
    const pods = kubectl(['get', 'pods', '-n', operatorNamespace, '-o', 'wide']).stdout;
    const events = kubectl(['get', 'events', '-n', operatorNamespace, '--sort-by=.lastTimestamp']).stdout;
    throw new Error(`helm install failed: ${result.stderr}\n${pods}\n${events}`);
  }
}

interface Lease {
  /** holderIdentity: the pod's name, "_", its process's PID. */
  readonly holder: string;
  readonly holderPod: string;
  readonly renewTime: string;
  readonly transitions: number;
}

function lease(): Lease | undefined {
  const result = kubectl(['get', 'lease', release, '-n', operatorNamespace, '-o', 'json']);
  return result.code === 0 ? leaseOf(result.stdout) : undefined;
}

function leaseOf(json: string): Lease {
  const spec = (JSON.parse(json) as { spec: { holderIdentity?: string; renewTime?: string; leaseTransitions?: number } }).spec;
  const holder = spec.holderIdentity ?? '';
  return { holder, holderPod: holder.replace(/_[0-9]+$/, ''), renewTime: spec.renewTime ?? '', transitions: spec.leaseTransitions ?? 0 };
}

function operatorPods(): PodObject[] {
  return listPods(operatorNamespace, `app.kubernetes.io/instance=${release}`);
}

function helperSet(image: string): KubeObject {
  return sidecarSet(setName, {
    selector: { matchLabels: { [RUN_LABEL]: runId } },
    injectionPolicy: 'Always',
    containers: [
      {
        name: 'helper',
        image,
        imagePullPolicy: 'Never',
        command: ['sleep', '100000'],
        securityContext: { allowPrivilegeEscalation: false, runAsNonRoot: true, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } },
      },
    ],
    updateStrategy: { maxUnavailable: 1 },
  });
}

function applyObject(object: KubeObject): void {
  mustSucceed(kubectl(['apply', '--server-side', '--force-conflicts', '-f', '-'], JSON.stringify(object)), `apply ${object.kind} ${object.metadata.name ?? ''}`);
}

describeOnRealNode('the operator as users install it, on the real node', (node) => {
  let toolbox: ProjectImage;
  let toolboxNext: ProjectImage;

  beforeAll(async () => {
    ensureNoOtherTandemWebhook();
    const tandem = loadImage(node, 'tandem');
    toolbox = loadImage(node, 'toolbox');
    toolboxNext = loadImage(node, 'toolbox-next');
    for (const [name, level] of [[operatorNamespace, 'restricted'], [workloadNamespace, 'restricted']] as const) {
      mustSucceed(kubectl(['create', 'namespace', name]), `create namespace ${name}`);
      mustSucceed(kubectl(['label', 'namespace', name, `pod-security.kubernetes.io/enforce=${level}`]), `label ${name}`);
    }
    applyObject(helperSet(toolbox.ref));
    install(node, tandem);
    await eventually(() => kubectl(['get', 'serviceaccount', 'default', '-n', workloadNamespace]), (r) => r.code === 0, 30_000);
  }, 1_800_000);

  afterAll(() => {
    helm(['uninstall', release, '--namespace', operatorNamespace, '--wait', '--timeout', '2m']);
    kubectl(['delete', 'sidecarset', setName, '--ignore-not-found']);
    kubectl(['delete', 'namespace', workloadNamespace, operatorNamespace, '--ignore-not-found', '--wait=false']);
  }, 180_000);

  it('runs two replicas on the real node under the restricted profile, one of them leading', async () => {
    const pods = operatorPods();
    expect(pods).toHaveLength(2);
    for (const operator of pods) {
      expect(operator.spec.nodeName).toBe(node.name);
      expect(operator.status.phase).toBe('Running');
    }
    const current = await eventually(lease, (l) => l !== undefined && l.holder !== '', 60_000);
    expect(pods.map((p) => p.metadata.name)).toContain(current?.holderPod);
  });

  it('is called by the apiserver through the chart Service, and injects', async () => {
    const answer = await eventually(
      () => create(workloadNamespace, restrictedPod(`probe-${runId}`), { dryRun: true }),
      (result) => result.object?.metadata.labels?.[INJECTED_LABEL] === 'true',
      120_000,
    );
    expect(answer.stderr).toBe('');
    const containers = (answer.object?.spec as { initContainers?: { name: string }[]; containers: { name: string }[] }).initContainers ?? [];
    expect(containers.map((c) => c.name)).toContain('helper');
  });

  it('upgrades the sidecar in place: the kubelet restarts only that container, within maxUnavailable', async () => {
    applyObject(deployment(node, toolbox.ref, 2));
    await untilDeploymentReady(workloadNamespace, 'upgraded', 180_000);
    const before = new Map(listPods(workloadNamespace, 'app=upgraded').map((p) => [p.metadata.name, p]));
    expect(before.size).toBe(2);
    for (const p of before.values()) expect(containerState(p, 'helper').image).toBe(toolbox.ref);

    applyObject(helperSet(toolboxNext.ref));
    let mostUnavailable = 0;
    const upgraded = await eventually(
      () => {
        const pods = listPods(workloadNamespace, 'app=upgraded');
        mostUnavailable = Math.max(mostUnavailable, pods.filter((p) => !podReady(p)).length);
        return pods;
      },
      (pods) => pods.length === 2 && pods.every((p) => podReady(p) && containerState(p, 'helper').image === toolboxNext.ref),
      180_000,
    );
    expect(mostUnavailable).toBeLessThanOrEqual(1);
    for (const after of upgraded) {
      const was = before.get(after.metadata.name);
      expect(was).toBeDefined(); // the same pods: nothing was recreated
      if (was === undefined) continue;
      expect(containerState(after, 'helper').restartCount).toBe(containerState(was, 'helper').restartCount + 1);
      expect(containerState(after, 'helper').imageID).not.toBe(containerState(was, 'helper').imageID);
      expect(containerState(after, 'app').restartCount).toBe(containerState(was, 'app').restartCount);
      expect(containerState(after, 'app').startedAt).toBe(containerState(was, 'app').startedAt);
    }
    const status = await eventually(
      () => JSON.parse(kubectl(['get', 'sidecarset', setName, '-o', 'json']).stdout) as { status?: { updatedPods?: number; updatedReadyPods?: number } },
      (s) => s.status?.updatedPods === 2 && s.status.updatedReadyPods === 2,
      60_000,
    );
    expect(status.status).toMatchObject({ updatedPods: 2, updatedReadyPods: 2 });
  });

  it('loses no creation and no injection while the leader pod is deleted, and the other replica leads within the lease duration', async () => {
    const leader = lease();
    expect(leader?.holder).toBeTruthy();
    const outcomes: { at: number; error?: string }[] = [];
    let stop = false;
    // Four creators in flight, without blocking the event loop, until the replacement replica is ready.
    const creator = async (worker: number): Promise<void> => {
      for (let i = 0; !stop; i++) {
        const result = await kubectlAsync(['create', '--dry-run=server', '-n', workloadNamespace, '-o', 'json', '-f', '-'], JSON.stringify(restrictedPod(`churn-${runId}-${worker}-${i}`)));
        const injected = result.code === 0 && (JSON.parse(result.stdout) as KubeObject).metadata.labels?.[INJECTED_LABEL] === 'true';
        outcomes.push({ at: Date.now(), ...(injected ? {} : { error: result.code === 0 ? 'not injected' : result.stderr.trim() }) });
      }
    };
    const creators = [0, 1, 2, 3].map(creator);
    const pollLease = async (accept: (l: Lease | undefined) => boolean, timeoutMs: number): Promise<Lease | undefined> => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const result = await kubectlAsync(['get', 'lease', release, '-n', operatorNamespace, '-o', 'json']);
        const current = result.code === 0 ? leaseOf(result.stdout) : undefined;
        if (accept(current) || Date.now() > deadline) return current;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    };
    const moments = { deletedAt: 0, ledAt: 0, replacedAt: 0 };
    let next: Lease | undefined;
    try {
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      moments.deletedAt = Date.now();
      const deleted = await kubectlAsync(['delete', 'pod', '-n', operatorNamespace, leader?.holderPod ?? '', '--wait=false']);
      expect(deleted.stderr).toBe('');
      next = await pollLease((l) => l !== undefined && l.holder !== '' && l.holderPod !== leader?.holderPod, 90_000);
      moments.ledAt = Date.now();
      for (const deadline = Date.now() + 180_000; Date.now() < deadline; ) {
        const rollout = await kubectlAsync(['rollout', 'status', `deployment/${release}`, '-n', operatorNamespace, '--timeout=2s']);
        if (rollout.code === 0) break;
      }
      moments.replacedAt = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 3_000));
    } finally {
      stop = true;
      await Promise.all(creators);
    }
    const tookS = (moments.ledAt - moments.deletedAt) / 1000;
    const failed = outcomes.filter((o) => o.error !== undefined);
    process.stderr.write(`leader failover: ${outcomes.length} pods created (dry run) around it, ${failed.length} failed; the other replica led ${tookS.toFixed(1)} s after the deletion\n`);
    expect(failed).toEqual([]);
    // Creations went on the whole time: before the deletion, while the old leader shut down, and once the replacement was ready.
    expect(outcomes.filter((o) => o.at < moments.deletedAt).length).toBeGreaterThan(4);
    expect(outcomes.filter((o) => o.at >= moments.deletedAt && o.at < moments.replacedAt).length).toBeGreaterThan(10);
    expect(outcomes.filter((o) => o.at >= moments.replacedAt).length).toBeGreaterThan(4);
    expect(next?.holderPod).not.toBe(leader?.holderPod);
    // The deleted replica releases its Lease on SIGTERM (after its shutdown delay): the other leads within one lease duration.
    expect(tookS).toBeLessThan(LEASE_DURATION_S);
  });

  function restrictedPod(name: string): KubeObject {
    const object = pod({ name, runId });
    const spec = object.spec as { containers: Record<string, unknown>[] };
    spec.containers = [{ name: 'app', image: toolbox.ref, imagePullPolicy: 'Never', command: ['sleep', '100000'], securityContext: restricted }];
    return object;
  }
});

const restricted = { allowPrivilegeEscalation: false, runAsNonRoot: true, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } };

function deployment(node: RealNode, image: string, replicas: number): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'upgraded', namespace: workloadNamespace },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'upgraded' } },
      template: {
        metadata: { labels: { app: 'upgraded', [RUN_LABEL]: runId } },
        spec: {
          ...onRealNode(node),
          terminationGracePeriodSeconds: 1,
          containers: [{ name: 'app', image, imagePullPolicy: 'Never', command: ['sleep', '100000'], securityContext: restricted }],
        },
      },
    },
  };
}

function podReady(p: PodObject): boolean {
  return p.status.phase === 'Running' && (p.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

function containerState(p: PodObject, name: string): { image: string; imageID: string; restartCount: number; startedAt: string } {
  const status = statuses(p).find((s) => s.name === name);
  if (status === undefined) throw new Error(`no status for container ${name} of ${p.metadata.name}`);
  return { image: status.image, imageID: status.imageID, restartCount: status.restartCount, startedAt: status.state?.running?.startedAt ?? '' };
}
