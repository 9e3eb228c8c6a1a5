// Shared helpers of the controller's cluster tests and benchmark: an API
// client, the operator as a child process, injected pods created directly
// (exactly what the webhook would produce, via the same injectPod), and a
// fake kubelet for in-place upgrades.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { parseSidecarSet } from '../../../../operator/api/sidecar-set-validator.ts';
import type { SidecarSet } from '../../../../operator/api/sidecar-set.ts';
import { injectPod } from '../../../../operator/injection/inject-pod.ts';
import type { PodTemplate } from '../../../../operator/api/pod-template.ts';
import { createKubeClient, type KubeClient } from '../../../../operator/kube/kube-client.ts';
import { loadKubeConfigConnection } from '../../../../operator/kube/load-kube-config.ts';
import { startReflector } from '../../../../operator/kube/reflector.ts';
import { createLogger } from '../../../../operator/logging/logger.ts';
import { kubeconfigPath, repoRoot } from '../../cluster-env.ts';
import { createTestCertificate, temporaryDirectory } from '../../../support/test-certificate.ts';

export const KUBE_VERSION = { major: 1, minor: 36 } as const;
export const quietLogger = createLogger({ level: 'silent' });

/** The project's Kubernetes client for the test cluster (close it when done). */
export function requester(): Promise<KubeClient> {
  return Promise.resolve(createKubeClient(loadKubeConfigConnection(kubeconfigPath())));
}


export function randomSuffix(): string {
  return Math.random().toString(36).slice(2, 8);
}

export interface OperatorProcess {
  readonly child: ChildProcess;
  readonly logFile: string;
  readonly exited: Promise<number | null>;
  kill(signal: NodeJS.Signals): void;
}

export interface OperatorProcessOptions {
  /** NODE_OPTIONS for the process (default none). */
  readonly nodeOptions?: string;
  /** Flags on node's own command line, e.g. V8 flags NODE_OPTIONS refuses. */
  readonly nodeArgs?: readonly string[];
  /** The entry point: default the sources (operator/cli/main.ts); dist/operator/cli/main.js after `npm run build`. */
  readonly entry?: string;
}

/** `tandem operator` as a child process, its JSON logs in a file. */
export function startOperatorProcess(args: readonly string[], logFile: string, options: OperatorProcessOptions = {}): OperatorProcess {
  const cert = createTestCertificate(temporaryDirectory('tandem-ctl-'));
  const child = spawn(
    process.execPath,
    [
      ...(options.nodeArgs ?? []),
      options.entry ?? join(repoRoot, 'operator/cli/main.ts'),
      'operator',
      '--kubeconfig', kubeconfigPath(),
      '--tls-cert-file', cert.certFile,
      '--tls-key-file', cert.keyFile,
      '--listen', '127.0.0.1:0',
      '--lease-namespace', 'default',
      ...args,
    ],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: options.nodeOptions ?? '' } },
  );
  const log = createWriteStream(logFile);
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => {
      resolve(code);
    });
  });
  return { child, logFile, exited, kill: (signal) => child.kill(signal) };
}

export async function applySidecarSet(api: KubeClient, object: Record<string, unknown>): Promise<SidecarSet> {
  const name = (object.metadata as { name: string }).name;
  await api.requestOk({
    method: 'PATCH',
    path: `/apis/tandem.dev/v1alpha1/sidecarsets/${name}`,
    query: { fieldManager: 'tandem-tests', force: true },
    contentType: 'application/apply-patch+yaml',
    body: object,
  });
  return getSidecarSet(api, name);
}

/** The set as stored (defaulted by the API server), validated as the webhook would. */
export async function getSidecarSet(api: KubeClient, name: string): Promise<SidecarSet> {
  const body = await api.requestOk({ method: 'GET', path: `/apis/tandem.dev/v1alpha1/sidecarsets/${name}` });
  const parsed = parseSidecarSet(body);
  if (!parsed.ok) throw new Error(`SidecarSet ${name} is invalid: ${JSON.stringify(parsed.errors)}`);
  return parsed.sidecarSet;
}

