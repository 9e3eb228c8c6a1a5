import type { SidecarSet } from '../api/sidecar-set.ts';
import { formatValidationErrors } from '../api/field-error.ts';
import { parseStoredSidecarSet } from '../api/parse-stored-sidecar-set.ts';
import { trimPod, type CachedPod, type PodLike } from '../controller/cached-pod.ts';
import type { ControllerMetrics } from '../controller/controller-metrics.ts';
import type { CacheHandlers, ControllerCache } from '../controller/controller-ports.ts';
import type { Labels } from '../injection/label-selector.ts';
import { INJECTED_LABEL } from '../injection/tandem-keys.ts';
import type { Logger } from '../logging/logger.ts';
import type { ApiRequester } from './controller-api-request.ts';
import { startReflector, type Reflector } from './controller-reflector.ts';

export interface ControllerCacheOptions {
  readonly requester: ApiRequester;
  readonly logger: Logger;
  readonly metrics: ControllerMetrics;
  /** Reconcile only SidecarSets with these labels (label selector syntax); default all. */
  readonly sidecarSetSelector?: string;
  readonly silentWatchMs?: number;
  /** Handlers may be attached after start, once the controller exists. */
  readonly handlers?: () => CacheHandlers | undefined;
}

export interface RunningControllerCache extends ControllerCache {
  stop(): Promise<void>;
}

interface ObjectWithMeta {
  readonly metadata?: { readonly name?: string; readonly namespace?: string; readonly labels?: Labels; readonly resourceVersion?: string };
}

/** A SidecarSet in the cache: the validated one, or undefined when it is invalid (logged once per resourceVersion). */
interface CachedSet {
  readonly valid: SidecarSet | undefined;
}

/**
 * The controller's informers: SidecarSets (validated and defaulted as the
 * webhook sees them), namespace labels, and only pods labelled
 * tandem.dev/injected=true, trimmed. Changes are passed to the handlers,
 * which only enqueue keys.
 */
export function startControllerCache(options: ControllerCacheOptions): RunningControllerCache {
  const { requester, logger, metrics } = options;
  const handlers = (): CacheHandlers | undefined => options.handlers?.();
  const restarts = (resource: string) => (reason: string) => {
    metrics.watchRestarts.inc({ resource, reason });
  };
  const common = { requester, logger, ...(options.silentWatchMs !== undefined ? { silentMs: options.silentWatchMs } : {}) };
  let snapshot: readonly SidecarSet[] | undefined;

  const sets: Reflector<CachedSet> = startReflector<CachedSet>({
    ...common,
    path: '/apis/tandem.dev/v1alpha1/sidecarsets',
    ...(options.sidecarSetSelector !== undefined ? { labelSelector: options.sidecarSetSelector } : {}),
    resource: 'sidecarsets',
    keyOf: (object) => (object as ObjectWithMeta).metadata?.name ?? '',
    trim: (object) => {
      const parsed = parseStoredSidecarSet(object);
      if (parsed.ok) return { valid: parsed.sidecarSet };
      const meta = (object as ObjectWithMeta).metadata;
      logger.error({ sidecarSet: meta?.name, resourceVersion: meta?.resourceVersion, errors: formatValidationErrors(parsed.errors) }, 'SidecarSet is invalid; not reconciled until it is fixed');
      return { valid: undefined };
    },
    onChange: (before, after) => {
      snapshot = undefined;
      const name = after?.valid?.metadata?.name ?? before?.valid?.metadata?.name;
      if (name !== undefined) handlers()?.onSidecarSet(name);
    },
    onRestart: restarts('sidecarsets'),
  });

  const namespaces: Reflector<{ name: string; labels: Labels }> = startReflector({
    ...common,
    path: '/api/v1/namespaces',
    resource: 'namespaces',
    keyOf: (object) => (object as ObjectWithMeta).metadata?.name ?? '',
    trim: (object) => {
      const meta = (object as ObjectWithMeta).metadata;
      return { name: meta?.name ?? '', labels: { ...meta?.labels } };
    },
    onChange: (before, after) => {
      if (JSON.stringify(before?.labels) !== JSON.stringify(after?.labels)) handlers()?.onNamespace(after?.name ?? before?.name ?? '');
    },
    onRestart: restarts('namespaces'),
  });

  const pods: Reflector<CachedPod> = startReflector<CachedPod>({
    ...common,
    path: '/api/v1/pods',
    labelSelector: `${INJECTED_LABEL}=true`,
    resource: 'pods',
    keyOf: (object) => {
      const meta = (object as ObjectWithMeta).metadata;
      return `${meta?.namespace ?? ''}/${meta?.name ?? ''}`;
    },
    trim: (object) => trimPod(object as PodLike),
    onChange: (before, after) => {
      handlers()?.onPod(before, after);
    },
    onRestart: restarts('pods'),
  });

  const validSets = (): readonly SidecarSet[] =>
    (snapshot ??= [...sets.values()].flatMap((entry) => (entry.valid === undefined ? [] : [entry.valid])));

  return {
    sidecarSets: validSets,
    sidecarSet: (name) => sets.get(name)?.valid,
    pods: () => pods.values(),
    namespaceLabels: (name) => namespaces.get(name)?.labels,
    synced: () => sets.synced() && namespaces.synced() && pods.synced(),
    stop: async () => {
      await Promise.all([sets.stop(), namespaces.stop(), pods.stop()]);
    },
  };
}
