import { containersOf, nameOf, type SidecarSet } from '../api/sidecar-set.ts';
import { serializeRecord, type InjectionRecord } from '../injection/injection-record.ts';
import type { SidecarSetHashes } from '../injection/sidecar-set-hash.ts';
import { INJECTION_RECORD_ANNOTATION } from '../injection/tandem-keys.ts';
import type { CachedPod } from './cached-pod.ts';

export type JsonPatchOperation =
  | { readonly op: 'test'; readonly path: string; readonly value: string }
  | { readonly op: 'replace'; readonly path: string; readonly value: unknown };

export interface ImageChange {
  readonly container: string;
  readonly from: string;
  readonly to: string;
  /** The container is an init container (a native sidecar, or a run-to-completion one). */
  readonly init: boolean;
}

export interface PodUpgrade {
  readonly pod: CachedPod;
  readonly changes: readonly ImageChange[];
  /** Sidecar resources changed too: the shell resizes the pod (build-resize-patch.ts) before it sends `patch`. */
  readonly resize: boolean;
  /** One JSON Patch: new images and the record's new hash, guarded by `test` operations. */
  readonly patch: readonly JsonPatchOperation[];
}

export const RECORD_PATH = `/metadata/annotations/${INJECTION_RECORD_ANNOTATION.replace(/~/g, '~0').replace(/\//g, '~1')}`;

/**
 * The in-place upgrade of one pod to the set's current revision, as one JSON
 * Patch that the apiserver applies atomically or not at all:
 * - `test` the record annotation still has the text this plan was made from,
 *   and each patched index still holds the expected container: if anything
 *   changed since (another replica upgraded it, the pod was recreated under
 *   the same name), the patch fails with 422 and nothing is applied;
 * - `replace` each sidecar image that differs;
 * - `replace` the record with this set's `hash` moved to the current one.
 * Updating the record in the same request is what makes the counts exact and
 * upgrades idempotent across restarts and leader changes: a pod is either
 * old (old images, old hash) or updated (new images, new hash), never half.
 * Returns undefined when the pod cannot be patched (no readable record).
 */
export function buildUpgradePatch(set: SidecarSet, hashes: SidecarSetHashes, pod: CachedPod, resize = false): PodUpgrade | undefined {
  if (pod.record.kind !== 'ok') return undefined;
  const name = nameOf(set);
  const entry = pod.record.record.sets[name];
  if (entry === undefined) return undefined;
  const wanted = desiredImages(set);
  const changes: ImageChange[] = [];
  const patch: JsonPatchOperation[] = [{ op: 'test', path: RECORD_PATH, value: pod.record.text }];
  const lists = [
    { init: false, names: entry.containers, containers: pod.containers, path: '/spec/containers' },
    { init: true, names: entry.initContainers, containers: pod.initContainers, path: '/spec/initContainers' },
  ];
  for (const list of lists) {
    list.containers.forEach((container, index) => {
      const image = wanted.get(container.name);
      if (!list.names.includes(container.name) || image === undefined || image === container.image) return;
      changes.push({ container: container.name, from: container.image, to: image, init: list.init });
      patch.push(
        { op: 'test', path: `${list.path}/${index}/name`, value: container.name },
        { op: 'replace', path: `${list.path}/${index}/image`, value: image },
      );
    });
  }
  const record: InjectionRecord = {
    ...pod.record.record,
    // All three hashes, as the webhook would write them now: an upgraded pod and a re-injected one carry the same record.
    sets: { ...pod.record.record.sets, [name]: { ...entry, ...hashes } },
  };
  patch.push({ op: 'replace', path: RECORD_PATH, value: serializeRecord(record) });
  return { pod, changes, resize, patch };
}

/** Image of every container the set declares, by name (sidecars and init containers). */
function desiredImages(set: SidecarSet): Map<string, string> {
  return new Map(
    containersOf(set).map((container) => [
      container.name,
      container.image ?? '',
    ]),
  );
}
