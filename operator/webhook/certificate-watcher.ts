import {
  certificateFilesVersion,
  loadServingCertificate,
  type CertificateFiles,
  type ServingCertificate,
} from './serving-certificate.ts';

export interface CertificateWatcherOptions {
  readonly files: CertificateFiles;
  /** How often to stat the files. */
  readonly intervalMs: number;
  /** Version of the files the current certificate was loaded from. */
  readonly loadedVersion: string;
  /** A changed pair that passed every check; install it. */
  readonly onLoad: (certificate: ServingCertificate) => void;
  /** A changed pair was refused; keep serving the current one. */
  readonly onReject: (error: Error) => void;
}

export interface CertificateWatcher {
  /** Checks now. `force` reloads even if the files look unchanged. Resolves true when a new pair was loaded. */
  check(force?: boolean): Promise<boolean>;
  stop(): void;
}

/**
 * Polls the files' metadata and reloads the pair when it changes. Polling is
 * used rather than fs.watch because a Secret volume update replaces a
 * symlink, which inotify on the file itself does not see. Each version of the
 * files is tried once: a half-written pair (new certificate, old key) is
 * refused and reported once, then retried when the next file lands.
 */
export function watchCertificate(options: CertificateWatcherOptions): CertificateWatcher {
  let tried = options.loadedVersion;
  let running: Promise<boolean> | undefined;

  const attempt = async (force: boolean): Promise<boolean> => {
    let version: string;
    try {
      version = await certificateFilesVersion(options.files);
    } catch (error) {
      if (tried !== 'missing') options.onReject(error as Error);
      tried = 'missing';
      return false;
    }
    if (version === tried && !force) return false;
    tried = version;
    try {
      options.onLoad(await loadServingCertificate(options.files, { rejectExpired: true }));
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
