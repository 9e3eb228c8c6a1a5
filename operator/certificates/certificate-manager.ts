import { Counter, Gauge, type Registry } from 'prom-client';
import { createBackoff } from '../kube/backoff.ts';
import type { KubeClient } from '../kube/kube-client.ts';
import { watchObject } from '../kube/reflector.ts';
import { applyRotationPlan } from './apply-rotation-plan.ts';
import type { CertificatePolicy } from './certificate-policy.ts';
import {
  caBundleOf,
  EMPTY_STATE,
  encodeCertificateState,
  markPublished,
  readCertificateState,
  SECRET_KEYS,
  type CertificateState,
  type StoredCertificates,
} from './certificate-state.ts';
import { planCertificateRotation, type RotationPlan } from './plan-certificate-rotation.ts';
import type { ServingNames } from './serving-names.ts';
import type { Logger } from '../logging/logger.ts';
import { checkServingCertificate, type CertificateSource, type ServingCertificate } from '../webhook/serving-certificate.ts';
import { createCertificateSecretStore, storedSecret, type CertificateSecretStore, type SecretObject, type StoredSecret } from './certificate-secret-store.ts';
import { createWebhookCaBundle, type WebhookCaBundle } from './webhook-configuration-ca-bundle.ts';

export interface CertificateManagerOptions {
  readonly client: KubeClient;
  readonly namespace: string;
  readonly secretName: string;
  readonly webhookConfigurationName: string;
  /** Entries of that configuration whose caBundle is Tandem's. */
  readonly webhookNames: readonly string[];
  readonly names: ServingNames;
  readonly policy: CertificatePolicy;
  readonly logger: Logger;
  readonly registry?: Registry;
  /**
   * Rotate only while setLeading(true). A replica without a usable
   * certificate still repairs it (at start-up nobody leads yet). Default
   * false: every replica may write; optimistic concurrency decides races.
   */
  readonly leaderOnly?: boolean;
  /** Re-check at least this often even with nothing due (drift of the caBundle). Default 60 s. */
  readonly resyncMs?: number;
  readonly clock?: () => Date;
}

export interface CertificateManager {
  /** The pair in the Secret, pushed to the webhook server on every change. */
  readonly source: CertificateSource;
  setLeading(leading: boolean): void;
  /** Plans and writes now; resolves when done (tests, and the first start). */
  reconcile(): Promise<void>;
  stop(): Promise<void>;
}

interface CertificateMetrics {
  readonly expiry: Gauge<'certificate'>;
  readonly rotations: Counter<'certificate'>;
  readonly errors: Counter<'operation'>;
}

const MAX_ATTEMPTS = 5;

/**
 * The self-managed certificate lifecycle of one replica: watch the Secret
 * and serve what it holds (every replica), and plan, write and publish the
 * caBundle (the writer). Resolves once a usable serving pair is in hand,
 * creating the Secret if nobody has.
 */
export async function startCertificateManager(options: CertificateManagerOptions): Promise<CertificateManager> {
  const logger = options.logger.child({ component: 'certificates' });
  const clock = options.clock ?? ((): Date => new Date());
  const metrics = createCertificateMetrics(options.registry);
  const store = createCertificateSecretStore(options.client, options.namespace, options.secretName);
  const webhook = createWebhookCaBundle(options.client, options.webhookConfigurationName, options.webhookNames);
  const retries = createBackoff({ initialMs: 2_000, maxMs: options.resyncMs ?? 60_000 });
  const served = createServedCertificate(store.what, logger, metrics);
  let leading = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;

  const writer = (): boolean => options.leaderOnly !== true || leading;
  const context: ReconcileContext = { options, store, webhook, served, metrics, logger, clock, writer };

  const schedule = (delayMs: number): void => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void reconcile().catch(() => undefined), Math.max(0, delayMs));
    timer.unref();
  };
  const reconcile = (): Promise<void> => {
    if (running !== undefined) {
      again = true;
      return running;
    }
    running = reconcileOnce(context)
      .then((next) => {
        retries.reset();
        schedule(Math.min(next.getTime() - clock().getTime() + 50, options.resyncMs ?? 60_000));
      })
      .catch((error: unknown) => {
        const retryInMs = retries.next();
        logger.error({ err: error, retryInMs }, 'certificate reconcile failed; retrying');
        schedule(retryInMs);
        throw error;
      })
      .finally(() => {
        running = undefined;
        if (again && !stopped) {
          again = false;
          schedule(0);
        }
      });
    return running;
  };

  // Every replica follows the Secret through the API, so a new certificate reaches it within the watch latency, not the kubelet's 60-90 s volume sync.
  const watch = watchObject<SecretObject>({
    client: options.client,
    path: store.collection,
    name: options.secretName,
    resource: store.what,
    logger,
    onChange: (secret) => {
      if (secret !== undefined) served.offer(storedSecret(secret).stored);
      // A change by someone else (or a deletion) may need an answer from the writer.
      if (writer()) schedule(100);
    },
  });

  await untilServing({ reconcile, served, isStopped: () => stopped, logger });
  return {
    source: served.source,
    setLeading: (value) => {
      if (value === leading) return;
      leading = value;
      logger.info({ leading }, leading ? 'leading: this replica now rotates the certificates' : 'no longer leading: certificate rotation left to the leader');
      if (leading) schedule(0);
    },
    reconcile,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await watch.stop();
      await running?.catch(() => undefined);
    },
  };
}

