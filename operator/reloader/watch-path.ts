import { watch, type FSWatcher } from 'node:fs';

export interface PathWatchOptions {
  /** What fs.watch watches: a directory (for a file that is replaced by renaming) or the source path itself. */
  readonly path: string;
  readonly recursive: boolean;
  /** One read after a burst of events (an editor's save, a symlink swap). */
  readonly settleMs: number;
  /** A read this often whatever the events say. */
  readonly rescanMs: number;
  /** Reads and delivers. Runs one at a time, never after stop; must not reject (its errors are the caller's to report). */
  readonly read: () => Promise<void>;
  /** Read once right away (default: only on events and rescans). */
  readonly readNow?: boolean;
}

export interface PathWatch {
  /** No read starts after this; resolves once the one in progress, if any, is done. */
  stop(): Promise<void>;
}

/**
 * fs.watch for fast notice, plus a periodic rescan for what inotify misses:
 * files replaced through a symlink swap (a mounted ConfigMap's ..data), network
 * file systems, a watch that could not start because the path did not exist
 * yet (it is retried after every read).
 */
export function watchPath(options: PathWatchOptions): PathWatch {
  let stopped = false;
  let watcher: FSWatcher | undefined;
  let settle: NodeJS.Timeout | undefined;
  let reading: Promise<void> = Promise.resolve();
  const ensureWatch = (): void => {
    if (watcher !== undefined || stopped) return;
    try {
      watcher = watch(options.path, { recursive: options.recursive, persistent: false }, changed);
      watcher.on('error', () => {
        watcher?.close();
        watcher = undefined;
        changed();
      });
    } catch {
      // The rescan covers it.
    }
  };
  const read = (): void => {
    reading = reading.then(async () => {
      if (stopped) return;
      await options.read();
      ensureWatch();
    });
  };
  function changed(): void {
    clearTimeout(settle);
    settle = setTimeout(read, options.settleMs);
  }
  const rescan = setInterval(read, options.rescanMs);
  rescan.unref();
  if (options.readNow === true) read();
  else ensureWatch();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(rescan);
      clearTimeout(settle);
      watcher?.close();
      await reading;
    },
  };
}
