// `tandem operator` for the tests, until operator/cli/main.ts registers it:
// the same registerOperatorCommand, wired into a bare program.
import { Command } from 'commander';
import { registerOperatorCommand } from '../../../../operator/cli/operator-command.ts';

const program = new Command('tandem').exitOverride();
registerOperatorCommand(program);
try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.stderr.write(`error: ${(error as Error).message}\n`);
  process.exit(1);
}
