import { parseRecord, type InjectionRecord } from '../injection/injection-record.ts';
import { podOperatingSystem } from '../injection/pod-operating-system.ts';
import type { Labels } from '../injection/label-selector.ts';
import type { Volume } from '../api/pod-template.ts';
import type { ProcessNamespaceSettings } from '../injection/process-namespace-conflict.ts';
import { volumeDefinitionHash, type NameOwner, type RefusalFacts } from '../injection/sidecar-set-refusal.ts';
import { INJECTION_RECORD_ANNOTATION } from '../injection/tandem-keys.ts';

/** cpu and memory requests and limits, as the pod's spec or the kubelet's status states them. */
export interface CachedResources {
  readonly requests?: Readonly<Record<string, string>>;
  readonly limits?: Readonly<Record<string, string>>;
}

/** A container as the controller needs it: which one, which image, and whether it is a native sidecar. */
export interface CachedContainer {
  readonly name: string;
  readonly image: string;
  /** "Always" on a native sidecar (an init container that keeps running). */
  readonly restartPolicy?: string;
  /** cpu and memory only, and only for containers an injection record lists (what a resize changes). */
  readonly resources?: CachedResources;
}

/** What the kubelet reports about one container: the image it runs, its resources, whether it is ready or why it waits. */
export interface CachedContainerStatus {
  readonly name: string;
  readonly image: string;
  readonly ready: boolean;
  /** The resources the kubelet has applied (status.containerStatuses[].resources); absent before Kubernetes 1.33 and on kwok. */
  readonly resources?: CachedResources;
  /** state.waiting: why the container does not run (ErrImagePull, CrashLoopBackOff...). */
  readonly waiting?: { readonly reason: string; readonly message: string };
  /** state.terminated.finishedAt: the container is not running since then. */
  readonly stoppedAt?: string;
}

/** The kubelet's answer to a resize it has not carried out: the pod condition PodResizePending (Infeasible or Deferred). */
export interface ResizePending {
  readonly reason: string;
  readonly message: string;
}

/** A pod volume as the refusal rules compare it: its name and volumeDefinitionHash. */
export interface CachedVolume {
  readonly name: string;
  readonly hash: string;
}

/** The controlling owner of a pod (ReplicaSet, StatefulSet, DaemonSet, Job...). */
export interface OwnerReference {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly uid: string;
}

export type RecordState =
  | { readonly kind: 'none' }
  | { readonly kind: 'ok'; readonly record: InjectionRecord; readonly text: string }
  | { readonly kind: 'unreadable'; readonly error: string };

/**
 * The trimmed pod kept in the controller's cache: only what status,
 * upgrade planning and patching read. Everything else (env, probes,
 * volumes, managedFields...) is dropped at the watch, so memory follows the
 * number of injected pods, not their size.
 */
export interface CachedPod {
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
  readonly resourceVersion: string;
  readonly creationTimestamp: string | undefined;
  readonly labels: Labels;
  /** Only the tandem.dev/ annotations: opt-in and the injection record. */
  readonly annotations: Labels;
  readonly owner: OwnerReference | undefined;
  readonly containers: readonly CachedContainer[];
  readonly initContainers: readonly CachedContainer[];
  /** Statuses of containers and init containers together (names are unique across both). */
  readonly statuses: readonly CachedContainerStatus[];
  readonly phase: string;
  /** The Ready condition is True. */
  readonly ready: boolean;
  /** metadata.generation: moves with every change of the spec. */
  readonly generation: number | undefined;
  /** status.observedGeneration: the generation the kubelet has acted on (Kubernetes 1.35+; absent on kwok and older kubelets). */
  readonly observedGeneration: number | undefined;
  /** The pod condition PodResizePending, when the kubelet reports one. */
  readonly resizePending: ResizePending | undefined;
  /** metadata.deletionTimestamp is set: the pod is going away and is left alone. */
  readonly deleting: boolean;
  /** The injection record, parsed once when the pod enters the cache. */
  readonly record: RecordState;
  /** Whether the pod could share its process namespace: a set needing it is skipped, not missed. */
  readonly processNamespace: ProcessNamespaceSettings;
  /**
   * The pod's volumes, each as its name and a hash of its definition: a set
   * mounting one nobody defines, or declaring one of the same name with a
   * different definition, is skipped, not missed (sidecarSetRefusal).
   */
  readonly volumes: readonly CachedVolume[];
}

