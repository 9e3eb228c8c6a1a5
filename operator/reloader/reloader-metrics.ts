import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';

export interface ReloaderMetrics {
  /** One registry per reloader, so tests never clash on metric names. */
  readonly registry: Registry;
  readonly renders: Counter<'group' | 'result'>;
  readonly checks: Counter<'group' | 'result'>;
  readonly reloads: Counter<'group' | 'result'>;
  readonly rollbacks: Counter<'group' | 'result'>;
  readonly lastSuccess: Gauge<'group'>;
  readonly inSync: Gauge<'group'>;
  readonly watchErrors: Counter<'source'>;
  readonly sourceUp: Gauge<'source'>;
  readonly configReloads: Counter<'result'>;
  readonly configLastReloadSuccessful: Gauge;
  readonly configLastReloadSuccess: Gauge;
}

export interface ReloaderMetricsOptions {
  readonly groups: readonly string[];
  readonly sources: readonly string[];
  /** process_* and nodejs_* metrics. Default true. */
  readonly defaultMetrics?: boolean;
}

export function createReloaderMetrics(options: ReloaderMetricsOptions): ReloaderMetrics {
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const metrics: ReloaderMetrics = {
    registry,
    renders: new Counter({
      name: 'tandem_reloader_renders_total',
      help: 'Renders of a reload group, by result: changed, unchanged, error (a template failed; the files were kept).',
      labelNames: ['group', 'result'] as const,
      registers,
    }),
    checks: new Counter({
      name: 'tandem_reloader_checks_total',
      help: 'Check commands run against staged files, by result: success, failure (the files were not swapped).',
      labelNames: ['group', 'result'] as const,
      registers,
    }),
    reloads: new Counter({
      name: 'tandem_reloader_reloads_total',
      help: 'Reload actions, by result: success, failure, held (no target process yet), skipped (no reload configured).',
      labelNames: ['group', 'result'] as const,
      registers,
    }),
    rollbacks: new Counter({
      name: 'tandem_reloader_rollbacks_total',
      help: 'Previous files restored after a failed reload or verification, by result: success, failure.',
      labelNames: ['group', 'result'] as const,
      registers,
    }),
    lastSuccess: new Gauge({
      name: 'tandem_reloader_last_success_timestamp_seconds',
      help: 'When the group last ended a transaction with its files matching the sources (applied or unchanged).',
      labelNames: ['group'] as const,
      registers,
    }),
    inSync: new Gauge({
      name: 'tandem_reloader_in_sync',
      help: '1 when the files of the group on disk match what the current sources render to.',
      labelNames: ['group'] as const,
      registers,
    }),
    watchErrors: new Counter({
      name: 'tandem_reloader_watch_errors_total',
      help: 'Errors reading or watching a source (the last good values are kept).',
      labelNames: ['source'] as const,
      registers,
    }),
    sourceUp: new Gauge({
      name: 'tandem_reloader_source_up',
      help: '1 while the last read or watch of the source succeeded.',
      labelNames: ['source'] as const,
      registers,
    }),
    configReloads: new Counter({
      name: 'tandem_reloader_config_reloads_total',
      help: 'Changes of the reloader\'s own configuration (ConfigMap or file), by result: success (switched to it), failure (invalid: the last good configuration keeps running).',
      labelNames: ['result'] as const,
      registers,
    }),
    configLastReloadSuccessful: new Gauge({
      name: 'tandem_reloader_config_last_reload_successful',
      help: '1 when the last configuration seen was valid and is the one running; 0 while an invalid one is refused.',
      registers,
    }),
    configLastReloadSuccess: new Gauge({
      name: 'tandem_reloader_config_last_reload_success_timestamp_seconds',
      help: 'When the running configuration was loaded.',
      registers,
    }),
  };
  for (const result of ['success', 'failure']) metrics.configReloads.inc({ result }, 0);
  metrics.configLastReloadSuccessful.set(1);
  metrics.configLastReloadSuccess.set(Date.now() / 1000);
  addSeries(metrics, options);
  return metrics;
}

export interface SeriesNames {
  readonly groups: readonly string[];
  readonly sources: readonly string[];
}

/** Every series of these groups and sources exists from the start, so rate() and alerts work before the first event. */
const RESULTS = {
  renders: ['changed', 'unchanged', 'error'],
  checks: ['success', 'failure'],
  reloads: ['success', 'failure', 'held', 'skipped'],
  rollbacks: ['success', 'failure'],
} as const;

const GROUP_COUNTERS = ['renders', 'checks', 'reloads', 'rollbacks'] as const;

/** Every series of these groups and sources exists from the start, so rate() and alerts work before the first event. */
export function addSeries(metrics: ReloaderMetrics, names: SeriesNames): void {
  for (const group of names.groups) {
    for (const counter of GROUP_COUNTERS) {
      for (const result of RESULTS[counter]) metrics[counter].inc({ group, result }, 0);
    }
    metrics.inSync.set({ group }, 0);
  }
  for (const source of names.sources) {
    metrics.watchErrors.inc({ source }, 0);
    metrics.sourceUp.set({ source }, 0);
  }
}

/** Drops the series of groups and sources a new configuration no longer has (a stale in_sync 0 would alert forever). */
export function removeSeries(metrics: ReloaderMetrics, names: SeriesNames): void {
  for (const group of names.groups) {
    for (const counter of GROUP_COUNTERS) {
      for (const result of RESULTS[counter]) metrics[counter].remove({ group, result });
    }
    metrics.lastSuccess.remove({ group });
    metrics.inSync.remove({ group });
  }
  for (const source of names.sources) {
    metrics.watchErrors.remove({ source });
    metrics.sourceUp.remove({ source });
  }
}
