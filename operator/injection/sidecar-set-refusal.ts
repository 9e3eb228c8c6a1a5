import { containerNamesOf, type SidecarSet } from '../api/sidecar-set.ts';
import { definitionHash } from './definition-hash.ts';
import type { DecisionReason } from './injection-decision.ts';
import { missingVolumeMounts } from './missing-volume-mounts.ts';
import type { Volume } from '../api/pod-template.ts';
import { processNamespaceConflict, type ProcessNamespaceSettings } from './process-namespace-conflict.ts';

/** Who owns a container or volume name in a pod. */
export type NameOwner = { readonly kind: 'pod' } | { readonly kind: 'set'; readonly name: string };

/**
 * What the refusal rules read about a pod. The webhook's pod under
 * construction (injection-draft.ts) and the controller's trimmed pod
 * (cached-pod.ts) both provide it, so they ask one predicate.
 */
export interface RefusalFacts {
  readonly processNamespace: ProcessNamespaceSettings;
  /** Who holds this container or init container name; undefined when it is free. */
  containerOwner(name: string): NameOwner | undefined;
  /** Who holds this volume name; undefined when it is free. */
  volumeOwner(name: string): NameOwner | undefined;
  /** volumeDefinitionHash of the pod's volume of this name; asked only for names volumeOwner knows. */
  volumeHash(name: string): string | undefined;
}

export interface Refusal {
  readonly reason: Extract<DecisionReason, 'ProcessNamespaceConflict' | 'NameClash' | 'MissingVolume'>;
  readonly message: string;
}

/**
 * Why a selected set cannot be applied to this pod, or undefined. The app
 * always wins: a set is refused rather than allowed to overwrite anything the
 * pod (or an earlier set) declares. The webhook skips a refused set; the
 * controller counts a pod without the set as skipped for this reason rather
 * than missed, so it neither reports it as a webhook outage nor restarts its
 * workload for nothing.
 */
export function sidecarSetRefusal(set: SidecarSet, pod: RefusalFacts): Refusal | undefined {
  const conflict = processNamespaceConflict(set, pod.processNamespace);
  if (conflict !== undefined) return { reason: 'ProcessNamespaceConflict', message: conflict };
  const clashes = nameClashes(set, pod);
  if (clashes.length > 0) return { reason: 'NameClash', message: clashes.join('; ') };
  const dangling = missingVolumeMounts(set, (name) => pod.volumeOwner(name) !== undefined);
  return dangling === undefined ? undefined : { reason: 'MissingVolume', message: dangling };
}

function nameClashes(set: SidecarSet, pod: RefusalFacts): string[] {
  const clashes = containerNamesOf(set).flatMap((name) => {
    const owner = pod.containerOwner(name);
    return owner === undefined ? [] : [`container "${name}" already exists in ${describeOwner(owner)}`];
  });
  for (const volume of set.spec.volumes ?? []) {
    const owner = pod.volumeOwner(volume.name);
    // An identical volume is shared, not a clash.
    if (owner === undefined || pod.volumeHash(volume.name) === volumeDefinitionHash(volume as Volume)) continue;
    clashes.push(`volume "${volume.name}" already exists in ${describeOwner(owner)} with a different definition`);
  }
  return clashes;
}

export function describeOwner(owner: NameOwner): string {
  return owner.kind === 'pod' ? 'the pod' : `SidecarSet "${owner.name}"`;
}

const volumeHashes = new WeakMap<object, string>();

/**
 * definitionHash of a volume. Cached per object: a set's volumes and their
 * copies in its plan are frozen and shared by every pod, so each is hashed
 * once; a pod's own volume is hashed only when a set declares its name.
 */
export function volumeDefinitionHash(volume: Volume): string {
  let hash = volumeHashes.get(volume);
  if (hash === undefined) {
    hash = definitionHash(volume);
    volumeHashes.set(volume, hash);
  }
  return hash;
}
