import { execFile } from 'node:child_process';

export interface CommandResult {
  readonly ok: boolean;
  /** Exit code or signal, and the tail of standard error/output: what a log line needs. */
  readonly detail: string;
}

const OUTPUT_TAIL = 2_000;

/**
 * Runs argv without a shell (no word splitting, no globbing, no injection
 * through substituted values), with a timeout after which it is killed.
 */
export function runCommand(argv: readonly string[], timeoutMs: number): Promise<CommandResult> {
  const [file, ...args] = argv;
  if (file === undefined) return Promise.resolve({ ok: false, detail: 'empty command' });
  return new Promise((resolve) => {
    execFile(file, args, { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      const output = `${stderr}${stdout}`.trim().slice(-OUTPUT_TAIL);
      if (error === null) {
        resolve({ ok: true, detail: output });
        return;
      }
      const how = error.killed ? `killed after ${timeoutMs} ms` : error.code !== undefined ? `exit ${String(error.code)}` : error.message;
      resolve({ ok: false, detail: output === '' ? how : `${how}: ${output}` });
    });
  });
}

/** Replaces {{ src }} and {{ dest }} (spaces optional) in each argument; no other expansion happens. */
export function substitute(argv: readonly string[], values: Readonly<Record<'src' | 'dest', string>>): string[] {
  return argv.map((arg) => arg.replace(/\{\{\s*(src|dest)\s*\}\}/g, (_match, key: 'src' | 'dest') => values[key]));
}
