/** An Event the controller wants recorded; the kube layer turns it into a core/v1 Event. */
export interface ControllerEvent {
  readonly target: EventTarget;
  readonly type: 'Normal' | 'Warning';
  /** CamelCase, stable: users filter on it. */
  readonly reason: string;
  readonly message: string;
}

export type EventTarget =
  | { readonly kind: 'SidecarSet'; readonly name: string; readonly uid: string }
  | { readonly kind: 'Pod'; readonly namespace: string; readonly name: string; readonly uid: string }
  /** A pod's controlling owner (ReplicaSet, StatefulSet, DaemonSet, Job...), as its ownerReference names it. */
  | {
      readonly kind: 'Owner';
      readonly apiVersion: string;
      readonly ownerKind: string;
      readonly namespace: string;
      readonly name: string;
      readonly uid: string;
    };

export const EVENT_REASONS = {
  conflict: 'SidecarSetConflict',
  upgrading: 'UpgradingPods',
  restarting: 'RestartingWorkload',
  upgraded: 'SidecarUpgraded',
  notUpgradable: 'SidecarNotUpgradable',
  workloadOutdated: 'WorkloadOutdated',
  refused: 'InPlaceUpgradeRefused',
  missed: 'SidecarInjectionMissed',
  skipped: 'SidecarSkipped',
  rolloutStopped: 'RolloutStopped',
} as const;