/** Retries the first reconcile (API down, RBAC not there yet) until the Secret yields a usable pair. */
async function untilServing(loop: { reconcile: () => Promise<void>; served: ServedCertificate; isStopped: () => boolean; logger: Logger }): Promise<void> {
  const backoff = createBackoff({ initialMs: 500, maxMs: 10_000 });
  for (let attempt = 0; loop.served.currentOrUndefined() === undefined; attempt++) {
    if (loop.isStopped()) throw new Error('stopped before a serving certificate was available');
    await loop.reconcile().catch(() => undefined);
    if (loop.served.currentOrUndefined() !== undefined) return;
    if (attempt > 0 && attempt % 10 === 0) loop.logger.warn({ attempt }, 'still no usable serving certificate in the Secret');
    await new Promise((resolve) => setTimeout(resolve, backoff.next()));
  }
}

interface ReconcileContext {
  readonly options: CertificateManagerOptions;
  readonly store: CertificateSecretStore;
  readonly webhook: WebhookCaBundle;
  readonly served: ServedCertificate;
  readonly metrics: CertificateMetrics;
  readonly logger: Logger;
  readonly clock: () => Date;
  readonly writer: () => boolean;
}

/**
 * Read, plan, write, publish, and again until nothing is left to do now.
 * Every write is conditional (create, or update at the read resourceVersion);
 * on a conflict the loop re-reads and re-plans from what the winner wrote.
 * Returns when to look next.
 */
async function reconcileOnce(context: ReconcileContext): Promise<Date> {
  const { options, clock } = context;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const read = await context.store.read();
    if (read !== undefined) context.served.offer(read.stored);
    const state = read === undefined ? EMPTY_STATE : readCertificateState(read.stored);
    const now = clock();
    const plan = planCertificateRotation({ state, now, policy: options.policy, names: options.names });
    const urgent = read === undefined || context.served.currentOrUndefined() === undefined;
    if (!context.writer() && !urgent) return plan.nextCheckAt;
    const changes = plan.newAuthority || plan.issueServing || plan.retire.length > 0;
    if (changes) {
      const written = await writeRotation(context, { read, state, plan, now });
      if (written) continue;
      context.logger.debug('another replica wrote the certificate Secret first; reading it again');
      continue;
    }
    const published = await publish(context, read, state);
    if (published === 'retry') continue;
    return plan.nextCheckAt;
  }
  return new Date(clock().getTime() + 1_000);
}

async function writeRotation(
  context: ReconcileContext,
  step: { read: StoredSecret | undefined; state: CertificateState; plan: RotationPlan; now: Date },
): Promise<boolean> {
  const next = await applyRotationPlan({ state: step.state, plan: step.plan, now: step.now, policy: context.options.policy, names: context.options.names });
  const stored = encodeCertificateState(next);
  const result = step.read === undefined ? await context.store.create(stored) : await context.store.update(step.read, stored);
  if (!result.ok) return false;
  context.served.offer(result.secret.stored);
  if (step.plan.newAuthority) context.metrics.rotations.inc({ certificate: 'ca' });
  if (step.plan.issueServing) context.metrics.rotations.inc({ certificate: 'serving' });
  context.logger.info(
    { reasons: step.plan.reasons, newAuthority: step.plan.newAuthority, issuedServing: step.plan.issueServing, retired: step.plan.retire.length, authorities: next.authorities.length },
    step.read === undefined ? 'created the certificate Secret' : 'rotated certificates in the Secret',
  );
  return true;
}

