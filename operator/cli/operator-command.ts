import { hostname } from 'node:os';
import { Option, type Command } from 'commander';
import type { Registry } from 'prom-client';
import type { KubeVersion } from '../injection/kube-version.ts';
import { startClusterNamespaceSource } from '../kube/cluster-namespace-source.ts';
import { startClusterSidecarSetSource } from '../kube/cluster-sidecar-set-source.ts';
import { startControllerRuntime, type ControllerRuntime, type ControllerRuntimeOptions } from '../kube/controller-runtime.ts';
import type { LeaderElectionTiming } from '../kube/leader-election.ts';
import { loadKubeConfig } from '../kube/load-kube-config.ts';
import { readClusterVersion } from '../kube/read-server-version.ts';
import { defaultNamespace } from '../kube/reloader-config-map.ts';
import { configureRootLogger, LOG_LEVEL_ENV, parseLogLevel, type Logger } from '../logging/logger.ts';
import { DEFAULT_WEBHOOK_LISTEN, parseListenAddress, type ListenAddress } from '../webhook/listen-address.ts';
import type { CertificateFiles, CertificateSource } from '../webhook/serving-certificate.ts';
import { startMetricsServer, type MetricsServer } from '../webhook/metrics-server.ts';
import { createWebhookMetrics } from '../webhook/webhook-metrics.ts';
import { startWebhookServer, type WebhookServer } from '../webhook/webhook-server.ts';
import { flagParser, integerBetween, parseKubeVersionFlag, secondsBetween } from './flag-parsers.ts';
import { untilSignalled } from './until-signalled.ts';

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

/** What the certificate manager gets to work with. */
export interface CertificateContext {
  readonly kubeConfig: ReturnType<typeof loadKubeConfig>;
  /** The namespace the operator runs in (where its Secret and Lease live). */
  readonly namespace: string;
  readonly logger: Logger;
  /** The /metrics registry: register e.g. a certificate expiry gauge here. */
  readonly registry: Registry;
  /** --tls-cert-file/--tls-key-file when given (a user-provided certificate). */
  readonly flagFiles: CertificateFiles | undefined;
}

/**
 * The seam for webhook certificates (self-managed CA, caBundle patching,
 * rotation, cert-manager). Without a hook, `tandem operator` serves the
 * files named by --tls-cert-file/--tls-key-file and reloads them when they
 * change (as `tandem webhook` does).
 */
export interface CertificateHook {
  /**
   * Called once, before the webhook server starts. Returns either files (the
   * server polls them and swaps in a changed pair without dropping
   * connections) or a CertificateSource that pushes new pairs (in memory,
   * e.g. from a Secret the manager watches).
   */
  start(context: CertificateContext): Promise<CertificateFiles | CertificateSource>;
  /** Every leadership change of this replica: only the leader should rotate and patch caBundle. */
  onLeadershipChange?(leading: boolean): void;
  /** Called last on shutdown. */
  stop(): Promise<void>;
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
  readonly controller: ControllerRuntime;
  /** SIGTERM path: not ready, finish admissions in flight, stop reconciling, release the Lease, stop informers. */
  stop(): Promise<void>;
}

/** Registers `tandem operator` (webhook + controller + leader election in one process); returns the subcommand. */
export function registerOperatorCommand(program: Command, hooks: OperatorHooks = {}): Command {
  const command = program
    .command('operator')
    .description('Serve the injection webhook on every replica and, on the elected leader, run the SidecarSet controller')
    .option('--listen <host:port>', 'webhook address ([::]:9443 for IPv6)', flagParser(parseListenAddress), parseListenAddress(DEFAULT_WEBHOOK_LISTEN))
    .option('--metrics-listen <host:port>', 'also serve /metrics over plain HTTP here (e.g. 0.0.0.0:8080; default: only on the webhook\'s HTTPS port)', flagParser(parseListenAddress))
    .option('--tls-cert-file <file>', 'serving certificate (PEM); reloaded when it changes')
    .option('--tls-key-file <file>', 'private key of the serving certificate (PEM)')
    .option('--kubeconfig <file>', 'kubeconfig (default: $KUBECONFIG, ~/.kube/config, in-cluster)')
    .option('--kube-version <X.Y>', 'cluster version for nativeSidecars: Auto (default: read from the cluster)', flagParser(parseKubeVersionFlag))
    .addOption(new Option('--log-level <level>', 'fatal, error, warn, info, debug, trace or silent').env(LOG_LEVEL_ENV).default('info').argParser(flagParser(parseLogLevel)))
    .option('--shutdown-delay <seconds>', 'keep serving admissions this long after SIGTERM while not ready', flagParser(secondsBetween(0, 300)), 0)
    .option('--lease-namespace <namespace>', 'namespace of the leader election Lease (default: the pod\'s namespace)')
    .option('--lease-name <name>', 'name of the leader election Lease', DEFAULT_LEASE_NAME)
    .option('--identity <id>', 'this replica\'s identity in the Lease (default: $POD_NAME or hostname, and the pid)')
    .option('--lease-duration <seconds>', 'how long a leader\'s claim lasts without renewal', flagParser(secondsBetween(1, 600)), 15)
    .option('--renew-deadline <seconds>', 'the leader steps down when it cannot renew for this long', flagParser(secondsBetween(1, 600)), 10)
    .option('--retry-period <seconds>', 'time between Lease attempts', flagParser(secondsBetween(0.1, 60)), 2)
    .option('--workers <n>', 'SidecarSets reconciled in parallel', flagParser(integerBetween(1, 64)), 2)
    .option('--sidecarset-selector <selector>', 'reconcile only SidecarSets with these labels (label selector); the webhook serves all')
    .option('--silent-watch-timeout <seconds>', 'restart a watch that delivered no event or bookmark for this long', flagParser(secondsBetween(1, 3600)), 180)
    .option('--missed-scan-interval <seconds>', 'how often uninjected matching pods are listed per set', flagParser(secondsBetween(1, 3600)), 30)
    .action(async (flags: OperatorFlags) => {
      const logger = configureRootLogger({ level: flags.logLevel ?? 'info' });
      const running = await startOperator(flags, logger, hooks);
      await untilSignalled(running, logger, 'operator');
    });
  hooks.addOptions?.(command);
  return command;
}

