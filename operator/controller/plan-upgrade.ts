import type { SidecarSetSpec } from '../api/sidecar-set.ts';
import { podKey, type CachedPod } from './cached-pod.ts';
import type { PodClassification } from './classify-pod.ts';
import { scaleIntOrPercent } from './int-or-percent.ts';
import { workloadKey, type WorkloadRef, type WorkloadState } from './workload-ref.ts';

export type UpdateStrategy = NonNullable<SidecarSetSpec['updateStrategy']>;

export interface UpgradePlanInput {
  readonly strategy: UpdateStrategy;
  /** Every pod classified against the set (unmatched ones are ignored). */
  readonly pods: readonly PodClassification[];
  /** RestartWorkloads only: the workload owning a pod, by pod key; absent when none can be restarted. */
  readonly workloads?: ReadonlyMap<string, WorkloadState>;
  /** The restart token of the set's current revision ("set@hash"). */
  readonly restartToken?: string;
}

export interface UpgradePlan {
  /** maxUnavailable resolved against the matched pods (percentages round up, as OpenKruise does). */
  readonly budget: number;
  /** Injected pods not available now (not Ready, or a sidecar not yet running its spec image). */
  readonly unavailable: number;
  /** partition resolved: outdated pods to leave on their revision (percentages round up). */
  readonly keepOutdated: number;
  /** Pods to upgrade in place now. */
  readonly inPlace: readonly CachedPod[];
  /** Upgradable pods left for a later round (budget or partition). */
  readonly waiting: number;
  /** RestartWorkloads: workloads to restart now. */
  readonly restarts: readonly WorkloadRef[];
  /** RestartWorkloads: restarts made earlier whose pods are not all replaced yet; each takes one unit of budget. */
  readonly restartsInProgress: number;
  /** Why nothing moves: the strategy itself, or (Failing) a sidecar of the current revision that cannot start. */
  readonly blocked: 'NotUpdate' | 'Paused' | 'Failing' | undefined;
  /** Pods on the current revision whose sidecar cannot start (ErrImagePull, CrashLoopBackOff...), with why. */
  readonly failing: readonly { readonly pod: CachedPod; readonly failure: string }[];
}

/**
 * Chooses the pods to upgrade in place now, and (RestartWorkloads) the
 * workloads to restart, from the cluster state alone: nothing here
 * remembers earlier rounds, so a new leader plans exactly as the old one
 * would have.
 *
 * - Budget: at most maxUnavailable matched, injected pods unavailable at
 *   once. Pods that are not Ready for any reason count against it, and an
 *   upgraded pod counts until it is Ready with the new image running.
 * - Upgrading a pod that is already unavailable costs nothing more, so
 *   those go first; then ready pods in namespace/name order.
 * - Partition: `keepOutdated` pods stay on an older revision; pods that
 *   cannot be upgraded in place count among them.
 * - A pod on the current revision whose sidecar cannot start (a bad image,
 *   a crash loop) stops the rollout until the set changes again.
 */
export function planUpgrade(input: UpgradePlanInput): UpgradePlan {
  const matched = input.pods.filter((pod) => pod.matched).length;
  const live = input.pods.filter((pod) => pod.injected && !pod.pod.deleting);
  const budget = scaleIntOrPercent(input.strategy.maxUnavailable ?? 1, matched, true);
  const keepOutdated = scaleIntOrPercent(input.strategy.partition, matched, true);
  const unavailable = live.filter((pod) => !pod.available).length;
  const upgradable = live.filter((pod) => pod.state.kind === 'upgradable');
  const failing = live.flatMap((pod) => (pod.state.kind === 'updating' && pod.state.failure !== undefined ? [{ pod: pod.pod, failure: pod.state.failure }] : []));
  const empty = { budget, unavailable, keepOutdated, inPlace: [], restarts: [], restartsInProgress: 0, failing };
  const type = input.strategy.type ?? 'RollingUpdate';
  if (type === 'NotUpdate') return { ...empty, waiting: upgradable.length, blocked: 'NotUpdate' };
  if (input.strategy.paused === true) return { ...empty, waiting: upgradable.length, blocked: 'Paused' };
  // A revision that does not start stops the rollout; a fixed set is a new revision, whose pods are not failing yet.
  if (failing.length > 0) return { ...empty, waiting: upgradable.length, blocked: 'Failing' };

  const restartState = type === 'RestartWorkloads' ? restartCandidates(input) : { candidates: [], inProgress: 0 };
  const outdatedCount = live.filter((pod) => pod.state.kind === 'upgradable' || pod.state.kind === 'outdated').length;
  let partitionRoom = Math.max(0, outdatedCount - keepOutdated);
  let slots = Math.max(0, budget - unavailable - restartState.inProgress);

  const inPlace = pickInPlace(upgradable, slots, partitionRoom);
  slots -= inPlace.filter((pod) => pod.available).length;
  partitionRoom -= inPlace.length;

  const restarts: WorkloadRef[] = [];
  for (const candidate of restartState.candidates) {
    if (slots === 0 || candidate.outdated > partitionRoom) continue;
    restarts.push(candidate.ref);
    slots -= 1;
    partitionRoom -= candidate.outdated;
  }
  return {
    ...empty,
    inPlace: inPlace.map((pod) => pod.pod),
    waiting: upgradable.length - inPlace.length,
    restarts,
    restartsInProgress: restartState.inProgress,
    blocked: undefined,
  };
}

/** Unavailable pods first (upgrading them costs no budget), then available ones while slots last. */
function pickInPlace(upgradable: readonly PodClassification[], slots: number, partitionRoom: number): PodClassification[] {
  const ordered = [...upgradable].sort(
    (a, b) => Number(a.available) - Number(b.available) || compareKeys(podKey(a.pod), podKey(b.pod)),
  );
  const picked: PodClassification[] = [];
  let free = slots;
  for (const candidate of ordered) {
    if (picked.length === partitionRoom || (candidate.available && free === 0)) break;
    if (candidate.available) free -= 1;
    picked.push(candidate);
  }
  return picked;
}

interface RestartCandidate {
  readonly ref: WorkloadRef;
  /** Outdated (not in-place upgradable) pods it owns: they count against the partition. */
  readonly outdated: number;
}

/** Workloads owning pods that need a restart (outdated, not in place; or missed), split into new and in progress. */
function restartCandidates(input: UpgradePlanInput): { candidates: RestartCandidate[]; inProgress: number } {
  const byWorkload = new Map<string, { state: WorkloadState; outdated: number }>();
  for (const pod of input.pods) {
    const needsRestart = (pod.injected && pod.state.kind === 'outdated') || pod.state.kind === 'missed';
    const state = input.workloads?.get(podKey(pod.pod));
    if (!needsRestart || pod.pod.deleting || state === undefined) continue;
    const key = workloadKey(state.ref);
    const entry = byWorkload.get(key) ?? { state, outdated: 0 };
    if (pod.state.kind === 'outdated') entry.outdated += 1;
    byWorkload.set(key, entry);
  }
  const token = input.restartToken ?? '';
  const entries = [...byWorkload.entries()].sort(([a], [b]) => compareKeys(a, b));
  return {
    candidates: entries
      .filter(([, entry]) => !entry.state.restartedFor.includes(token))
      .map(([, entry]) => ({ ref: entry.state.ref, outdated: entry.outdated })),
    inProgress: entries.filter(([, entry]) => entry.state.restartedFor.includes(token)).length,
  };
}

function compareKeys(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
