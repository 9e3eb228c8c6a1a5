import { containersOf, type SidecarSet } from '../api/sidecar-set.ts';

/**
 * The set's sidecars may mount the pod's own volumes by name, but a mount of
 * a volume that neither the set nor the pod defines would make the pod
 * invalid. Says which mounts dangle, or undefined.
 */
export function missingVolumeMounts(set: SidecarSet, podHasVolume: (name: string) => boolean): string | undefined {
  const declared = new Set((set.spec.volumes ?? []).map((volume) => volume.name));
  const missing = containersOf(set).flatMap((container) =>
    (container.volumeMounts ?? [])
      .filter((mount) => !declared.has(mount.name) && !podHasVolume(mount.name))
      .map((mount) => `container "${container.name}" mounts volume "${mount.name}"`),
  );
  return missing.length === 0 ? undefined : `${missing.join('; ')}, which neither the set nor the pod defines`;
}
