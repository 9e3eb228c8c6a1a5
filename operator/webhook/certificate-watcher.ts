import { pollFiles, type FilePoller } from './file-poller.ts';
import { loadServingCertificate, type CertificateFiles, type ServingCertificate } from './serving-certificate.ts';

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

export type CertificateWatcher = FilePoller;

/** Reloads the pair when its files change; an expired or mismatched pair is refused (see pollFiles). */
export function watchCertificate(options: CertificateWatcherOptions): CertificateWatcher {
  return pollFiles({
    paths: [options.files.certFile, options.files.keyFile],
    intervalMs: options.intervalMs,
    loadedVersion: options.loadedVersion,
    load: async () => {
      options.onLoad(await loadServingCertificate(options.files, { rejectExpired: true }));
    },
    onReject: options.onReject,
  });
}
