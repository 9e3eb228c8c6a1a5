import { containerNamesOf, nameOf, type SidecarSet } from '../api/sidecar-set.ts';
import type { DecisionReason } from '../injection/injection-decision.ts';
import type { SetRecord } from '../injection/injection-record.ts';
import { matchesLabelSelector, type Labels } from '../injection/label-selector.ts';
import { podOperatingSystem } from '../injection/pod-operating-system.ts';
import { selectSidecarSets } from '../injection/select-sidecar-sets.ts';
import type { SidecarSetHashes } from '../injection/sidecar-set-hash.ts';
import { sidecarSetRefusal } from '../injection/sidecar-set-refusal.ts';
import { compareQuantities, parseQuantity } from '../injection/quantity.ts';
import { refusalFacts, type CachedContainer, type CachedPod, type CachedResources } from './cached-pod.ts';
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
  /** Carries the current revision, and the kubelet runs it (confirmed). */
  | { readonly kind: 'updated' }
  /**
   * Carries the current revision, but the kubelet has not confirmed it yet:
   * status.observedGeneration is behind metadata.generation, or a sidecar
   * does not report the spec's image or resources. `failure` is set when a
   * sidecar cannot start (ErrImagePull, CrashLoopBackOff...): the rollout stops.
   */
  | { readonly kind: 'updating'; readonly waitingFor: string; readonly failure?: string }
  /** Carries an older revision that differs only in images (and, `resize`, in sidecar cpu/memory): upgradable in place. */
  | { readonly kind: 'upgradable'; readonly record: SetRecord; readonly resize: boolean }
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
  /** The cluster resizes sidecars in place (Kubernetes 1.33+, or a version not known): else a resources change leaves pods outdated. */
  readonly resizeSupported: boolean;
  /** When the plan is made: how long a stopped sidecar has not started again. */
  readonly now: Date;
}

/** Classifies one pod against one set; `namespaceLabels` are its namespace's labels ({} when unknown). */
export function classifyPod(context: SetContext, pod: CachedPod, namespaceLabels: Labels): PodClassification {
  const matched = matchesSet(context.set, pod.labels, namespaceLabels);
  const state = matched ? matchedState(context, pod, namespaceLabels) : ({ kind: 'unmatched' } as const);
  const injected = state.kind === 'updated' || state.kind === 'updating' || state.kind === 'upgradable' || state.kind === 'outdated';
  const entry = pod.record.kind === 'ok' ? pod.record.record.sets[nameOf(context.set)] : undefined;
  return { pod, state, matched, injected, available: injected && entry !== undefined && pod.ready && unconfirmed(pod, entry) === undefined };
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
  const { hashes } = context;
  if (entry.hash === hashes.hash) {
    const waitingFor = unconfirmed(pod, entry);
    if (waitingFor === undefined) return { kind: 'updated' };
    const failure = startFailure(pod, entry, context.now);
    return { kind: 'updating', waitingFor, ...(failure !== undefined ? { failure } : {}) };
  }
  const resize = entry.hashWithoutImages !== hashes.hashWithoutImages;
  if (resize && entry.hashWithoutImagesAndResources !== hashes.hashWithoutImagesAndResources) {
    return { kind: 'outdated', reason: outdatedReason(context.set, entry) };
  }
  if (resize && !context.resizeSupported) {
    return { kind: 'outdated', reason: 'sidecar resources changed; resizing sidecars in place needs Kubernetes 1.33 or later' };
  }
  const missing = [
    ...entry.containers.filter((name) => !pod.containers.some((container) => container.name === name)),
    ...entry.initContainers.filter((name) => !pod.initContainers.some((container) => container.name === name)),
  ];
  if (missing.length > 0) {
    return { kind: 'outdated', reason: `containers recorded by the injection are missing from the pod: ${missing.join(', ')}` };
  }
  return { kind: 'upgradable', record: entry, resize };
}

/**
 * Names what the record and the set say exactly: containers added or
 * removed (a set is injected whole, so the record lists every container it
 * had). Volumes are not compared by name: one the pod already had,
 * identical, is shared and not recorded. Other fields by kind, since the
 * record keeps digests, not the spec the pod was injected from (ADR 0025).
 */
