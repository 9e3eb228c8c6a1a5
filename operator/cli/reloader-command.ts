// `tandem reloader`: the confd-style sidecar. Reads its configuration from a
// file or from the ConfigMap the pod annotation tandem.dev/reloader-config
// names (passed in by the SidecarSet through the downward API), renders the
// templates, and keeps them in step with their sources. Kubernetes and etcd
// clients are loaded only when the configuration uses them.
import { Option, type Command } from 'commander';
import { flagParser } from './flag-parsers.ts';
import { configureRootLogger, LOG_LEVEL_ENV, parseLogLevel, type Logger } from '../logging/logger.ts';
import { startEtcdSource } from '../reloader/etcd-source.ts';
import { startFileSource } from '../reloader/file-source.ts';
import { configFileFeed } from '../reloader/config-file-feed.ts';
import { followConfig } from '../reloader/config-follower.ts';
import { deferredSource } from '../reloader/deferred-source.ts';
import { CONFIG_KEY, ReloaderConfigError, type ReloaderConfig, type SourceSpec } from '../reloader/reloader-config.ts';
import { parseConfigSnapshot, type ConfigFeed } from '../reloader/reloader-config-feed.ts';
import { startReloaderServer } from '../reloader/reloader-server.ts';
import { startReloader, type SourceOpener } from '../reloader/reloader.ts';
import type { Source, SourceListener } from '../reloader/source.ts';
import type { KubeClient } from '../kube/kube-client.ts';
import type { KubeSourceSpec } from '../reloader/kube-source.ts';
import { parseListenAddress, type ListenAddress } from '../webhook/listen-address.ts';

export const RELOADER_DEFAULT_LISTEN = '0.0.0.0:9500';
/** Set by the SidecarSet from the pod annotation tandem.dev/reloader-config. */
export const CONFIG_MAP_ENV = 'TANDEM_RELOADER_CONFIG_MAP';
/** Set by the SidecarSet from metadata.namespace. */
export const NAMESPACE_ENV = 'POD_NAMESPACE';

export interface ReloaderFlags {
  readonly config?: string;
  readonly configMap?: string;
  readonly namespace?: string;
  readonly kubeconfig?: string;
  readonly once?: boolean;
  readonly validate?: boolean;
  readonly listen: ListenAddress;
  readonly proc: string;
  readonly syncTimeout: number;
  readonly logLevel?: string;
}

/** Registers `tandem reloader` on the CLI program. */
export function registerReloaderCommand(program: Command): void {
  program
    .command('reloader')
    .description('Render config files from ConfigMaps, Secrets, EndpointSlices, etcd or files, check them, swap them atomically and reload the app (sidecar)')
    .addOption(new Option('--config <file>', 'configuration file (reloader.yaml); templates named by src are read beside it').conflicts('configMap'))
    .addOption(new Option('--config-map <name>', `ConfigMap holding ${CONFIG_KEY} and the templates`).env(CONFIG_MAP_ENV))
    .addOption(new Option('--namespace <ns>', 'namespace of the ConfigMap and of sources without one (default: the pod\'s)').env(NAMESPACE_ENV))
    .option('--kubeconfig <file>', 'kubeconfig (default: $KUBECONFIG, ~/.kube/config, in-cluster)')
    .option('--once', 'render the files once and exit, without reloading (init container)')
    .option('--validate', 'check the configuration and its templates, then exit')
    .option('--listen <host:port>', 'health, readiness and metrics address', flagParser(parseListenAddress), parseListenAddress(RELOADER_DEFAULT_LISTEN))
    .option('--proc <dir>', 'the /proc of the shared PID namespace', '/proc')
    .option('--sync-timeout <seconds>', 'with --once: how long to wait for the sources', flagParser(parsePositiveSeconds), 60)
    .addOption(
      new Option('--log-level <level>', 'fatal, error, warn, info, debug, trace or silent')
        .env(LOG_LEVEL_ENV)
        .default('info')
        .argParser(flagParser(parseLogLevel)),
    )
    .action(async (flags: ReloaderFlags) => {
      const logger = configureRootLogger({ level: flags.logLevel ?? 'info' }).child({ component: 'reloader' });
      process.exitCode = await runReloaderCommand(flags, logger);
    });
}

