import type { Logger } from '../logging/logger.ts';
import { nameOf } from '../api/sidecar-set.ts';
import type { CachedPod } from './cached-pod.ts';
import { matchesSet } from './classify-pod.ts';
import type { ControllerMetrics } from './controller-metrics.ts';
import type { CacheHandlers, ControllerCache } from './controller-ports.ts';
import type { SidecarSetReconciler } from './reconcile-sidecar-set.ts';
import { WorkQueue } from './work-queue.ts';

export interface SidecarSetControllerOptions {
  readonly cache: ControllerCache;
  readonly reconciler: SidecarSetReconciler;
  readonly metrics: ControllerMetrics;
  readonly logger: Logger;
  /** Parallel reconciles (different sets). Default 2. */
  readonly workers?: number;
}

export interface SidecarSetController {
  /** Wire these into the cache: they only enqueue keys. */
  readonly handlers: CacheHandlers;
  /** Starts reconciling (on gaining leadership): every known set is enqueued. */
  start(): void;
  /** Stops taking keys and waits for reconciles in flight (on losing leadership or shutdown). */
  stop(): Promise<void>;
  running(): boolean;
}

/**
 * Level-triggered: cache events only put SidecarSet names on a
 * rate-limited work queue; a worker reconciles a name from the cache. Only
 * the leader runs workers; events that arrive while not leading are dropped,
 * since start() enqueues every set anyway.
 */
export function createSidecarSetController(options: SidecarSetControllerOptions): SidecarSetController {
  const { cache, metrics } = options;
  let queue: WorkQueue | undefined;
  let workers: Promise<void>[] = [];
  let round = 0;

  const enqueue = (name: string): void => {
    if (queue === undefined) return;
    queue.add(name);
    metrics.queueDepth.set(queue.length);
  };
  const setsOfPod = (pod: CachedPod | undefined): string[] => {
    if (pod === undefined) return [];
    // Sets this controller does not know (deleted, invalid, or outside --sidecarset-selector) have nothing to reconcile.
    const recorded = pod.record.kind === 'ok' ? Object.keys(pod.record.record.sets).filter((name) => cache.sidecarSet(name) !== undefined) : [];
    const namespaceLabels = cache.namespaceLabels(pod.namespace) ?? {};
    const matching = cache.sidecarSets().filter((set) => matchesSet(set, pod.labels, namespaceLabels)).map(nameOf);
    return [...recorded, ...matching];
  };
  const enqueueAll = (): void => {
    for (const set of cache.sidecarSets()) enqueue(nameOf(set));
  };

  const work = async (current: WorkQueue): Promise<void> => {
    for (let name = await current.get(); name !== undefined; name = await current.get()) {
      metrics.queueDepth.set(current.length);
      const logger = options.logger.child({ sidecarSet: name, reconcile: ++round });
      const end = metrics.reconcileDuration.startTimer();
      try {
        const result = await options.reconciler.reconcile(name, logger);
        end({ result: 'success' });
        current.forget(name);
        if (result.requeueAfterMs > 0) current.addAfter(name, result.requeueAfterMs);
      } catch (error) {
        end({ result: 'error' });
        metrics.reconcileErrors.inc();
        const retryInMs = current.addRateLimited(name);
        logger.warn({ err: error, retryInMs }, 'reconcile failed; retrying');
      } finally {
        current.done(name);
      }
    }
  };

  return {
    handlers: {
      // Any set change may change another's Conflict condition: all sets are re-checked (there are few).
      onSidecarSet: () => {
        enqueueAll();
      },
      onPod: (before, after) => {
        for (const name of new Set([...setsOfPod(before), ...setsOfPod(after)])) enqueue(name);
      },
      onNamespace: () => {
        enqueueAll();
      },
    },
    start: () => {
      if (queue !== undefined) return;
      const current = new WorkQueue();
      queue = current;
      workers = Array.from({ length: options.workers ?? 2 }, () => work(current));
      enqueueAll();
      options.logger.info({ sets: cache.sidecarSets().length }, 'controller started');
    },
    stop: async () => {
      const current = queue;
      if (current === undefined) return;
      queue = undefined;
      current.shutDown();
      await Promise.all(workers);
      workers = [];
      metrics.queueDepth.set(0);
      options.logger.info('controller stopped');
    },
    running: () => queue !== undefined,
  };
}
