/**
 * Why a SidecarSet was or was not applied to a pod. Codes are stable: they
 * appear in `tandem explain`, admission warnings, events and metrics labels.
 */
export type DecisionReason =
  // selection
  | 'PodOptedOut'
  | 'NamespaceDisabled'
  | 'NotOptedIn'
  | 'NotListed'
  | 'Paused'
  | 'SelectorMismatch'
  | 'NamespaceSelectorMismatch'
  | 'UnsupportedOS'
  // application
  | 'Injected'
  | 'ProcessNamespaceConflict'
  | 'NameClash'
  | 'MissingVolume'
  | 'InvalidOverride';

export interface InjectionDecision {
  readonly sidecarSet: string;
  readonly injected: boolean;
  readonly reason: DecisionReason;
  /** One sentence a user can act on. */
  readonly message: string;
}
