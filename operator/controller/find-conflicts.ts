import { containerNamesOf, nameOf, type SidecarSet } from '../api/sidecar-set.ts';
import { canonicalJson } from '../json/canonical-json.ts';
import { compareNames } from '../api/compare-names.ts';
import { selectorsMayOverlap } from './selectors-may-overlap.ts';

/** Another set that may land in the same pods and declares clashing names. */
export interface SetConflict {
  readonly otherSet: string;
  /** Container or init container names both sets declare. */
  readonly containers: readonly string[];
  /** Volume names both declare with different definitions (identical ones are shared). */
  readonly volumes: readonly string[];
}

/**
 * The conflicts of `set` with every other set whose selectors (pod and
 * namespace) could select the same pod. In such a pod the webhook applies
 * the sets in name order and skips the later one, so a conflict means some
 * pods silently lack one of the sets. Sorted by the other set's name.
 */
export function findConflicts(set: SidecarSet, others: readonly SidecarSet[]): SetConflict[] {
  const name = nameOf(set);
  const conflicts: SetConflict[] = [];
  for (const other of [...others].sort((a, b) => compareNames(nameOf(a), nameOf(b)))) {
    if (nameOf(other) === name || !setsMayOverlap(set, other)) continue;
    const containers = intersect(containerNamesOf(set), containerNamesOf(other));
    const volumes = clashingVolumes(set, other);
    if (containers.length + volumes.length > 0) conflicts.push({ otherSet: nameOf(other), containers, volumes });
  }
  return conflicts;
}

export function describeConflicts(conflicts: readonly SetConflict[]): string {
  return conflicts
    .map((conflict) => {
      const parts = [
        ...conflict.containers.map((container) => `container "${container}"`),
        ...conflict.volumes.map((volume) => `volume "${volume}" (different definition)`),
      ];
      return `SidecarSet "${conflict.otherSet}" may select the same pods and also declares ${parts.join(', ')}`;
    })
    .join('; ');
}

function setsMayOverlap(a: SidecarSet, b: SidecarSet): boolean {
  return (
    selectorsMayOverlap(a.spec.selector, b.spec.selector) &&
    selectorsMayOverlap(a.spec.namespaceSelector, b.spec.namespaceSelector)
  );
}


function clashingVolumes(a: SidecarSet, b: SidecarSet): string[] {
  const theirs = new Map((b.spec.volumes ?? []).map((volume) => [volume.name, canonicalJson(volume)]));
  return (a.spec.volumes ?? [])
    .filter((volume) => theirs.has(volume.name) && theirs.get(volume.name) !== canonicalJson(volume))
    .map((volume) => volume.name)
    .sort(compareNames);
}

function intersect(a: readonly string[], b: readonly string[]): string[] {
  const other = new Set(b);
  return [...new Set(a)].filter((value) => other.has(value)).sort(compareNames);
}
