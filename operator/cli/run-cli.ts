// What `tandem` does with its arguments: one program, the subcommands it
// needs, commander's parsing, and the error contract (a one-line `error: ...`
// on stderr, exit code 1). Shared by main.ts (the sources and the tsc build)
// and fast-cli.ts (the bundle bin/tandem and the image start).
import { Command, CommanderError, Help } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CommandTable, Register } from './command-table.ts';
import { showsOnlyProgramOutput } from './runs-fast.ts';

/**
 * What `tandem --help` shows of one subcommand: its line in the Commands
 * list, as commander's Help computes it from the registered command. The
 * bundle records these at build time (scripts/bundle.ts) so that the
 * program's own help and version need none of the commands' modules.
 */
export interface CommandSummary {
  readonly name: string;
  readonly term: string;
  readonly description: string;
}

/** The program every path starts from: name, description, version and error handling. */
export function createProgram(): Command {
  return new Command('tandem')
    .description('Compose Kubernetes pods from sidecars')
    .version(packageVersion())
    .showHelpAfterError()
    .exitOverride();
}

/**
 * Runs `tandem` on `argv` (process.argv's shape). A known subcommand loads
 * only its module. Help, version, an unknown command and bad options load
 * every command of `commands`, unless `summaries` can stand in for them
 * (showsOnlyProgramOutput). Exits on errors; resolves when the command's
 * action has.
 */
export async function runCli(argv: readonly string[], commands: CommandTable, summaries?: readonly CommandSummary[]): Promise<void> {
  const program = createProgram();
  for (const register of await registrations(argv, commands, summaries)) register(program);
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) process.exit(error.exitCode);
    // Imported here, not above: help and version must not load the YAML library.
    const { ManifestError } = await import('../manifest/yaml-documents.ts');
    const message = error instanceof ManifestError ? error.message : `error: ${(error as Error).message}`;
    process.stderr.write(`${message.startsWith('error:') ? message : `error: ${message}`}\n`);
    process.exit(1);
  }
}

async function registrations(argv: readonly string[], commands: CommandTable, summaries?: readonly CommandSummary[]): Promise<Register[]> {
  const requested = argv[2] ?? '';
  const only = Object.hasOwn(commands, requested) ? commands[requested] : undefined;
  if (only !== undefined) return [await only()];
  if (summaries !== undefined && showsOnlyProgramOutput(argv)) return [registerSummaries(summaries)];
  return Promise.all(Object.values(commands).map((load) => load()));
}

/**
 * Stand-ins for the subcommands: each has the name and description of the
 * real one, and the help lists it with the real one's term (flags and
 * arguments are what make the term, and a stand-in has none).
 */
export function registerSummaries(summaries: readonly CommandSummary[]): Register {
  return (program) => {
    const terms = new Map<Command, string>();
    for (const summary of summaries) terms.set(program.command(summary.name).description(summary.description), summary.term);
    program.configureHelp({
      ...program.configureHelp(),
      subcommandTerm(this: Help, command: Command): string {
        return terms.get(command) ?? Help.prototype.subcommandTerm.call(this, command);
      },
    });
  };
}

/** What `tandem --help` lists for each command of `program`, in its order. */
export function summarize(program: Command, names: readonly string[]): CommandSummary[] {
  const help = program.createHelp();
  return help
    .visibleCommands(program)
    .filter((command) => names.includes(command.name()))
    .map((command) => ({ name: command.name(), term: help.subcommandTerm(command), description: help.subcommandDescription(command) }));
}

/**
 * The version in the nearest package.json up from this file: the checkout's
 * for the sources and the bundle in node_modules/.cache/, /app/package.json
 * in the image for dist/operator/cli/, dist/bundle/ and dist/cli/ (which sit
 * at different depths).
 */
function packageVersion(): string {
  for (let dir = import.meta.dirname; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version ?? 'unknown';
    if (dirname(dir) === dir) return 'unknown';
  }
}
