import { Option, type Command } from 'commander';
import { createCertificateHook } from '../certificates/certificate-hook.ts';
import {
  CERTIFICATE_MODES,
  certificateSettings,
  DEFAULT_SECRET_NAME,
  DEFAULT_WEBHOOK_CONFIGURATION,
  DEFAULT_WEBHOOK_SERVICE,
  formatDuration,
  parseDuration,
  type CertificateFlags,
  type CertificateSettings,
} from '../certificates/certificate-options.ts';
import { DEFAULT_CERTIFICATE_POLICY } from '../certificates/certificate-policy.ts';
import { flagParser } from './flag-parsers.ts';
import type { OperatorHooks } from './start-operator.ts';

/**
 * Plugs the certificate manager into `tandem operator`: its flags
 * (--certificate-mode and friends) and the hook that serves a self-managed,
 * rotated certificate or the mounted files. Commander parses flags after the
 * hook is built, so the settings are captured just before the action runs.
 */
export function certificateHooks(): OperatorHooks {
  let settings: CertificateSettings | undefined;
  const certificates = createCertificateHook(() => {
    if (settings === undefined) throw new Error('the certificate flags were not parsed');
    return settings;
  });
  return {
    certificates,
    addOptions: (command) => {
      addCertificateOptions(command).hook('preAction', (_program, action) => {
        settings = certificateSettings(action.opts<CertificateFlags>());
      });
    },
  };
}

/** Adds the certificate flags to a command (`tandem operator`). */
export function addCertificateOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--certificate-mode <mode>', 'self-managed (default without --tls-cert-file), cert-manager or provided (default with it)').choices(CERTIFICATE_MODES),
    )
    .option('--certificate-secret <name>', 'self-managed: Secret holding the CA and serving certificate (in the operator\'s namespace)', DEFAULT_SECRET_NAME)
    .option('--webhook-configuration <name>', 'self-managed: MutatingWebhookConfiguration whose caBundle is kept current', DEFAULT_WEBHOOK_CONFIGURATION)
    .option('--webhook-service <name>', 'self-managed: Service the apiserver calls (names in the certificate)', DEFAULT_WEBHOOK_SERVICE)
    .option('--certificate-names <name,...>', 'self-managed: extra DNS names or IP addresses in the serving certificate', parseList)
    .addOption(
      durationOption('--ca-lifetime <duration>', 'self-managed: CA lifetime (e.g. 8760h, 365d); a successor is added at half of it', DEFAULT_CERTIFICATE_POLICY.caLifetimeMs),
    )
    .addOption(
      durationOption('--serving-lifetime <duration>', 'self-managed: serving certificate lifetime; re-issued at 2/3 of it', DEFAULT_CERTIFICATE_POLICY.servingLifetimeMs),
    )
    .addOption(
      durationOption(
        '--certificate-propagation-delay <duration>',
        'self-managed: how long a new CA is published before it signs, and a new certificate is served before the old CA goes',
        DEFAULT_CERTIFICATE_POLICY.propagationDelayMs,
      ),
    );
}

/** A duration flag whose default is shown as a duration, not milliseconds. */
function durationOption(flags: string, description: string, defaultMs: number): Option {
  return new Option(flags, description).argParser(flagParser(parseDuration)).default(defaultMs, formatDuration(defaultMs));
}

function parseList(text: string): string[] {
  return text.split(',').map((part) => part.trim()).filter((part) => part !== '');
}
