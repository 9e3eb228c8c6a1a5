import type { CommandTable } from './command-table.ts';
import { OFFLINE_COMMANDS } from './offline-commands.ts';

/** Every `tandem` subcommand, in the order `tandem --help` lists them. */
export const COMMANDS: CommandTable = {
  ...OFFLINE_COMMANDS,
  reloader: async () => (await import('./reloader-command.ts')).registerReloaderCommand,
  webhook: async () => (await import('./webhook-command.ts')).registerWebhookCommand,
  operator: async () => {
    const [{ registerOperatorCommand }, { certificateHooks }] = await Promise.all([
      import('./operator-command.ts'),
      import('./certificate-hooks.ts'),
    ]);
    return (program) => registerOperatorCommand(program, certificateHooks());
  },
};
