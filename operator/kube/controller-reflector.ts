import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../logging/logger.ts';
import { ApiError, type ApiRequester } from './controller-api-request.ts';

export interface ReflectorOptions<T> {
  readonly requester: ApiRequester;
  /** Collection path, e.g. /api/v1/pods. */
  readonly path: string;
  readonly labelSelector?: string;
  /** What is watched, for logs and metrics: "pods". */
  readonly resource: string;
  /** Keeps what the cache needs from a full object. Must not keep a reference to it. */
  readonly trim: (object: unknown) => T;
  readonly keyOf: (object: unknown) => string;
  readonly onChange: (before: T | undefined, after: T | undefined) => void;
  readonly logger: Logger;
  /** A watch with no event and no bookmark for this long is presumed dead and restarted. Default 5 min. */
  readonly silentMs?: number;
  /** Server-side watch timeout, randomized up to 25 % more. Default 240 s. */
  readonly watchTimeoutSeconds?: number;
  readonly pageSize?: number;
  readonly backoff?: { readonly initialMs: number; readonly maxMs: number };
  readonly onRestart?: (reason: 'closed' | 'silent' | 'error' | 'gone') => void;
}

export interface Reflector<T> {
  synced(): boolean;
  get(key: string): T | undefined;
  values(): IterableIterator<T>;
  readonly size: number;
  stop(): Promise<void>;
}

interface ListPage {
  readonly items?: unknown[];
  readonly metadata?: { readonly resourceVersion?: string; readonly continue?: string };
}

interface WatchEvent {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  readonly object: { readonly metadata?: { readonly resourceVersion?: string }; readonly code?: number; readonly message?: string };
}

class GoneError extends Error {}
class SilentError extends Error {}

/**
 * List-then-watch into a trimmed in-memory store, like client-go's
 * reflector, written out so that the controller controls what it caches
 * and how a watch dies:
 * - lists in pages; each object is trimmed on arrival, so the store holds
 *   only what reconciling reads;
 * - a watch that ends normally (server timeout) resumes from the last
 *   resourceVersion; 410 Gone, or an error event, relists;
 * - no line (event or bookmark, which are requested) for `silentMs` means a
 *   dead connection: it is aborted and the watch restarted;
 * - errors (API server down or restarting) retry with exponential backoff
 *   and jitter, forever; the store keeps serving its last contents.
 * A relist replaces the store and reports the differences through onChange,
 * so deletions missed while disconnected are seen too.
 */
