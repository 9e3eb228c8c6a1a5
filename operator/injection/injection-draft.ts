import type { PodSpec, PodTemplate } from '../api/pod-template.ts';
import { volumeDefinitionHash, type NameOwner, type RefusalFacts } from './sidecar-set-refusal.ts';

/**
 * A pod being injected, plus the bookkeeping that positions depend on. Only
 * inject-pod creates one, on its own copy of the lists it changes (see
 * copyForInjection): callers never see it mutate.
 */
export interface InjectionDraft {
  readonly pod: PodTemplate & { spec: PodSpec };
  /** Init containers added so far; the next set's go right after them, ahead of the app's own. */
  injectedInitCount: number;
  /** `placement: Before` containers added so far; the next set's go right after them. */
  injectedBeforeCount: number;
  readonly containerOwners: Map<string, NameOwner>;
  readonly volumeOwners: Map<string, NameOwner>;
  /** The draft as the refusal rules read it: the pod's names plus those earlier sets added. */
  readonly facts: RefusalFacts;
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
  const facts: RefusalFacts = {
    processNamespace: spec,
    containerOwner: (name) => containerOwners.get(name),
    volumeOwner: (name) => volumeOwners.get(name),
    volumeHash: (name) => {
      const volume = pod.spec.volumes?.find((candidate) => candidate.name === name);
      return volume === undefined ? undefined : volumeDefinitionHash(volume);
    },
  };
  return { pod, injectedInitCount: 0, injectedBeforeCount: 0, containerOwners, volumeOwners, facts };
}
