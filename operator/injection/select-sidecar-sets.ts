import { compareNames } from '../api/compare-names.ts';
import { nameOf, type SidecarSet } from '../api/sidecar-set.ts';
import type { InjectionDecision } from './injection-decision.ts';
import { matchesLabelSelector, type Labels } from './label-selector.ts';
import type { PodOperatingSystem } from './pod-operating-system.ts';
import { readOptIn, type OptIn } from './pod-opt-in.ts';
import { INJECT_ANNOTATION, NAMESPACE_INJECTION_LABEL } from './tandem-keys.ts';
import { quoteKey } from '../json/quote-value.ts';

export interface SelectionInput {
  readonly podLabels: Labels;
  readonly podAnnotations: Labels;
  readonly namespaceLabels: Labels;
  /** The pod's operating system (pod-operating-system.ts); Linux when absent. */
  readonly podOs?: PodOperatingSystem;
  /** Every known SidecarSet, in any order. */
  readonly sidecarSets: readonly SidecarSet[];
}

export interface Selection {
  /** Sets to apply, sorted by name: the order in which they are applied. */
  readonly selected: readonly SidecarSet[];
  /** One decision per set that was not selected, sorted by name. */
  readonly rejected: readonly InjectionDecision[];
  readonly warnings: readonly string[];
}

/**
 * The opt-in table of the README, as one pure function: which sets a pod gets
 * before any clash checks. A set "matches" when its selector matches the pod,
 * its namespaceSelector (if any) matches the namespace, and it is not paused.
 */
export function selectSidecarSets(input: SelectionInput): Selection {
  const optIn = readOptIn(input.podAnnotations, input.namespaceLabels);
  const warnings = [...optIn.warnings];
  const sorted = sortedByName(input.sidecarSets);
  const selected: SidecarSet[] = [];
  const rejected: InjectionDecision[] = [];

  for (const set of sorted) {
    const refusal = optInRefusal(set, optIn) ?? matchRefusal(set, input);
    if (refusal === undefined) selected.push(set);
    else rejected.push(refusal);
  }

  if (optIn.pod.kind === 'listed' && optIn.namespace !== 'disabled') {
    warnings.push(...listedWarnings(optIn.pod.names, sorted, rejected));
  }
  return { selected, rejected, warnings };
}

const sortedLists = new WeakMap<readonly SidecarSet[], readonly SidecarSet[]>();

/** Sources hand out one immutable list per change, so its sorted copy is cached per list. */
function sortedByName(sets: readonly SidecarSet[]): readonly SidecarSet[] {
  let sorted = sortedLists.get(sets);
  if (sorted === undefined) {
    sorted = [...sets].sort((a, b) => compareNames(nameOf(a), nameOf(b)));
    sortedLists.set(sets, sorted);
  }
  return sorted;
}

function optInRefusal(set: SidecarSet, optIn: OptIn): InjectionDecision | undefined {
  const name = nameOf(set);
  const refuse = (reason: InjectionDecision['reason'], message: string): InjectionDecision => ({
    sidecarSet: name,
    injected: false,
    reason,
    message,
  });
  if (optIn.pod.kind === 'none') return refuse('PodOptedOut', `the pod has ${INJECT_ANNOTATION}: "false"`);
  if (optIn.namespace === 'disabled') {
    return refuse('NamespaceDisabled', `the namespace has ${NAMESPACE_INJECTION_LABEL}=disabled`);
  }
  if (optIn.pod.kind === 'listed' && !optIn.pod.names.includes(name)) {
    return refuse('NotListed', `the pod's ${INJECT_ANNOTATION} annotation lists other sets`);
  }
  const optedIn = optIn.pod.kind !== 'unset' || optIn.namespace === 'enabled';
  if (!optedIn && set.spec.injectionPolicy !== 'Always') {
    return refuse(
      'NotOptedIn',
      `injectionPolicy is OptIn and neither the pod annotation ${INJECT_ANNOTATION} nor the namespace label ${NAMESPACE_INJECTION_LABEL}=enabled opts in`,
    );
  }
  return undefined;
}

function matchRefusal(set: SidecarSet, input: SelectionInput): InjectionDecision | undefined {
  const name = nameOf(set);
  if (set.spec.paused === true) {
    return { sidecarSet: name, injected: false, reason: 'Paused', message: 'the set is paused (spec.paused: true)' };
  }
  if (!matchesLabelSelector(set.spec.selector, input.podLabels)) {
    return {
      sidecarSet: name,
      injected: false,
      reason: 'SelectorMismatch',
      message: "spec.selector does not match the pod's labels",
    };
  }
  const namespaceSelector = set.spec.namespaceSelector;
  if (namespaceSelector !== undefined && !matchesLabelSelector(namespaceSelector, input.namespaceLabels)) {
    return {
      sidecarSet: name,
      injected: false,
      reason: 'NamespaceSelectorMismatch',
      message: "spec.namespaceSelector does not match the namespace's labels",
    };
  }
  return operatingSystemRefusal(set, input.podOs);
}

const LINUX_ONLY: readonly string[] = ['linux'];

/** A set only goes into pods of an operating system its spec.supportedOS lists (linux when absent). */
function operatingSystemRefusal(set: SidecarSet, podOs: PodOperatingSystem | undefined): InjectionDecision | undefined {
  const supported = set.spec.supportedOS ?? LINUX_ONLY;
  const os = podOs?.name ?? 'linux';
  if (supported.includes(os)) return undefined;
  const pod = os === 'windows' ? `the pod is a Windows pod (${podOs?.why ?? ''})` : 'the pod is a Linux pod';
  return { sidecarSet: nameOf(set), injected: false, reason: 'UnsupportedOS', message: `${pod} and spec.supportedOS is [${supported.join(', ')}]` };
}

/** A pod that names sets explicitly deserves to hear about each one it does not get. */
function listedWarnings(
  names: readonly string[],
  known: readonly SidecarSet[],
  rejected: readonly InjectionDecision[],
): string[] {
  const knownNames = new Set(known.map(nameOf));
  return names.flatMap((name) => {
    if (!knownNames.has(name)) return [`${INJECT_ANNOTATION} names SidecarSet "${quoteKey(name)}", which does not exist`];
    const refusal = rejected.find((decision) => decision.sidecarSet === name);
    return refusal === undefined ? [] : [`SidecarSet "${name}" was not injected: ${refusal.message}`];
  });
}
