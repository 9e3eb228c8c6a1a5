// `tandem operator`, wired: everything one replica runs, in one place.
//
//   kubeconfig (client-node) -> one KubeClient
//     -> one SidecarSet reflector and one Namespace reflector, read by the
//        webhook (every admission) and the controller (every reconcile)
//     -> the controller's pod reflector (injected pods, trimmed)
//     -> leader election on a Lease: the leader runs the reconcile workers
//        and rotates the webhook certificate; every replica keeps its caches
//        warm and serves admissions
//     -> the webhook's HTTPS server (and an optional plain-HTTP /metrics)
import type { Command } from 'commander';
import { hostname } from 'node:os';
import type { CertificateContext, CertificateHook } from '../certificates/certificate-hook.ts';
import { createControllerClient, CONTROLLER_FIELD_MANAGER } from '../controller/controller-client.ts';
import { startControllerCache } from '../controller/controller-cache.ts';
import { createControllerMetrics, type ControllerMetrics } from '../controller/controller-metrics.ts';
import { parseLabelSelector } from '../controller/parse-label-selector.ts';
import { SidecarSetReconciler } from '../controller/reconcile-sidecar-set.ts';
import { createSidecarSetController } from '../controller/sidecar-set-controller.ts';
import type { KubeVersion } from '../injection/kube-version.ts';
import { createEventRecorder } from '../kube/event-recorder.ts';
import { createKubeClient, type KubeClient } from '../kube/kube-client.ts';
import { podNamespace } from '../kube/kube-connection.ts';
import { startLeaderElection, type LeaderElectionTiming } from '../kube/leader-election.ts';
import { loadKubeConfigConnection } from '../kube/load-kube-config.ts';
import { readClusterVersion } from '../kube/read-server-version.ts';
import type { Logger } from '../logging/logger.ts';
import { startClusterNamespaceSource, type ClusterNamespaceSource } from '../webhook/cluster-namespace-source.ts';
import { startClusterSidecarSetSource, type ClusterSidecarSetSource } from '../webhook/cluster-sidecar-set-source.ts';
import type { ListenAddress } from '../webhook/listen-address.ts';
import { startMetricsServer, type MetricsServer } from '../webhook/metrics-server.ts';
import type { CertificateFiles, CertificateSource } from '../webhook/serving-certificate.ts';
import { createWebhookMetrics } from '../webhook/webhook-metrics.ts';
import { startWebhookServer, type WebhookServer } from '../webhook/webhook-server.ts';

export const DEFAULT_LEASE_NAME = 'tandem-controller';

export interface OperatorFlags {
  readonly listen: ListenAddress;
  /** Plain-HTTP /metrics for scrapers without the webhook's CA; none when unset. */
  readonly metricsListen?: ListenAddress;
  /** Serving certificate files; required unless a certificates hook provides them. */
  readonly tlsCertFile?: string;
  readonly tlsKeyFile?: string;
  readonly kubeconfig?: string;
  readonly kubeVersion?: KubeVersion;
  readonly logLevel?: string;
  /** Seconds to keep serving admissions after SIGTERM while /readyz says 503. */
  readonly shutdownDelay?: number;
  readonly leaseNamespace?: string;
  readonly leaseName?: string;
  readonly identity?: string;
  readonly leaseDuration?: number;
  readonly renewDeadline?: number;
  readonly retryPeriod?: number;
  readonly workers?: number;
  /** Reconcile only SidecarSets with these labels (the webhook still serves all). */
  readonly sidecarsetSelector?: string;
  readonly silentWatchTimeout?: number;
  readonly missedScanInterval?: number;
}

export interface OperatorHooks {
  readonly certificates?: CertificateHook;
  /** Adds options to the `operator` command (e.g. the certificate manager's --certificate-mode). */
  readonly addOptions?: (command: Command) => void;
}

export interface RunningOperator {
  readonly server: WebhookServer;
  /** With --metrics-listen. */
  readonly metricsServer: MetricsServer | undefined;
  readonly controller: { isLeader(): boolean; synced(): boolean };
  /** SIGTERM path: not ready, finish admissions in flight, stop reconciling, release the Lease, stop the reflectors. */
  stop(): Promise<void>;
}

/** Starts webhook and controller from parsed flags; stops whatever it started if a step fails. */
export async function startOperator(flags: OperatorFlags, logger: Logger, hooks: OperatorHooks = {}): Promise<RunningOperator> {
  if (flags.renewDeadline !== undefined && flags.leaseDuration !== undefined && flags.renewDeadline >= flags.leaseDuration) {
    throw new Error('--renew-deadline must be shorter than --lease-duration');
  }
  const client = createKubeClient(loadKubeConfigConnection(flags.kubeconfig));
  const stack: (() => Promise<void> | void)[] = [() => {
    client.close();
  }];
  const unwind = async (): Promise<void> => {
    for (const stop of stack.splice(0).reverse()) await stop();
  };
  try {
    const kubeVersion = flags.kubeVersion ?? (await readClusterVersion(client, logger));
    const namespace = flags.leaseNamespace ?? podNamespace(client.connection);
    const metrics = createWebhookMetrics();
    const controllerMetrics = createControllerMetrics(metrics.registry);
    const certificate = await certificateFiles(flags, hooks, { client, namespace, logger, registry: metrics.registry });
    if (hooks.certificates !== undefined) stack.push(() => hooks.certificates?.stop());

    // One reflector per kind for the whole process: the webhook and the controller read the same objects.
    const shared = {
      client,
      logger,
      silentWatchMs: (flags.silentWatchTimeout ?? 180) * 1000,
      onRestart: (resource: string, reason: string) => {
        controllerMetrics.watchRestarts.inc({ resource, reason });
      },
    };
    const sidecarSets = startClusterSidecarSetSource(shared);
    const namespaces = startClusterNamespaceSource(shared);
    stack.push(() => Promise.all([sidecarSets.stop(), namespaces.stop()]).then(() => undefined));
    const controller = startController({ flags, hooks, client, kubeVersion, logger, metrics: controllerMetrics, sidecarSets, namespaces, namespace });
    stack.push(() => controller.stop());

    const metricsServer = flags.metricsListen === undefined ? undefined : await startMetricsServer({ listen: flags.metricsListen, registry: metrics.registry, logger });
    if (metricsServer !== undefined) stack.push(() => metricsServer.close());
    const server = await startWebhookServer({ listen: flags.listen, certificate, sidecarSets, namespaces, kubeVersion, logger, metrics });
    return {
      server,
      metricsServer,
      controller: { isLeader: () => controller.isLeader(), synced: () => controller.synced() },
      stop: async () => {
        await server.close({ delayMs: (flags.shutdownDelay ?? 0) * 1000 });
        await unwind();
      },
    };
  } catch (error) {
    await unwind();
    throw error;
  }
}

