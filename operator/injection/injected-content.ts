import { createHash } from 'node:crypto';
import type { SidecarSet } from '../api/sidecar-set.ts';
import { jsonEqual } from '../json/json-equal.ts';
import { canonicalJson } from '../json/canonical-json.ts';
import type { SetRecord } from './injection-record.ts';
import type { Container, PodTemplate, Volume } from '../api/pod-template.ts';
import { servedContainer, servedVolume } from './served-form.ts';
import { hashSidecarSet } from './sidecar-set-hash.ts';
import { planSidecarSet } from './sidecar-set-plan.ts';

/** What the pod holds under the names one set's record lists; undefined when any of them is missing. */
interface RecordedContent {
  readonly containers: readonly Container[];
  readonly initContainers: readonly Container[];
  readonly volumes: readonly Volume[];
  readonly imagePullSecrets: readonly string[];
  readonly labels: readonly (readonly [string, string])[];
  readonly annotations: readonly (readonly [string, string])[];
}

function recordedContent(pod: PodTemplate, entry: SetRecord): RecordedContent | undefined {
  const spec = pod.spec;
  const byName = <T extends { name?: string }>(list: readonly T[] | undefined, names: readonly string[]): T[] | undefined => {
    const found = names.map((name) => list?.find((item) => item.name === name));
    return found.every((item) => item !== undefined) ? (found) : undefined;
  };
  const values = (map: Readonly<Record<string, string>> | undefined, keys: readonly string[]): [string, string][] | undefined => {
    const found = keys.map((key) => (map !== undefined && Object.hasOwn(map, key) ? ([key, map[key] ?? ''] as [string, string]) : undefined));
    return found.every((pair) => pair !== undefined) ? (found) : undefined;
  };
  const content = {
    containers: byName(spec?.containers, entry.containers),
    initContainers: byName(spec?.initContainers, entry.initContainers),
    volumes: byName(spec?.volumes, entry.volumes),
    secrets: byName(spec?.imagePullSecrets, entry.imagePullSecrets),
    labels: values(pod.metadata?.labels, entry.labels),
    annotations: values(pod.metadata?.annotations, entry.annotations),
  };
  if (Object.values(content).some((part) => part === undefined)) return undefined;
  const { secrets: _secrets, ...found } = content as { [K in keyof typeof content]: NonNullable<(typeof content)[K]> };
  return { ...found, imagePullSecrets: entry.imagePullSecrets };
}

/**
 * Images and resources are left out: the controller changes both in place (an
 * image patch, a `resize`), and the record must still prove the rest without
 * the controller recomputing a digest over a pod it holds only trimmed.
 */
function withoutInPlaceFields(container: Container): unknown {
  // The served form first: which imagePullPolicy the API server defaults depends on the image.
  return { ...(servedContainer(container) as object), image: '', resources: {} };
}

/**
 * A digest of everything one set added to the pod, images and resources aside: its
 * containers, volumes and pull secrets, and its labels and annotations with
 * their values, containers and volumes in their served form (served-form.ts),
 * so the API server's defaults and token mounts do not count as changes. Written into the record at injection; a record whose digest
 * no longer matches the pod names things Tandem cannot prove it added (the
 * user changed them, or the record was copied onto another pod), and nothing
 * of that set is stripped. Undefined when something the record names is missing.
 */
export function injectedContentHash(pod: PodTemplate, entry: SetRecord): string | undefined {
  const content = recordedContent(pod, entry);
  if (content === undefined) return undefined;
  const digestible = {
    containers: content.containers.map(withoutInPlaceFields),
    initContainers: content.initContainers.map(withoutInPlaceFields),
    volumes: content.volumes.map(servedVolume),
    imagePullSecrets: content.imagePullSecrets,
    labels: content.labels,
    annotations: content.annotations,
  };
  return createHash('sha256').update(canonicalJson(digestible)).digest('hex').slice(0, 16);
}

/**
 * Whether the pod holds, under the names the record lists, exactly what Tandem
 * added. A record of an older Tandem carries no digest: it is believed when
 * the set it names is known, still at the recorded version, and the pod holds
 * exactly what that set injects (images and resources aside).
 */
export function recordMatchesPod(pod: PodTemplate, name: string, entry: SetRecord, sets: readonly SidecarSet[]): boolean {
  if (entry.contentHash !== undefined) return injectedContentHash(pod, entry) === entry.contentHash;
  const set = sets.find((candidate) => candidate.metadata?.name === name);
  const content = recordedContent(pod, entry);
  if (set === undefined || content === undefined) return false;
  const native = [true, false].find((candidate) => hashSidecarSet(set, candidate).hash === entry.hash);
  if (native === undefined) return false;
  const plan = planSidecarSet(set, native);
  const planned = [...plan.containers.init, ...plan.containers.before, ...plan.containers.after];
  const sameContainer = (container: Container): boolean => {
    const twin = planned.find((candidate) => candidate.name === container.name);
    return twin !== undefined && jsonEqual(withoutInPlaceFields(container), withoutInPlaceFields(twin));
  };
  const metadata = set.spec.podMetadata;
  return (
    [...content.containers, ...content.initContainers].every(sameContainer) &&
    content.volumes.every((volume) => plan.volumes.some((twin) => jsonEqual(servedVolume(volume), servedVolume(twin)))) &&
    content.imagePullSecrets.every((secret) => set.spec.imagePullSecrets?.some((ref) => ref.name === secret) === true) &&
    content.labels.every(([key, value]) => metadata?.labels?.[key] === value && Object.hasOwn(metadata.labels, key)) &&
    content.annotations.every(([key, value]) => metadata?.annotations?.[key] === value && Object.hasOwn(metadata.annotations, key))
  );
}
