import type { INodeSelectorTerm } from 'kubernetes-models/v1/NodeSelectorTerm';
import type { PodSpec } from '../api/pod-template.ts';

export type OperatingSystem = 'linux' | 'windows';

export interface PodOperatingSystem {
  readonly name: OperatingSystem;
  /** What made it a Windows pod, for messages: `spec.os.name: windows`. Empty for Linux pods. */
  readonly why: string;
}

/** The fields that say which operating system a pod runs on. */
export type OperatingSystemFields = Pick<PodSpec, 'os' | 'nodeSelector' | 'affinity'>;

const OS_LABEL = 'kubernetes.io/os';
const LINUX: PodOperatingSystem = { name: 'linux', why: '' };

/**
 * Which operating system a pod runs on, as a user would tell: Windows when
 * spec.os.name is windows, or its nodeSelector pins kubernetes.io/os=windows,
 * or every term of its required node affinity does (the scheduler can then
 * only place it on Windows nodes); Linux otherwise, including spec.os.name:
 * linux and pods that could land on either. Reads only; no allocation for
 * the common pod without any of these fields.
 */
export function podOperatingSystem(spec: OperatingSystemFields): PodOperatingSystem {
  const declared = spec.os?.name;
  if (declared === 'windows') return { name: 'windows', why: 'spec.os.name: windows' };
  if (declared === 'linux') return LINUX;
  if (selectsWindows(spec.nodeSelector)) return { name: 'windows', why: `nodeSelector ${OS_LABEL}=windows` };
  const terms = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (terms !== undefined && terms.length > 0 && terms.every(pinsWindows)) {
    return { name: 'windows', why: `required node affinity ${OS_LABEL} In [windows]` };
  }
  return LINUX;
}

function selectsWindows(nodeSelector: PodSpec['nodeSelector']): boolean {
  return nodeSelector !== undefined && Object.hasOwn(nodeSelector, OS_LABEL) && nodeSelector[OS_LABEL] === 'windows';
}

type NodeSelectorTerm = INodeSelectorTerm;

/** A term (its expressions are ANDed) that only Windows nodes satisfy. */
function pinsWindows(term: NodeSelectorTerm): boolean {
  return (term.matchExpressions ?? []).some(
    (expression) =>
      expression.key === OS_LABEL &&
      expression.operator === 'In' &&
      (expression.values?.length ?? 0) > 0 &&
      expression.values?.every((value) => value === 'windows') === true,
  );
}