export async function createNamespace(api: KubeClient, name: string, labels: Record<string, string>): Promise<void> {
  await api.requestOk({ method: 'POST', path: '/api/v1/namespaces', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } } });
}

export async function deleteNamespace(api: KubeClient, name: string): Promise<void> {
  await api.request({ method: 'DELETE', path: `/api/v1/namespaces/${name}`, query: { gracePeriodSeconds: 0 } });
}

export async function deleteSidecarSet(api: KubeClient, name: string): Promise<void> {
  await api.request({ method: 'DELETE', path: `/apis/tandem.dev/v1alpha1/sidecarsets/${name}` });
}

/** A pod exactly as the webhook would admit it: injectPod with the stored sets. */
export function injectedPodManifest(sets: readonly SidecarSet[], namespace: string, name: string, labels: Record<string, string>): PodTemplate {
  const pod: PodTemplate = {
    metadata: { name, namespace, labels, annotations: { 'tandem.dev/inject': 'true' } },
    spec: { containers: [{ name: 'app', image: 'registry.example/app:1' }], terminationGracePeriodSeconds: 0 },
  };
  return injectPod({ pod, namespaceLabels: {}, sidecarSets: sets, options: { kubeVersion: KUBE_VERSION } }).pod;
}

export async function createPods(api: KubeClient, pods: readonly PodTemplate[], concurrency = 16): Promise<void> {
  const queue = [...pods];
  const worker = async (): Promise<void> => {
    for (let pod = queue.shift(); pod !== undefined; pod = queue.shift()) {
      await api.requestOk({ method: 'POST', path: `/api/v1/namespaces/${pod.metadata?.namespace ?? ''}/pods`, body: { apiVersion: 'v1', kind: 'Pod', ...pod } });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

export interface StatusCounts {
  readonly observedGeneration?: number;
  readonly matchedPods?: number;
  readonly injectedPods?: number;
  readonly updatedPods?: number;
  readonly readyPods?: number;
  readonly updatedReadyPods?: number;
  readonly missedPods?: number;
  readonly outdatedPods?: number;
  readonly conditions?: readonly { type: string; status: string; reason: string; message: string }[];
}

export async function statusOf(api: KubeClient, name: string): Promise<{ generation: number; status: StatusCounts }> {
  const body = (await api.requestOk({ method: 'GET', path: `/apis/tandem.dev/v1alpha1/sidecarsets/${name}` })) as {
    metadata: { generation: number };
    status?: StatusCounts;
  };
  return { generation: body.metadata.generation, status: body.status ?? {} };
}

export const countsOf = (status: StatusCounts): Record<string, number | undefined> => ({
  matchedPods: status.matchedPods,
  injectedPods: status.injectedPods,
  updatedPods: status.updatedPods,
  readyPods: status.readyPods,
  updatedReadyPods: status.updatedReadyPods,
});

interface FullPod {
  metadata: { name: string; namespace: string; annotations?: Record<string, string>; deletionTimestamp?: string };
  spec: { containers: { name: string; image: string }[]; initContainers?: { name: string; image: string; restartPolicy?: string }[] };
  status?: {
    phase?: string;
    conditions?: { type: string; status: string; lastTransitionTime?: string }[];
    containerStatuses?: { name: string; image: string; ready: boolean; restartCount?: number }[];
    initContainerStatuses?: { name: string; image: string; ready: boolean; restartCount?: number }[];
  };
}

export interface FakeKubelet {
  /** Highest number of pods seen unavailable at once (not Ready, or a container not running its spec image). */
  maxUnavailable(): number;
  /** Per pod: how many times a container image changed in its spec (an in-place upgrade). */
  imageChanges(): ReadonlyMap<string, number>;
  stop(): Promise<void>;
}

/**
 * What kwok does not do: when a pod's container image changes, a kubelet
 * restarts that container, so the pod turns not Ready and later Ready with
 * the new image. kwok leaves Ready and the old image in the status forever.
 * This plays that part for one namespace: on an image change it writes
 * Ready=False at once, then after `restartMs` the new images, restartCount+1
 * and Ready=True.
 */
export function startFakeKubelet(api: KubeClient, namespace: string, restartMs: number): FakeKubelet {
  const specImages = new Map<string, string>();
  const unavailable = new Set<string>();
  const changes = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  let max = 0;
  const signature = (pod: FullPod): string =>
    JSON.stringify([...pod.spec.containers, ...(pod.spec.initContainers ?? [])].map((c) => [c.name, c.image]));
  const isUnavailable = (pod: FullPod): boolean => {
    const ready = pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
    const statuses = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
    const running = [...pod.spec.containers, ...(pod.spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always')];
    return !ready || running.some((c) => statuses.find((s) => s.name === c.name)?.image !== c.image);
  };
  const writeStatus = async (pod: FullPod, ready: boolean): Promise<void> => {
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const mapStatuses = (list: FullPod['spec']['containers'], statuses: { name: string; image: string; restartCount?: number }[] | undefined) =>
      list.map((c) => {
        const current = statuses?.find((s) => s.name === c.name);
        const restarted = current !== undefined && current.image !== c.image;
        return {
          ...current,
          name: c.name,
          image: ready ? c.image : (current?.image ?? c.image),
          imageID: '',
          ready,
          restartCount: (current?.restartCount ?? 0) + (ready && restarted ? 1 : 0),
          started: ready,
          state: { running: { startedAt: now } },
        };
      });
    const conditions = (pod.status?.conditions ?? []).map((c) =>
      c.type === 'Ready' || c.type === 'ContainersReady' ? { ...c, status: ready ? 'True' : 'False', lastTransitionTime: now } : c,
    );
    const initStatuses = mapStatuses(pod.spec.initContainers ?? [], pod.status?.initContainerStatuses);
    await api.request({
      method: 'PATCH',
      path: `/api/v1/namespaces/${namespace}/pods/${pod.metadata.name}/status`,
      contentType: 'application/merge-patch+json',
      body: { status: { conditions, containerStatuses: mapStatuses(pod.spec.containers, pod.status?.containerStatuses), initContainerStatuses: initStatuses } },
    });
  };
  const reflector = startReflector<FullPod>({
    client: api,
    path: `/api/v1/namespaces/${namespace}/pods`,
    resource: `pods in ${namespace}`,
    logger: quietLogger,
    keyOf: (object) => (object as FullPod).metadata.name,
    trim: (object) => object as FullPod,
    onChange: (before, after) => {
      const name = after?.metadata.name ?? before?.metadata.name ?? '';
      if (after === undefined || after.metadata.deletionTimestamp !== undefined) {
        unavailable.delete(name);
        return;
      }
      // Image changes are counted in any phase; only running pods get a status.
      const previous = specImages.get(name);
      const current = signature(after);
      specImages.set(name, current);
      if (previous !== undefined && previous !== current) changes.set(name, (changes.get(name) ?? 0) + 1);
      if (after.status?.phase !== 'Running') return;
      if (isUnavailable(after)) unavailable.add(name);
      else unavailable.delete(name);
      max = Math.max(max, unavailable.size);
      if (previous === undefined || previous === current) return;
      void writeStatus(after, false).then(() => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          const latest = reflector.get(name);
          if (latest !== undefined) void writeStatus(latest, true);
        }, restartMs);
        timers.add(timer);
      });
    },
  });
  return {
    maxUnavailable: () => max,
    imageChanges: () => changes,
    stop: async () => {
      for (const timer of timers) clearTimeout(timer);
      await reflector.stop();
    },
  };
}

/** Events recorded in a namespace, by reason and object name. */
export async function eventsIn(api: KubeClient, namespace: string): Promise<{ reason: string; name: string; message: string; source: string }[]> {
  const body = (await api.requestOk({ method: 'GET', path: `/api/v1/namespaces/${namespace}/events` })) as {
    items: { reason: string; message: string; involvedObject: { name: string }; reportingInstance?: string }[];
  };
  return body.items.map((event) => ({ reason: event.reason, name: event.involvedObject.name, message: event.message, source: event.reportingInstance ?? '' }));
}
