import { describeWorkload, rollRemedy, workloadToRoll, type OutdatedWorkload } from './outdated-workloads.ts';
import type { SidecarSet, SidecarSetStatus } from '../api/sidecar-set.ts';
import { podKey } from './cached-pod.ts';
import type { PodClassification } from './classify-pod.ts';
import { describeConflicts, type SetConflict } from './find-conflicts.ts';
import type { UpgradePlan } from './plan-upgrade.ts';

export type Condition = NonNullable<SidecarSetStatus['conditions']>[number];

export interface PodCounts {
  readonly matchedPods: number;
  readonly injectedPods: number;
  readonly updatedPods: number;
  readonly readyPods: number;
  readonly updatedReadyPods: number;
  readonly missedPods: number;
  readonly outdatedPods: number;
}

export interface StatusInput {
  readonly set: SidecarSet;
  readonly pods: readonly PodClassification[];
  /** outdatedWorkloads(pods), computed once per plan for the status and the events. */
  readonly outdatedWorkloads: readonly OutdatedWorkload[];
  readonly conflicts: readonly SetConflict[];
  readonly plan: UpgradePlan;
  /** Pods whose in-place upgrade the apiserver refused in this reconcile. */
  readonly refusedUpgrades: number;
  /** Conditions from the status now stored: kept as they are (lastTransitionTime included) when unchanged. */
  readonly previous: readonly Condition[] | undefined;
  readonly now: Date;
}

/** Counts over the matched pods, as the CRD's status fields define them. */
export function countPods(pods: readonly PodClassification[]): PodCounts {
  const counts = {
    matchedPods: 0,
    injectedPods: 0,
    updatedPods: 0,
    readyPods: 0,
    updatedReadyPods: 0,
    missedPods: 0,
    outdatedPods: 0,
  };
  for (const { matched, injected, state, pod } of pods) {
    if (!matched) continue;
    counts.matchedPods += 1;
    if (state.kind === 'missed') counts.missedPods += 1;
    if (!injected) continue;
    counts.injectedPods += 1;
    const updated = state.kind === 'updated';
    if (updated) counts.updatedPods += 1;
    if (state.kind === 'outdated') counts.outdatedPods += 1;
    if (pod.ready) counts.readyPods += 1;
    if (pod.ready && updated) counts.updatedReadyPods += 1;
  }
  return counts;
}

/** The whole status subresource: counts and the Ready, Conflict and Paused conditions. */
export function computeStatus(input: StatusInput): SidecarSetStatus {
  const counts = countPods(input.pods);
  const generation = input.set.metadata?.generation ?? 0;
  const conditions = [
    readyCondition(counts, input),
    conflictCondition(input.conflicts),
    pausedCondition(input.set),
  ].map((condition) => settle({ ...condition, observedGeneration: generation }, input.previous, input.now));
  return { observedGeneration: generation, ...counts, conditions };
}

type Draft = Omit<Condition, 'lastTransitionTime'>;

function readyCondition(counts: PodCounts, input: StatusInput): Draft {
  const { plan } = input;
  const pending = counts.injectedPods - counts.updatedReadyPods;
  const missedPods = counts.missedPods === 1 ? '1 matched, opted-in pod was' : `${counts.missedPods} matched, opted-in pods were`;
  const missed = counts.missedPods > 0 ? `; ${missedPods} created without this set` : '';
  if (pending === 0) {
    return { type: 'Ready', status: 'True', reason: 'PodsUpToDate', message: `all ${counts.injectedPods} injected pods carry the current revision and are ready${missed}` };
  }
  const summary = `${counts.updatedReadyPods} of ${counts.injectedPods} injected pods are updated and ready`;
  const [reason, why] = notReadyReason(counts, input);
  return { type: 'Ready', status: 'False', reason, message: `${summary}; ${why}${missed} (maxUnavailable resolves to ${plan.budget}, ${plan.unavailable} unavailable now)` };
}

function notReadyReason(counts: PodCounts, input: StatusInput): [string, string] {
  const { plan } = input;
  const updating = input.pods.filter((pod) => pod.matched && pod.state.kind === 'updating');
  const upgradable = counts.injectedPods - counts.updatedPods - counts.outdatedPods - updating.length;
  if (plan.blocked === 'Failing') {
    const examples = plan.failing.slice(0, 3).map(({ pod, failure }) => `${podKey(pod)}: ${failure}`).join('; ');
    return [
      'RolloutStopped',
      `the rollout is stopped: ${plan.failing.length} pods on the current revision cannot start a sidecar (${examples}${plan.failing.length > 3 ? '; ...' : ''}); fix the SidecarSet, its next revision resumes the rollout`,
    ];
  }
  if (input.refusedUpgrades > 0) {
    return ['InPlaceUpgradeRefused', `the API server refused the in-place upgrade of ${input.refusedUpgrades} pods (see their events)`];
  }
  if (plan.blocked === 'NotUpdate') return ['NotUpdate', `updateStrategy.type is NotUpdate: ${counts.injectedPods - counts.updatedPods} pods keep their revision until recreated`];
  if (plan.blocked === 'Paused') return ['UpdatePaused', `updateStrategy.paused is true: ${upgradable} pods wait for an in-place upgrade`];
  if (upgradable > plan.keepOutdated && upgradable > 0) {
    return ['RollingUpdate', `${upgradable} pods wait for an in-place upgrade of their sidecar images`];
  }
  if (counts.outdatedPods > 0) return ['PodsOutdated', describeOutdated(counts.outdatedPods, input)];
  if (upgradable > 0) return ['PartitionHeld', `partition keeps ${plan.keepOutdated} pods on their revision`];
  if (updating.length > 0) return ['Updating', describeUpdating(updating)];
  return ['PodsNotReady', `${counts.injectedPods - counts.readyPods} injected pods are not ready`];
}

