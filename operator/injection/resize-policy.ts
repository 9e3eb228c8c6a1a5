import type { Container } from '../api/pod-template.ts';
import type { ContainerPlan } from './sidecar-set-plan.ts';

/** The resources the kubelet resizes in place (pods' `resize` subresource). */
export const RESIZABLE_RESOURCES = ['cpu', 'memory'] as const;

/**
 * Sidecars (regular and native) carry a resizePolicy for cpu and memory:
 * what the set's container declares (e.g. memory RestartContainer for a JVM)
 * and NotRequired for the rest, the kubelet's own default written out, so
 * that the pod says what a resize of its sidecar does (ADR 0025).
 * Run-to-completion init containers get none: they never run again.
 */
export function withResizePolicy(container: Container): Container {
  const declared = container.resizePolicy ?? [];
  const missing = RESIZABLE_RESOURCES.filter((resource) => !declared.some((policy) => policy.resourceName === resource));
  if (missing.length === 0) return container;
  return { ...container, resizePolicy: [...declared, ...missing.map((resourceName) => ({ resourceName, restartPolicy: 'NotRequired' }))] };
}

export interface FittedPlan {
  readonly plan: ContainerPlan;
  readonly warnings: readonly string[];
}

/**
 * The API server refuses RestartContainer in a pod whose restartPolicy is
 * Never ("must be 'NotRequired' when pod `restartPolicy` is 'Never'",
 * v1.36): there the container could not restart anyway, so its policy
 * becomes NotRequired and the pod is told. Containers are replaced, never
 * edited (the plan's are shared and frozen).
 */
export function fitResizePolicyToPod(plan: ContainerPlan, podRestartPolicy: string, setName: string): FittedPlan {
  if (podRestartPolicy !== 'Never') return { plan, warnings: [] };
  const warnings: string[] = [];
  const fit = (container: Container): Container => {
    const restarting = (container.resizePolicy ?? []).filter((policy) => policy.restartPolicy === 'RestartContainer');
    if (restarting.length === 0) return container;
    warnings.push(
      `SidecarSet "${setName}": container "${container.name}" asks resizePolicy RestartContainer for ${restarting.map((policy) => policy.resourceName).join(', ')}, which a pod with restartPolicy Never cannot have; it gets NotRequired`,
    );
    return { ...container, resizePolicy: (container.resizePolicy ?? []).map((policy) => ({ ...policy, restartPolicy: 'NotRequired' })) };
  };
  const fitted = { init: plan.init.map(fit), before: plan.before.map(fit), after: plan.after.map(fit) };
  return { plan: warnings.length > 0 ? fitted : plan, warnings };
}
