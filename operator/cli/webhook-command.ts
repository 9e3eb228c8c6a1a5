import { Option, type Command } from 'commander';
import type { SidecarSet } from '../api/sidecar-set.ts';
import type { KubeVersion } from '../injection/kube-version.ts';
import { createKubeClient } from '../kube/kube-client.ts';
import { loadKubeConfigConnection } from '../kube/load-kube-config.ts';
import { readClusterVersion } from '../kube/read-server-version.ts';
import { configureRootLogger, LOG_LEVEL_ENV, parseLogLevel, type Logger } from '../logging/logger.ts';
import { DEFAULT_WEBHOOK_LISTEN, parseListenAddress, type ListenAddress } from '../webhook/listen-address.ts';
import type { NamespaceSource, SidecarSetSource } from '../webhook/sources.ts';
import { startClusterNamespaceSource } from '../webhook/cluster-namespace-source.ts';
import { startClusterSidecarSetSource } from '../webhook/cluster-sidecar-set-source.ts';
import { startFileSidecarSetSource } from '../webhook/file-sidecar-set-source.ts';
import { staticNamespaceSource } from '../webhook/static-namespace-source.ts';
import { startWebhookServer, type WebhookServer } from '../webhook/webhook-server.ts';
import { parseLabelList } from './parse-label-list.ts';
import { flagParser, parseKubeVersionFlag, secondsBetween } from './flag-parsers.ts';
import { untilSignalled } from './until-signalled.ts';

/**
 * All interfaces, because the apiserver reaches the webhook through a Service
 * on the pod IP; an unprivileged port, because the container runs as
 * non-root. TLS is not optional, so there is no plaintext listener to expose.
 */

export interface WebhookFlags {
  readonly listen: ListenAddress;
  readonly tlsCertFile: string;
  readonly tlsKeyFile: string;
  /** Static mode: SidecarSets from these files, namespaces all labelled namespaceLabels. */
  readonly sidecarsets?: readonly string[];
  readonly namespaceLabels?: Readonly<Record<string, string>>;
  /** Cluster mode (no --sidecarsets): this kubeconfig, else the default search / in-cluster. */
  readonly kubeconfig?: string;
  /** Overrides the version read from the cluster (nativeSidecars: Auto). */
  readonly kubeVersion?: KubeVersion;
  readonly logLevel?: string;
  /** Seconds to keep serving after SIGTERM while /readyz says 503. */
  readonly shutdownDelay?: number;
  /** Static mode: how often the SidecarSet files are checked for changes (tests shorten it). */
  readonly sidecarsetsPollMs?: number;
}

/** Static mode: the SidecarSet files are checked this often, as the certificate files are. */
const SIDECARSETS_POLL_MS = 10_000;

export interface RunningWebhook {
  readonly server: WebhookServer;
  /** SIGHUP: re-reads the static-mode SidecarSet files (the certificate is re-read by the server). */
  reload(): Promise<void>;
  /** Graceful: not ready, optional delay, finish in-flight requests, stop the reflectors. */
  stop(): Promise<void>;
}

/** Registers `tandem webhook` on the CLI program. */
export function registerWebhookCommand(program: Command): void {
  program
    .command('webhook')
    .description('Serve the mutating admission webhook that injects SidecarSets into pods (HTTPS)')
    .option('--listen <host:port>', 'address to listen on ([::]:9443 for IPv6)', flagParser(parseListenAddress), parseListenAddress(DEFAULT_WEBHOOK_LISTEN))
    .requiredOption('--tls-cert-file <file>', 'serving certificate (PEM, chain allowed); reloaded when it changes')
    .requiredOption('--tls-key-file <file>', 'private key of the serving certificate (PEM); reloaded when it changes')
    .addOption(
      new Option('--sidecarsets <file>', 'serve these SidecarSets (multi-document YAML; repeatable) instead of watching the cluster')
        .argParser(collect)
        .conflicts('kubeconfig'),
    )
    .option('--namespace-labels <k=v,...>', 'with --sidecarsets: labels assumed for every namespace', flagParser(parseLabelList))
    .option('--kubeconfig <file>', 'cluster mode: kubeconfig to use (default: $KUBECONFIG, ~/.kube/config, in-cluster)')
    .option('--kube-version <X.Y>', 'cluster version for nativeSidecars: Auto (default: read from the cluster)', flagParser(parseKubeVersionFlag))
    .addOption(
      new Option('--log-level <level>', 'fatal, error, warn, info, debug, trace or silent')
        .env(LOG_LEVEL_ENV)
        .default('info')
        .argParser(flagParser(parseLogLevel)),
    )
    .option('--shutdown-delay <seconds>', 'keep serving this long after SIGTERM while not ready', flagParser(secondsBetween(0, 300)), 0)
    .action(async (flags: WebhookFlags) => {
      const logger = configureRootLogger({ level: flags.logLevel ?? 'info' });
      const running = await startWebhook(flags, logger);
      await untilSignalled(running, logger, 'webhook');
    });
}

