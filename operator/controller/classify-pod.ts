import { nameOf, type SidecarSet } from '../api/sidecar-set.ts';
import type { DecisionReason } from '../injection/injection-decision.ts';
import type { SetRecord } from '../injection/injection-record.ts';
import { matchesLabelSelector, type Labels } from '../injection/label-selector.ts';
import { podOperatingSystem } from '../injection/pod-operating-system.ts';
import { selectSidecarSets } from '../injection/select-sidecar-sets.ts';
import type { SidecarSetHashes } from '../injection/sidecar-set-hash.ts';
import { sidecarSetRefusal } from '../injection/sidecar-set-refusal.ts';
import { refusalFacts, type CachedPod } from './cached-pod.ts';
import { sameImage } from './same-image.ts';

/** Where one pod stands with respect to one SidecarSet. */
export type PodSetState =
  /** The set's selectors do not match the pod. */
  | { readonly kind: 'unmatched' }
  /** Matched, but the webhook would not inject it now (not opted in, paused set...). */
  | { readonly kind: 'notSelected'; readonly reason: DecisionReason; readonly message: string }
  /** Matched and opted in, but created without the set (webhook down, or the pod predates the set). */
  | { readonly kind: 'missed' }
  /** Matched and opted in, but the webhook refuses the set in this pod (sidecarSetRefusal): it cannot share PIDs, a name clashes, or a mount would dangle. */
  | { readonly kind: 'skipped'; readonly reason: DecisionReason; readonly message: string }
  /** Carries the current revision. */
  | { readonly kind: 'updated' }
  /** Carries an older revision that differs only in images: upgradable in place. */
  | { readonly kind: 'upgradable'; readonly record: SetRecord }
  /** Carries an older revision that cannot be upgraded in place; `reason` says why. */
  | { readonly kind: 'outdated'; readonly reason: string }
  /** The pod's injection record cannot be read: counted as matched only, and never touched. */
  | { readonly kind: 'unreadableRecord'; readonly error: string };

export interface PodClassification {
  readonly pod: CachedPod;
  readonly state: PodSetState;
  /** The set's selectors match the pod (and its namespace). */
  readonly matched: boolean;
  /** Matched and carries the set, at any revision. */
  readonly injected: boolean;
  /**
   * Ready, and every sidecar container of this set runs the image its spec
   * names. Right after an in-place patch the kubelet has not restarted the
   * container yet and the pod may still say Ready: the image check keeps
   * such a pod counted as unavailable until the new image really runs.
   */
  readonly available: boolean;
}

export interface SetContext {
  readonly set: SidecarSet;
  readonly hashes: SidecarSetHashes;
}

/** Classifies one pod against one set; `namespaceLabels` are its namespace's labels ({} when unknown). */
export function classifyPod(context: SetContext, pod: CachedPod, namespaceLabels: Labels): PodClassification {
  const matched = matchesSet(context.set, pod.labels, namespaceLabels);
  const state = matched ? matchedState(context, pod, namespaceLabels) : ({ kind: 'unmatched' } as const);
  const injected = state.kind === 'updated' || state.kind === 'upgradable' || state.kind === 'outdated';
  const entry = pod.record.kind === 'ok' ? pod.record.record.sets[nameOf(context.set)] : undefined;
  return { pod, state, matched, injected, available: injected && entry !== undefined && isAvailable(pod, entry) };
}

export function matchesSet(set: SidecarSet, podLabels: Labels, namespaceLabels: Labels): boolean {
  const namespaceSelector = set.spec.namespaceSelector;
  return (
    matchesLabelSelector(set.spec.selector, podLabels) &&
    (namespaceSelector === undefined || matchesLabelSelector(namespaceSelector, namespaceLabels))
  );
}

function matchedState(context: SetContext, pod: CachedPod, namespaceLabels: Labels): PodSetState {
  if (pod.record.kind === 'unreadable') return { kind: 'unreadableRecord', error: pod.record.error };
  const entry = pod.record.kind === 'ok' ? pod.record.record.sets[nameOf(context.set)] : undefined;
  if (entry !== undefined) return revisionState(context, pod, entry);
  const selection = selectSidecarSets({
    podLabels: pod.labels,
    podAnnotations: pod.annotations,
    namespaceLabels,
    podOs: podOperatingSystem(pod.processNamespace),
    sidecarSets: [context.set],
  });
  const notSelected = selection.rejected[0];
  if (notSelected !== undefined) return { kind: 'notSelected', reason: notSelected.reason, message: notSelected.message };
  const refusal = sidecarSetRefusal(context.set, refusalFacts(pod));
  return refusal === undefined ? { kind: 'missed' } : { kind: 'skipped', ...refusal };
}

function revisionState(context: SetContext, pod: CachedPod, entry: SetRecord): PodSetState {
  if (entry.hash === context.hashes.hash) return { kind: 'updated' };
  if (entry.hashWithoutImages !== context.hashes.hashWithoutImages) {
    return {
      kind: 'outdated',
      reason: 'sidecar fields other than images changed since the pod was injected; only images can be changed in a running pod',
    };
  }
  const missing = [
    ...entry.containers.filter((name) => !pod.containers.some((container) => container.name === name)),
    ...entry.initContainers.filter((name) => !pod.initContainers.some((container) => container.name === name)),
  ];
  if (missing.length > 0) {
    return { kind: 'outdated', reason: `containers recorded by the injection are missing from the pod: ${missing.join(', ')}` };
  }
  return { kind: 'upgradable', record: entry };
}

function isAvailable(pod: CachedPod, entry: SetRecord): boolean {
  if (!pod.ready) return false;
  // Long-running sidecars only: run-to-completion init containers never restart, so their status keeps the old image.
  const sidecars = [
    ...pod.containers.filter((container) => entry.containers.includes(container.name)),
    ...pod.initContainers.filter(
      (container) => container.restartPolicy === 'Always' && entry.initContainers.includes(container.name),
    ),
  ];
  return sidecars.every((container) => {
    const status = pod.statuses.find((candidate) => candidate.name === container.name);
    return status !== undefined && sameImage(status.image, container.image);
  });
}