/** Runs the command; resolves with the exit code. Configuration errors are thrown (the CLI prints them). */
export async function runReloaderCommand(flags: ReloaderFlags, logger: Logger): Promise<number> {
  const kube = kubeLoader(flags);
  try {
    return await runWith(flags, kube, logger);
  } finally {
    await kube.close();
  }
}

async function runWith(flags: ReloaderFlags, kube: KubeLoader, logger: Logger): Promise<number> {
  const feed = await configFeed(flags, kube, logger);
  const initial = await feed.read();
  const config = parseConfigSnapshot(initial, feed.origin);
  const { origin } = feed;
  if (flags.validate === true) {
    startReloader({ ...reloaderBase(flags, logger), config, openSource: () => idleSource(), reloads: false, defaultMetrics: false });
    process.stdout.write(`${origin}: valid (${config.groups.length} groups, ${Object.keys(config.sources).length} sources)\n`);
    return 0;
  }
  const openSource = await sourceOpener(config, kube, logger);
  if (flags.once === true) return runOnce(flags, config, openSource, logger);
  const reloader = startReloader({ ...reloaderBase(flags, logger), config, openSource, reloads: true });
  const follower = followConfig({ reloader, feed, initial, logger });
  const server = await startReloaderServer(reloader, { ...flags.listen, configStatus: follower.status });
  logger.info({ origin, listen: `${flags.listen.host}:${server.port}` }, 'reloader started; waiting for its sources');
  const stop = new Promise<void>((resolve) => {
    const handler = (signal: NodeJS.Signals): void => {
      logger.info({ signal }, 'stopping');
      resolve();
    };
    process.once('SIGTERM', handler).once('SIGINT', handler);
  });
  await Promise.race([reloader.firstRender(Number.POSITIVE_INFINITY).then((readiness) => {
    logger.info({ ready: readiness.ready, reasons: readiness.reasons }, 'first render done');
  }), stop]);
  await stop;
  await follower.stop();
  await server.close();
  await reloader.stop();
  return 0;
}

async function runOnce(flags: ReloaderFlags, config: ReloaderConfig, openSource: SourceOpener, logger: Logger): Promise<number> {
  const reloader = startReloader({ ...reloaderBase(flags, logger), config, openSource, reloads: false, defaultMetrics: false });
  try {
    const readiness = await reloader.firstRender(flags.syncTimeout * 1000);
    if (readiness.ready) {
      logger.info('files rendered');
      return 0;
    }
    logger.error({ reasons: readiness.reasons }, 'rendering failed');
    return 1;
  } catch (error) {
    logger.error({ err: error }, 'rendering failed');
    return 1;
  } finally {
    await reloader.stop();
  }
}

function reloaderBase(flags: ReloaderFlags, logger: Logger): { logger: Logger; procRoot: string; selfPid: number; ownUid: number } {
  return { logger, procRoot: flags.proc, selfPid: process.pid, ownUid: process.getuid?.() ?? -1 };
}

type KubeModules = Awaited<ReturnType<typeof importKube>>;
interface KubeAccessWithModules {
  readonly modules: KubeModules;
  readonly client: KubeClient;
  readonly namespace: string;
}

async function importKube(): Promise<{
  loadKubeConnection: typeof import('../kube/load-kube-connection.ts').loadKubeConnection;
  createKubeClient: typeof import('../kube/kube-client.ts').createKubeClient;
  podNamespace: typeof import('../kube/kube-connection.ts').podNamespace;
  configMapFeed: typeof import('../reloader/config-map-feed.ts').configMapFeed;
  startKubeSource: typeof import('../reloader/kube-source.ts').startKubeSource;
}> {
  const [{ loadKubeConnection }, { createKubeClient }, { podNamespace }, { configMapFeed }, { startKubeSource }] = await Promise.all([
    import('../kube/load-kube-connection.ts'),
    import('../kube/kube-client.ts'),
    import('../kube/kube-connection.ts'),
    import('../reloader/config-map-feed.ts'),
    import('../reloader/kube-source.ts'),
  ]);
  return { loadKubeConnection, createKubeClient, podNamespace, configMapFeed, startKubeSource };
}

