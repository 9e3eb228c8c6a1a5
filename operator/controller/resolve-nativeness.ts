import type { SidecarSet } from '../api/sidecar-set.ts';
import { supportsNativeSidecars, type KubeVersion } from '../injection/kube-version.ts';

/**
 * Whether the webhook injects this set's sidecars as native sidecars, for the
 * cluster version it resolves `Auto` with. Kept identical to inject-pod.ts's
 * private resolveNative: the hash the controller calls "current" must be the
 * one the webhook writes into new pods, else every pod would look outdated.
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