export function startReflector<T>(options: ReflectorOptions<T>): Reflector<T> {
  const store = new Map<string, T>();
  const logger = options.logger.child({ watch: options.resource });
  const backoff = options.backoff ?? { initialMs: 500, maxMs: 30_000 };
  const silentMs = options.silentMs ?? 300_000;
  const stopper = new AbortController();
  let synced = false;

  /** Every object, page by page, trimmed as it arrives; and the list's resourceVersion to watch from. */
  const listAll = async (): Promise<{ seen: Map<string, T>; resourceVersion: string }> => {
    const seen = new Map<string, T>();
    let continueToken: string | undefined;
    let resourceVersion = '';
    do {
      const page = (await options.requester.requestOk({
        method: 'GET',
        path: options.path,
        query: { labelSelector: options.labelSelector, limit: options.pageSize ?? 500, continue: continueToken },
        signal: stopper.signal,
        timeoutMs: 60_000,
      })) as ListPage;
      for (const item of page.items ?? []) seen.set(options.keyOf(item), options.trim(item));
      continueToken = page.metadata?.continue || undefined;
      resourceVersion = page.metadata?.resourceVersion ?? resourceVersion;
    } while (continueToken !== undefined);
    return { seen, resourceVersion };
  };

  const relist = async (): Promise<string> => {
    const { seen, resourceVersion } = await listAll();
    for (const [key, before] of store) {
      if (!seen.has(key)) {
        store.delete(key);
        options.onChange(before, undefined);
      }
    }
    for (const [key, after] of seen) {
      const before = store.get(key);
      store.set(key, after);
      options.onChange(before, after);
    }
    if (!synced) logger.info({ count: store.size }, `${options.resource} listed`);
    synced = true;
    return resourceVersion;
  };

  const apply = (event: WatchEvent): string | undefined => {
    if (event.type === 'ERROR') {
      if (event.object.code === 410) throw new GoneError(event.object.message ?? 'resourceVersion too old');
      throw new Error(`watch error event: ${event.object.message ?? JSON.stringify(event.object)}`);
    }
    const resourceVersion = event.object.metadata?.resourceVersion;
    if (event.type === 'BOOKMARK') return resourceVersion;
    const key = options.keyOf(event.object);
    const before = store.get(key);
    if (event.type === 'DELETED') {
      store.delete(key);
      if (before !== undefined) options.onChange(before, undefined);
    } else {
      const after = options.trim(event.object);
      store.set(key, after);
      options.onChange(before, after);
    }
    return resourceVersion;
  };

  /** One watch connection; resolves with the last resourceVersion seen when the server ends it. */
  const watchOnce = async (from: string): Promise<string> => {
    let resourceVersion = from;
    const connection = new AbortController();
    const onStop = (): void => {
      connection.abort();
    };
    stopper.signal.addEventListener('abort', onStop);
    const state = { silent: false };
    let timer: NodeJS.Timeout | undefined;
    const arm = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        state.silent = true;
        connection.abort();
      }, silentMs);
      timer.unref();
    };
    const timeoutSeconds = Math.round((options.watchTimeoutSeconds ?? 240) * (1 + Math.random() * 0.25));
    try {
      arm();
      await options.requester.stream(
        {
          method: 'GET',
          path: options.path,
          query: { watch: true, allowWatchBookmarks: true, resourceVersion, timeoutSeconds, labelSelector: options.labelSelector },
          signal: connection.signal,
        },
        (line) => {
          arm();
          if (line.trim() === '') return;
          resourceVersion = apply(JSON.parse(line) as WatchEvent) ?? resourceVersion;
        },
      );
    } catch (error) {
      if (state.silent) throw new SilentError(`no event or bookmark for ${silentMs} ms`);
      if (error instanceof ApiError && error.status === 410) throw new GoneError(error.message);
      throw error;
    } finally {
      clearTimeout(timer);
      stopper.signal.removeEventListener('abort', onStop);
    }
    if (state.silent) throw new SilentError(`no event or bookmark for ${silentMs} ms`);
    return resourceVersion;
  };

  const stopped = (): boolean => stopper.signal.aborted;

  /** What to do after a watch ended with `error`: relist or not, and how long to wait first. */
  const recover = (error: unknown, delayMs: number): { relist: boolean; waitMs: number } => {
    if (error instanceof GoneError) {
      logger.info({ reason: error.message }, 'watch expired (410 Gone): relisting');
      options.onRestart?.('gone');
      return { relist: true, waitMs: 0 };
    }
    if (error instanceof SilentError) {
      logger.warn({ reason: error.message }, 'watch went silent: restarting it');
      options.onRestart?.('silent');
      return { relist: false, waitMs: 0 };
    }
    const waitMs = Math.round(delayMs * (0.8 + Math.random() * 0.4));
    logger.warn({ err: error, retryInMs: waitMs, synced }, `watching ${options.resource} failed; serving the cached ones and retrying`);
    options.onRestart?.('error');
    return { relist: false, waitMs };
  };

  const run = async (): Promise<void> => {
    let resourceVersion: string | undefined;
    let delayMs = backoff.initialMs;
    while (!stopped()) {
      try {
        resourceVersion ??= await relist();
        resourceVersion = await watchOnce(resourceVersion);
        delayMs = backoff.initialMs;
        options.onRestart?.('closed');
      } catch (error) {
        if (stopped()) return;
        const next = recover(error, delayMs);
        if (next.relist) resourceVersion = undefined;
        if (next.waitMs === 0) continue;
        delayMs = Math.min(delayMs * 2, backoff.maxMs);
        await sleep(next.waitMs, undefined, { signal: stopper.signal }).catch(() => undefined);
      }
    }
  };
  const running = run();

  return {
    synced: () => synced,
    get: (key) => store.get(key),
    values: () => store.values(),
    get size() {
      return store.size;
    },
    stop: async () => {
      stopper.abort();
      await running;
    },
  };
}