/**
 * Loaded only for a ConfigMap configuration or Kubernetes sources. The
 * project's Kubernetes client over the reloader's own kubeconfig loader, not
 * @kubernetes/client-node's (which alone exceeds the reloader's memory
 * budget; docs/adr/0011-reloader-memory.md, docs/adr/0024-one-kubernetes-client.md).
 */
function kubeLoader(flags: ReloaderFlags): KubeLoader {
  let loaded: Promise<KubeAccessWithModules> | undefined;
  const load = (): Promise<KubeAccessWithModules> =>
    (loaded ??= importKube().then(async (modules) => {
      const connection = await modules.loadKubeConnection(flags.kubeconfig !== undefined ? { path: flags.kubeconfig } : {});
      return { modules, client: modules.createKubeClient(connection), namespace: flags.namespace ?? modules.podNamespace(connection) };
    }));
  return Object.assign(load, {
    close: async (): Promise<void> => {
      (await loaded?.catch(() => undefined))?.client.close();
    },
  });
}

type KubeLoader = (() => Promise<KubeAccessWithModules>) & { readonly close: () => Promise<void> };

async function configFeed(flags: ReloaderFlags, kube: KubeLoader, logger: Logger): Promise<ConfigFeed> {
  if (flags.config !== undefined) {
    const feed = configFileFeed(flags.config);
    const path = flags.config;
    return {
      ...feed,
      read: () =>
        feed.read().catch((error: unknown) => {
          throw new ReloaderConfigError(path, [`(file): ${(error as Error).message}`]);
        }),
    };
  }
  // The SidecarSet sets the variable from the pod annotation through the downward API, which gives "" when the pod lacks it.
  if (flags.configMap === undefined || flags.configMap === '') {
    throw new Error(`give --config <file> or --config-map <name> (or set ${CONFIG_MAP_ENV}, as the SidecarSet does from the pod annotation tandem.dev/reloader-config, which this pod may lack)`);
  }
  const access = await kube();
  return access.modules.configMapFeed({ client: access.client, namespace: access.namespace, name: flags.configMap, logger });
}

/**
 * Kubernetes access is loaded up front when the configuration has a
 * Kubernetes source, and on demand when a later configuration adds one.
 */
async function sourceOpener(config: ReloaderConfig, kube: KubeLoader, logger: Logger): Promise<SourceOpener> {
  const needsKube = Object.values(config.sources).some((spec) => spec.kind !== 'file' && spec.kind !== 'etcd');
  let access = needsKube ? await kube() : undefined;
  const startKube = (name: string, spec: KubeSourceSpec, listener: SourceListener, loaded: KubeAccessWithModules): Source =>
    loaded.modules.startKubeSource(name, spec, listener, { client: loaded.client, namespace: loaded.namespace, logger });
  return (name: string, spec: SourceSpec, listener: SourceListener): Source => {
    switch (spec.kind) {
      case 'file':
        return startFileSource({ name, path: spec.path, rescanMs: spec.rescanMs, listener });
      case 'etcd':
        return startEtcdSource({ name, endpoints: spec.endpoints, prefix: spec.prefix, dialTimeoutMs: spec.dialTimeoutMs, listener });
      default:
        if (access !== undefined) return startKube(name, spec, listener, access);
        return deferredSource(name, kube().then((loaded) => {
          access = loaded;
          return startKube(name, spec, listener, loaded);
        }), listener);
    }
  };
}

function idleSource(): Source {
  return { name: 'validate', value: () => undefined, status: () => ({ synced: false, healthy: true }), stop: () => Promise.resolve() };
}

function parsePositiveSeconds(text: string): number {
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new Error(`"${text}" is not a positive number of seconds`);
  return seconds;
}