/** Brings the caBundle in line with the Secret, then records since when each CA is trusted. */
async function publish(context: ReconcileContext, read: StoredSecret | undefined, state: CertificateState): Promise<'done' | 'retry'> {
  if (read === undefined) return 'retry';
  let result;
  try {
    result = await context.webhook.publish(caBundleOf(state));
  } catch (error) {
    context.metrics.errors.inc({ operation: 'publish' });
    throw error;
  }
  if (result.status === 'conflict') return 'retry';
  if (result.status === 'missing') {
    context.logger.warn({ detail: result.detail }, 'cannot publish the caBundle yet; the serving certificate is not trusted by the apiserver until it is');
    return 'done';
  }
  if (result.patched) context.logger.info({ webhookConfiguration: context.options.webhookConfigurationName, authorities: state.authorities.length }, 'caBundle published');
  const marked = markPublished(state, state.authorities.map((authority) => authority.fingerprint), context.clock());
  if (marked === state) return 'done';
  const written = await context.store.update(read, encodeCertificateState(marked));
  return written.ok ? 'done' : 'retry';
}

interface ServedCertificate {
  readonly source: CertificateSource;
  currentOrUndefined(): ServingCertificate | undefined;
  /** A Secret's contents: served when its pair differs from the current one and passes the checks. */
  offer(stored: StoredCertificates): void;
}

function createServedCertificate(what: string, logger: Logger, metrics: CertificateMetrics): ServedCertificate {
  let current: ServingCertificate | undefined;
  let refused = '';
  const listeners = new Set<(certificate: ServingCertificate) => void>();
  return {
    currentOrUndefined: () => current,
    source: {
      current: () => {
        if (current === undefined) throw new Error('no serving certificate yet');
        return current;
      },
      subscribe: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    offer: (stored) => {
      const cert = stored.data[SECRET_KEYS.cert] ?? '';
      const key = stored.data[SECRET_KEYS.key] ?? '';
      updateExpiry(metrics, stored);
      if (current?.cert.toString('utf8') === cert || cert === '' || refused === cert) return;
      try {
        const next = checkServingCertificate(
          { cert: Buffer.from(cert), key: Buffer.from(key), certName: `${what} ${SECRET_KEYS.cert}`, keyName: `${what} ${SECRET_KEYS.key}` },
          { rejectExpired: true },
        );
        const first = current === undefined;
        current = next;
        if (!first) for (const listener of listeners) listener(next);
      } catch (error) {
        refused = cert;
        logger.error({ err: (error as Error).message }, 'the certificate in the Secret was refused; still serving the previous one');
      }
    },
  };
}

function updateExpiry(metrics: CertificateMetrics, stored: StoredCertificates): void {
  const state = readCertificateState(stored);
  const newest = state.authorities.at(-1);
  if (newest !== undefined) metrics.expiry.set({ certificate: 'ca' }, Math.floor(newest.notAfter.getTime() / 1000));
  if (state.serving !== undefined) metrics.expiry.set({ certificate: 'serving' }, Math.floor(state.serving.certificate.notAfter.getTime() / 1000));
}

function createCertificateMetrics(registry: Registry | undefined): CertificateMetrics {
  const registers = registry === undefined ? [] : [registry];
  return {
    expiry: new Gauge({
      name: 'tandem_certificate_expiry_timestamp_seconds',
      help: 'notAfter of the self-managed certificates in the Secret (certificate: ca = the newest CA, serving), as a Unix timestamp.',
      labelNames: ['certificate'] as const,
      registers,
    }),
    rotations: new Counter({
      name: 'tandem_certificate_rotations_total',
      help: 'Certificates this replica generated and wrote to the Secret (certificate: ca, serving); the first creation counts too.',
      labelNames: ['certificate'] as const,
      registers,
    }),
    errors: new Counter({
      name: 'tandem_certificate_errors_total',
      help: 'Failed certificate operations against the API (operation: publish = patching the caBundle).',
      labelNames: ['operation'] as const,
      registers,
    }),
  };
}
