import { stat } from 'node:fs/promises';

export interface FilePollerOptions {
  readonly paths: readonly string[];
  /** How often to stat the files. */
  readonly intervalMs: number;
  /** Version of the files what is in use was loaded from (see filesVersion). */
  readonly loadedVersion: string;
  /** The files changed (or a reload was forced): load them; throw to refuse this version. */
  readonly load: () => Promise<void>;
  /** The files could not be read, or `load` refused them; what is in use stays. */
  readonly onReject: (error: Error) => void;
}

export interface FilePoller {
  /** Checks now. `force` loads even if the files look unchanged. Resolves true when a new version was loaded. */
  check(force?: boolean): Promise<boolean>;
  stop(): void;
}

/**
 * Polls the files' metadata and loads them when it changes. Polling is used
 * rather than fs.watch because a Secret or ConfigMap volume update replaces a
 * symlink, which inotify on the file itself does not see. Each version of the
 * files is tried once: a half-written set (new certificate, old key; a file
 * cut off mid-write) is refused and reported once, then retried when the next
 * write lands.
 */
export function pollFiles(options: FilePollerOptions): FilePoller {
  let tried = options.loadedVersion;
  let running: Promise<boolean> | undefined;

  const attempt = async (force: boolean): Promise<boolean> => {
    let version: string;
    try {
      version = await filesVersion(options.paths);
    } catch (error) {
      if (tried !== 'missing') options.onReject(error as Error);
      tried = 'missing';
      return false;
    }
    if (version === tried && !force) return false;
    tried = version;
    try {
      await options.load();
      return true;
    } catch (error) {
      options.onReject(error as Error);
      return false;
    }
  };

  const check = (force = false): Promise<boolean> => {
    // One check at a time; a slow disk must not stack them up.
    running ??= attempt(force).finally(() => {
      running = undefined;
    });
    return running;
  };

  const timer = setInterval(() => void check(), options.intervalMs);
  timer.unref();
  return {
    check,
    stop: () => {
      clearInterval(timer);
    },
  };
}

/** Identity of the files' current contents, from their metadata (inode, size, times). */
export async function filesVersion(paths: readonly string[]): Promise<string> {
  const versions = await Promise.all(
    paths.map(async (path) => {
      const info = await stat(path);
      return `${info.ino}:${info.size}:${info.mtimeMs}:${info.ctimeMs}`;
    }),
  );
  return versions.join('|');
}
