import type { PodSpec, PodTemplate } from './pod-template.ts';

/** Who owns a container or volume name in a pod under construction. */
export type NameOwner = { readonly kind: 'pod' } | { readonly kind: 'set'; readonly name: string };

/**
 * A pod being injected, plus the bookkeeping that positions depend on. Only
 * inject-pod creates one, on its own deep copy: callers never see it mutate.
 */
export interface InjectionDraft {
  readonly pod: PodTemplate & { spec: PodSpec };
  /** Init containers added so far; the next set's go right after them, ahead of the app's own. */
  injectedInitCount: number;
  /** `placement: Before` containers added so far; the next set's go right after them. */
  injectedBeforeCount: number;
  readonly containerOwners: Map<string, NameOwner>;
  readonly volumeOwners: Map<string, NameOwner>;
}

export function createDraft(pod: PodTemplate & { spec: PodSpec }): InjectionDraft {
  const spec = pod.spec;
  const containerOwners = new Map<string, NameOwner>();
  const names = [
    ...spec.containers.map((container) => container.name),
    ...(spec.initContainers ?? []).map((container) => container.name),
    ...(spec.ephemeralContainers ?? []).map((container) => container.name),
  ];
  for (const name of names) containerOwners.set(name, { kind: 'pod' });
  const volumeOwners = new Map<string, NameOwner>();
  for (const volume of spec.volumes ?? []) volumeOwners.set(volume.name, { kind: 'pod' });
  return { pod, injectedInitCount: 0, injectedBeforeCount: 0, containerOwners, volumeOwners };
}

export function describeOwner(owner: NameOwner): string {
  return owner.kind === 'pod' ? 'the pod' : `SidecarSet "${owner.name}"`;
}