interface ControllerWiring {
  readonly flags: OperatorFlags;
  readonly hooks: OperatorHooks;
  readonly client: KubeClient;
  readonly kubeVersion: KubeVersion | undefined;
  readonly logger: Logger;
  readonly metrics: ControllerMetrics;
  readonly sidecarSets: ClusterSidecarSetSource;
  readonly namespaces: ClusterNamespaceSource;
  /** Where the Lease lives. */
  readonly namespace: string;
}

interface RunningController {
  isLeader(): boolean;
  synced(): boolean;
  /** Releases the Lease (stopping the workers), flushes events, stops the pod reflector. */
  stop(): Promise<void>;
}

/**
 * The controller: its cache over the shared sources plus its pod reflector,
 * the reconciler, the work queue, events, and the leader election that
 * starts the workers once the caches are synced.
 */
function startController(wiring: ControllerWiring): RunningController {
  const { flags, client, metrics } = wiring;
  const logger = wiring.logger.child({ component: 'controller' });
  const identity = flags.identity ?? `${process.env.POD_NAME ?? hostname()}_${process.pid}`;
  const events = createEventRecorder({ client, logger, component: CONTROLLER_FIELD_MANAGER, instance: identity });
  // The cache needs the controller's handlers and the controller needs the cache: a late-bound reference.
  const late: { controller?: ReturnType<typeof createSidecarSetController> } = {};
  const cache = startControllerCache({
    client,
    logger,
    sidecarSets: wiring.sidecarSets,
    namespaces: wiring.namespaces,
    handlers: () => late.controller?.handlers,
    silentWatchMs: (flags.silentWatchTimeout ?? 180) * 1000,
    onRestart: (resource, reason) => {
      metrics.watchRestarts.inc({ resource, reason });
    },
    ...(flags.sidecarsetSelector !== undefined ? { sidecarSetSelector: parseLabelSelector(flags.sidecarsetSelector) } : {}),
  });
  const reconciler = new SidecarSetReconciler({
    cache,
    client: createControllerClient({ client, events }),
    kubeVersion: wiring.kubeVersion,
    metrics,
    missedScanIntervalMs: (flags.missedScanInterval ?? 30) * 1000,
  });
  const running = createSidecarSetController({ cache, reconciler, metrics, logger, ...(flags.workers !== undefined ? { workers: flags.workers } : {}) });
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
    client,
    namespace: wiring.namespace,
    name: flags.leaseName ?? DEFAULT_LEASE_NAME,
    identity,
    logger,
    timing: leaseTiming(flags),
    onStartedLeading: () => {
      leading = true;
      metrics.leader.set(1);
      wiring.hooks.certificates?.onLeadershipChange(true);
      startWhenSynced();
    },
    onStoppedLeading: async () => {
      leading = false;
      clearTimeout(syncWait);
      metrics.leader.set(0);
      await running.stop();
      wiring.hooks.certificates?.onLeadershipChange(false);
    },
  });

  return {
    isLeader: () => elector.isLeader(),
    synced: () => cache.synced(),
    stop: async () => {
      await elector.stop();
      await running.stop();
      await Promise.race([events.flush(), new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
      await cache.stop();
    },
  };
}

function leaseTiming(flags: OperatorFlags): LeaderElectionTiming {
  return {
    leaseDurationMs: (flags.leaseDuration ?? 15) * 1000,
    renewDeadlineMs: (flags.renewDeadline ?? 10) * 1000,
    retryPeriodMs: (flags.retryPeriod ?? 2) * 1000,
  };
}

async function certificateFiles(
  flags: OperatorFlags,
  hooks: OperatorHooks,
  context: Omit<CertificateContext, 'flagFiles'>,
): Promise<CertificateFiles | CertificateSource> {
  const flagFiles =
    flags.tlsCertFile !== undefined && flags.tlsKeyFile !== undefined ? { certFile: flags.tlsCertFile, keyFile: flags.tlsKeyFile } : undefined;
  if ((flags.tlsCertFile === undefined) !== (flags.tlsKeyFile === undefined)) {
    throw new Error('--tls-cert-file and --tls-key-file go together');
  }
  if (hooks.certificates !== undefined) return hooks.certificates.start({ ...context, flagFiles });
  if (flagFiles === undefined) throw new Error("required options '--tls-cert-file <file>' and '--tls-key-file <file>' not specified");
  return flagFiles;
}
