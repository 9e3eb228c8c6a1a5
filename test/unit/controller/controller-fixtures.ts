import type { SidecarSet, SidecarSetSpec } from '../../../operator/api/sidecar-set.ts';
import { trimPod, type CachedPod, type PodLike } from '../../../operator/controller/cached-pod.ts';
import { injectPod } from '../../../operator/injection/inject-pod.ts';
import type { PodTemplate } from '../../../operator/api/pod-template.ts';
import { sidecarSet } from '../injection/sidecar-set-fixture.ts';

export { sidecarSet };

export const KUBE = { major: 1, minor: 36 } as const;

/** A SidecarSet with an explicit update strategy; metadata as the apiserver would have it. */
export function setWith(name: string, spec: Partial<SidecarSetSpec> = {}, generation = 1): SidecarSet {
  const base = sidecarSet(name, spec);
  return { ...base, metadata: { ...base.metadata, uid: `uid-${name}`, generation } };
}

export interface PodOptions {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
  readonly ready?: boolean;
  /** Container statuses report these images (default: the spec's). */
  readonly statusImages?: Record<string, string>;
  readonly deleting?: boolean;
  readonly owner?: { kind: string; name: string };
  /** Pod-level fields added to the pod's spec. */
  readonly spec?: { shareProcessNamespace?: boolean; hostPID?: boolean; volumes?: { name: string; emptyDir: object }[] };
}

/** A pod as the webhook would have injected it with `sets`, then as the kubelet would report it. */
export function injectedPod(sets: readonly SidecarSet[], options: PodOptions): CachedPod {
  const template: PodTemplate = {
    metadata: {
      name: options.name,
      namespace: options.namespace ?? 'default',
      labels: options.labels ?? { app: 'web' },
      annotations: options.annotations ?? { 'tandem.dev/inject': 'true' },
    },
    spec: { containers: [{ name: 'app', image: 'example.com/app:1' }] },
  };
  const result = injectPod({ pod: template, namespaceLabels: {}, sidecarSets: sets, options: { kubeVersion: KUBE } });
  return podFrom(result.pod, options);
}

/** A pod nobody injected. */
export function plainPod(options: PodOptions): CachedPod {
  return podFrom(
    {
      metadata: {
        name: options.name,
        namespace: options.namespace ?? 'default',
        labels: options.labels ?? { app: 'web' },
        annotations: options.annotations ?? { 'tandem.dev/inject': 'true' },
      },
      spec: { ...options.spec, containers: [{ name: 'app', image: 'example.com/app:1' }] },
    },
    options,
  );
}

function podFrom(template: PodTemplate, options: PodOptions): CachedPod {
  const spec = template.spec!;
  const statusOf = (container: { name: string; image?: string }) => ({
    name: container.name,
    image: options.statusImages?.[container.name] ?? container.image ?? '',
    ready: options.ready ?? true,
  });
  const pod: PodLike = {
    metadata: {
      ...(template.metadata as PodLike['metadata']),
      uid: `uid-${options.name}`,
      resourceVersion: '1',
      ...(options.deleting === true ? { deletionTimestamp: '2026-11-26T00:00:00Z' } : {}),
      ...(options.owner !== undefined
        ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: options.owner.kind, name: options.owner.name, uid: 'o', controller: true }] }
        : {}),
    },
    spec,
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: options.ready === false ? 'False' : 'True' }],
      containerStatuses: spec.containers.map(statusOf),
      initContainerStatuses: (spec.initContainers ?? []).map(statusOf),
    },
  };
  return trimPod(pod);
}

/** The same set at a new image (an image-only change). */
export function withImage(set: SidecarSet, image: string, generation = 2): SidecarSet {
  return {
    ...set,
    metadata: { ...set.metadata, generation },
    spec: { ...set.spec, containers: (set.spec.containers ?? []).map((container) => ({ ...container, image })) },
  };
}
