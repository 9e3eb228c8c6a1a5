import type { CachedPod, OwnerReference } from './cached-pod.ts';
import type { PodClassification } from './classify-pod.ts';

/**
 * What a user rolls to get a pod recreated: the Deployment, StatefulSet or
 * DaemonSet behind the pod, or, for any other controller (a Job, a bare
 * ReplicaSet, someone's custom resource), that controller itself.
 */
export interface WorkloadToRoll {
  readonly kind: string;
  readonly name: string;
  /** `kubectl rollout restart` works for it. */
  readonly restartable: boolean;
}

/** Outdated pods of one controlling owner, for one event and one line of the condition. */
export interface OutdatedWorkload {
  readonly namespace: string;
  /** The pod's controlling owner, as its ownerReference names it: the event's object. */
  readonly owner: OwnerReference;
  readonly workload: WorkloadToRoll;
  readonly pods: number;
  /** Why the first of its pods cannot be upgraded in place (the pods of one template share it). */
  readonly reason: string;
}

const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';

/**
 * Derived from the cache alone, without reading the owner: the Deployment
 * controller names each ReplicaSet `<deployment>-<pod-template-hash>` and
 * labels its pods with that hash, so a ReplicaSet whose name ends in the
 * pod's hash belongs to that Deployment. A ReplicaSet without it is rolled
 * as itself (its pods deleted).
 */
export function workloadToRoll(pod: CachedPod): WorkloadToRoll | undefined {
  const owner = pod.owner;
  if (owner === undefined) return undefined;
  if (owner.kind === 'StatefulSet' || owner.kind === 'DaemonSet') return { kind: owner.kind, name: owner.name, restartable: true };
  const hash = pod.labels[POD_TEMPLATE_HASH_LABEL];
  if (owner.kind === 'ReplicaSet' && hash !== undefined && hash !== '' && owner.name.endsWith(`-${hash}`) && owner.name.length > hash.length + 1) {
    return { kind: 'Deployment', name: owner.name.slice(0, -(hash.length + 1)), restartable: true };
  }
  return { kind: owner.kind, name: owner.name, restartable: false };
}

/** Outdated (injected, not upgradable in place), not deleting, owned pods grouped by owner, ordered by namespace and workload. */
export function outdatedWorkloads(pods: readonly PodClassification[]): OutdatedWorkload[] {
  const byOwner = new Map<string, OutdatedWorkload>();
  for (const { pod, state, matched } of pods) {
    if (!matched || state.kind !== 'outdated' || pod.deleting) continue;
    const workload = workloadToRoll(pod);
    if (workload === undefined || pod.owner === undefined) continue;
    const key = `${pod.namespace}\u0000${pod.owner.uid}`;
    const entry = byOwner.get(key);
    byOwner.set(key, entry === undefined ? { namespace: pod.namespace, owner: pod.owner, workload, pods: 1, reason: state.reason } : { ...entry, pods: entry.pods + 1 });
  }
  return [...byOwner.values()].sort((a, b) => compare(describeWorkload(a), describeWorkload(b)));
}

/** "Deployment shop/web", as kubectl users name it. */
export function describeWorkload(entry: OutdatedWorkload): string {
  return `${entry.workload.kind} ${entry.namespace}/${entry.workload.name}`;
}

/** What to run or do so that the workload's pods are recreated with the current revision. */
export function rollRemedy(entry: OutdatedWorkload): string {
  const { workload, namespace } = entry;
  return workload.restartable
    ? `kubectl rollout restart ${workload.kind.toLowerCase()}/${workload.name} -n ${namespace}`
    : `recreate the pods of ${workload.kind} ${namespace}/${workload.name}`;
}

function compare(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
