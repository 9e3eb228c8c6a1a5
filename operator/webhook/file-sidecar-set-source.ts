import { stat } from 'node:fs/promises';
import type { SidecarSet } from '../api/sidecar-set.ts';
import type { Logger } from '../logging/logger.ts';
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
  let version = await filesVersion(options.paths);
  let sets: readonly SidecarSet[] = await options.load(options.paths);
  let tried = version;
  let running: Promise<boolean> | undefined;

  const attempt = async (force: boolean): Promise<boolean> => {
    let current: string;
    try {
      current = await filesVersion(options.paths);
    } catch (error) {
      if (tried !== 'missing') options.logger.error({ err: error }, 'SidecarSet files unreadable; still serving the previous sets');
      tried = 'missing';
      return false;
    }
    if (!force && (current === version || current === tried)) return false;
    tried = current;
    try {
      const loaded = await options.load(options.paths);
      sets = loaded;
      version = current;
      options.logger.info({ files: options.paths, count: loaded.length }, 'SidecarSet files reloaded');
      return true;
    } catch (error) {
      options.logger.error({ err: error }, `SidecarSet files refused, still serving the previous ${sets.length} set(s): ${(error as Error).message}`);
      return false;
    }
  };
  const check = (force: boolean): Promise<boolean> => {
    running ??= attempt(force).finally(() => {
      running = undefined;
    });
    return running;
  };

  const timer = setInterval(() => void check(false), options.intervalMs);
  timer.unref();
  return {
    // Each successful load is a new array of new objects: the contract of SidecarSetSource.
    list: () => sets,
    synced: () => true,
    reload: () => check(true),
    stop: () => {
      clearInterval(timer);
    },
  };
}

async function filesVersion(paths: readonly string[]): Promise<string> {
  const versions = await Promise.all(
    paths.map(async (path) => {
      const info = await stat(path);
      return `${info.ino}:${info.size}:${info.mtimeMs}:${info.ctimeMs}`;
    }),
  );
  return versions.join('|');
}
