import { nameOf, type SidecarSet } from '../api/sidecar-set.ts';
import { applySidecarSet } from './apply-sidecar-set.ts';
import { jsonEqual } from '../json/json-equal.ts';
import { canonicalJson } from '../json/canonical-json.ts';
import type { InjectionDecision } from './injection-decision.ts';
import { createDraft, type InjectionDraft } from './injection-draft.ts';
import { parseRecord, serializeRecord, type InjectionRecord, type SetRecord } from './injection-record.ts';
import type { KubeVersion } from './kube-version.ts';
import type { Labels } from './label-selector.ts';
import type { PodSpec, PodTemplate } from '../api/pod-template.ts';
import { unknownOverrideAnnotations } from './pod-overrides.ts';
import { resolveNativeness } from './resolve-nativeness.ts';
import { selectSidecarSets } from './select-sidecar-sets.ts';
import { compareNames } from '../api/compare-names.ts';
import { injectedContentHash } from './injected-content.ts';
import { podOperatingSystem } from './pod-operating-system.ts';
import { mountServiceAccountToken } from './service-account-token-mount.ts';
import { hashSidecarSet } from './sidecar-set-hash.ts';
import { setOrDelete, stripInjection } from './strip-injection.ts';
import {
  DEFAULT_CONTAINER_ANNOTATION,
  INJECTED_LABEL,
  INJECTION_RECORD_ANNOTATION,
} from './tandem-keys.ts';

export interface InjectionOptions {
  /** The cluster's version; undefined assumes a current cluster (native sidecars available). */
  readonly kubeVersion?: KubeVersion;
}

/** Every input of an injection, gathered before it runs: the engine does no I/O. */
export interface InjectionInput {
  readonly pod: PodTemplate;
  readonly namespaceLabels: Labels;
  readonly sidecarSets: readonly SidecarSet[];
  readonly options: InjectionOptions;
}

export interface InjectionResult {
  /** The injected pod; the very input object when nothing changed. */
  readonly pod: PodTemplate;
  readonly changed: boolean;
  /** The record now on the pod, if any set is applied. */
  readonly record: InjectionRecord | undefined;
  readonly warnings: readonly string[];
  /** One per known SidecarSet, sorted by name. */
  readonly decisions: readonly InjectionDecision[];
  /**
   * Present when the pod must be rejected rather than admitted (an invalid
   * per-pod override); `pod` is then the input, unchanged.
   */
  readonly rejection?: string;
}

/**
 * Injects the pod with every SidecarSet it should carry, as a pure function of
 * its inputs. A pod that already carries an injection record is first
 * restored (everything the record lists is stripped) and injected again, so
 * re-running on an injected pod changes nothing and a pod injected from an
 * older version of a set comes out as if injected from the new one.
 */
export function injectPod(input: InjectionInput): InjectionResult {
  const warnings: string[] = [];
  const previous = readPreviousRecord(input.pod, warnings);
  const pod = copyForInjection(input.pod);
  if (previous !== undefined) warnings.push(...stripInjection(pod, previous, input.sidecarSets));

  const selection = selectSidecarSets({
    podLabels: pod.metadata?.labels ?? {},
    podAnnotations: pod.metadata?.annotations ?? {},
    namespaceLabels: input.namespaceLabels,
    podOs: podOperatingSystem(pod.spec),
    sidecarSets: input.sidecarSets,
  });
  const applied = applySelected(createDraft(pod), selection.selected, input.options);
  warnings.push(...selection.warnings);

  warnings.push(...applied.warnings);
  const decisions = [...selection.rejected, ...applied.decisions].sort((a, b) => compareNames(a.sidecarSet, b.sidecarSet));

  if (applied.rejections.length > 0) {
    return { pod: input.pod, changed: false, record: undefined, warnings, decisions, rejection: applied.rejections.join('; ') };
  }
  const record = Object.keys(applied.sets).length === 0 ? undefined : finishInjection(pod, applied);
  if (previous !== undefined && record !== undefined && isStillCurrent(input.pod, previous, record)) {
    return { pod: input.pod, changed: false, record: previous, warnings, decisions };
  }
  const changed = !jsonEqual(pod, input.pod);
  return { pod: changed ? pod : input.pod, changed, record, warnings, decisions };
}

/**
 * Copies exactly the objects and lists injection replaces or splices into,
 * and shares the rest with the input: injection never edits an existing
 * container, volume or value in place (stripInjection, applySidecarSet and
 * finishInjection only reassign these fields or splice these copied lists).
 * A deep copy cost more than the rest of the injection on realistic pods,
 * and shared subtrees make the final comparison and the patch diff cheap.
 */
function copyForInjection(input: PodTemplate): PodTemplate & { spec: PodSpec } {
  const spec = input.spec ?? { containers: [] };
  const copy = <T>(list: T[] | undefined): T[] | undefined => (list === undefined ? undefined : [...list]);
  const metadata = input.metadata === undefined ? undefined : { ...input.metadata };
  return {
    ...input,
    ...(metadata === undefined ? {} : { metadata }),
    spec: {
      ...spec,
      containers: [...spec.containers],
      ...withDefined('initContainers', copy(spec.initContainers)),
      ...withDefined('volumes', copy(spec.volumes)),
      ...withDefined('imagePullSecrets', copy(spec.imagePullSecrets)),
    },
  };
}

