import type { AdmissionReviewResponse } from './admission-review.ts';
import { denied, patched } from './admission-response.ts';
import { computeJsonPatch } from './compute-json-patch.ts';
import type { PodCreateRequest } from './parse-pod-admission-review.ts';
import type { SidecarSet } from '../api/sidecar-set.ts';
import { injectPod } from '../injection/inject-pod.ts';
import type { InjectionDecision } from '../injection/injection-decision.ts';
import type { KubeVersion } from '../injection/kube-version.ts';
import type { Labels } from '../injection/label-selector.ts';

/** Everything the injection of one pod depends on, gathered before it runs. */
export interface MutationInputs {
  readonly sidecarSets: readonly SidecarSet[];
  readonly namespaceLabels: Labels;
  readonly kubeVersion: KubeVersion | undefined;
}

export interface PodMutation {
  readonly review: AdmissionReviewResponse;
  /** True when the answer carries a patch. */
  readonly changed: boolean;
  /** Sets injected by this answer; empty when unchanged. */
  readonly injected: readonly string[];
  readonly patchOperations: number;
  readonly decisions: readonly InjectionDecision[];
  /** True when the answer denies the pod (an invalid per-pod override). */
  readonly rejected: boolean;
}

/** Prefix that tells a kubectl user which webhook a warning comes from. */
export const WARNING_PREFIX = 'tandem: ';

/**
 * Pure: injects the pod of a CREATE review and answers with the JSON Patch
 * from the raw request object to the injected pod. The raw object is handed
 * to the engine whole, so fields neither Tandem nor its Pod types know about
 * are equal on both sides of the diff and never touched.
 */
export function mutatePod(request: PodCreateRequest, inputs: MutationInputs): PodMutation {
  const result = injectPod({
    pod: request.object,
    namespaceLabels: inputs.namespaceLabels,
    sidecarSets: inputs.sidecarSets,
    options: inputs.kubeVersion === undefined ? {} : { kubeVersion: inputs.kubeVersion },
  });
  const warnings = result.warnings.map((warning) => `${WARNING_PREFIX}${warning}`);
  if (result.rejection !== undefined) {
    return {
      review: denied(request.uid, { code: 400, message: `${WARNING_PREFIX}${result.rejection}` }, warnings),
      changed: false,
      injected: [],
      patchOperations: 0,
      decisions: result.decisions,
      rejected: true,
    };
  }
  const patch = result.changed ? computeJsonPatch(request.object, result.pod) : [];
  const changed = patch.length > 0;
  return {
    review: patched(request.uid, patch, warnings),
    changed,
    injected: changed ? result.decisions.filter((decision) => decision.injected).map((decision) => decision.sidecarSet) : [],
    patchOperations: patch.length,
    decisions: result.decisions,
    rejected: false,
  };
}
