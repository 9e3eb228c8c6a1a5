// `tandem operator` with the self-managed certificate hook, wired the way
// operator/cli/main.ts is meant to wire it (see docs/operating.md): the
// certificate flags are added to the operator command and read when it runs.
import { Command } from 'commander';
import { registerOperatorCommand, type CertificateHook } from '../../../../operator/cli/operator-command.ts';
import { addCertificateOptions, certificateSettings, type CertificateFlags, type CertificateSettings } from '../../../../operator/certificates/certificate-options.ts';
import { createCertificateHook } from '../../../../operator/kube/certificate-hook.ts';

const program = new Command('tandem').exitOverride();
let settings: CertificateSettings | undefined;
const hook = createCertificateHook(() => {
  if (settings === undefined) throw new Error('certificate flags not parsed');
  return settings;
});
// The seam's start() is typed to return files; the server takes a source as well (docs/operating.md, wiring).
registerOperatorCommand(program, { certificates: hook as unknown as CertificateHook });
const operator = program.commands.find((command) => command.name() === 'operator');
if (operator === undefined) throw new Error('no operator command');
addCertificateOptions(operator).hook('preAction', (_program, action) => {
  settings = certificateSettings(action.opts<CertificateFlags>());
});
try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.stderr.write(`error: ${(error as Error).message}\n`);
  process.exit(1);
}