/** Starts webhook and controller from parsed flags; stops whatever it started if a step fails. */
export async function startOperator(flags: OperatorFlags, logger: Logger, hooks: OperatorHooks = {}): Promise<RunningOperator> {
  if (flags.renewDeadline !== undefined && flags.leaseDuration !== undefined && flags.renewDeadline >= flags.leaseDuration) {
    throw new Error('--renew-deadline must be shorter than --lease-duration');
  }
  const kubeConfig = loadKubeConfig(flags.kubeconfig);
  const kubeVersion = flags.kubeVersion ?? (await readClusterVersion(kubeConfig, logger));
  const namespace = flags.leaseNamespace ?? defaultNamespace(kubeConfig);
  const metrics = createWebhookMetrics();
  const stack: (() => Promise<void>)[] = [];
  const unwind = async (): Promise<void> => {
    for (const stop of stack.reverse()) await stop();
  };
  try {
    const certificate = await certificateFiles(flags, hooks, { kubeConfig, namespace, logger, registry: metrics.registry });
    if (hooks.certificates !== undefined) stack.push(() => hooks.certificates?.stop() ?? Promise.resolve());
    const sidecarSets = startClusterSidecarSetSource({ kubeConfig, logger });
    const namespaces = startClusterNamespaceSource({ kubeConfig, logger });
    stack.push(async () => {
      await Promise.all([sidecarSets.stop(), namespaces.stop()]);
    });
    const controller = await startControllerRuntime({
      ...controllerOptions(flags, hooks),
      kubeConfig,
      kubeVersion,
      logger,
      registry: metrics.registry,
      leaseNamespace: namespace,
    });
    stack.push(() => controller.stop());
    const metricsServer = flags.metricsListen === undefined ? undefined : await startMetricsServer({ listen: flags.metricsListen, registry: metrics.registry, logger });
    if (metricsServer !== undefined) stack.push(() => metricsServer.close());
    const server = await startWebhookServer({ listen: flags.listen, certificate, sidecarSets, namespaces, kubeVersion, logger, metrics });
    return {
      server,
      metricsServer,
      controller,
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

type ControllerFlagOptions = Omit<ControllerRuntimeOptions, 'kubeConfig' | 'kubeVersion' | 'logger' | 'registry' | 'leaseNamespace'>;

function controllerOptions(flags: OperatorFlags, hooks: OperatorHooks): ControllerFlagOptions {
  const certificates = hooks.certificates;
  return {
    identity: flags.identity ?? `${process.env.POD_NAME ?? hostname()}_${process.pid}`,
    leaseName: flags.leaseName ?? DEFAULT_LEASE_NAME,
    timing: leaseTiming(flags),
    ...(flags.workers !== undefined ? { workers: flags.workers } : {}),
    ...(flags.sidecarsetSelector !== undefined ? { sidecarSetSelector: flags.sidecarsetSelector } : {}),
    silentWatchMs: (flags.silentWatchTimeout ?? 180) * 1000,
    missedScanIntervalMs: (flags.missedScanInterval ?? 30) * 1000,
    ...(certificates?.onLeadershipChange !== undefined
      ? {
          onLeadershipChange: (leading: boolean) => {
            certificates.onLeadershipChange?.(leading);
          },
        }
      : {}),
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

