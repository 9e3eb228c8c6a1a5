import type { LabelSelector, SidecarSet } from '../api/sidecar-set.ts';
import { matchesLabelSelector } from '../injection/label-selector.ts';
import { INJECTED_LABEL } from '../injection/tandem-keys.ts';
import type { KubeClient } from '../kube/kube-client.ts';
import { startReflector, type Reflector } from '../kube/reflector.ts';
import type { Logger } from '../logging/logger.ts';
import type { ClusterNamespaceSource } from '../webhook/cluster-namespace-source.ts';
import type { ClusterSidecarSetSource, ClusterSourceOptions } from '../webhook/cluster-sidecar-set-source.ts';
import { trimPod, type CachedPod } from './cached-pod.ts';
import type { CacheHandlers, ControllerCache } from './controller-ports.ts';

export interface ControllerCacheOptions {
  readonly client: KubeClient;
  readonly logger: Logger;
  /** The process's SidecarSets and namespaces, shared with the webhook. */
  readonly sidecarSets: ClusterSidecarSetSource;
  readonly namespaces: ClusterNamespaceSource;
  /** Reconcile only SidecarSets whose labels match (--sidecarset-selector); the webhook still serves all. */
  readonly sidecarSetSelector?: LabelSelector;
  readonly silentWatchMs?: number;
  readonly onRestart?: ClusterSourceOptions['onRestart'];
  /** Handlers may be attached after start, once the controller exists. */
  readonly handlers?: () => CacheHandlers | undefined;
}

export interface RunningControllerCache extends ControllerCache {
  /** Stops the pod reflector and the subscriptions; the shared sources are their owner's to stop. */
  stop(): Promise<void>;
}

/**
 * The controller's view of the cluster: the process's shared SidecarSet and
 * namespace sources (filtered by --sidecarset-selector), and its own
 * reflector of the pods labelled tandem.dev/injected=true, trimmed as they
 * arrive. Changes are passed to the handlers, which only enqueue keys.
 */
export function startControllerCache(options: ControllerCacheOptions): RunningControllerCache {
  const { sidecarSets, namespaces, sidecarSetSelector } = options;
  const handlers = (): CacheHandlers | undefined => options.handlers?.();
  const selected = (set: SidecarSet | undefined): SidecarSet | undefined =>
    set === undefined || sidecarSetSelector === undefined || matchesLabelSelector(sidecarSetSelector, set.metadata?.labels ?? {}) ? set : undefined;
  let filtered: { readonly from: readonly SidecarSet[]; readonly sets: readonly SidecarSet[] } | undefined;
  const selectedSets = (): readonly SidecarSet[] => {
    const all = sidecarSets.list();
    if (sidecarSetSelector === undefined) return all;
    if (filtered?.from !== all) filtered = { from: all, sets: all.filter((set) => selected(set) !== undefined) };
    return filtered.sets;
  };

  const unsubscribe = [
    // A set that left the selection still gets its reconcile, which then finds nothing to do.
    sidecarSets.subscribe((name) => handlers()?.onSidecarSet(name)),
    namespaces.subscribe((name) => handlers()?.onNamespace(name)),
  ];
  const pods: Reflector<CachedPod> = startReflector<CachedPod>({
    client: options.client,
    path: '/api/v1/pods',
    labelSelector: `${INJECTED_LABEL}=true`,
    resource: 'pods',
    logger: options.logger,
    trim: (object) => trimPod(object),
    ...(options.silentWatchMs !== undefined ? { silentMs: options.silentWatchMs } : {}),
    onRestart: (reason) => options.onRestart?.('pods', reason),
    onChange: (before, after) => {
      handlers()?.onPod(before, after);
    },
  });

  return {
    sidecarSets: selectedSets,
    sidecarSet: (name) => selected(sidecarSets.get(name)),
    pods: () => pods.values(),
    namespaceLabels: (name) => namespaces.labelsOf(name),
    synced: () => sidecarSets.synced() && namespaces.synced() && pods.synced(),
    stop: async () => {
      for (const stop of unsubscribe) stop();
      await pods.stop();
    },
  };
}
