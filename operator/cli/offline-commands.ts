import type { CommandTable } from './command-table.ts';

/**
 * The commands that need no cluster: what CI pipelines run per manifest, so
 * what the fast start-up (operator/cli/fast-cli.ts) bundles. Listed before the
 * server commands in `tandem --help`.
 */
export const OFFLINE_COMMANDS: CommandTable = {
  inject: async () => (await import('./inject-command.ts')).registerInjectCommand,
  explain: async () => (await import('./explain-command.ts')).registerExplainCommand,
};