function outdatedReason(set: SidecarSet, entry: SetRecord): string {
  const recorded = [...entry.containers, ...entry.initContainers];
  const current = containerNamesOf(set);
  const changes = [
    listed('containers added', current.filter((name) => !recorded.includes(name))),
    listed('containers removed', recorded.filter((name) => !current.includes(name))),
  ].filter((text) => text !== '');
  if (changes.length > 0) return `${changes.join('; ')} since the pod was injected; Kubernetes cannot add or remove containers in a running pod`;
  const fields = 'sidecar fields other than images and cpu/memory resources (env, args, command, volume mounts, probes, ports, security context, podMetadata...) changed since the pod was injected';
  if (entry.hashWithoutImagesAndResources === undefined) {
    return `${fields}, or the pod was injected by a Tandem that did not record resources apart; Kubernetes cannot change them in a running pod`;
  }
  return `${fields}; Kubernetes cannot change them in a running pod`;
}

function listed(what: string, names: readonly string[]): string {
  return names.length === 0 ? '' : `${what}: ${names.join(', ')}`;
}

/** Long-running sidecars of the set: run-to-completion init containers never restart, so their status keeps the old image. */
function sidecarsOf(pod: CachedPod, entry: SetRecord): CachedContainer[] {
  return [
    ...pod.containers.filter((container) => entry.containers.includes(container.name)),
    ...pod.initContainers.filter((container) => container.restartPolicy === 'Always' && entry.initContainers.includes(container.name)),
  ];
}

/**
 * What the kubelet has not confirmed yet, or undefined when it runs the
 * pod's spec: its observedGeneration has reached the pod's generation
 * (when it reports one: Kubernetes 1.35+), and every sidecar of the set
 * reports the spec's image and, when it reports resources, its cpu/memory.
 */
export function unconfirmed(pod: CachedPod, entry: SetRecord): string | undefined {
  if (pod.observedGeneration !== undefined && pod.generation !== undefined && pod.observedGeneration < pod.generation) {
    return `the kubelet has not acted on generation ${pod.generation} yet (observedGeneration ${pod.observedGeneration})`;
  }
  for (const container of sidecarsOf(pod, entry)) {
    const status = pod.statuses.find((candidate) => candidate.name === container.name);
    if (status === undefined) return `container ${container.name} reports no status yet`;
    if (!sameImage(status.image, container.image)) return `container ${container.name} runs ${status.image}, not ${container.image} yet`;
    const resource = differingResource(container.resources, status.resources);
    if (resource !== undefined) return `container ${container.name} has ${resource} applied, not the spec's yet`;
  }
  return undefined;
}

/** The first cpu/memory request or limit the status states differently from the spec; a status without resources (kwok, before 1.33) is not compared. */
function differingResource(spec: CachedResources | undefined, status: CachedResources | undefined): string | undefined {
  if (status === undefined) return undefined;
  for (const kind of ['requests', 'limits'] as const) {
    for (const [name, wanted] of Object.entries(spec?.[kind] ?? {})) {
      const applied = status[kind]?.[name];
      if (applied === undefined || !sameQuantity(applied, wanted)) return `${kind}.${name} ${applied ?? 'unset'}`;
    }
  }
  return undefined;
}

function sameQuantity(a: string, b: string): boolean {
  if (a === b) return true;
  const left = parseQuantity(a);
  const right = parseQuantity(b);
  return left !== undefined && right !== undefined && compareQuantities(left, right) === 0;
}

/** Waiting reasons of a container that will not start on its own: a bad image, a crash loop, a broken configuration. */
const START_FAILURES = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull', 'CrashLoopBackOff', 'CreateContainerConfigError', 'CreateContainerError', 'RunContainerError']);

/**
 * How long a sidecar the kubelet stopped for an in-place change may stay
 * down before the rollout stops. A native sidecar whose new image cannot be
 * pulled is reported (kubelet v1.36) as terminated with the old image, not
 * as waiting: only the pod's events say ErrImagePull. A slow pull looks the
 * same; it only holds the rollout, which goes on once the container runs.
 */
export const SIDECAR_START_GRACE_MS = 30_000;

function startFailure(pod: CachedPod, entry: SetRecord, now: Date): string | undefined {
  for (const container of sidecarsOf(pod, entry)) {
    const status = pod.statuses.find((candidate) => candidate.name === container.name);
    const waiting = status?.waiting;
    if (waiting !== undefined && START_FAILURES.has(waiting.reason)) {
      return `container ${container.name} (${container.image}): ${waiting.reason}${waiting.message !== '' ? `: ${waiting.message}` : ''}`;
    }
    const stopped = status?.stoppedAt === undefined ? Number.NaN : now.getTime() - Date.parse(status.stoppedAt);
    if (stopped > SIDECAR_START_GRACE_MS && !sameImage(status?.image ?? '', container.image)) {
      return `container ${container.name} has not started on ${container.image} ${Math.round(stopped / 1000)} s after the kubelet stopped it (its events, kubectl describe pod, say why: ErrImagePull, ErrImageNeverPull...)`;
    }
  }
  return undefined;
}
