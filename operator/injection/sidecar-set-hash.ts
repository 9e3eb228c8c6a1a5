import type { SidecarSet } from '../api/sidecar-set.ts';
import { definitionHash } from './definition-hash.ts';

export interface SidecarSetHashes {
  /** Changes whenever anything the set injects changes. */
  readonly hash: string;
  /**
   * The same with every container image blanked out. Two versions of a set
   * with equal `hashWithoutImages` differ only in images, which the
   * controller may roll into running pods in place.
   */
  readonly hashWithoutImages: string;
  /**
   * The same with images and container resources blanked out: two versions
   * with equal values differ only in what a running pod can take in place
   * (images by a pod patch, cpu and memory by its `resize` subresource).
   */
  readonly hashWithoutImagesAndResources: string;
}

/**
 * Hashes exactly what injection copies into a pod (plus the resolved
 * nativeness, since the same spec lands differently), not the selector or
 * update strategy: changing who gets a set does not make pods outdated.
 */
export function hashSidecarSet(set: SidecarSet, native: boolean): SidecarSetHashes {
  // Sources hand out a new object for every change of a set and never mutate
  // one, so hashes can be cached per object: the admission path then hashes
  // each set once, not once per pod.
  const cached = cache.get(set);
  const hit = native ? cached?.native : cached?.regular;
  if (hit !== undefined) return hit;
  const hashes = computeHashes(set, native);
  cache.set(set, { ...cached, [native ? 'native' : 'regular']: hashes });
  return hashes;
}

const cache = new WeakMap<SidecarSet, { native?: SidecarSetHashes; regular?: SidecarSetHashes }>();

function computeHashes(set: SidecarSet, native: boolean): SidecarSetHashes {
  const spec = set.spec;
  const injected = {
    containers: spec.containers ?? [],
    initContainers: spec.initContainers ?? [],
    volumes: spec.volumes ?? [],
    imagePullSecrets: spec.imagePullSecrets ?? [],
    podMetadata: spec.podMetadata ?? {},
    shareProcessNamespace: spec.shareProcessNamespace !== false,
    native,
    // Only when declared: the hashes of sets without overrides stay those that pods injected before overrides existed carry.
    ...(spec.overrides === undefined ? {} : { overrides: spec.overrides }),
  };
  const withoutImages = {
    ...injected,
    containers: injected.containers.map((container) => ({ ...container, image: '' })),
    initContainers: injected.initContainers.map((container) => ({ ...container, image: '' })),
  };
  // Sidecars only: a run-to-completion init container never runs again, so a change of its resources cannot apply in place.
  const withoutResources = { ...withoutImages, containers: withoutImages.containers.map((container) => ({ ...container, resources: {} })) };
  return {
    hash: definitionHash(injected),
    hashWithoutImages: definitionHash(withoutImages),
    hashWithoutImagesAndResources: definitionHash(withoutResources),
  };
}
