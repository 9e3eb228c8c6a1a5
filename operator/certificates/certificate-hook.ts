import type { Registry } from 'prom-client';
import type { KubeClient } from '../kube/kube-client.ts';
import type { Logger } from '../logging/logger.ts';
import type { CertificateFiles, CertificateSource } from '../webhook/serving-certificate.ts';
import type { CertificateSettings } from './certificate-options.ts';
import { startCertificateManager, type CertificateManager } from './certificate-manager.ts';
import { servingNames } from './serving-names.ts';

/** What `tandem operator` hands the certificate hook. */
export interface CertificateContext {
  readonly client: KubeClient;
  /** The namespace the operator runs in (where its Secret and Lease live). */
  readonly namespace: string;
  readonly logger: Logger;
  /** The /metrics registry: the certificate expiry gauge goes here. */
  readonly registry: Registry;
  /** --tls-cert-file/--tls-key-file when given (a user-provided certificate). */
  readonly flagFiles: CertificateFiles | undefined;
}

/**
 * The operator's seam for webhook certificates. Without a hook, `tandem
 * operator` serves the files named by --tls-cert-file/--tls-key-file and
 * reloads them when they change (as `tandem webhook` does).
 */
export interface CertificateHook {
  /**
   * Called once, before the webhook server starts. Returns either files (the
   * server polls them and swaps in a changed pair without dropping
   * connections: cert-manager, provided) or a CertificateSource that pushes
   * new pairs (self-managed: in memory, from the Secret the manager watches).
   */
  start(context: CertificateContext): Promise<CertificateFiles | CertificateSource>;
  /** Every leadership change of this replica: only the leader rotates and patches caBundle. */
  onLeadershipChange(leading: boolean): void;
  /** Called last on shutdown. */
  stop(): Promise<void>;
}

/**
 * `settings` may be a function: commander parses flags after the hook is
 * handed to the command, so the settings are read when start() runs.
 */
export function createCertificateHook(settings: CertificateSettings | (() => CertificateSettings)): CertificateHook {
  let manager: CertificateManager | undefined;
  let leading = false;
  return {
    start: async (context) => {
      const resolved = typeof settings === 'function' ? settings() : settings;
      if (resolved.mode !== 'self-managed') {
        if (context.flagFiles === undefined) {
          throw new Error(`--certificate-mode ${resolved.mode} serves a mounted certificate: --tls-cert-file and --tls-key-file are required`);
        }
        context.logger.info({ mode: resolved.mode, certFile: context.flagFiles.certFile }, 'serving the certificate files; the caBundle is not managed by Tandem');
        return context.flagFiles;
      }
      if (context.flagFiles !== undefined) throw new Error('--tls-cert-file/--tls-key-file cannot be used with --certificate-mode self-managed');
      manager = await startCertificateManager({
        client: context.client,
        namespace: context.namespace,
        secretName: resolved.secretName,
        webhookConfigurationName: resolved.webhookConfigurationName,
        webhookNames: resolved.webhookNames,
        names: servingNames({ service: resolved.service, namespace: context.namespace, extra: resolved.extraNames }),
        policy: resolved.policy,
        logger: context.logger,
        registry: context.registry,
        leaderOnly: true,
      });
      manager.setLeading(leading);
      return manager.source;
    },
    onLeadershipChange: (value) => {
      leading = value;
      manager?.setLeading(value);
    },
    stop: async () => {
      await manager?.stop();
    },
  };
}
