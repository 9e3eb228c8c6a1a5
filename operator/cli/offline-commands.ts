import type { CommandTable } from './command-table.ts';
import type { OfflineCommandName } from './runs-fast.ts';

/**
 * The commands that need no cluster: what CI pipelines run per manifest, so
 * what the fast start-up (operator/cli/fast-cli.ts) bundles. Listed before the
 * server commands in `tandem --help`. Exactly the names of
 * OFFLINE_COMMAND_NAMES, which the launcher decides by before loading the bundle.
 */
export const OFFLINE_COMMANDS: CommandTable = {
  inject: async () => (await import('./inject-command.ts')).registerInjectCommand,
  explain: async () => (await import('./explain-command.ts')).registerExplainCommand,
} satisfies Record<OfflineCommandName, CommandTable[string]>;
