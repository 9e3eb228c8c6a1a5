// Named views of the generated SidecarSet type, so the rest of the code never
// spells out indexed-access types on the generated interface.
import type { ISidecarSet } from './generated/tandem.dev/v1alpha1/SidecarSet.ts';

export type SidecarSet = ISidecarSet;
export type SidecarSetSpec = ISidecarSet['spec'];
export type SidecarContainer = NonNullable<SidecarSetSpec['containers']>[number];
export type SidecarInitContainer = NonNullable<SidecarSetSpec['initContainers']>[number];
export type LabelSelector = SidecarSetSpec['selector'];
export type SidecarSetStatus = NonNullable<ISidecarSet['status']>;
