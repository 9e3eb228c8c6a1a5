// A node child process whose JSON log lines (pino) go to a file the test reads,
// and small readers of what such processes serve (/metrics over HTTPS).
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { request } from 'node:https';
import { StopWaiting, waitFor } from '../../support/wait.ts';
import { repoRoot } from '../cluster-env.ts';

export interface LoggedProcess {
  readonly pid: number;
  /** The JSON lines it wrote to stdout/stderr so far. */
  readonly lines: () => Record<string, unknown>[];
  /** Resolves with the first line `match` accepts; throws if the process exits first or time is up. */
  readonly untilLine: (match: (line: Record<string, unknown>) => boolean, timeoutMs: number) => Promise<Record<string, unknown>>;
  /** SIGTERM by PID, SIGKILL after 10 s; resolves when the process has exited. */
  readonly stop: () => Promise<void>;
}

/** `node ARGS...` in the repository, stdout and stderr to `logFile`. */
export function spawnLogged(args: readonly string[], logFile: string): LoggedProcess {
  const out = openSync(logFile, 'w');
  const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', out, out], env: { ...process.env, NODE_OPTIONS: '' } });
  closeSync(out);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`cannot start node ${args.join(' ')}`);
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((resolve) => {
    child.on('exit', (code, signal) => {
      exitCode = code ?? (signal === null ? null : -1);
      resolve();
    });
  });
  const lines = (): Record<string, unknown>[] => parseLogLines(readFileSync(logFile, 'utf8'));
  const stop = async (): Promise<void> => {
    if (exitCode !== undefined) return;
    process.kill(pid, 'SIGTERM');
    const timer = setTimeout(() => {
      if (exitCode === undefined) process.kill(pid, 'SIGKILL');
    }, 10_000);
    await exited;
    clearTimeout(timer);
  };
  const untilLine = (match: (line: Record<string, unknown>) => boolean, timeoutMs: number): Promise<Record<string, unknown>> =>
    waitForLogLine({ what: `node ${args.join(' ')}`, logFile, lines, exitCode: () => exitCode, stop }, match, timeoutMs);
  return { pid, lines, untilLine, stop };
}

/** What waitForLogLine needs from a process that logs JSON lines to a file. */
export interface LoggingProcess {
  /** For the error: the command line. */
  readonly what: string;
  readonly logFile: string;
  lines(): Record<string, unknown>[];
  /** undefined while it runs. */
  exitCode(): number | null | undefined;
  stop(): Promise<unknown>;
}

/** The first log line `match` accepts; when the process exits first or the time is up, stops it and throws with its log. */
export async function waitForLogLine(child: LoggingProcess, match: (line: Record<string, unknown>) => boolean, timeoutMs: number): Promise<Record<string, unknown>> {
  try {
    return await waitFor('a log line', () => {
      const found = child.lines().find(match);
      if (found === undefined && child.exitCode() !== undefined) throw new StopWaiting(`exited (${child.exitCode()})`);
      return found;
    }, timeoutMs, 100);
  } catch (error) {
    await child.stop();
    const why = error instanceof StopWaiting ? error.message : `gave no expected line in ${timeoutMs} ms`;
    throw new Error(`${child.what} ${why}:\n${readFileSync(child.logFile, 'utf8')}`, { cause: error });
  }
}

/** The JSON lines of a process's log (pino), skipping anything else it printed. */
export function parseLogLines(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
}

export function httpsGet(url: string, caPem: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca: caPem, timeout: 5_000, agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, body });
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

/** Prometheus text format, good enough for counters: `name{a="b"} 3` -> key `name{a="b"}`. */
export function parseMetrics(text: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const space = line.lastIndexOf(' ');
    values.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return values;
}

/** Sum of every series of one metric, whatever its labels. */
export function metricTotal(metrics: Map<string, number>, name: string): number {
  let total = 0;
  for (const [key, value] of metrics) if (key === name || key.startsWith(`${name}{`)) total += value;
  return total;
}

