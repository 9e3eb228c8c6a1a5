// Follows the reloader's own configuration: each new version is validated
// whole (schema, references, templates) before anything changes; a valid one
// becomes the running configuration (Reloader.reconfigure runs the normal
// transaction for what changed), an invalid one is refused and the last good
// one keeps running. A refusal is logged with every problem (each naming its
// field), counted in tandem_reloader_config_reloads_total{result="failure"},
// drops tandem_reloader_config_last_reload_successful to 0 and shows on
// /statusz; readiness is deliberately not affected (docs/reloader.md).
import { isDeepStrictEqual } from 'node:util';
import type { Logger } from '../logging/logger.ts';
import { parseConfigSnapshot, snapshotRevision, type ConfigFeed, type ConfigSnapshot } from './reloader-config-feed.ts';
import { ReloaderConfigError } from './reloader-config.ts';
import type { Reloader } from './reloader.ts';

export interface ConfigStatus {
  readonly origin: string;
  /** Content hash of the running configuration. */
  readonly revision: string;
  readonly loadedAt: string;
  /** False while the latest version seen is refused. */
  readonly valid: boolean;
  /** The refused version: its hash and its problems, each naming a field. */
  readonly rejected?: { readonly revision: string; readonly at: string; readonly problems: readonly string[] };
  /** Why the configuration cannot be watched right now (the running one stays). */
  readonly watchError?: string;
}

export interface ConfigFollower {
  /** Validates and, when valid and different, switches to it. Serialized; resolves when done. */
  offer(snapshot: ConfigSnapshot): Promise<void>;
  // A property: the server calls it unbound.
  readonly status: () => ConfigStatus;
  stop(): Promise<void>;
}

export interface ConfigFollowerOptions {
  readonly reloader: Reloader;
  readonly feed: ConfigFeed;
  /** The snapshot the reloader was started with. */
  readonly initial: ConfigSnapshot;
  readonly logger: Logger;
  /** False: offer() only (tests). Default true. */
  readonly watch?: boolean;
}

export function followConfig(options: ConfigFollowerOptions): ConfigFollower {
  const { reloader, feed } = options;
  const { metrics } = reloader;
  const logger = options.logger.child({ config: feed.origin });
  let last = options.initial;
  let status: ConfigStatus = { origin: feed.origin, revision: snapshotRevision(last), loadedAt: new Date().toISOString(), valid: true };
  let queue: Promise<void> = Promise.resolve();

  const apply = async (snapshot: ConfigSnapshot): Promise<void> => {
    // A relist or a touched file gives the same content again: nothing to do, nothing to count.
    if (isDeepStrictEqual(snapshot, last)) return;
    last = snapshot;
    const revision = snapshotRevision(snapshot);
    try {
      const diff = await reloader.reconfigure(parseConfigSnapshot(snapshot, feed.origin));
      status = { origin: feed.origin, revision, loadedAt: new Date().toISOString(), valid: true };
      metrics.configReloads.inc({ result: 'success' });
      metrics.configLastReloadSuccessful.set(1);
      metrics.configLastReloadSuccess.set(Date.now() / 1000);
      logger.info({ revision, ...diff }, diff.unchanged ? 'configuration changed, nothing that matters to the reloader' : 'configuration switched');
    } catch (error) {
      const problems = error instanceof ReloaderConfigError ? error.problems : [(error as Error).message];
      status = { ...status, valid: false, rejected: { revision, at: new Date().toISOString(), problems } };
      metrics.configReloads.inc({ result: 'failure' });
      metrics.configLastReloadSuccessful.set(0);
      logger.error({ revision, running: status.revision, problems }, `configuration refused, the last good one keeps running: ${problems.join('; ')}`);
    }
  };
  const offer = (snapshot: ConfigSnapshot): Promise<void> => {
    queue = queue.then(() => apply(snapshot));
    return queue;
  };

  const watching = options.watch === false
    ? undefined
    : feed.watch({
        onSnapshot: (snapshot) => {
          if (status.watchError !== undefined) status = { ...status, watchError: undefined };
          void offer(snapshot);
        },
        onError: (error) => {
          status = { ...status, watchError: (error as Error).message };
          logger.warn({ err: error }, 'cannot watch the configuration; the running one stays; retrying');
        },
      });
  return {
    offer,
    status: () => status,
    stop: async () => {
      await watching?.stop();
      await queue;
    },
  };
}
