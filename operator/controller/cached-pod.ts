import { parseRecord, type InjectionRecord } from '../injection/injection-record.ts';
import { podOperatingSystem } from '../injection/pod-operating-system.ts';
import type { Labels } from '../injection/label-selector.ts';
import type { Volume } from '../api/pod-template.ts';
import type { ProcessNamespaceSettings } from '../injection/process-namespace-conflict.ts';
import { volumeDefinitionHash, type NameOwner, type RefusalFacts } from '../injection/sidecar-set-refusal.ts';
import { INJECTION_RECORD_ANNOTATION } from '../injection/tandem-keys.ts';

/** A container as the controller needs it: which one, which image, and whether it is a native sidecar. */
export interface CachedContainer {
  readonly name: string;
  readonly image: string;
  /** "Always" on a native sidecar (an init container that keeps running). */
  readonly restartPolicy?: string;
}

/** What the kubelet reports about one container: the image it runs and whether it is ready. */
export interface CachedContainerStatus {
  readonly name: string;
  readonly image: string;
  readonly ready: boolean;
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
    readonly containers?: readonly { readonly name: string; readonly image?: string }[];
    readonly volumes?: readonly Volume[];
    readonly initContainers?: readonly { readonly name: string; readonly image?: string; readonly restartPolicy?: string }[];
  };
  readonly status?: {
    readonly phase?: string;
    readonly conditions?: readonly { readonly type: string; readonly status: string }[];
    readonly containerStatuses?: readonly { readonly name: string; readonly image: string; readonly ready: boolean }[];
    readonly initContainerStatuses?: readonly { readonly name: string; readonly image: string; readonly ready: boolean }[];
  };
}

const TANDEM_PREFIX = 'tandem.dev/';

/** Keeps only what the controller reads. Strings are copied out so the full object can be collected. */
export function trimPod(pod: PodLike): CachedPod {
  const metadata = pod.metadata ?? {};
  const annotations = Object.fromEntries(
    Object.entries(metadata.annotations ?? {}).filter(([key]) => key.startsWith(TANDEM_PREFIX)),
  );
  return {
    namespace: metadata.namespace ?? '',
    name: metadata.name ?? '',
    uid: metadata.uid ?? '',
    resourceVersion: metadata.resourceVersion ?? '',
    creationTimestamp: toIso(metadata.creationTimestamp),
    labels: { ...metadata.labels },
    annotations,
    owner: controllerOf(metadata.ownerReferences),
    ...trimSpec(pod.spec),
    ...trimStatus(pod.status),
    deleting: metadata.deletionTimestamp != null,
    record: readRecord(annotations[INJECTION_RECORD_ANNOTATION]),
  };
}

function controllerOf(references: NonNullable<PodLike['metadata']>['ownerReferences']): OwnerReference | undefined {
  const owner = references?.find((reference) => reference.controller === true);
  return owner === undefined ? undefined : { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.name, uid: owner.uid };
}

function trimSpec(spec: PodLike['spec']): Pick<CachedPod, 'containers' | 'initContainers' | 'processNamespace' | 'volumes'> {
  return {
    volumes: (spec?.volumes ?? []).map((volume) => ({ name: volume.name, hash: volumeDefinitionHash(volume) })),
    processNamespace: trimProcessNamespace(spec),
    containers: (spec?.containers ?? []).map((c) => ({ name: c.name, image: c.image ?? '' })),
    initContainers: (spec?.initContainers ?? []).map((c) => ({
      name: c.name,
      image: c.image ?? '',
      ...(c.restartPolicy !== undefined ? { restartPolicy: c.restartPolicy } : {}),
    })),
  };
}

function trimProcessNamespace(spec: PodLike['spec']): ProcessNamespaceSettings {
  return {
    ...(spec?.shareProcessNamespace !== undefined ? { shareProcessNamespace: spec.shareProcessNamespace } : {}),
    ...(spec?.hostPID !== undefined ? { hostPID: spec.hostPID } : {}),
    // The operating system the pod runs on as Tandem tells it (spec.os, nodeSelector, node affinity), without keeping those fields.
    ...(spec !== undefined && podOperatingSystem(spec).name === 'windows' ? { os: { name: 'windows' } } : {}),
  };
}

function trimStatus(status: PodLike['status']): Pick<CachedPod, 'statuses' | 'phase' | 'ready'> {
  return {
    statuses: [...(status?.containerStatuses ?? []), ...(status?.initContainerStatuses ?? [])].map((s) => ({
      name: s.name,
      image: s.image,
      ready: s.ready,
    })),
    phase: status?.phase ?? '',
    ready: status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true,
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
