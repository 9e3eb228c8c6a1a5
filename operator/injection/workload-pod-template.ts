import type { PodTemplate } from '../api/pod-template.ts';

/** Where a kind keeps its pod template, as a path of property names from the object root. */
const TEMPLATE_PATHS: Readonly<Record<string, readonly string[]>> = {
  'v1/Pod': [],
  'v1/ReplicationController': ['spec', 'template'],
  'apps/v1/Deployment': ['spec', 'template'],
  'apps/v1/StatefulSet': ['spec', 'template'],
  'apps/v1/DaemonSet': ['spec', 'template'],
  'apps/v1/ReplicaSet': ['spec', 'template'],
  'batch/v1/Job': ['spec', 'template'],
  'batch/v1/CronJob': ['spec', 'jobTemplate', 'spec', 'template'],
};

export interface WorkloadPodTemplate {
  /** Property path of the template inside the object; empty for a bare Pod. */
  readonly path: readonly string[];
  readonly template: PodTemplate;
}

/**
 * Finds the pod template of a workload object, or undefined for kinds that
 * have none (Services, ConfigMaps...) and for objects missing their template.
 */
export function workloadPodTemplate(object: unknown): WorkloadPodTemplate | undefined {
  if (!isRecord(object) || typeof object.apiVersion !== 'string' || typeof object.kind !== 'string') return undefined;
  const path = TEMPLATE_PATHS[`${object.apiVersion}/${object.kind}`];
  if (path === undefined) return undefined;
  let node: unknown = object;
  for (const key of path) {
    if (!isRecord(node)) return undefined;
    node = node[key];
  }
  return isRecord(node) ? { path, template: node } : undefined;
}

/** Returns a copy of the object with the template at `path` replaced. */
export function replacePodTemplate(object: unknown, path: readonly string[], template: PodTemplate): unknown {
  if (path.length === 0) return template;
  const [head, ...rest] = path as [string, ...string[]];
  const record = object as Record<string, unknown>;
  return { ...record, [head]: replacePodTemplate(record[head], rest, template) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
