// Which command lines the fast CLI bundle runs. No imports, so that the
// launcher (fast-start.ts, bundled alone into launch.cjs) decides before it
// loads the bundle: `tandem webhook`, `operator` and `reloader` go straight to
// the full CLI and pay nothing for the bundle.

/** The commands that need no cluster; OFFLINE_COMMANDS (offline-commands.ts) has exactly these keys. */
export const OFFLINE_COMMAND_NAMES = ['inject', 'explain'] as const;

export type OfflineCommandName = (typeof OFFLINE_COMMAND_NAMES)[number];

/**
 * Arguments whose whole output is the program's own (its help or its
 * version), whatever the subcommands do. Deliberately only these exact
 * forms: anything else may reach a subcommand, which then must be the real one.
 */
const PROGRAM_ONLY = new Set(['', '-h', '--help', 'help', '-V', '--version']);

/** Whether `argv` (process.argv's shape) shows only the program's help or version. */
export function showsOnlyProgramOutput(argv: readonly string[]): boolean {
  return argv.length <= 3 && PROGRAM_ONLY.has(argv[2] ?? '');
}

/** Whether the fast CLI bundle runs `argv` exactly as main.ts would: an offline command, or the program's help or version. */
export function runsFast(argv: readonly string[]): boolean {
  return (OFFLINE_COMMAND_NAMES as readonly string[]).includes(argv[2] ?? '') || showsOnlyProgramOutput(argv);
}