/** Starts the sources and the server from parsed flags; stops whatever it started if any step fails. */
export async function startWebhook(flags: WebhookFlags, logger: Logger): Promise<RunningWebhook> {
  const sources = await openSources(flags, logger);
  let server: WebhookServer;
  try {
    server = await startWebhookServer({
      listen: flags.listen,
      certificate: { certFile: flags.tlsCertFile, keyFile: flags.tlsKeyFile },
      sidecarSets: sources.sidecarSets,
      namespaces: sources.namespaces,
      kubeVersion: sources.kubeVersion,
      logger,
    });
  } catch (error) {
    await sources.stop();
    throw error;
  }
  return {
    server,
    reload: () => sources.reload(),
    stop: async () => {
      await server.close({ delayMs: (flags.shutdownDelay ?? 0) * 1000 });
      await sources.stop();
    },
  };
}

interface Sources {
  readonly sidecarSets: SidecarSetSource;
  readonly namespaces: NamespaceSource;
  readonly kubeVersion: KubeVersion | undefined;
  reload(): Promise<void>;
  stop(): Promise<void>;
}

async function openSources(flags: WebhookFlags, logger: Logger): Promise<Sources> {
  if (flags.sidecarsets !== undefined) {
    const sidecarSets = await startFileSidecarSetSource({
      paths: flags.sidecarsets,
      load: loadSidecarSetFiles,
      logger,
      intervalMs: flags.sidecarsetsPollMs ?? SIDECARSETS_POLL_MS,
    });
    logger.info({ files: flags.sidecarsets, count: sidecarSets.list().length }, 'static mode: serving SidecarSets from files (re-read when they change, or on SIGHUP)');
    return {
      sidecarSets,
      namespaces: staticNamespaceSource(flags.namespaceLabels ?? {}),
      kubeVersion: flags.kubeVersion,
      reload: async () => {
        await sidecarSets.reload();
      },
      stop: () => {
        sidecarSets.stop();
        return Promise.resolve();
      },
    };
  }
  if (flags.namespaceLabels !== undefined) {
    throw new Error('--namespace-labels only applies with --sidecarsets; in cluster mode the namespaces\' own labels are used');
  }
  const client = createKubeClient(loadKubeConfigConnection(flags.kubeconfig));
  let kubeVersion: KubeVersion;
  try {
    kubeVersion = flags.kubeVersion ?? (await readClusterVersion(client, logger));
  } catch (error) {
    client.close();
    throw error;
  }
  const sidecarSets = startClusterSidecarSetSource({ client, logger });
  const namespaces = startClusterNamespaceSource({ client, logger });
  return {
    sidecarSets,
    namespaces,
    kubeVersion,
    // The reflectors follow the cluster by themselves.
    reload: () => Promise.resolve(),
    stop: async () => {
      await Promise.all([sidecarSets.stop(), namespaces.stop()]);
      client.close();
    },
  };
}

/** Like `tandem inject`: every file validated, and a name defined twice is an error rather than a silent override. */
async function loadSidecarSetFiles(paths: readonly string[]): Promise<SidecarSet[]> {
  // Only static mode reads files: the full validator (CEL) is loaded for it alone.
  const { loadSidecarSetFile } = await import('./sidecar-set-file.ts');
  const sets = (await Promise.all(paths.map((path) => loadSidecarSetFile(path)))).flat();
  const names = sets.map((set) => set.metadata?.name ?? '');
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate !== undefined) throw new Error(`SidecarSet "${duplicate}" is defined in more than one --sidecarsets file`);
  return sets;
}

function collect(value: string, previous: readonly string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

