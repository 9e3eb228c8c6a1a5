import type { Logger } from '../logging/logger.ts';
import { formatListenAddress, type ListenAddress } from '../webhook/listen-address.ts';

/** What `tandem webhook` and `tandem operator` run: a server that can reload its certificate, and a graceful stop. */
export interface SignalledProcess {
  readonly server: { readonly address: ListenAddress; reloadCertificate(): Promise<boolean> };
  /** What else SIGHUP re-reads (static-mode SidecarSet files). */
  reload?(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Resolves once SIGTERM or SIGINT has been handled by a graceful stop. A
 * second signal gets Node's default handling (exit at once), since the
 * handlers are installed with once(). SIGHUP re-reads the certificate (and
 * whatever else `reload` covers).
 */
export function untilSignalled(running: SignalledProcess, logger: Logger, what: string): Promise<void> {
  const reload = (): void => {
    void running.server.reloadCertificate().then((loaded) => {
      logger.info({ loaded }, 'SIGHUP: certificate checked');
    });
    void running.reload?.();
  };
  process.on('SIGHUP', reload);
  logger.info({ listen: formatListenAddress(running.server.address) }, `${what} running; SIGTERM or SIGINT stops it`);
  return new Promise((resolve, reject) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off('SIGTERM', stop).off('SIGINT', stop).off('SIGHUP', reload);
      logger.info({ signal }, 'shutting down gracefully');
      running.stop().then(resolve, reject);
    };
    process.once('SIGTERM', stop).once('SIGINT', stop);
  });
}