/** How many pods, why (the first pod's reason), which workloads, and what to do. */
function describeOutdated(outdatedPods: number, input: StatusInput): string {
  const first = input.pods.find((pod) => pod.matched && pod.state.kind === 'outdated');
  const why = first?.state.kind === 'outdated' ? first.state.reason : 'more than images and sidecar cpu/memory changed';
  const workloads = input.outdatedWorkloads;
  const named = workloads
    .slice(0, 3)
    .map((entry) => `${describeWorkload(entry)} (${entry.pods})`)
    .join(', ');
  const ownerless = input.pods.filter((pod) => pod.matched && pod.state.kind === 'outdated' && workloadToRoll(pod.pod) === undefined).length;
  const where = workloads.length === 0 ? '' : `; in ${workloads.length} workloads: ${named}${workloads.length > 3 ? ', ...' : ''}${ownerless > 0 ? `, and ${ownerless} pods of no workload` : ''}`;
  const remedy =
    input.set.spec.updateStrategy?.type === 'RestartWorkloads'
      ? 'Tandem restarts their workloads (updateStrategy.type RestartWorkloads)'
      : `they update when recreated: roll their workloads (${workloads[0] !== undefined ? rollRemedy(workloads[0]) : 'recreate the pods'}${workloads.length > 1 ? ', ...' : ''}) or set updateStrategy.type RestartWorkloads`;
  return `${outdatedPods} pods carry an older revision that cannot be upgraded in place: ${why}${where}; ${remedy}`;
}

/** Pods patched to the current revision that the kubelet has not confirmed; a resize it holds (Infeasible, Deferred) is named, not forced. */
function describeUpdating(updating: readonly PodClassification[]): string {
  const held = updating.filter((pod) => pod.pod.resizePending !== undefined);
  const first = updating[0];
  const example = first !== undefined && first.state.kind === 'updating' ? ` (${podKey(first.pod)}: ${first.state.waitingFor})` : '';
  const heldText = held
    .slice(0, 3)
    .map((pod) => `${podKey(pod.pod)}: ${pod.pod.resizePending?.reason ?? ''} ${pod.pod.resizePending?.message ?? ''}`.trim())
    .join('; ');
  const resize = held.length > 0 ? `; the kubelet holds the resize of ${held.length} (${heldText}${held.length > 3 ? '; ...' : ''}): not forced, lower the resources or roll those pods` : '';
  return `${updating.length} pods carry the current revision and wait for the kubelet to confirm it${example}${resize}`;
}

function conflictCondition(conflicts: readonly SetConflict[]): Draft {
  if (conflicts.length === 0) {
    return { type: 'Conflict', status: 'False', reason: 'NoConflict', message: 'no other SidecarSet that may select the same pods declares the same names' };
  }
  return {
    type: 'Conflict',
    status: 'True',
    reason: 'NameClash',
    message: `${describeConflicts(conflicts)}; in a pod both select, the webhook applies the sets in name order and skips the later one`,
  };
}

function pausedCondition(set: SidecarSet): Draft {
  const injection = set.spec.paused === true;
  const update = set.spec.updateStrategy?.paused === true;
  if (injection && update) {
    return { type: 'Paused', status: 'True', reason: 'InjectionAndUpdatePaused', message: 'spec.paused and updateStrategy.paused: no new pods are injected and injected pods are not updated' };
  }
  if (injection) return { type: 'Paused', status: 'True', reason: 'InjectionPaused', message: 'spec.paused: new pods are not injected; injected pods are still updated' };
  if (update) return { type: 'Paused', status: 'True', reason: 'UpdatePaused', message: 'updateStrategy.paused: injected pods keep their revision; new pods get the current one' };
  return { type: 'Paused', status: 'False', reason: 'NotPaused', message: 'injection and updates are active' };
}

/** lastTransitionTime moves only when the status (True/False) of the condition changes. */
function settle(draft: Draft, previous: readonly Condition[] | undefined, now: Date): Condition {
  const before = previous?.find((condition) => condition.type === draft.type);
  const lastTransitionTime =
    before !== undefined && before.status === draft.status ? before.lastTransitionTime : now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return { ...draft, lastTransitionTime };
}
