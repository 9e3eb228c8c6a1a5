/** A workload whose pod template the controller may restart (RestartWorkloads). */
export interface WorkloadRef {
  readonly kind: 'Deployment' | 'StatefulSet' | 'DaemonSet';
  readonly namespace: string;
  readonly name: string;
}

/** What the controller knows of a workload: which set revisions it was already restarted for. */
export interface WorkloadState {
  readonly ref: WorkloadRef;
  /** Tokens "set@hash" from the template annotation tandem.dev/restartedFor. */
  readonly restartedFor: readonly string[];
}

/** Pod-template annotation with the restart time, as `kubectl rollout restart` sets kubectl.kubernetes.io/restartedAt. */
export const RESTARTED_AT_ANNOTATION = 'tandem.dev/restartedAt';

/**
 * Pod-template annotation listing "set@hash" for every set revision the
 * workload was restarted for. It is what keeps a restart from being repeated
 * after an operator restart or a leader change: the state is on the workload.
 */
export const RESTARTED_FOR_ANNOTATION = 'tandem.dev/restartedFor';

export function workloadKey(ref: WorkloadRef): string {
  return `${ref.kind}/${ref.namespace}/${ref.name}`;
}

export function restartToken(set: string, hash: string): string {
  return `${set}@${hash}`;
}

export function parseRestartedFor(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((token) => token.trim())
    .filter((token) => token !== '');
}

/** The annotation value after restarting for `set` at `hash`: that set's older token is replaced, others kept. */
export function nextRestartedFor(current: readonly string[], set: string, hash: string): string {
  const others = current.filter((token) => !token.startsWith(`${set}@`));
  return [...others, restartToken(set, hash)].sort().join(',');
}
