// One safe transaction for one reload group:
//   skip if nothing changed -> stage -> check each staged file -> swap all
//   -> reload once -> verify -> on reload/verify failure restore and report.
// The result says what happened; nothing here logs or counts, the caller does.
import type { ReloadOutcome } from './reload-action.ts';
import type { CommandResult } from './run-command.ts';
import { substitute } from './run-command.ts';
import {
  discardBackups,
  discardStaged,
  fileMatches,
  restoreFiles,
  stageFile,
  swapFiles,
  type DesiredFile,
  type StagedFile,
} from './staged-files.ts';

export interface TransactionFile extends DesiredFile {
  /** argv with {{ src }} (staged path) and {{ dest }}. */
  readonly check?: readonly string[];
}

export interface TransactionSteps {
  check(argv: readonly string[]): Promise<CommandResult>;
  /** Throws a ReloadError when the reload fails. */
  reload(): Promise<ReloadOutcome>;
  /** Throws when the reloaded app does not serve what it should. */
  verify?(): Promise<void>;
}

export type TransactionResult =
  | { readonly result: 'unchanged' }
  | { readonly result: 'applied'; readonly files: readonly string[]; readonly reload: ReloadOutcome }
  | { readonly result: 'stage-failed'; readonly error: string }
  | { readonly result: 'check-failed'; readonly file: string; readonly error: string }
  | {
      readonly result: 'reload-failed' | 'verify-failed';
      readonly files: readonly string[];
      readonly error: string;
      /** The previous files are back; for verify-failed the app was reloaded onto them again. */
      readonly rolledBack: boolean;
      readonly rollbackError?: string;
    };

export async function runTransaction(files: readonly TransactionFile[], steps: TransactionSteps): Promise<TransactionResult> {
  const changed: TransactionFile[] = [];
  for (const file of files) if (!(await fileMatches(file))) changed.push(file);
  if (changed.length === 0) return { result: 'unchanged' };

  const staged: StagedFile[] = [];
  try {
    for (const file of changed) staged.push(await stageFile(file));
  } catch (error) {
    await discardStaged(staged);
    return { result: 'stage-failed', error: (error as Error).message };
  }
  const failedCheck = await checkAll(changed, staged, steps);
  if (failedCheck !== undefined) {
    await discardStaged(staged);
    return failedCheck;
  }

  const swapped = await swapFiles(staged);
  const dests = changed.map((file) => file.dest);
  let outcome: ReloadOutcome;
  try {
    outcome = await steps.reload();
  } catch (error) {
    return rollBack({ result: 'reload-failed', files: dests, error: (error as Error).message }, swapped, undefined);
  }
  if (steps.verify !== undefined && outcome.kind === 'reloaded') {
    try {
      await steps.verify();
    } catch (error) {
      return rollBack({ result: 'verify-failed', files: dests, error: (error as Error).message }, swapped, steps);
    }
  }
  await discardBackups(swapped);
  return { result: 'applied', files: dests, reload: outcome };
}

async function checkAll(
  changed: readonly TransactionFile[],
  staged: readonly StagedFile[],
  steps: TransactionSteps,
): Promise<TransactionResult | undefined> {
  for (const [index, file] of changed.entries()) {
    const stagedPath = staged[index]?.staged ?? '';
    if (file.check === undefined) continue;
    const result = await steps.check(substitute(file.check, { src: stagedPath, dest: file.dest }));
    if (!result.ok) return { result: 'check-failed', file: file.dest, error: result.detail };
  }
  return undefined;
}

type Failure = Extract<TransactionResult, { rolledBack: boolean }>;

async function rollBack(
  failure: Omit<Failure, 'rolledBack'>,
  swapped: Parameters<typeof restoreFiles>[0],
  reloadAgain: TransactionSteps | undefined,
): Promise<TransactionResult> {
  try {
    await restoreFiles(swapped);
    // The app took the bad files: give it the good ones back the same way.
    if (reloadAgain !== undefined) await reloadAgain.reload();
    return { ...failure, rolledBack: true };
  } catch (error) {
    return { ...failure, rolledBack: false, rollbackError: (error as Error).message };
  }
}
