import type { SidecarSet } from '../api/sidecar-set.ts';
import { injectPod, type InjectionOptions, type InjectionResult } from './inject-pod.ts';
import type { Labels } from './label-selector.ts';
import { replacePodTemplate, workloadPodTemplate } from './workload-pod-template.ts';

export interface WorkloadInjectionContext {
  readonly sidecarSets: readonly SidecarSet[];
  /** Labels of the namespace the object would land in. */
  readonly namespaceLabels: Labels;
  readonly options: InjectionOptions;
}

export interface WorkloadInjection {
  /** The object with its pod template injected; the input itself when unchanged or not a workload. */
  readonly object: unknown;
  /** Undefined for kinds without a pod template, which pass through untouched. */
  readonly injection: InjectionResult | undefined;
  /** Property path of the pod template inside the object. */
  readonly templatePath: readonly string[];
}

/** Injects the pod template of any workload kind through the same engine the webhook uses for Pods. */
export function injectWorkload(object: unknown, context: WorkloadInjectionContext): WorkloadInjection {
  const found = workloadPodTemplate(object);
  if (found === undefined) return { object, injection: undefined, templatePath: [] };
  const injection = injectPod({
    pod: found.template,
    namespaceLabels: context.namespaceLabels,
    sidecarSets: context.sidecarSets,
    options: context.options,
  });
  const injected = injection.changed ? replacePodTemplate(object, found.path, injection.pod) : object;
  return { object: injected, injection, templatePath: found.path };
}