function withDefined<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

interface AppliedSets {
  readonly sets: Record<string, SetRecord>;
  readonly decisions: readonly InjectionDecision[];
  readonly warnings: readonly string[];
  /** One per set whose overrides the pod's annotations got wrong: the pod must be rejected. */
  readonly rejections: readonly string[];
  /** Some applied set asked for shareProcessNamespace. */
  readonly wantsProcessNamespace: boolean;
  /** The pod's first own container, which kubectl should default to. */
  readonly appContainer: string | undefined;
}

function applySelected(draft: InjectionDraft, selected: readonly SidecarSet[], options: InjectionOptions): AppliedSets {
  const appContainer = draft.pod.spec.containers[0]?.name;
  // Keyed by set name: no prototype, so a set named "constructor" is an ordinary entry.
  const sets = Object.create(null) as Record<string, SetRecord>;
  const decisions: InjectionDecision[] = [];
  const warnings: string[] = [];
  const rejections: string[] = [];
  const injected: SidecarSet[] = [];
  // Overrides read the annotations the user wrote, not those an earlier set's podMetadata adds.
  const podAnnotations = draft.pod.metadata?.annotations ?? {};
  let wantsProcessNamespace = false;
  for (const set of selected) {
    const native = resolveNativeness(set, options.kubeVersion);
    const application = applySidecarSet(draft, set, { native, hashes: hashSidecarSet(set, native), podAnnotations });
    decisions.push(application.decision);
    warnings.push(...application.warnings);
    if (application.rejection !== undefined) rejections.push(`SidecarSet "${nameOf(set)}": ${application.rejection}`);
    if (application.record === undefined) continue;
    sets[nameOf(set)] = application.record;
    injected.push(set);
    wantsProcessNamespace ||= set.spec.shareProcessNamespace !== false;
  }
  warnings.push(...unknownOverrideAnnotations(injected, podAnnotations));
  return { sets, decisions, warnings, rejections, wantsProcessNamespace, appContainer };
}

function readPreviousRecord(pod: PodTemplate, warnings: string[]): InjectionRecord | undefined {
  const text = pod.metadata?.annotations?.[INJECTION_RECORD_ANNOTATION];
  if (text === undefined) return undefined;
  const parsed = parseRecord(text);
  if (parsed.ok) return parsed.record;
  warnings.push(
    `annotation ${INJECTION_RECORD_ANNOTATION} is unreadable (${parsed.error}); previously injected sidecars cannot be told apart and are left as they are`,
  );
  return undefined;
}

/** Labels, record, pod-level switches and the token mount that exist only because some set was applied. */
function finishInjection(pod: PodTemplate & { spec: PodSpec }, applied: AppliedSets): InjectionRecord {
  const sets = applied.sets;
  const metadata = (pod.metadata ??= {});
  const annotations = { ...metadata.annotations };
  const appContainer = applied.appContainer;
  const setDefaultContainer = appContainer !== undefined && annotations[DEFAULT_CONTAINER_ANNOTATION] === undefined;
  if (setDefaultContainer) annotations[DEFAULT_CONTAINER_ANNOTATION] = appContainer;
  const setShareProcessNamespace = applied.wantsProcessNamespace && pod.spec.shareProcessNamespace === undefined;
  if (setShareProcessNamespace) pod.spec.shareProcessNamespace = true;
  mountServiceAccountToken(pod.spec, new Set(Object.values(sets).flatMap((set) => [...set.containers, ...set.initContainers])));

  // Each set's proof, over what it added as the pod now holds it (labels and annotations included).
  metadata.annotations = annotations;
  for (const [name, entry] of Object.entries(sets)) sets[name] = { ...entry, contentHash: injectedContentHash(pod, entry) ?? '' };
  const record: InjectionRecord = { version: 1, sets, setShareProcessNamespace, setDefaultContainer };
  annotations[INJECTION_RECORD_ANNOTATION] = serializeRecord(record);
  setOrDelete(metadata, 'annotations', annotations);
  metadata.labels = { ...metadata.labels, [INJECTED_LABEL]: 'true' };
  return record;
}

/**
 * True when the pod already carries exactly the sets, at exactly the hashes,
 * that injection would give it now, and everything recorded is still there.
 * Then the pod is left byte-for-byte alone, even if another webhook has since
 * moved things around (reinvocationPolicy: IfNeeded must converge).
 */
function isStillCurrent(pod: PodTemplate, previous: InjectionRecord, next: InjectionRecord): boolean {
  const hashes = (record: InjectionRecord): string =>
    canonicalJson(Object.entries(record.sets).map(([name, set]) => [name, set.hash]));
  if (hashes(previous) !== hashes(next)) return false;
  const spec = pod.spec;
  const present = (names: readonly string[], list: readonly { name?: string }[] | undefined): boolean =>
    names.every((name) => list?.some((item) => item.name === name) === true);
  return Object.values(previous.sets).every(
    (set) =>
      present(set.containers, spec?.containers) &&
      present(set.initContainers, spec?.initContainers) &&
      present(set.volumes, spec?.volumes),
  );
}
