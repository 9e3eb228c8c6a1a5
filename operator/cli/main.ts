#!/usr/bin/env node
// The `tandem` command. Wiring only: each subcommand lives in its own module.
import { Command, CommanderError } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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

/**
 * The version in the nearest package.json up from this file: the checkout's
 * for the sources, /app/package.json in the image for both dist/operator/cli/
 * and the bundle in dist/bundle/ (which sit at different depths).
 */
function packageVersion(): string {
  for (let dir = import.meta.dirname; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version ?? 'unknown';
    if (dirname(dir) === dir) return 'unknown';
  }
}

const program = new Command('tandem')
  .description('Compose Kubernetes pods from sidecars')
  .version(packageVersion())
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
