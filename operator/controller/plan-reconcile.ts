import { nameOf, type SidecarSet, type SidecarSetStatus } from '../api/sidecar-set.ts';
import { canonicalJson } from '../json/canonical-json.ts';
import { supportsSidecarResize, type KubeVersion } from '../injection/kube-version.ts';
import type { Labels } from '../injection/label-selector.ts';
import { hashSidecarSet, type SidecarSetHashes } from '../injection/sidecar-set-hash.ts';
import { buildUpgradePatch, type PodUpgrade } from './build-upgrade-patch.ts';
import { podKey, type CachedPod } from './cached-pod.ts';
import { classifyPod, type PodClassification } from './classify-pod.ts';
import { computeStatus, countPods, type PodCounts } from './compute-status.ts';
import { EVENT_REASONS, type ControllerEvent, type EventTarget } from './controller-event.ts';
import { describeWorkload, outdatedWorkloads, rollRemedy, workloadToRoll, type OutdatedWorkload } from './outdated-workloads.ts';
import { describeConflicts, findConflicts, type SetConflict } from './find-conflicts.ts';
import { planUpgrade, type UpgradePlan } from './plan-upgrade.ts';
import { resolveNativeness } from '../injection/resolve-nativeness.ts';
import { restartToken, workloadKey, type WorkloadState } from './workload-ref.ts';

/** An in-place upgrade the API server refused, remembered so it is not retried for the same revision. */
export interface RefusedUpgrade {
  readonly hash: string;
  readonly message: string;
}

export interface ReconcileInput {
  /** The set, validated and defaulted exactly as the webhook sees it. */
  readonly set: SidecarSet;
  /** Every valid set (for conflicts); may include `set`. */
  readonly allSets: readonly SidecarSet[];
  /** Cached injected pods, plus uninjected pods from the last scan; one per namespace/name. */
  readonly pods: Iterable<CachedPod>;
  readonly namespaceLabels: (namespace: string) => Labels | undefined;
  /** The version the webhook resolves nativeSidecars: Auto with. */
  readonly kubeVersion: KubeVersion | undefined;
  /** RestartWorkloads: owning workloads of the pods that need one, by pod key. */
  readonly workloads?: ReadonlyMap<string, WorkloadState>;
  /** Refusals by pod uid. */
  readonly refused?: ReadonlyMap<string, RefusedUpgrade>;
  readonly now: Date;
}

export interface ReconcilePlan {
  readonly hashes: SidecarSetHashes;
  /** The set's sidecars go in as native sidecars (what a resize recomputes the pod's containers with). */
  readonly native: boolean;
  readonly pods: readonly PodClassification[];
  readonly counts: PodCounts;
  readonly conflicts: readonly SetConflict[];
  readonly upgrade: UpgradePlan;
  readonly upgrades: readonly PodUpgrade[];
  readonly status: SidecarSetStatus;
  /** The stored status differs from `status` (ignoring key order). */
  readonly statusChanged: boolean;
  readonly events: readonly ControllerEvent[];
  /** Pods that need a workload restart under RestartWorkloads (the shell resolves their owners). */
  readonly restartCandidates: readonly CachedPod[];
}

/** Pod events of one kind per reconcile, at most: a set with 5,000 outdated pods must not flood the API server. */
export const MAX_POD_EVENTS_PER_KIND = 20;

/**
 * Everything one reconcile of one SidecarSet decides, as a pure function of
 * the cluster state: pod classification, status, which pods to upgrade in
 * place, which workloads to restart, which events to record. The shell
 * (reconcile-sidecar-set.ts) gathers the inputs and carries the plan out.
 */
