// Runs a build tool and returns its stdout; a failure is an error naming the
// command, its exit code and the end of its stderr. Output that the user
// should see as progress (npm, go) goes to our stderr instead.
import { spawn, spawnSync } from 'node:child_process';

export interface RunOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Stream the tool's output to stderr as progress instead of capturing it. */
  readonly progress?: boolean;
}

function failure(command: string, args: readonly string[], code: number | null, stderr: string): Error {
  const tail = stderr.trim().split('\n').slice(-20).join('\n');
  return new Error(`${[command, ...args].join(' ')} failed (exit ${code ?? 'signal'})${tail === '' ? '' : `:\n${tail}`}`);
}

/** Synchronous, for quick queries (apt-cache, git, go version). */
export function runSync(command: string, args: readonly string[], options: RunOptions = {}): string {
  const result = spawnSync(command, args, { cwd: options.cwd, env: options.env ?? process.env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.error !== undefined) throw new Error(`cannot run ${command}: ${result.error.message}`);
  if (result.status !== 0) throw failure(command, args, result.status, result.stderr);
  return result.stdout;
}

/** Asynchronous, for the long steps (npm ci, tsc, go build, apt-get download). */
export function run(command: string, args: readonly string[], options: RunOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', options.progress === true ? 2 : 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr?.setEncoding('utf8').on('data', (text: string) => {
      stderr += text;
      if (options.progress === true) process.stderr.write(text);
    });
    child.on('error', (error) => {
      reject(new Error(`cannot run ${command}: ${error.message}`));
    });
    child.on('close', (code) => {
      if (code === 0) resolve(stdout);
      else reject(failure(command, args, code, stderr));
    });
  });
}
