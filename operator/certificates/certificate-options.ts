import { DEFAULT_CERTIFICATE_POLICY, validateCertificatePolicy, type CertificatePolicy } from './certificate-policy.ts';

export const CERTIFICATE_MODES = ['self-managed', 'cert-manager', 'provided'] as const;
export type CertificateMode = (typeof CERTIFICATE_MODES)[number];

/** Names the chart gives its objects for a release called "tandem". */
export const DEFAULT_SECRET_NAME = 'tandem-webhook-tls';
export const DEFAULT_WEBHOOK_CONFIGURATION = 'tandem';
export const DEFAULT_WEBHOOK_SERVICE = 'tandem-webhook';
export const WEBHOOK_NAME = 'inject.tandem.dev';

export interface CertificateSettings {
  /**
   * self-managed: the operator's own CA, Secret and caBundle. cert-manager and
   * provided: serve the --tls-cert-file/--tls-key-file pair (a mounted
   * Secret) and leave the caBundle to cert-manager or the user.
   */
  readonly mode: CertificateMode;
  readonly secretName: string;
  readonly webhookConfigurationName: string;
  readonly webhookNames: readonly string[];
  readonly service: string;
  /** Extra DNS names or IP addresses for the serving certificate (127.0.0.1 when called by URL). */
  readonly extraNames: readonly string[];
  readonly policy: CertificatePolicy;
}

/** Parsed flags, as commander hands them over (names are the camelCase of the options; operator/cli/certificate-hooks.ts). */
export interface CertificateFlags {
  readonly certificateMode?: CertificateMode;
  readonly certificateSecret?: string;
  readonly webhookConfiguration?: string;
  readonly webhookService?: string;
  readonly certificateNames?: readonly string[];
  readonly caLifetime?: number;
  readonly servingLifetime?: number;
  readonly certificatePropagationDelay?: number;
  readonly tlsCertFile?: string;
}

export function certificateSettings(flags: CertificateFlags): CertificateSettings {
  return {
    mode: flags.certificateMode ?? (flags.tlsCertFile !== undefined ? 'provided' : 'self-managed'),
    secretName: flags.certificateSecret ?? DEFAULT_SECRET_NAME,
    webhookConfigurationName: flags.webhookConfiguration ?? DEFAULT_WEBHOOK_CONFIGURATION,
    webhookNames: [WEBHOOK_NAME],
    service: flags.webhookService ?? DEFAULT_WEBHOOK_SERVICE,
    extraNames: flags.certificateNames ?? [],
    policy: validateCertificatePolicy({
      ...DEFAULT_CERTIFICATE_POLICY,
      caLifetimeMs: flags.caLifetime ?? DEFAULT_CERTIFICATE_POLICY.caLifetimeMs,
      servingLifetimeMs: flags.servingLifetime ?? DEFAULT_CERTIFICATE_POLICY.servingLifetimeMs,
      propagationDelayMs: flags.certificatePropagationDelay ?? DEFAULT_CERTIFICATE_POLICY.propagationDelayMs,
    }),
  };
}

const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "90s", "15m", "2160h", "365d" → milliseconds. */
export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(text.trim());
  if (match === null) throw new Error(`"${text}" is not a duration like 30s, 15m, 2160h or 365d`);
  return Number(match[1]) * (UNITS[match[2] ?? 's'] ?? 1_000);
}

/** The shortest of h, m, s that states `ms` exactly: how a default is shown in --help. */
export function formatDuration(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  return `${ms / 1_000}s`;
}
