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
import { kubeconfigPath, repoRoot, stateDir } from '../../cluster-env.ts';
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

export interface ControllerRunOptions {
  /** The namespace, the Lease and the operator's identity and log file are named after it. */
  readonly name: string;
  /** The operator reconciles only SidecarSets labelled tandem-test=<runId>. */
  readonly runId: string;
  readonly namespaceLabels: Record<string, string>;
  /** The run's SidecarSet, applied before the operator starts. */
  readonly set: Record<string, unknown>;
  /** Flags beyond the short leader-election timings every test uses. */
  readonly flags?: readonly string[];
}

export interface ControllerRun {
  readonly api: KubeClient;
  /** Stops the operator, then deletes the set, the namespace and the Lease. */
  readonly stop: () => Promise<void>;
}

/** One test file's controller on the real apiserver: a namespace, its SidecarSet, and one `tandem operator` with a Lease of its own. */
export async function startControllerRun(options: ControllerRunOptions): Promise<ControllerRun> {
  const { name } = options;
  const api = await requester();
  await createNamespace(api, name, options.namespaceLabels);
  const set = await applySidecarSet(api, options.set);
  const operator = startOperatorProcess(
    ['--sidecarset-selector', `tandem-test=${options.runId}`, '--lease-name', name, '--identity', name, '--retry-period', '0.5', '--lease-duration', '3', '--renew-deadline', '2', ...(options.flags ?? [])],
    join(stateDir, 'logs', `${name}.log`),
  );
  return {
    api,
    stop: async () => {
      operator.kill('SIGTERM');
      await operator.exited;
      await deleteSidecarSet(api, set.metadata?.name ?? '');
      await deleteNamespace(api, name);
      await api.request({ method: 'DELETE', path: `/apis/coordination.k8s.io/v1/namespaces/default/leases/${name}` });
      api.close();
    },
  };
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

interface ContainerResources {
  requests?: Record<string, string>;
  limits?: Record<string, string>;
}

interface FullContainer {
  name: string;
  image: string;
  restartPolicy?: string;
  resources?: ContainerResources;
}

interface FullContainerStatus {
  name: string;
  image: string;
  ready: boolean;
  restartCount?: number;
  resources?: ContainerResources;
}

interface FullPod {
  metadata: { name: string; namespace: string; generation?: number; annotations?: Record<string, string>; deletionTimestamp?: string };
  spec: { containers: FullContainer[]; initContainers?: FullContainer[] };
  status?: {
    phase?: string;
    observedGeneration?: number;
    conditions?: { type: string; status: string; lastTransitionTime?: string }[];
    containerStatuses?: FullContainerStatus[];
    initContainerStatuses?: FullContainerStatus[];
  };
}

export interface FakeKubeletOptions {
  /**
   * Play a kubelet of 1.35 or later, which supports in-place resize: every
   * container status reports its `resources` and the pod reports
   * `status.observedGeneration`, and a changed cpu/memory in the spec is
   * actuated `resizeMs` later without a restart (the pod stays Ready). The
   * API server accepts a resize only for pods whose statuses report
   * resources, so on kwok this is what makes `pods/resize` possible at all.
   */
  readonly resizeMs?: number;
}

export interface FakeKubelet {
  /** Highest number of pods seen unavailable at once (not Ready, a container not running its spec image, or, with resizeMs, a resize not yet actuated). */
  maxUnavailable(): number;
  /** Forget the highest number seen, before a second rollout. */
  resetMaxUnavailable(): void;
  /** Per pod: how many times a container image changed in its spec (an in-place upgrade). */
  imageChanges(): ReadonlyMap<string, number>;
  /** Per pod: how many times a container's resources changed in its spec (an in-place resize). */
  resourceChanges(): ReadonlyMap<string, number>;
  /** Running pods whose statuses report resources (with resizeMs: the pods the API server will let be resized). */
  reportingResources(): number;
  stop(): Promise<void>;
}

const runningContainers = (pod: FullPod): FullContainer[] => [
  ...pod.spec.containers,
  ...(pod.spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always'),
];

const statusesOf = (pod: FullPod): FullContainerStatus[] => [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];

const resourcesKey = (resources: ContainerResources | undefined): string =>
  JSON.stringify([resources?.requests ?? {}, resources?.limits ?? {}]);

/** Every running container's status reports resources, and they are the spec's. */
function resourcesActuated(pod: FullPod): boolean {
  const statuses = statusesOf(pod);
  return runningContainers(pod).every((c) => {
    const status = statuses.find((s) => s.name === c.name);
    return status?.resources !== undefined && resourcesKey(status.resources) === resourcesKey(c.resources);
  });
}

/** A resize in progress: the statuses report resources, but not the spec's. Pods not yet reporting any are not counted. */
function resizing(pod: FullPod): boolean {
  return statusesOf(pod).some((s) => s.resources !== undefined) && !resourcesActuated(pod);
}

/**
 * What kwok does not do: when a pod's container image changes, a kubelet
 * restarts that container, so the pod turns not Ready and later Ready with
 * the new image. kwok leaves Ready and the old image in the status forever.
 * This plays that part for one namespace: on an image change it writes
 * Ready=False at once, then after `restartMs` the new images, restartCount+1
 * and Ready=True. With `resizeMs` it also plays a resize-capable kubelet
 * (FakeKubeletOptions).
 */
export function startFakeKubelet(api: KubeClient, namespace: string, restartMs: number, options: FakeKubeletOptions = {}): FakeKubelet {
  const resize = options.resizeMs !== undefined;
  const specImages = new Map<string, string>();
  const specResources = new Map<string, string>();
  const unavailable = new Set<string>();
  const changes = new Map<string, number>();
  const resized = new Map<string, number>();
  const actuating = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  let max = 0;
  const signature = (pod: FullPod): string =>
    JSON.stringify([...pod.spec.containers, ...(pod.spec.initContainers ?? [])].map((c) => [c.name, c.image]));
  const resourceSignature = (pod: FullPod): string =>
    JSON.stringify([...pod.spec.containers, ...(pod.spec.initContainers ?? [])].map((c) => [c.name, resourcesKey(c.resources)]));
  const isReady = (pod: FullPod): boolean => pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
  const isUnavailable = (pod: FullPod): boolean => {
    const statuses = statusesOf(pod);
    return !isReady(pod) || runningContainers(pod).some((c) => statuses.find((s) => s.name === c.name)?.image !== c.image) || (resize && resizing(pod));
  };
  const later = (ms: number, action: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      action();
    }, ms);
    timers.add(timer);
  };
  const writeStatus = async (pod: FullPod, ready: boolean): Promise<void> => {
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const mapStatuses = (list: FullContainer[], statuses: FullContainerStatus[] | undefined) =>
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
          // A resize-capable kubelet reports what it has actuated: the spec's resources once it has acted.
          ...(resize ? { resources: { requests: c.resources?.requests ?? {}, limits: c.resources?.limits ?? {} } } : {}),
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
      body: {
        status: {
          conditions,
          containerStatuses: mapStatuses(pod.spec.containers, pod.status?.containerStatuses),
          initContainerStatuses: initStatuses,
          ...(resize && pod.metadata.generation !== undefined ? { observedGeneration: pod.metadata.generation } : {}),
        },
      },
    });
  };
  /** Reports the spec's resources `resizeMs` from now, keeping the pod's readiness: a resize needs no restart. */
  const actuateResize = (name: string): void => {
    if (actuating.has(name)) return;
    actuating.add(name);
    later(options.resizeMs ?? 0, () => {
      actuating.delete(name);
      const latest = reflector.get(name);
      if (latest !== undefined && latest.metadata.deletionTimestamp === undefined && !resourcesActuated(latest)) void writeStatus(latest, isReady(latest));
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
      // Image and resource changes are counted in any phase; only running pods get a status.
      const previous = specImages.get(name);
      const current = signature(after);
      specImages.set(name, current);
      if (previous !== undefined && previous !== current) changes.set(name, (changes.get(name) ?? 0) + 1);
      const previousResources = specResources.get(name);
      const currentResources = resourceSignature(after);
      specResources.set(name, currentResources);
      if (previousResources !== undefined && previousResources !== currentResources) resized.set(name, (resized.get(name) ?? 0) + 1);
      if (after.status?.phase !== 'Running') return;
      if (isUnavailable(after)) unavailable.add(name);
      else unavailable.delete(name);
      max = Math.max(max, unavailable.size);
      if (previous !== undefined && previous !== current) {
        void writeStatus(after, false).then(() => {
          later(restartMs, () => {
            const latest = reflector.get(name);
            if (latest !== undefined) void writeStatus(latest, true);
          });
        });
        return;
      }
      // Not restarting: a resize-capable kubelet reports resources (first sight) or actuates a resize.
      if (resize && !resourcesActuated(after)) actuateResize(name);
    },
  });
  return {
    maxUnavailable: () => max,
    resetMaxUnavailable: () => {
      max = unavailable.size;
    },
    imageChanges: () => changes,
    resourceChanges: () => resized,
    reportingResources: () => {
      let count = 0;
      for (const pod of reflector.values()) {
        if (pod.status?.phase === 'Running' && statusesOf(pod).some((s) => s.resources !== undefined)) count += 1;
      }
      return count;
    },
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
