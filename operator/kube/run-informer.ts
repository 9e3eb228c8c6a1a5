import {
  makeInformer,
  type KubeConfig,
  type KubernetesListObject,
  type KubernetesObject,
} from '@kubernetes/client-node';
import type { Logger } from '../logging/logger.ts';

export interface Backoff {
  readonly initialMs: number;
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 1_000, maxMs: 60_000 };

export interface RunInformerOptions<T extends KubernetesObject> {
  readonly kubeConfig: KubeConfig;
  /** Watch path, e.g. /api/v1/namespaces. */
  readonly path: string;
  readonly list: () => Promise<KubernetesListObject<T>>;
  /** Added, or changed (a new resourceVersion). */
  readonly onUpsert: (object: T) => void;
  readonly onDelete: (object: T) => void;
  /** What is watched, for log lines: "SidecarSets". */
  readonly what: string;
  readonly logger: Logger;
  readonly backoff?: Backoff;
}

export interface RunningInformer {
  /** True once a first full list has been delivered to onUpsert. Stays true across restarts. */
  synced(): boolean;
  stop(): Promise<void>;
}

/**
 * A client-node informer that keeps running. client-node handles watch
 * timeouts and 410 Gone itself, but on any other error (API server down,
 * 403, a failed list) it emits 'error' and stops for good. Here every error
 * is logged and the informer restarted after an exponential backoff with
 * jitter, reset by the next successful list or event. While it is down, the
 * cache keeps its last contents: stale sets are better than none.
 */
export function runInformer<T extends KubernetesObject>(options: RunInformerOptions<T>): RunningInformer {
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const logger = options.logger.child({ informer: options.what });
  let synced = false;
  let stopped = false;
  let delayMs = backoff.initialMs;
  let timer: NodeJS.Timeout | undefined;

  const informer = makeInformer<T>(options.kubeConfig, options.path, async () => {
    const list = await options.list();
    delayMs = backoff.initialMs;
    // The informer hands the items to onUpsert synchronously after this promise
    // resolves; setImmediate runs after that, so synced() never precedes the data.
    setImmediate(() => {
      if (!synced) logger.info({ count: list.items.length }, `${options.what} loaded`);
      synced = true;
    });
    return list;
  });
  const touched = (): void => {
    delayMs = backoff.initialMs;
  };
  informer.on('add', (object) => {
    touched();
    options.onUpsert(object);
  });
  informer.on('update', (object) => {
    touched();
    options.onUpsert(object);
  });
  informer.on('delete', (object) => {
    touched();
    options.onDelete(object);
  });

  const start = (): void => {
    timer = undefined;
    if (stopped) return;
    informer.start().catch(onError);
  };
  const onError = (error: unknown): void => {
    if (stopped || timer !== undefined) return;
    const waitMs = Math.round(delayMs * (0.8 + Math.random() * 0.4));
    const fields = { err: error, retryInMs: waitMs };
    if (synced) logger.warn(fields, `watching ${options.what} failed; serving the cached ones and retrying`);
    else logger.error(fields, `listing ${options.what} failed; not ready until it succeeds, retrying`);
    delayMs = Math.min(delayMs * 2, backoff.maxMs);
    timer = setTimeout(start, waitMs);
    timer.unref();
  };
  informer.on('error', onError);
  start();

  return {
    synced: () => synced,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await informer.stop();
    },
  };
}
