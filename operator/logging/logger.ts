import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Environment variable read when no --log-level is given. */
export const LOG_LEVEL_ENV = 'TANDEM_LOG_LEVEL';

export interface LoggerOptions {
  /** Default: $TANDEM_LOG_LEVEL, else info. */
  readonly level?: string;
  /** Default: standard output. Tests pass a stream to capture lines. */
  readonly destination?: DestinationStream;
}

// Defence in depth: nothing logs credentials on purpose (pods, headers and
// kubeconfigs are never logged), but an object carrying one at these paths
// is masked. Exact paths only: wildcard paths cost ~9 µs per line, which is
// more than the rest of the line on the admission hot path.
const REDACTED_PATHS = [
  'authorization',
  'headers.authorization',
  'token',
  'bearerToken',
  'password',
  'privateKey',
  'user.token',
  'user.password',
];

/**
 * The process's root logger: JSON lines on standard output; each command
 * calls this once, before anything logs. Components take a Logger as a
 * parameter and log through children of this one, so the level is set in one
 * place and tests can pass their own.
 */
export function configureRootLogger(options: LoggerOptions): Logger {
  return createLogger(options);
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = parseLogLevel(options.level ?? process.env[LOG_LEVEL_ENV] ?? 'info');
  const settings = {
    level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    formatters: { level: (label: string) => ({ level: label }) },
  };
  return pino(settings, options.destination ?? bufferedStandardOutput());
}

/** Bytes of log lines gathered before one write; at most this much waits for the next flush. */
const BUFFER_BYTES = 4096;
const FLUSH_INTERVAL_MS = 500;

/**
 * Standard output, written asynchronously in batches. Why: on the admission
 * hot path every line written on its own costs a write on the libuv thread
 * pool and two thread wake-ups; batching makes that one per ~4 KiB. A line
 * waits at most FLUSH_INTERVAL_MS, and pino flushes synchronously on exit,
 * crash included.
 */
function bufferedStandardOutput(): DestinationStream {
  const destination = pino.destination({ dest: 1, sync: false, minLength: BUFFER_BYTES });
  const timer = setInterval(() => {
    try {
      destination.flush();
    } catch {
      clearInterval(timer); // destroyed: nothing left to flush
    }
  }, FLUSH_INTERVAL_MS);
  timer.unref();
  return destination;
}

/** Throws an Error naming the accepted levels when `text` is not one. */
export function parseLogLevel(text: string): LogLevel {
  const level = text.trim().toLowerCase();
  if ((LOG_LEVELS as readonly string[]).includes(level)) return level as LogLevel;
  throw new Error(`log level "${text}" is not one of ${LOG_LEVELS.join(', ')}`);
}

/** What identifies one admission request in every line logged about it; never the pod itself. */
export interface AdmissionLogFields {
  readonly uid: string;
  readonly operation: string;
  readonly namespace: string;
  /** The pod's name, or its generateName prefix when the name is not known yet. */
  readonly name?: string;
  readonly generateName?: string;
  readonly dryRun?: boolean;
}

export function admissionLogger(parent: Logger, fields: AdmissionLogFields): Logger {
  return parent.child(fields);
}