export function planReconcile(input: ReconcileInput): ReconcilePlan {
  const set = input.set;
  const native = resolveNativeness(set, input.kubeVersion);
  const hashes = hashSidecarSet(set, native);
  const context = { set, hashes, resizeSupported: supportsSidecarResize(input.kubeVersion), now: input.now };
  const pods: PodClassification[] = [];
  for (const pod of input.pods) {
    const classified = classifyPod(context, pod, input.namespaceLabels(pod.namespace) ?? {});
    if (classified.state.kind !== 'unmatched') pods.push(withRefusal(classified, input.refused, hashes.hash));
  }
  const conflicts = findConflicts(set, input.allSets);
  const token = restartToken(nameOf(set), hashes.hash);
  const upgrade = planUpgrade({
    strategy: set.spec.updateStrategy ?? {},
    pods,
    ...(input.workloads !== undefined ? { workloads: input.workloads } : {}),
    restartToken: token,
  });
  const resizing = new Set(pods.flatMap((pod) => (pod.state.kind === 'upgradable' && pod.state.resize ? [pod.pod.uid] : [])));
  const upgrades = upgrade.inPlace.flatMap((pod) => buildUpgradePatch(set, hashes, pod, resizing.has(pod.uid)) ?? []);
  const refusedCount = pods.filter((pod) => input.refused?.get(pod.pod.uid)?.hash === hashes.hash && pod.injected).length;
  const outdated = outdatedWorkloads(pods);
  const status = computeStatus({
    set,
    pods,
    outdatedWorkloads: outdated,
    conflicts,
    plan: upgrade,
    refusedUpgrades: refusedCount,
    previous: set.status?.conditions,
    now: input.now,
  });
  return {
    hashes,
    native,
    pods,
    counts: countPods(pods),
    conflicts,
    upgrade,
    upgrades,
    status,
    statusChanged: !sameStatus(set.status, status),
    events: planEvents(set, pods, { hashes, conflicts, upgrade, upgrades, outdated }),
    restartCandidates:
      (set.spec.updateStrategy?.type ?? 'RollingUpdate') === 'RestartWorkloads'
        ? pods.filter((pod) => pod.state.kind === 'missed' || (pod.injected && pod.state.kind === 'outdated')).map((pod) => pod.pod)
        : [],
  };
}

/** Status comparison that ignores key order and absent-vs-undefined. */
export function sameStatus(stored: SidecarSetStatus | undefined, next: SidecarSetStatus): boolean {
  return canonicalJson(stored ?? {}) === canonicalJson(JSON.parse(JSON.stringify(next)));
}

function withRefusal(
  classified: PodClassification,
  refused: ReadonlyMap<string, RefusedUpgrade> | undefined,
  hash: string,
): PodClassification {
  const refusal = refused?.get(classified.pod.uid);
  if (classified.state.kind !== 'upgradable' || refusal?.hash !== hash) return classified;
  return { ...classified, state: { kind: 'outdated', reason: `the API server refused the in-place upgrade: ${refusal.message}` } };
}

interface PlannedWork {
  readonly hashes: SidecarSetHashes;
  readonly conflicts: readonly SetConflict[];
  readonly upgrade: UpgradePlan;
  readonly upgrades: readonly PodUpgrade[];
  readonly outdated: readonly OutdatedWorkload[];
}

function planEvents(set: SidecarSet, pods: readonly PodClassification[], work: PlannedWork): ControllerEvent[] {
  const { conflicts, upgrade, upgrades, hashes } = work;
  const name = nameOf(set);
  const setTarget: EventTarget = { kind: 'SidecarSet', name, uid: set.metadata?.uid ?? '' };
  const events: ControllerEvent[] = [];
  if (conflicts.length > 0) {
    events.push({ target: setTarget, type: 'Warning', reason: EVENT_REASONS.conflict, message: describeConflicts(conflicts) });
  }
  if (upgrade.blocked === 'Failing') {
    const examples = upgrade.failing.slice(0, 5).map(({ pod, failure }) => `${podKey(pod)}: ${failure}`).join('; ');
    events.push({
      target: setTarget,
      type: 'Warning',
      reason: EVENT_REASONS.rolloutStopped,
      message: `rollout stopped: ${upgrade.failing.length} pods on revision ${hashes.hash} cannot start a sidecar (${examples}); fix the SidecarSet to resume`,
    });
  }
  if (upgrades.length > 0) {
    const names = upgrades.slice(0, 10).map((upgrade) => podKey(upgrade.pod)).join(', ');
    events.push({
      target: setTarget,
      type: 'Normal',
      reason: EVENT_REASONS.upgrading,
      message: `upgrading ${upgrades.length} pods in place (maxUnavailable ${upgrade.budget}, ${upgrade.unavailable} unavailable, ${upgrade.waiting} waiting): ${names}${upgrades.length > 10 ? ', ...' : ''}`,
    });
  }
  for (const ref of upgrade.restarts) {
    events.push({ target: setTarget, type: 'Normal', reason: EVENT_REASONS.restarting, message: `restarting ${workloadKey(ref)} so that its pods are injected with the current revision` });
  }
  events.push(...workloadEvents(name, set, work.outdated), ...podEvents(name, set, pods));
  return events;
}