/** The structural subset of a core/v1 Pod that trimPod reads; client-node's V1Pod fits it. */
export interface PodLike {
  readonly metadata?: {
    readonly namespace?: string;
    readonly name?: string;
    readonly uid?: string;
    readonly resourceVersion?: string;
    readonly generation?: number;
    readonly creationTimestamp?: Date | string;
    readonly deletionTimestamp?: Date | string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly annotations?: Readonly<Record<string, string>>;
    readonly ownerReferences?: readonly {
      readonly apiVersion: string;
      readonly kind: string;
      readonly name: string;
      readonly uid: string;
      readonly controller?: boolean;
    }[];
  };
  readonly spec?: ProcessNamespaceSettings & {
    readonly containers?: readonly ContainerLike[];
    readonly volumes?: readonly Volume[];
    readonly initContainers?: readonly (ContainerLike & { readonly restartPolicy?: string })[];
  };
  readonly status?: {
    readonly phase?: string;
    readonly observedGeneration?: number;
    readonly conditions?: readonly { readonly type: string; readonly status: string; readonly reason?: string; readonly message?: string }[];
    readonly containerStatuses?: readonly ContainerStatusLike[];
    readonly initContainerStatuses?: readonly ContainerStatusLike[];
  };
}

interface ResourcesLike {
  readonly requests?: Readonly<Record<string, unknown>>;
  readonly limits?: Readonly<Record<string, unknown>>;
}

interface ContainerLike {
  readonly name: string;
  readonly image?: string;
  readonly resources?: ResourcesLike;
}

interface ContainerStatusLike {
  readonly name: string;
  readonly image: string;
  readonly ready: boolean;
  readonly resources?: ResourcesLike;
  readonly state?: { readonly waiting?: { readonly reason?: string; readonly message?: string }; readonly terminated?: { readonly finishedAt?: Date | string } };
}

const TANDEM_PREFIX = 'tandem.dev/';
const RESIZED = ['cpu', 'memory'];

/** Keeps only what the controller reads. Strings are copied out so the full object can be collected. */
export function trimPod(pod: PodLike): CachedPod {
  const metadata = pod.metadata ?? {};
  const annotations = Object.fromEntries(
    Object.entries(metadata.annotations ?? {}).filter(([key]) => key.startsWith(TANDEM_PREFIX)),
  );
  const record = readRecord(annotations[INJECTION_RECORD_ANNOTATION]);
  return {
    namespace: metadata.namespace ?? '',
    name: metadata.name ?? '',
    uid: metadata.uid ?? '',
    resourceVersion: metadata.resourceVersion ?? '',
    generation: metadata.generation,
    creationTimestamp: toIso(metadata.creationTimestamp),
    labels: { ...metadata.labels },
    annotations,
    owner: controllerOf(metadata.ownerReferences),
    ...trimSpec(pod.spec, injectedNames(record)),
    ...trimStatus(pod.status),
    deleting: metadata.deletionTimestamp != null,
    record,
  };
}

function controllerOf(references: NonNullable<PodLike['metadata']>['ownerReferences']): OwnerReference | undefined {
  const owner = references?.find((reference) => reference.controller === true);
  return owner === undefined ? undefined : { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.name, uid: owner.uid };
}

/** Names of the containers an injection record lists: only theirs resources are kept. */
function injectedNames(record: RecordState): ReadonlySet<string> {
  if (record.kind !== 'ok') return new Set();
  return new Set(Object.values(record.record.sets).flatMap((entry) => [...entry.containers, ...entry.initContainers]));
}

function trimSpec(spec: PodLike['spec'], injected: ReadonlySet<string>): Pick<CachedPod, 'containers' | 'initContainers' | 'processNamespace' | 'volumes'> {
  const container = (c: ContainerLike): CachedContainer => {
    const resources = injected.has(c.name) ? trimResources(c.resources) : undefined;
    return { name: c.name, image: c.image ?? '', ...(resources !== undefined ? { resources } : {}) };
  };
  return {
    volumes: (spec?.volumes ?? []).map((volume) => ({ name: volume.name, hash: volumeDefinitionHash(volume) })),
    processNamespace: trimProcessNamespace(spec),
    containers: (spec?.containers ?? []).map(container),
    initContainers: (spec?.initContainers ?? []).map((c) => ({
      ...container(c),
      ...(c.restartPolicy !== undefined ? { restartPolicy: c.restartPolicy } : {}),
    })),
  };
}

