import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export type AdmissionResult = 'injected' | 'unchanged' | 'denied' | 'error';

const ADMISSION_RESULTS: readonly AdmissionResult[] = ['injected', 'unchanged', 'denied', 'error'];

export interface WebhookMetrics {
  /** One registry per server, so several servers (tests) never clash on metric names. */
  readonly registry: Registry;
  readonly admissions: Counter<'result'>;
  readonly injections: Counter<'sidecarset'>;
  readonly duration: Histogram;
  readonly invalidRequests: Counter<'reason'>;
  readonly certificateReloads: Counter<'result'>;
  readonly certificateExpiry: Gauge;
}

export interface WebhookMetricsOptions {
  /** process_* and nodejs_* metrics (CPU, memory, event loop lag). Default true. */
  readonly defaultMetrics?: boolean;
}

export function createWebhookMetrics(options: WebhookMetricsOptions = {}): WebhookMetrics {
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const admissions = new Counter({
    name: 'tandem_webhook_admissions_total',
    help: 'Pod admission reviews answered, by result: injected, unchanged (allowed without a patch), denied (a malformed review, or a pod with an invalid override annotation), error (HTTP 5xx).',
    labelNames: ['result'] as const,
    registers,
  });
  // Every result exists from the start, so rate() and alerts work before the first error.
  for (const result of ADMISSION_RESULTS) admissions.inc({ result }, 0);
  return {
    registry,
    admissions,
    injections: new Counter({
      name: 'tandem_webhook_injections_total',
      help: 'Pods injected with each SidecarSet.',
      labelNames: ['sidecarset'] as const,
      registers,
    }),
    // The handler takes well under a millisecond; buckets resolve that range and
    // still show the tail up to the apiserver's 10 s default webhook timeout.
    duration: new Histogram({
      name: 'tandem_webhook_admission_duration_seconds',
      help: 'Time from receiving a /mutate-pods request to having written the answer.',
      buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1, 1, 10],
      registers,
    }),
    invalidRequests: new Counter({
      name: 'tandem_webhook_invalid_requests_total',
      help: 'Requests to /mutate-pods refused as malformed, by reason.',
      labelNames: ['reason'] as const,
      registers,
    }),
    certificateReloads: new Counter({
      name: 'tandem_webhook_certificate_reloads_total',
      help: 'Serving certificate reloads after the files changed, by result (success, failure: the old one is kept).',
      labelNames: ['result'] as const,
      registers,
    }),
    certificateExpiry: new Gauge({
      name: 'tandem_webhook_certificate_expiry_timestamp_seconds',
      help: 'notAfter of the serving certificate in use, as a Unix timestamp.',
      registers,
    }),
  };
}
