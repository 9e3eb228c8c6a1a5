import { nameOf, type SidecarSet } from '../api/sidecar-set.ts';
import type { InjectionDecision } from './injection-decision.ts';
import type { InjectionDraft } from './injection-draft.ts';
import type { SetRecord } from './injection-record.ts';
import { applyPodOverrides } from './pod-overrides.ts';
import type { Container, Volume } from '../api/pod-template.ts';
import type { SidecarSetHashes } from './sidecar-set-hash.ts';
import { sidecarSetRefusal, type NameOwner } from './sidecar-set-refusal.ts';
import { fitResizePolicyToPod } from './resize-policy.ts';
import { planSidecarSet, type ContainerPlan } from './sidecar-set-plan.ts';
import { quoteValue } from '../json/quote-value.ts';

export interface SetApplication {
  readonly decision: InjectionDecision;
  /** Present when the set was applied. */
  readonly record?: SetRecord;
  readonly warnings: readonly string[];
  /** Present when the pod must be rejected: an override annotation the set declares has an invalid value. */
  readonly rejection?: string;
}

export interface ApplyOptions {
  readonly native: boolean;
  readonly hashes: SidecarSetHashes;
  /** The pod's own annotations, as the user wrote them: where per-pod overrides come from. */
  readonly podAnnotations: Readonly<Record<string, string>>;
}

/**
 * Applies one set to the draft, all or nothing: every check runs before the
 * first change, so a skipped set leaves no trace. The app always wins: a set
 * is skipped rather than allowed to overwrite anything the pod declares.
 */
export function applySidecarSet(draft: InjectionDraft, set: SidecarSet, options: ApplyOptions): SetApplication {
  const name = nameOf(set);
  const refusal = sidecarSetRefusal(set, draft.facts);
  if (refusal !== undefined) {
    const decision: InjectionDecision = { sidecarSet: name, injected: false, ...refusal };
    return { decision, warnings: [`SidecarSet "${name}" was not injected: ${refusal.message}`] };
  }

  const prepared = planSidecarSet(set, options.native);
  const overridden = applyPodOverrides(set, prepared.containers, options.podAnnotations);
  if (overridden.problems.length > 0) {
    const rejection = overridden.problems.join('; ');
    const decision: InjectionDecision = { sidecarSet: name, injected: false, reason: 'InvalidOverride', message: `${rejection}; the pod is rejected` };
    return { decision, warnings: [], rejection };
  }
  const owner = { kind: 'set', name } as const;
  const podRestart = draft.pod.spec.restartPolicy ?? 'Always';
  const fitted = fitResizePolicyToPod(overridden.plan, podRestart, name);
  const plan = fitted.plan;
  placeContainers(draft, plan, owner);
  const volumes = addVolumes(draft, prepared.volumes, owner);
  const imagePullSecrets = addImagePullSecrets(draft, set);
  const metadata = addPodMetadata(draft, set);

  const warnings = [...metadata.warnings, ...fitted.warnings];
  if (podRestart !== 'Always' && plan.before.length + plan.after.length > 0) {
    warnings.push(
      `SidecarSet "${name}" adds regular sidecar containers to a pod with restartPolicy ${podRestart}: the pod will not complete while they run; use nativeSidecars: Auto or Always on Kubernetes >= 1.29`,
    );
  }
  return {
    decision: { sidecarSet: name, injected: true, reason: 'Injected', message: describeInjection(plan) },
    record: {
      ...options.hashes,
      containers: [...plan.before, ...plan.after].map((container) => container.name),
      initContainers: plan.init.map((container) => container.name),
      volumes,
      imagePullSecrets,
      labels: metadata.labels,
      annotations: metadata.annotations,
    },
    warnings,
  };
}

/** Init containers go after earlier sets' and ahead of the app's own; `Before` ones likewise ahead of the app's. */
function placeContainers(draft: InjectionDraft, plan: ContainerPlan, owner: NameOwner): void {
  const spec = draft.pod.spec;
  if (plan.init.length > 0) {
    const initContainers = spec.initContainers ?? [];
    initContainers.splice(draft.injectedInitCount, 0, ...plan.init);
    spec.initContainers = initContainers;
    draft.injectedInitCount += plan.init.length;
  }
  spec.containers.splice(draft.injectedBeforeCount, 0, ...plan.before);
  draft.injectedBeforeCount += plan.before.length;
  spec.containers.push(...plan.after);
  for (const container of [...plan.init, ...plan.before, ...plan.after]) draft.containerOwners.set(container.name, owner);
}

/** Identical volumes are shared, not duplicated; only those Tandem adds are recorded. */
function addVolumes(draft: InjectionDraft, planned: readonly Volume[], owner: NameOwner): string[] {
  const added: string[] = [];
  for (const volume of planned) {
    if (draft.volumeOwners.has(volume.name)) continue;
    const volumes = draft.pod.spec.volumes ?? [];
    volumes.push(volume);
    draft.pod.spec.volumes = volumes;
    draft.volumeOwners.set(volume.name, owner);
    added.push(volume.name);
  }
  return added;
}

function addImagePullSecrets(draft: InjectionDraft, set: SidecarSet): string[] {
  const spec = draft.pod.spec;
  const added: string[] = [];
  for (const ref of set.spec.imagePullSecrets ?? []) {
    const current = spec.imagePullSecrets ?? [];
    if (ref.name === undefined || current.some((existing) => existing.name === ref.name)) continue;
    spec.imagePullSecrets = [...current, { name: ref.name }];
    added.push(ref.name);
  }
  return added;
}

interface MetadataChange {
  readonly labels: string[];
  readonly annotations: string[];
  readonly warnings: string[];
}

/** Adds podMetadata keys the pod does not have; a different value already on the pod is kept and reported. */
function addPodMetadata(draft: InjectionDraft, set: SidecarSet): MetadataChange {
  const metadata = (draft.pod.metadata ??= {});
  const change: MetadataChange = { labels: [], annotations: [], warnings: [] };
  for (const kind of ['labels', 'annotations'] as const) {
    const wanted = set.spec.podMetadata?.[kind] ?? {};
    for (const [key, value] of Object.entries(wanted)) {
      const current = ownValue(metadata[kind], key);
      if (current === value) continue;
      if (current !== undefined) {
        change.warnings.push(
          `SidecarSet "${nameOf(set)}" wants ${kind === 'labels' ? 'label' : 'annotation'} ${key}=${quoteValue(value)} but the pod already has ${quoteValue(current)}; the pod's value is kept`,
        );
        continue;
      }
      metadata[kind] = { ...metadata[kind], [key]: value };
      change[kind].push(key);
    }
  }
  return change;
}

/** A label or annotation the pod has: own keys only, so a key named `toString` is not Object's method. */
function ownValue(map: Readonly<Record<string, string>> | undefined, key: string): string | undefined {
  return map !== undefined && Object.hasOwn(map, key) ? map[key] : undefined;
}

function describeInjection(plan: ContainerPlan): string {
  const names = (list: readonly Container[]): string => list.map((container) => container.name).join(', ');
  const parts = [
    plan.init.length > 0 ? `init containers [${names(plan.init)}]` : '',
    plan.before.length > 0 ? `containers before the app [${names(plan.before)}]` : '',
    plan.after.length > 0 ? `containers after the app [${names(plan.after)}]` : '',
  ].filter((part) => part !== '');
  return `injected ${parts.join(', ')}`;
}