/** cpu and memory of requests and limits, as strings; undefined when the container states neither. */
function trimResources(resources: ResourcesLike | undefined): CachedResources | undefined {
  const pick = (values: Readonly<Record<string, unknown>> | undefined): Record<string, string> | undefined => {
    const kept = Object.entries(values ?? {}).filter(([name]) => RESIZED.includes(name));
    return kept.length === 0 ? undefined : Object.fromEntries(kept.map(([name, value]) => [name, String(value)]));
  };
  const requests = pick(resources?.requests);
  const limits = pick(resources?.limits);
  if (requests === undefined && limits === undefined) return undefined;
  return { ...(requests !== undefined ? { requests } : {}), ...(limits !== undefined ? { limits } : {}) };
}

function trimProcessNamespace(spec: PodLike['spec']): ProcessNamespaceSettings {
  return {
    ...(spec?.shareProcessNamespace !== undefined ? { shareProcessNamespace: spec.shareProcessNamespace } : {}),
    ...(spec?.hostPID !== undefined ? { hostPID: spec.hostPID } : {}),
    // The operating system the pod runs on as Tandem tells it (spec.os, nodeSelector, node affinity), without keeping those fields.
    ...(spec !== undefined && podOperatingSystem(spec).name === 'windows' ? { os: { name: 'windows' } } : {}),
  };
}

function trimStatus(status: PodLike['status']): Pick<CachedPod, 'statuses' | 'phase' | 'ready' | 'observedGeneration' | 'resizePending'> {
  const conditions = status?.conditions ?? [];
  return {
    statuses: [...(status?.containerStatuses ?? []), ...(status?.initContainerStatuses ?? [])].map(trimContainerStatus),
    phase: status?.phase ?? '',
    ready: conditions.some((c) => c.type === 'Ready' && c.status === 'True'),
    observedGeneration: status?.observedGeneration,
    resizePending: resizePendingOf(conditions),
  };
}

function resizePendingOf(conditions: NonNullable<NonNullable<PodLike['status']>['conditions']>): ResizePending | undefined {
  const pending = conditions.find((c) => c.type === 'PodResizePending' && c.status === 'True');
  return pending === undefined ? undefined : { reason: pending.reason ?? '', message: pending.message ?? '' };
}

function trimContainerStatus(s: ContainerStatusLike): CachedContainerStatus {
  const resources = trimResources(s.resources);
  const waiting = s.state?.waiting;
  const stoppedAt = toIso(s.state?.terminated?.finishedAt);
  return {
    name: s.name,
    image: s.image,
    ready: s.ready,
    ...(resources !== undefined ? { resources } : {}),
    ...(waiting?.reason !== undefined ? { waiting: { reason: waiting.reason, message: waiting.message ?? '' } } : {}),
    ...(stoppedAt !== undefined ? { stoppedAt } : {}),
  };
}

/**
 * The pod as the refusal rules read it, as the webhook would have seen it:
 * names the record lists belong to that set, every other name to the pod.
 * One difference remains by nature: a volume an earlier set injected is
 * hashed as the apiserver stored it (with its defaults), where the webhook
 * compared the set's own definition.
 */
export function refusalFacts(pod: CachedPod): RefusalFacts {
  const sets = pod.record.kind === 'ok' ? Object.entries(pod.record.record.sets) : [];
  const owner = (name: string, listed: (entry: (typeof sets)[number][1]) => readonly string[]): NameOwner => {
    const set = sets.find(([, entry]) => listed(entry).includes(name));
    return set === undefined ? { kind: 'pod' } : { kind: 'set', name: set[0] };
  };
  return {
    processNamespace: pod.processNamespace,
    containerOwner: (name) =>
      pod.containers.some((c) => c.name === name) || pod.initContainers.some((c) => c.name === name)
        ? owner(name, (entry) => [...entry.containers, ...entry.initContainers])
        : undefined,
    volumeOwner: (name) => (pod.volumes.some((volume) => volume.name === name) ? owner(name, (entry) => entry.volumes) : undefined),
    volumeHash: (name) => pod.volumes.find((volume) => volume.name === name)?.hash,
  };
}

export function podKey(pod: Pick<CachedPod, 'namespace' | 'name'>): string {
  return `${pod.namespace}/${pod.name}`;
}

function readRecord(text: string | undefined): RecordState {
  if (text === undefined) return { kind: 'none' };
  const parsed = parseRecord(text);
  return parsed.ok ? { kind: 'ok', record: parsed.record, text } : { kind: 'unreadable', error: parsed.error };
}

function toIso(value: Date | string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : value.toISOString();
}
