import type { Container, PodSpec } from '../api/pod-template.ts';

/** Where the apiserver's ServiceAccount admission plugin mounts the token volume. */
export const SERVICE_ACCOUNT_TOKEN_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
/** The plugin's name prefix for that volume (kube-api-access-<random>). */
const TOKEN_VOLUME_PREFIX = 'kube-api-access-';

/**
 * Gives the injected containers the service-account token mount the
 * apiserver would give them, so the pod is already as it will be stored
 * (ADR 0009). The ServiceAccount admission plugin runs before webhooks and
 * mounts the pod's token volume into every container that mounts nothing at
 * the token path; containers a webhook adds miss it, and when the apiserver
 * re-runs its plugins after a webhook changed the pod (reinvocation), the
 * plugin adds the mount to them, the object changes again, and the
 * apiserver calls an IfNeeded webhook a second time. Mirrors the plugin:
 * only when it did run on this pod (one of the pod's own containers mounts a
 * kube-api-access-* volume at the token path), the same mount (read-only,
 * appended last), and not into a container that mounts something there.
 * Replaces, never edits, the containers: injected ones are shared and frozen.
 */
export function mountServiceAccountToken(spec: PodSpec, injected: ReadonlySet<string>): void {
  const own = [...(spec.initContainers ?? []), ...spec.containers].filter((container) => !injected.has(container.name));
  const volume = spec.volumes?.find((candidate) => candidate.name.startsWith(TOKEN_VOLUME_PREFIX))?.name;
  if (volume === undefined || !own.some((container) => tokenMount(container)?.name === volume)) return;
  const mounted = (container: Container): Container =>
    !injected.has(container.name) || tokenMount(container) !== undefined
      ? container
      : { ...container, volumeMounts: [...(container.volumeMounts ?? []), { name: volume, readOnly: true, mountPath: SERVICE_ACCOUNT_TOKEN_PATH }] };
  spec.containers = spec.containers.map(mounted);
  if (spec.initContainers !== undefined) spec.initContainers = spec.initContainers.map(mounted);
}

function tokenMount(container: Container): { name: string } | undefined {
  return container.volumeMounts?.find((mount) => mount.mountPath === SERVICE_ACCOUNT_TOKEN_PATH);
}
