import { CoreV1Api, Watch, type KubeConfig, type V1Secret } from '@kubernetes/client-node';
import type { Logger } from '../logging/logger.ts';
import { describe } from './certificate-secret-store.ts';
import { DEFAULT_BACKOFF, type Backoff } from './run-informer.ts';

export interface CertificateSecretWatchOptions {
  readonly kubeConfig: KubeConfig;
  readonly namespace: string;
  readonly name: string;
  readonly logger: Logger;
  /** The Secret after every change (undefined: deleted or absent). */
  readonly onChange: (secret: V1Secret | undefined) => void;
  readonly backoff?: Backoff;
  /** The server ends each watch after this; a watch that went silent is thus replaced. Default 300 s. */
  readonly watchTimeoutSeconds?: number;
}

export interface CertificateSecretWatch {
  stop(): void;
}

/**
 * Watches one Secret through the API, so a new certificate reaches every
 * replica within the watch latency instead of the kubelet's 60-90 s volume
 * sync. A field selector on the name lets RBAC restrict list and watch to
 * that Secret (resourceNames). List, then watch from the list's
 * resourceVersion; on any end or error, list again (after a backoff when it
 * failed). One object, so re-listing costs nothing.
 */
export function watchCertificateSecret(options: CertificateSecretWatchOptions): CertificateSecretWatch {
  const api = options.kubeConfig.makeApiClient(CoreV1Api);
  const watcher = new Watch(options.kubeConfig);
  const fieldSelector = `metadata.name=${options.name}`;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const logger = options.logger.child({ secret: `${options.namespace}/${options.name}` });
  let stopped = false;
  let delayMs = backoff.initialMs;
  let abort: AbortController | undefined;
  let timer: NodeJS.Timeout | undefined;

  const once = async (): Promise<void> => {
    const list = await api.listNamespacedSecret({ namespace: options.namespace, fieldSelector });
    options.onChange(list.items[0]);
    delayMs = backoff.initialMs;
    await new Promise<void>((resolve, reject) => {
      void watcher
        .watch(
          `/api/v1/namespaces/${options.namespace}/secrets`,
          { fieldSelector, resourceVersion: list.metadata?.resourceVersion, timeoutSeconds: options.watchTimeoutSeconds ?? 300, allowWatchBookmarks: true },
          (phase, object: V1Secret) => {
            if (phase === 'ADDED' || phase === 'MODIFIED') options.onChange(object);
            else if (phase === 'DELETED') options.onChange(undefined);
          },
          (error: unknown) => {
            if (error === null || error === undefined) resolve();
            else reject(error instanceof Error ? error : new Error(JSON.stringify(error)));
          },
        )
        .then((controller) => {
          abort = controller;
          if (stopped) controller.abort();
        }, reject);
    });
  };

  const loop = (): void => {
    timer = undefined;
    if (stopped) return;
    once().then(loop, (error: unknown) => {
      if (stopped) return;
      const waitMs = Math.round(delayMs * (0.8 + Math.random() * 0.4));
      logger.warn({ err: describe(error), retryInMs: waitMs }, 'watching the certificate Secret failed; retrying');
      delayMs = Math.min(delayMs * 2, backoff.maxMs);
      timer = setTimeout(loop, waitMs);
      timer.unref();
    });
  };
  loop();

  return {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
      abort?.abort();
    },
  };
}
