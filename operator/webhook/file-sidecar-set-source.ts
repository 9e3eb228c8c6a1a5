import type { SidecarSet } from '../api/sidecar-set.ts';
import type { Logger } from '../logging/logger.ts';
import { filesVersion, pollFiles } from './file-poller.ts';
import type { SidecarSetSource } from './sources.ts';

export interface FileSidecarSetSourceOptions {
  readonly paths: readonly string[];
  /** Reads and validates every file; throws an error naming the file, document and field. */
  readonly load: (paths: readonly string[]) => Promise<SidecarSet[]>;
  readonly logger: Logger;
  /** How often the files are checked for changes. */
  readonly intervalMs: number;
}

export interface FileSidecarSetSource extends SidecarSetSource {
  /** Re-reads the files now (SIGHUP), changed or not. Resolves true when the new sets are in use. */
  reload(): Promise<boolean>;
  stop(): void;
}

/**
 * SidecarSets from files (static mode), followed as the files change: edit a
 * file and the next pods get the new sets, without a restart. Files are
 * polled (stat), not watched, for the reason the certificate is: a ConfigMap
 * volume swaps a symlink. A version that does not load (invalid YAML, an
 * invalid set, a file half-written) is reported once and the previous sets
 * keep serving; there is always a whole, valid list.
 */
export async function startFileSidecarSetSource(options: FileSidecarSetSourceOptions): Promise<FileSidecarSetSource> {
  const loadedVersion = await filesVersion(options.paths);
  let sets: readonly SidecarSet[] = await options.load(options.paths);
  const poller = pollFiles({
    paths: options.paths,
    intervalMs: options.intervalMs,
    loadedVersion,
    load: async () => {
      // Each successful load is a new array of new objects: the contract of SidecarSetSource.
      sets = await options.load(options.paths);
      options.logger.info({ files: options.paths, count: sets.length }, 'SidecarSet files reloaded');
    },
    onReject: (error) => {
      options.logger.error({ err: error }, `SidecarSet files refused, still serving the previous ${sets.length} set(s): ${error.message}`);
    },
  });
  return {
    list: () => sets,
    synced: () => true,
    reload: () => poller.check(true),
    stop: () => {
      poller.stop();
    },
  };
}
