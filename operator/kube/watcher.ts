import type { Logger } from '../logging/logger.ts';
import { createBackoff, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.ts';
import { KubeApiError } from './kube-api-error.ts';
import type { KubeClient } from './kube-client.ts';

/** The metadata every object the watcher handles carries. */
export interface KubeObject {
  readonly metadata?: { readonly name?: string; readonly namespace?: string; readonly resourceVersion?: string };
}

/**
 * What the watcher reports, as kube-rs' watcher does: a list (the first, or
 * after 410 Gone) as `init`, one `initApply` per object as the pages arrive,
 * then `initDone`; after that one `apply` or `delete` per change. A list
 * thus never holds more than one page of full objects.
 */
export type WatcherEvent =
  | { readonly type: 'init' }
  | { readonly type: 'initApply'; readonly object: KubeObject }
  | { readonly type: 'initDone' }
  | { readonly type: 'apply'; readonly object: KubeObject }
  | { readonly type: 'delete'; readonly object: KubeObject };

/** Why a watch connection was replaced: the server ended it, it went silent, it failed, or its resourceVersion expired. */
export type WatchRestart = 'closed' | 'silent' | 'error' | 'gone';

export interface WatcherOptions {
  readonly client: KubeClient;
  /** Collection path, e.g. /api/v1/pods. */
  readonly path: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  /** What is watched, for logs: "pods". */
  readonly resource: string;
  readonly logger: Logger;
  /** Every list and change, in order. What it throws counts as a failed list or watch. */
  readonly onEvent: (event: WatcherEvent) => void;
  /** Listing or watching failed; retried after retryInMs. */
  readonly onError?: (error: unknown, retryInMs: number) => void;
  /** A list or a watch connection succeeded after errors. */
  readonly onRecovered?: () => void;
  readonly onRestart?: (reason: WatchRestart) => void;
  /** A watch with no event and no bookmark for this long is presumed dead and replaced. Default 330 s. */
  readonly silentMs?: number;
  /** Server-side watch timeout, randomized up to 25 % more. Default 240 s. */
  readonly watchTimeoutSeconds?: number;
  /** Objects per list page. Default 500. */
  readonly pageSize?: number;
  readonly backoff?: BackoffPolicy;
}

export interface Watcher {
  stop(): Promise<void>;
}

interface ListPage {
  readonly items?: KubeObject[];
  readonly metadata?: { readonly resourceVersion?: string; readonly continue?: string };
}

interface WatchLine {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  readonly object: KubeObject & { readonly code?: number; readonly message?: string };
}

class GoneError extends Error {}
class SilentError extends Error {}
/** An ERROR event other than 410: the watch's state is unknown, so it lists again (after the backoff). */
class ErrorEvent extends Error {}

const GONE = 410;
/** A watch that the server ends sooner than this with no event is paced like a failure (no hot loop). */
const SHORT_WATCH_MS = 1_000;

/**
 * List, then watch from the list's resourceVersion, forever, as client-go's
 * reflector and kube-rs' watcher do; the one loop of every process that
 * lists and watches:
 * - lists in pages;
 * - watches with bookmarks and follows their resourceVersion, so a watch the
 *   server ends (its timeout) resumes where it left off;
 * - 410 Gone (the response status or an ERROR event) lists again at once;
 *   any other ERROR event lists again after the backoff;
 * - no line for `silentMs` means a dead connection: it is dropped and the
 *   watch resumed;
 * - every other failure (API server down or restarting, 403) is reported and
 *   retried with the one exponential backoff and jitter (backoff.ts).
 */
export function startWatcher(options: WatcherOptions): Watcher {
  const logger = options.logger.child({ watch: options.resource });
  const backoff = createBackoff(options.backoff ?? DEFAULT_BACKOFF);
  const silentMs = options.silentMs ?? 330_000;
  const stopper = new AbortController();
  const selectors = { labelSelector: options.labelSelector, fieldSelector: options.fieldSelector };
  let failing = false;

  const succeeded = (): void => {
    backoff.reset();
    if (failing) options.onRecovered?.();
    failing = false;
  };

  const list = async (): Promise<string> => {
    let continueToken: string | undefined;
    let resourceVersion = '';
    options.onEvent({ type: 'init' });
    do {
      const page = (await options.client.requestOk({
        method: 'GET',
        path: options.path,
        query: { ...selectors, limit: options.pageSize ?? 500, continue: continueToken },
        signal: stopper.signal,
        timeoutMs: 60_000,
      })) as ListPage;
      for (const object of page.items ?? []) options.onEvent({ type: 'initApply', object });
      continueToken = page.metadata?.continue || undefined;
      resourceVersion = page.metadata?.resourceVersion ?? resourceVersion;
    } while (continueToken !== undefined);
    options.onEvent({ type: 'initDone' });
    succeeded();
    return resourceVersion;
  };

  /** Applies one watch line; returns the resourceVersion it carries. */
  const apply = (line: WatchLine): string | undefined => {
    if (line.type === 'ERROR') {
      if (line.object.code === GONE) throw new GoneError(line.object.message ?? 'resourceVersion too old');
      throw new ErrorEvent(`watch error event: ${line.object.message ?? JSON.stringify(line.object)}`);
    }
    if (line.type === 'DELETED') options.onEvent({ type: 'delete', object: line.object });
    else if (line.type !== 'BOOKMARK') options.onEvent({ type: 'apply', object: line.object });
    return line.object.metadata?.resourceVersion;
  };

  /** One watch connection; resolves with the last resourceVersion seen when the server ends it, and whether any event came. */
  const watchOnce = async (from: string): Promise<{ resourceVersion: string; events: boolean }> => {
    const connection = new AbortController();
    const onStop = (): void => {
      connection.abort();
    };
    stopper.signal.addEventListener('abort', onStop);
    const state = { resourceVersion: from, events: false, silent: false };
    const silence = silenceTimer(silentMs, () => {
      state.silent = true;
      connection.abort();
    });
    const timeoutSeconds = Math.round((options.watchTimeoutSeconds ?? 240) * (1 + Math.random() * 0.25));
    try {
      await options.client.stream(
        {
          method: 'GET',
          path: options.path,
          query: { ...selectors, watch: true, allowWatchBookmarks: true, resourceVersion: from, timeoutSeconds },
          signal: connection.signal,
        },
        (text) => {
          silence.arm();
          const line = JSON.parse(text) as WatchLine;
          state.resourceVersion = apply(line) ?? state.resourceVersion;
          if (line.type !== 'BOOKMARK') state.events = true;
        },
        succeeded,
      );
    } catch (error) {
      if (state.silent) throw new SilentError(`no event or bookmark for ${silentMs} ms`);
      if (error instanceof KubeApiError && error.status === GONE) throw new GoneError(error.message);
      throw error;
    } finally {
      silence.clear();
      stopper.signal.removeEventListener('abort', onStop);
    }
    if (state.silent) throw new SilentError(`no event or bookmark for ${silentMs} ms`);
    return state;
  };

  const wait = async (ms: number): Promise<void> => {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      stopper.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      }, { once: true });
    });
  };

  /** After a watch ended with `error`: relist or resume, and how long to wait first. */
  const recover = (error: unknown): { relist: boolean; waitMs: number } => {
    if (error instanceof GoneError) {
      logger.info({ reason: error.message }, 'watch expired (410 Gone): listing again');
      options.onRestart?.('gone');
      return { relist: true, waitMs: 0 };
    }
    if (error instanceof SilentError) {
      logger.warn({ reason: error.message }, 'watch went silent: restarting it');
      options.onRestart?.('silent');
      return { relist: false, waitMs: 0 };
    }
    failing = true;
    const waitMs = backoff.next();
    logger.warn({ err: error, retryInMs: waitMs }, `watching ${options.resource} failed; keeping what was read and retrying`);
    options.onError?.(error, waitMs);
    options.onRestart?.('error');
    return { relist: error instanceof ErrorEvent, waitMs };
  };

  const stopped = (): boolean => stopper.signal.aborted;
  const run = async (): Promise<void> => {
    let resourceVersion: string | undefined;
    while (!stopped()) {
      try {
        resourceVersion ??= await list();
        const started = Date.now();
        const ended = await watchOnce(resourceVersion);
        resourceVersion = ended.resourceVersion;
        options.onRestart?.('closed');
        if (!ended.events && Date.now() - started < SHORT_WATCH_MS) await wait(backoff.next());
      } catch (error) {
        if (stopped()) return;
        const next = recover(error);
        if (next.relist) resourceVersion = undefined;
        if (next.waitMs > 0) await wait(next.waitMs);
      }
    }
  };
  const running = run();

  return {
    stop: async () => {
      stopper.abort();
      await running;
    },
  };
}

interface SilenceTimer {
  arm(): void;
  clear(): void;
}

function silenceTimer(ms: number, onSilent: () => void): SilenceTimer {
  let timer: NodeJS.Timeout | undefined;
  const timers: SilenceTimer = {
    arm: () => {
      clearTimeout(timer);
      timer = setTimeout(onSilent, ms);
      timer.unref();
    },
    clear: () => {
      clearTimeout(timer);
    },
  };
  timers.arm();
  return timers;
}
