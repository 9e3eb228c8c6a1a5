import type { SidecarSet } from '../api/sidecar-set.ts';
import { podOperatingSystem, type OperatingSystemFields } from './pod-operating-system.ts';

/** The pod-level fields that decide whether a pod can share its process namespace (a Windows pod cannot: pod-operating-system.ts). */
export interface ProcessNamespaceSettings extends OperatingSystemFields {
  readonly shareProcessNamespace?: boolean;
  readonly hostPID?: boolean;
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
        : windowsReason(pod);
  return why === undefined ? undefined : `it needs shareProcessNamespace: true but ${why}`;
}

function windowsReason(pod: ProcessNamespaceSettings): string | undefined {
  const os = podOperatingSystem(pod);
  return os.name === 'windows' ? `Windows pods cannot share a process namespace (${os.why})` : undefined;
}
