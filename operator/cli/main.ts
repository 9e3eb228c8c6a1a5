#!/usr/bin/env node
// The `tandem` command. Wiring only: each subcommand lives in its own module.
import { Command, CommanderError } from 'commander';
import { ManifestError } from '../manifest/yaml-documents.ts';
import { registerExplainCommand } from './explain-command.ts';
import { certificateHooks } from './certificate-hooks.ts';
import { registerInjectCommand } from './inject-command.ts';
import { registerOperatorCommand } from './operator-command.ts';
import { registerReloaderCommand } from './reloader-command.ts';
import { registerWebhookCommand } from './webhook-command.ts';

const program = new Command('tandem')
  .description('Compose Kubernetes pods from sidecars')
  .showHelpAfterError()
  .exitOverride();

registerInjectCommand(program);
registerExplainCommand(program);
registerReloaderCommand(program);
registerWebhookCommand(program);
registerOperatorCommand(program, certificateHooks());

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  const message = error instanceof ManifestError ? error.message : `error: ${(error as Error).message}`;
  process.stderr.write(`${message.startsWith('error:') ? message : `error: ${message}`}\n`);
  process.exit(1);
}
