// The reload actions: a signal to a process in the shared PID namespace, an
// HTTP request, or a command; and the HTTP verification afterwards.
import type { HttpRequestSpec, ReloadSpec } from './reloader-config.ts';
import { describeRule, findProcess, type ProcessFinderOptions, type ProcessInfo } from './process-finder.ts';
import { runCommand } from './run-command.ts';
import { sendRequest, type HttpAnswer } from './http-request.ts';

export type ReloadOutcome =
  | { readonly kind: 'reloaded'; readonly detail: string; readonly target?: ProcessInfo }
  | { readonly kind: 'skipped'; readonly detail: string }
  /** The signal target does not exist (yet): nothing to reload; the runner holds the reload. */
  | { readonly kind: 'no-target'; readonly detail: string };

/** A reload that was attempted and failed; the message says what to fix. */
export class ReloadError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ReloadError';
  }
}

export interface ReloadContext extends ProcessFinderOptions {
  /** Substituted for {{ revision }} in an HTTP bodyContains. */
  readonly revision: string;
  /** For EPERM messages; process.getuid() in production. */
  readonly ownUid: number;
  /** Sends a signal; process.kill in production. */
  readonly kill?: (pid: number, signal: NodeJS.Signals) => void;
}

export async function runReload(spec: ReloadSpec, context: ReloadContext): Promise<ReloadOutcome> {
  switch (spec.kind) {
    case 'none':
      return { kind: 'skipped', detail: 'no reload configured' };
    case 'signal':
      return sendSignal(spec, context);
    case 'http':
      await httpRequest(spec.request, spec.timeoutMs, context.revision);
      return { kind: 'reloaded', detail: `${spec.request.method} ${spec.request.url}` };
    case 'command': {
      const result = await runCommand(spec.argv, spec.timeoutMs);
      if (!result.ok) throw new ReloadError(`reload command ${JSON.stringify(spec.argv)} failed: ${result.detail}`);
      return { kind: 'reloaded', detail: spec.argv.join(' ') };
    }
  }
}

async function sendSignal(spec: Extract<ReloadSpec, { kind: 'signal' }>, context: ReloadContext): Promise<ReloadOutcome> {
  const rule = describeRule(spec.process);
  const target = await findProcess(spec.process, context);
  if (target === undefined) {
    return {
      kind: 'no-target',
      detail: `no process matches ${rule} in the shared PID namespace (PID 1 and the reloader itself never match; the pod needs shareProcessNamespace: true)`,
    };
  }
  const kill = context.kill ?? ((pid: number, signal: NodeJS.Signals) => process.kill(pid, signal));
  try {
    kill(target.pid, spec.signal);
  } catch (error) {
    throw signalError(error as NodeJS.ErrnoException, { target, signal: spec.signal, rule, ownUid: context.ownUid });
  }
  return { kind: 'reloaded', detail: `${spec.signal} sent to pid ${target.pid} (${target.cmdline})`, target };
}

interface SignalFailure {
  readonly target: ProcessInfo;
  readonly signal: NodeJS.Signals;
  readonly rule: string;
  readonly ownUid: number;
}

/** Turns errno into what the user has to change. */
export function signalError(error: NodeJS.ErrnoException, failure: SignalFailure): ReloadError {
  const { target, signal, rule, ownUid } = failure;
  const who = `pid ${target.pid} (${target.cmdline}, uid ${target.uid})`;
  if (error.code === 'EPERM') {
    return new ReloadError(
      `cannot send ${signal} to ${who}: permission denied (EPERM). The reloader runs as uid ${ownUid}; ` +
        `a process may only signal processes of its own UID unless it is root with CAP_KILL. ` +
        `Run the reloader with securityContext.runAsUser: ${target.uid}, or as root with capabilities.add: [KILL]; ` +
        'adding KILL to a non-root container does nothing.',
      { cause: error },
    );
  }
  if (error.code === 'ESRCH') {
    return new ReloadError(`cannot send ${signal}: ${who}, matched by ${rule}, exited before the signal reached it (ESRCH)`, {
      cause: error,
    });
  }
  return new ReloadError(`cannot send ${signal} to ${who}: ${error.message}`, { cause: error });
}

/** One request; throws ReloadError unless the status (default any 2xx) and body match. */
export async function httpRequest(request: HttpRequestSpec, timeoutMs: number, revision: string): Promise<void> {
  let response: HttpAnswer;
  try {
    response = await sendRequest(request.url, request.method, timeoutMs);
  } catch (error) {
    throw new ReloadError(`${request.method} ${request.url} failed: ${(error as Error).message}`, { cause: error });
  }
  const { body } = response;
  const statusOk = request.status === undefined ? response.status >= 200 && response.status < 300 : response.status === request.status;
  if (!statusOk) throw new ReloadError(`${request.method} ${request.url} answered ${response.status}, expected ${request.status ?? '2xx'}`);
  const wanted = request.bodyContains?.replace(/\{\{\s*revision\s*\}\}/g, revision);
  if (wanted !== undefined && !body.includes(wanted)) {
    throw new ReloadError(`${request.method} ${request.url} answered without "${wanted}" in its body`);
  }
}

/** Polls until the request succeeds or the timeout passes (the app may take a moment to apply a reload). */
export async function verify(request: HttpRequestSpec, timeoutMs: number, revision: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const remaining = deadline - Date.now();
    try {
      await httpRequest(request, Math.max(100, Math.min(remaining, 2_000)), revision);
      return;
    } catch (error) {
      if (Date.now() + 100 >= deadline) throw new ReloadError(`verification failed for ${timeoutMs} ms: ${(error as Error).message}`, { cause: error });
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
