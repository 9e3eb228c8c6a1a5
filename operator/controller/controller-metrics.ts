import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export interface ControllerMetrics {
  readonly queueDepth: Gauge;
  readonly reconcileDuration: Histogram<'result'>;
  readonly reconcileErrors: Counter;
  /** Pods per set and state: matched, injected, updated, ready, updated_ready, missed, outdated. */
  readonly pods: Gauge<'sidecarset' | 'state'>;
  readonly upgrades: Counter<'sidecarset' | 'result'>;
  readonly restarts: Counter<'sidecarset'>;
  readonly leader: Gauge;
  readonly watchRestarts: Counter<'resource' | 'reason'>;
}

/**
 * Registers the controller's metrics on `registry`: in `tandem operator`
 * that is the webhook server's registry, so one /metrics serves both.
 */
export function createControllerMetrics(registry: Registry): ControllerMetrics {
  const registers = [registry];
  return {
    queueDepth: new Gauge({ name: 'tandem_controller_queue_depth', help: 'SidecarSet keys waiting in the work queue.', registers }),
    reconcileDuration: new Histogram({
      name: 'tandem_controller_reconcile_duration_seconds',
      help: 'Time to reconcile one SidecarSet, by result (success, error).',
      labelNames: ['result'] as const,
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    reconcileErrors: new Counter({ name: 'tandem_controller_reconcile_errors_total', help: 'Reconciles that failed and were retried.', registers }),
    pods: new Gauge({
      name: 'tandem_controller_pods',
      help: 'Pods per SidecarSet and state, as in its status: matched, injected, updated, ready, updated_ready, missed, outdated.',
      labelNames: ['sidecarset', 'state'] as const,
      registers,
    }),
    upgrades: new Counter({
      name: 'tandem_controller_in_place_upgrades_total',
      help: 'In-place pod upgrades, by result: success, conflict (the pod changed meanwhile), refused (the API server said no), error.',
      labelNames: ['sidecarset', 'result'] as const,
      registers,
    }),
    restarts: new Counter({ name: 'tandem_controller_workload_restarts_total', help: 'Workloads restarted (RestartWorkloads).', labelNames: ['sidecarset'] as const, registers }),
    leader: new Gauge({ name: 'tandem_controller_leader', help: '1 while this replica holds the leader Lease and reconciles.', registers }),
    watchRestarts: new Counter({
      name: 'tandem_controller_watch_restarts_total',
      help: 'Watches restarted, by resource and reason: closed (normal end), silent (no event or bookmark in time), error, gone (410: relisted).',
      labelNames: ['resource', 'reason'] as const,
      registers,
    }),
  };
}
