#!/usr/bin/env node
// The `tandem` command. Wiring only: each subcommand lives in its own module.
import { Command, CommanderError } from 'commander';
import { ManifestError } from '../manifest/yaml-documents.ts';

type Register = (program: Command) => void;

/**
 * Each command's module is imported only when that command runs: the
 * reloader sidecar must not pay, in memory and start-up time, for the
 * controller, the certificate manager and the Kubernetes client it never
 * uses. Help (no or an unknown command) loads them all to list them.
 */
const COMMANDS: Readonly<Record<string, () => Promise<Register>>> = {
  inject: async () => (await import('./inject-command.ts')).registerInjectCommand,
  explain: async () => (await import('./explain-command.ts')).registerExplainCommand,
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

const program = new Command('tandem')
  .description('Compose Kubernetes pods from sidecars')
  .showHelpAfterError()
  .exitOverride();

const requested = process.argv[2] ?? '';
const only = Object.hasOwn(COMMANDS, requested) ? COMMANDS[requested] : undefined;
const registers = await Promise.all((only === undefined ? Object.values(COMMANDS) : [only]).map((load) => load()));
for (const register of registers) register(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  const message = error instanceof ManifestError ? error.message : `error: ${(error as Error).message}`;
  process.stderr.write(`${message.startsWith('error:') ? message : `error: ${message}`}\n`);
  process.exit(1);
}
