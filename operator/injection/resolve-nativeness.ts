import type { SidecarSet } from '../api/sidecar-set.ts';
import { supportsNativeSidecars, type KubeVersion } from './kube-version.ts';

/**
 * Whether this set's sidecars go in as native sidecars (init containers with
 * restartPolicy: Always), for the cluster version `Auto` is resolved with.
 * The webhook and the controller both call this one function: the hash the
 * controller calls "current" must be the one the webhook writes into new
 * pods, else every pod would look outdated.
 */
export function resolveNativeness(set: SidecarSet, kubeVersion: KubeVersion | undefined): boolean {
  switch (set.spec.nativeSidecars) {
    case 'Always':
      return true;
    case 'Never':
      return false;
    default:
      return supportsNativeSidecars(kubeVersion);
  }
}
