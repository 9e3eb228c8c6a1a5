import type { SidecarSet } from '../api/sidecar-set.ts';
import { recordMatchesPod } from './injected-content.ts';
import type { InjectionRecord, SetRecord } from './injection-record.ts';
import type { PodTemplate } from '../api/pod-template.ts';
import {
  DEFAULT_CONTAINER_ANNOTATION,
  INJECTED_LABEL,
  INJECTION_RECORD_ANNOTATION,
} from './tandem-keys.ts';

/**
 * Removes, in place, what the record says Tandem added and the pod still
 * holds exactly as Tandem added it (recordMatchesPod), restoring the pod as
 * the user wrote it. Only names in the record are touched, so containers or
 * volumes added later by other webhooks survive. What does not match (a
 * sidecar the user changed, a record copied onto another pod, names that are
 * the user's own) is left as it is, with a warning; so is an explicit
 * shareProcessNamespace: false and a default-container annotation the user
 * pointed elsewhere. `sets` are the known SidecarSets: a record of an older
 * Tandem is checked against them. Returns the warnings.
 */
export function stripInjection(pod: PodTemplate, record: InjectionRecord, sets: readonly SidecarSet[]): string[] {
  const warnings: string[] = [];
  const proven = Object.entries(record.sets).flatMap(([name, entry]) => {
    if (recordMatchesPod(pod, name, entry, sets)) return [entry];
    warnings.push(
      `the record of SidecarSet "${name}" does not match the pod (what it names was changed after injection, is missing, or is the pod's own); its containers, volumes and metadata are left as they are`,
    );
    return [];
  });
  const owned = (pick: (set: SetRecord) => readonly string[]): Set<string> => new Set(proven.flatMap(pick));
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
    if (record.setShareProcessNamespace) warnings.push(...stripProcessNamespace(spec));
    removeUndefined(spec);
  }

  const metadata = pod.metadata;
  if (metadata === undefined) return warnings;
  // Tandem set it to the pod's first own container; a value naming anything else is the user's.
  const defaultContainer = metadata.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  const ownDefault = record.setDefaultContainer && defaultContainer !== undefined && defaultContainer === spec?.containers[0]?.name;
  const labels = withoutKeys(metadata.labels, [...owned((set) => set.labels), INJECTED_LABEL]);
  const annotations = withoutKeys(metadata.annotations, [
    ...owned((set) => set.annotations),
    INJECTION_RECORD_ANNOTATION,
    ...(ownDefault ? [DEFAULT_CONTAINER_ANNOTATION] : []),
  ]);
  setOrDelete(metadata, 'labels', labels);
  setOrDelete(metadata, 'annotations', annotations);
  return warnings;
}

/** Tandem only ever sets true: false is the user's, whatever the record says. */
function stripProcessNamespace(spec: NonNullable<PodTemplate['spec']>): string[] {
  if (spec.shareProcessNamespace === true) spec.shareProcessNamespace = undefined;
  if (spec.shareProcessNamespace !== false) return [];
  return ['the record says Tandem turned shareProcessNamespace on, but the pod sets shareProcessNamespace: false; it is kept'];
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
