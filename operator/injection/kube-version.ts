export interface KubeVersion {
  readonly major: number;
  readonly minor: number;
}

/** Native sidecars (init containers with restartPolicy: Always) are on by default from 1.29. */
const NATIVE_SIDECARS_SINCE: KubeVersion = { major: 1, minor: 29 };

/**
 * Parses "1.29", "v1.36.3", "1.30+" (GKE/EKS style minors) into a version.
 * Returns undefined when the text is not a Kubernetes version.
 */
export function parseKubeVersion(text: string): KubeVersion | undefined {
  const match = /^v?(\d+)\.(\d+)\+?(?:\.\d+)?(?:[-+].*)?$/.exec(text.trim());
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]) };
}

/** In-place resize of sidecars (regular and native) through the pod's `resize` subresource: beta and on by default from 1.33, GA in 1.35. */
const SIDECAR_RESIZE_SINCE: KubeVersion = { major: 1, minor: 33 };

/** Undefined means "unknown": assume a current cluster, which has native sidecars. */
export function supportsNativeSidecars(version: KubeVersion | undefined): boolean {
  return atLeast(version, NATIVE_SIDECARS_SINCE);
}

/** Undefined means "unknown": assume a current cluster (the API server's answer then tells). */
export function supportsSidecarResize(version: KubeVersion | undefined): boolean {
  return atLeast(version, SIDECAR_RESIZE_SINCE);
}

function atLeast(version: KubeVersion | undefined, since: KubeVersion): boolean {
  if (version === undefined) return true;
  if (version.major !== since.major) return version.major > since.major;
  return version.minor >= since.minor;
}
