import type { InjectionRecord } from './injection-record.ts';
import type { PodTemplate } from '../api/pod-template.ts';
import {
  DEFAULT_CONTAINER_ANNOTATION,
  INJECTED_LABEL,
  INJECTION_RECORD_ANNOTATION,
} from './tandem-keys.ts';

/**
 * Removes, in place, everything the record says Tandem added, restoring the
 * pod as the user wrote it. Only names in the record are touched, so
 * containers or volumes added later by other webhooks survive.
 */
export function stripInjection(pod: PodTemplate, record: InjectionRecord): void {
  const sets = Object.values(record.sets);
  const owned = (pick: (set: (typeof sets)[number]) => readonly string[]): Set<string> =>
    new Set(sets.flatMap(pick));
  const keep = <T>(list: T[] | undefined, names: Set<string>, nameOf: (item: T) => string): T[] | undefined => {
    const kept = list?.filter((item) => !names.has(nameOf(item)));
    return kept === undefined || kept.length === 0 ? undefined : kept;
  };

  const spec = pod.spec;
  if (spec !== undefined) {
    spec.containers = keep(spec.containers, owned((set) => set.containers), (c) => c.name) ?? [];
    spec.initContainers = keep(spec.initContainers, owned((set) => set.initContainers), (c) => c.name);
    spec.volumes = keep(spec.volumes, owned((set) => set.volumes), (v) => v.name);
    spec.imagePullSecrets = keep(spec.imagePullSecrets, owned((set) => set.imagePullSecrets), (r) => r.name ?? '');
    if (record.setShareProcessNamespace) spec.shareProcessNamespace = undefined;
    removeUndefined(spec);
  }

  const metadata = pod.metadata;
  if (metadata === undefined) return;
  const labels = withoutKeys(metadata.labels, [...owned((set) => set.labels), INJECTED_LABEL]);
  const annotations = withoutKeys(metadata.annotations, [
    ...owned((set) => set.annotations),
    INJECTION_RECORD_ANNOTATION,
    ...(record.setDefaultContainer ? [DEFAULT_CONTAINER_ANNOTATION] : []),
  ]);
  setOrDelete(metadata, 'labels', labels);
  setOrDelete(metadata, 'annotations', annotations);
}

function withoutKeys(values: Record<string, string> | undefined, keys: readonly string[]): Record<string, string> {
  const drop = new Set(keys);
  return Object.fromEntries(Object.entries(values ?? {}).filter(([key]) => !drop.has(key)));
}

/** Keeps a stripped pod equal to the original: no `key: undefined` left behind. */
function removeUndefined(object: object): void {
  for (const [key, value] of Object.entries(object)) {
    if (value === undefined) Reflect.deleteProperty(object, key);
  }
}

export function setOrDelete(
  metadata: { labels?: Record<string, string>; annotations?: Record<string, string> },
  key: 'labels' | 'annotations',
  values: Record<string, string>,
): void {
  if (Object.keys(values).length === 0) Reflect.deleteProperty(metadata, key);
  else metadata[key] = values;
}
