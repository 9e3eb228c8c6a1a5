// A node child process whose JSON log lines (pino) go to a file the test reads,
// and small readers of what such processes serve (/metrics over HTTPS).
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { request } from 'node:https';
import { sleep } from '../../support/wait.ts';
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
  const untilLine = async (match: (line: Record<string, unknown>) => boolean, timeoutMs: number): Promise<Record<string, unknown>> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = lines().find(match);
      if (found !== undefined) return found;
      if (exitCode !== undefined || Date.now() > deadline) {
        await stop();
        throw new Error(`node ${args.join(' ')} ${exitCode !== undefined ? `exited (${exitCode})` : `gave no expected line in ${timeoutMs} ms`}:\n${readFileSync(logFile, 'utf8')}`);
      }
      await sleep(100);
    }
  };
  return { pid, lines, untilLine, stop };
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

