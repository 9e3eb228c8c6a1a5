import { addCertificateOptions, certificateSettings, type CertificateFlags, type CertificateSettings } from '../certificates/certificate-options.ts';
import { createCertificateHook } from '../kube/certificate-hook.ts';
import type { OperatorHooks } from './operator-command.ts';

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
