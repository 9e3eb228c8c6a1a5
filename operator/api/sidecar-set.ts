// Named views of the generated SidecarSet type, so the rest of the code never
// spells out indexed-access types on the generated interface.
import type { ISidecarSet } from './generated/tandem.dev/v1alpha1/SidecarSet.ts';

export type SidecarSet = ISidecarSet;
export type SidecarSetSpec = ISidecarSet['spec'];
export type SidecarContainer = NonNullable<SidecarSetSpec['containers']>[number];
export type SidecarInitContainer = NonNullable<SidecarSetSpec['initContainers']>[number];
export type LabelSelector = SidecarSetSpec['selector'];
export type SidecarSetStatus = NonNullable<ISidecarSet['status']>;

/** metadata.name; "" for a set without one (never stored by the apiserver, refused by the validators). */
export function nameOf(set: SidecarSet): string {
  return set.metadata?.name ?? '';
}

/** Every container a set declares: its sidecars, then its run-to-completion init containers. */
export function containersOf(set: SidecarSet): readonly (SidecarContainer | SidecarInitContainer)[] {
  return [...(set.spec.containers ?? []), ...(set.spec.initContainers ?? [])];
}

/** Their names, which must not clash with the pod's or another set's. */
export function containerNamesOf(set: SidecarSet): readonly string[] {
  return containersOf(set).map((container) => container.name);
}
