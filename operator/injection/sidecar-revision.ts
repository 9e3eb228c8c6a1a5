import type { Container, PodTemplate } from '../api/pod-template.ts';
import { nameOf, type SidecarSet } from '../api/sidecar-set.ts';
import { parseRecord, type SetRecord } from './injection-record.ts';
import type { KubeVersion } from './kube-version.ts';
import { applyPodOverrides } from './pod-overrides.ts';
import { resolveNativeness } from './resolve-nativeness.ts';
import { fitResizePolicyToPod } from './resize-policy.ts';
import { hashSidecarSet } from './sidecar-set-hash.ts';
import { planSidecarSet } from './sidecar-set-plan.ts';
import { INJECTION_RECORD_ANNOTATION } from './tandem-keys.ts';

/** Where a pod already injected with a set stands against the set as it is now. */
export interface SetRevision {
  readonly sidecarSet: string;
  /** current: nothing to do; inPlace: the controller changes it in the running pod; outdated: only a new pod takes it. */
  readonly state: 'current' | 'inPlace' | 'outdated';
  readonly message: string;
}

/** Container fields the API server does not default: present in the pod but not in what the set injects now means removed from the set. */
const UNDEFAULTED = ['command', 'args', 'env', 'envFrom', 'volumeMounts', 'volumeDevices', 'ports', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle', 'workingDir', 'securityContext', 'stdin', 'tty'];
/** Changed in place by the controller (image patch, resize), so never reported as drift. */
const IN_PLACE = new Set(['name', 'image', 'resources']);

/**
 * For each set the pod's injection record names: is the pod on the set's
 * current revision, can the controller bring it there in place, or which
 * fields of which containers differ (what `tandem explain` prints for a live
 * pod, `kubectl get pod -o yaml | tandem explain -f -`). The comparison is
 * of what the webhook would inject now (the pod's own overrides applied)
 * with the pod's containers, field by field; a value the API server
 * defaulted in the pod (probe timeouts, port protocols...) is not a difference.
 */
export function describeRevisions(pod: PodTemplate, sets: readonly SidecarSet[], kubeVersion: KubeVersion | undefined): SetRevision[] {
  const annotations = pod.metadata?.annotations ?? {};
  const text = annotations[INJECTION_RECORD_ANNOTATION];
  const parsed = text === undefined ? undefined : parseRecord(text);
  if (parsed === undefined || !parsed.ok) return [];
  return sets.flatMap((set) => {
    const entry = parsed.record.sets[nameOf(set)];
    return entry === undefined ? [] : [revisionOf(set, entry, pod, kubeVersion)];
  });
}

function revisionOf(set: SidecarSet, entry: SetRecord, pod: PodTemplate, kubeVersion: KubeVersion | undefined): SetRevision {
  const name = nameOf(set);
  const native = resolveNativeness(set, kubeVersion);
  const hashes = hashSidecarSet(set, native);
  if (entry.hash === hashes.hash) return { sidecarSet: name, state: 'current', message: 'the pod carries the current revision' };
  if (entry.hashWithoutImages === hashes.hashWithoutImages) {
    return { sidecarSet: name, state: 'inPlace', message: 'only sidecar images changed: the controller upgrades the running pod in place' };
  }
  if (entry.hashWithoutImagesAndResources === hashes.hashWithoutImagesAndResources) {
    return { sidecarSet: name, state: 'inPlace', message: 'only sidecar images and cpu/memory changed: the controller resizes the running pod in place (Kubernetes 1.33+)' };
  }
  const live = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  const differences = containerDifferences(injectedNow(set, native, pod), live, [...entry.containers, ...entry.initContainers]);
  const what = differences.length > 0 ? differences.join('; ') : 'pod-level parts of the set (volumes, pull secrets, pod metadata) or the nativeness of its sidecars';
  return {
    sidecarSet: name,
    state: 'outdated',
    message: `the pod differs from the set now in ${what}; Kubernetes cannot change these in a running pod: roll the pod's workload (kubectl rollout restart), or set updateStrategy.type RestartWorkloads`,
  };
}

/** The set's containers as the webhook would inject them into this pod now: its overrides applied, its resizePolicy fitted. */
function injectedNow(set: SidecarSet, native: boolean, pod: PodTemplate): Container[] {
  const planned = applyPodOverrides(set, planSidecarSet(set, native).containers, pod.metadata?.annotations ?? {}).plan;
  const fitted = fitResizePolicyToPod(planned, pod.spec?.restartPolicy ?? 'Always', nameOf(set)).plan;
  return [...fitted.init, ...fitted.before, ...fitted.after];
}

/** "env, args of container proxy", "container extra added to the set", "container old removed from the set". */
export function containerDifferences(wanted: readonly Container[], live: readonly Container[], recorded: readonly string[]): string[] {
  const differences: string[] = [];
  for (const container of wanted) {
    const running = live.find((candidate) => candidate.name === container.name);
    if (running === undefined || !recorded.includes(container.name)) {
      differences.push(`container ${container.name} added to the set`);
      continue;
    }
    const fields = differingFields(container, running);
    if (fields.length > 0) differences.push(`${fields.join(', ')} of container ${container.name}`);
  }
  for (const name of recorded) if (!wanted.some((container) => container.name === name)) differences.push(`container ${name} removed from the set`);
  return differences;
}

function differingFields(wanted: Container, running: Container): string[] {
  const wantedFields = wanted as unknown as Record<string, unknown>;
  const runningFields = running as unknown as Record<string, unknown>;
  const keys = new Set([...Object.keys(wantedFields), ...UNDEFAULTED.filter((key) => runningFields[key] !== undefined)]);
  // A pod injected before resizePolicy was written out has none: the kubelet's default, the same meaning.
  if (runningFields.resizePolicy === undefined) keys.delete('resizePolicy');
  return [...keys].filter((key) => !IN_PLACE.has(key) && !covers(wantedFields[key], runningFields[key])).sort();
}

/** Every value `wanted` states is in `running` (which may hold more: the API server's defaults). */
function covers(wanted: unknown, running: unknown): boolean {
  if (wanted === undefined) return running === undefined;
  if (Array.isArray(wanted)) {
    return Array.isArray(running) && running.length === wanted.length && wanted.every((item, index) => covers(item, running[index]));
  }
  if (typeof wanted === 'object' && wanted !== null) {
    if (typeof running !== 'object' || running === null) return false;
    const inner = running as Record<string, unknown>;
    return Object.entries(wanted).every(([key, value]) => value === undefined || covers(value, inner[key]));
  }
  return wanted === running;
}
