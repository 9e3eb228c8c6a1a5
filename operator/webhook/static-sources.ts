import type { SidecarSet } from '../api/sidecar-set.ts';
import type { NamespaceSource, SidecarSetSource } from './sources.ts';

/** SidecarSets fixed at start (from --sidecarsets FILE): synced from the outset. */
export function staticSidecarSetSource(sets: readonly SidecarSet[]): SidecarSetSource {
  const frozen = [...sets];
  return { list: () => frozen, synced: () => true };
}

/** The same labels for every namespace (from --namespace-labels), as `tandem inject` assumes. */
export function staticNamespaceSource(labels: Readonly<Record<string, string>>): NamespaceSource {
  const frozen = { ...labels };
  return { labelsOf: () => frozen, synced: () => true };
}
