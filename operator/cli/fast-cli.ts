// The entry point of the fast CLI bundle (scripts/bundle.ts builds it into
// one CommonJS file; fast-start.ts loads it): the offline commands, and the
// program's help and version from summaries of every command recorded when
// the bundle was built. Everything else (the server commands, unknown
// commands, bad options) is the full CLI's (main.ts), which the caller runs.
import { OFFLINE_COMMANDS } from './offline-commands.ts';
import { runCli, type CommandSummary } from './run-cli.ts';
import { runsFast } from './runs-fast.ts';

/** Replaced by the bundler (esbuild `define`) with the summaries of every command. */
declare const TANDEM_COMMAND_SUMMARIES: readonly CommandSummary[];

export async function runFastCli(argv: readonly string[]): Promise<void> {
  if (!runsFast(argv)) throw new Error(`the fast CLI does not run "${argv[2] ?? ''}"; main.ts does`);
  await runCli(argv, OFFLINE_COMMANDS, TANDEM_COMMAND_SUMMARIES);
}
