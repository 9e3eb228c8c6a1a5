import type { KubeConfig } from '@kubernetes/client-node';
import type { Registry } from 'prom-client';
import { createControllerMetrics, type ControllerMetrics } from '../controller/controller-metrics.ts';
import { SidecarSetReconciler } from '../controller/reconcile-sidecar-set.ts';
import { createSidecarSetController, type SidecarSetController } from '../controller/sidecar-set-controller.ts';
import type { KubeVersion } from '../injection/kube-version.ts';
import type { Logger } from '../logging/logger.ts';
import { createApiRequester } from './controller-api-request.ts';
import { startControllerCache } from './controller-cache.ts';
import { CONTROLLER_FIELD_MANAGER, createControllerClient } from './controller-client.ts';
import { createEventRecorder } from './event-recorder.ts';
import { startLeaderElection, type LeaderElectionTiming } from './leader-election.ts';

export interface ControllerRuntimeOptions {
  readonly kubeConfig: KubeConfig;
  readonly kubeVersion: KubeVersion | undefined;
  readonly logger: Logger;
  /** The registry /metrics serves (the webhook server's in `tandem operator`). */
  readonly registry: Registry;
  readonly identity: string;
  readonly leaseNamespace: string;
  readonly leaseName: string;
  readonly timing?: Partial<LeaderElectionTiming>;
  readonly workers?: number;
  readonly sidecarSetSelector?: string;
  readonly silentWatchMs?: number;
  readonly missedScanIntervalMs?: number;
  /** Told about every leadership change (e.g. the certificate manager: only the leader rotates). */
  readonly onLeadershipChange?: (leading: boolean) => void;
}

export interface ControllerRuntime {
  readonly metrics: ControllerMetrics;
  isLeader(): boolean;
  /** Informers have listed everything once. */
  synced(): boolean;
  /** Stops reconciling, releases the Lease, flushes events, stops the informers. */
  stop(): Promise<void>;
}

/**
 * Informers, reconciler, work queue and leader election, wired: every
 * replica keeps its caches warm, only the Lease holder runs workers.
 */
export async function startControllerRuntime(options: ControllerRuntimeOptions): Promise<ControllerRuntime> {
  const logger = options.logger.child({ component: 'controller' });
  const metrics = createControllerMetrics(options.registry);
  const requester = await createApiRequester(options.kubeConfig);
  const events = createEventRecorder({ requester, logger, component: CONTROLLER_FIELD_MANAGER, instance: options.identity });
  const client = createControllerClient({ requester, events });
  // The cache needs the controller's handlers and the controller needs the cache: a late-bound reference.
  const late: { controller?: SidecarSetController } = {};
  const cache = startControllerCache({
    requester,
    logger,
    metrics,
    handlers: () => late.controller?.handlers,
    ...(options.sidecarSetSelector !== undefined ? { sidecarSetSelector: options.sidecarSetSelector } : {}),
    ...(options.silentWatchMs !== undefined ? { silentWatchMs: options.silentWatchMs } : {}),
  });
  const reconciler = new SidecarSetReconciler({
    cache,
    client,
    kubeVersion: options.kubeVersion,
    metrics,
    ...(options.missedScanIntervalMs !== undefined ? { missedScanIntervalMs: options.missedScanIntervalMs } : {}),
  });
  const running = createSidecarSetController({ cache, reconciler, metrics, logger, ...(options.workers !== undefined ? { workers: options.workers } : {}) });
  late.controller = running;

  let leading = false;
  let syncWait: NodeJS.Timeout | undefined;
  const startWhenSynced = (): void => {
    syncWait = undefined;
    if (!leading) return;
    if (cache.synced()) running.start();
    else syncWait = setTimeout(startWhenSynced, 100);
  };
  const elector = startLeaderElection({
    requester,
    namespace: options.leaseNamespace,
    name: options.leaseName,
    identity: options.identity,
    logger,
    ...(options.timing !== undefined ? { timing: options.timing } : {}),
    onStartedLeading: () => {
      leading = true;
      metrics.leader.set(1);
      options.onLeadershipChange?.(true);
      startWhenSynced();
    },
    onStoppedLeading: async () => {
      leading = false;
      clearTimeout(syncWait);
      metrics.leader.set(0);
      await running.stop();
      options.onLeadershipChange?.(false);
    },
  });

  return {
    metrics,
    isLeader: () => elector.isLeader(),
    synced: () => cache.synced(),
    stop: async () => {
      await elector.stop();
      await running.stop();
      await Promise.race([events.flush(), new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
      await cache.stop();
      requester.close();
    },
  };
}
