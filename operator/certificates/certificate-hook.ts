import type { KubeConfig } from '@kubernetes/client-node';
import type { Registry } from 'prom-client';
import type { CertificateSettings } from '../certificates/certificate-options.ts';
import { servingNames } from '../certificates/serving-names.ts';
import type { Logger } from '../logging/logger.ts';
import type { CertificateFiles, CertificateSource } from '../webhook/serving-certificate.ts';
import { startCertificateManager, type CertificateManager } from './certificate-manager.ts';

/** What `tandem operator` hands the certificate hook (its CertificateContext). */
export interface CertificateHookContext {
  readonly kubeConfig: KubeConfig;
  readonly namespace: string;
  readonly logger: Logger;
  readonly registry: Registry;
  readonly flagFiles: CertificateFiles | undefined;
}

/** The operator's certificate seam, returning files (cert-manager, provided) or an in-memory source (self-managed). */
export interface CertificateHookImplementation {
  start(context: CertificateHookContext): Promise<CertificateFiles | CertificateSource>;
  onLeadershipChange(leading: boolean): void;
  stop(): Promise<void>;
}

/**
 * `settings` may be a function: commander parses flags after the hook is
 * handed to the command, so the settings are read when start() runs.
 */
export function createCertificateHook(settings: CertificateSettings | (() => CertificateSettings)): CertificateHookImplementation {
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
        kubeConfig: context.kubeConfig,
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
