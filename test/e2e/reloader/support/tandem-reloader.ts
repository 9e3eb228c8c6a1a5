#!/usr/bin/env node
// `tandem reloader` alone, as operator/cli/main.ts runs it, for the e2e tests
// and the benchmark: the same command registration and error printing, without
// depending on the wiring of the other subcommands.
import { Command, CommanderError } from 'commander';
import { registerReloaderCommand } from '../../../../operator/cli/reloader-command.ts';

const program = new Command('tandem').exitOverride();
registerReloaderCommand(program);
try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  process.stderr.write(`error: ${(error as Error).message}\n`);
  process.exit(1);
}
