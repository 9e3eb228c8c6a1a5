import type { SidecarSet } from '../api/sidecar-set.ts';

/** The pod-level fields that decide whether a pod can share its process namespace. */
export interface ProcessNamespaceSettings {
  readonly shareProcessNamespace?: boolean;
  readonly hostPID?: boolean;
  readonly os?: { readonly name?: string };
}

/**
 * Why a set that needs a shared process namespace cannot have one in this
 * pod, or undefined. One of the rules of sidecarSetRefusal.
 */
export function processNamespaceConflict(set: SidecarSet, pod: ProcessNamespaceSettings): string | undefined {
  if (set.spec.shareProcessNamespace === false) return undefined;
  const why =
    pod.shareProcessNamespace === false
      ? 'the pod sets shareProcessNamespace: false explicitly'
      : pod.hostPID === true
        ? 'the pod uses hostPID, which cannot be combined with shareProcessNamespace'
        : pod.os?.name === 'windows'
          ? 'Windows pods cannot share a process namespace'
          : undefined;
  return why === undefined ? undefined : `it needs shareProcessNamespace: true but ${why}`;
}