/**
 * One event per workload with outdated pods, on the pod's controlling owner
 * (`kubectl describe rs/sts/ds ...`, `kubectl events`); per pod only for
 * pods nobody owns, as for missed and skipped pods.
 */
function workloadEvents(name: string, set: SidecarSet, outdated: readonly OutdatedWorkload[]): ControllerEvent[] {
  const restarts = set.spec.updateStrategy?.type === 'RestartWorkloads';
  return outdated
    .slice(0, MAX_POD_EVENTS_PER_KIND)
    .map((entry) => {
      const then = restarts ? `Tandem restarts ${describeWorkload(entry)} (updateStrategy.type RestartWorkloads)` : `to apply it: ${rollRemedy(entry)}, or set updateStrategy.type RestartWorkloads`;
      const target: EventTarget = {
        kind: 'Owner',
        apiVersion: entry.owner.apiVersion,
        ownerKind: entry.owner.kind,
        namespace: entry.namespace,
        name: entry.owner.name,
        uid: entry.owner.uid,
      };
      const pods = entry.pods === 1 ? '1 pod' : `${entry.pods} pods`;
      return {
        target,
        type: 'Warning',
        reason: EVENT_REASONS.workloadOutdated,
        message: `SidecarSet "${name}": ${pods} of ${describeWorkload(entry)} not upgraded in place: ${entry.reason}; ${then}`,
      };
    });
}

/** Outdated pods nobody owns, missed and skipped pods: owned outdated pods are reported once per workload (workloadEvents). */
type PerPodState = Extract<PodClassification['state'], { kind: 'outdated' | 'missed' | 'skipped' }>;

function reportedPerPod(pod: CachedPod, state: PodClassification['state']): state is PerPodState {
  if (pod.deleting) return false;
  if (state.kind === 'outdated') return workloadToRoll(pod) === undefined;
  return state.kind === 'missed' || state.kind === 'skipped';
}

function podEvents(name: string, set: SidecarSet, pods: readonly PodClassification[]): ControllerEvent[] {
  const restarts = set.spec.updateStrategy?.type === 'RestartWorkloads';
  const byKind = { outdated: 0, missed: 0, skipped: 0 };
  const events: ControllerEvent[] = [];
  for (const { pod, state } of pods) {
    if (!reportedPerPod(pod, state)) continue;
    if (byKind[state.kind] >= MAX_POD_EVENTS_PER_KIND) continue;
    byKind[state.kind] += 1;
    const target: EventTarget = { kind: 'Pod', namespace: pod.namespace, name: pod.name, uid: pod.uid };
    if (state.kind === 'outdated') {
      const then = restarts ? '; its workload will be restarted' : '; it updates when recreated';
      events.push({ target, type: 'Warning', reason: EVENT_REASONS.notUpgradable, message: `SidecarSet "${name}": not upgraded in place: ${state.reason}${then}` });
    } else if (state.kind === 'missed') {
      const then = restarts ? '; its workload will be restarted' : '; recreate it (or use updateStrategy.type RestartWorkloads)';
      events.push({ target, type: 'Warning', reason: EVENT_REASONS.missed, message: `SidecarSet "${name}" matches this pod and it opted in, but it was created without it (was the webhook unavailable?)${then}` });
    } else {
      events.push({ target, type: 'Warning', reason: EVENT_REASONS.skipped, message: `SidecarSet "${name}" is not injected: ${state.message}` });
    }
  }
  return events;
}
