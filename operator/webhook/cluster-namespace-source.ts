import { CoreV1Api, type V1Namespace } from '@kubernetes/client-node';
import type { NamespaceSource } from '../webhook/sources.ts';
import type { ClusterSourceOptions } from './cluster-sidecar-set-source.ts';
import { runInformer } from './run-informer.ts';

export interface ClusterNamespaceSource extends NamespaceSource {
  stop(): Promise<void>;
}

/** Labels of every namespace, from an informer; only the labels are kept. waitFor covers the informer's lag. */
export function startClusterNamespaceSource(options: ClusterSourceOptions): ClusterNamespaceSource {
  const api = options.kubeConfig.makeApiClient(CoreV1Api);
  const labels = new Map<string, Readonly<Record<string, string>>>();
  const waiters = new Map<string, Set<() => void>>();
  const informer = runInformer<V1Namespace>({
    kubeConfig: options.kubeConfig,
    path: '/api/v1/namespaces',
    list: () => api.listNamespace(),
    onUpsert: (namespace) => {
      const name = namespace.metadata?.name ?? '';
      labels.set(name, { ...namespace.metadata?.labels });
      for (const wake of waiters.get(name) ?? []) wake();
      waiters.delete(name);
    },
    onDelete: (namespace) => {
      labels.delete(namespace.metadata?.name ?? '');
    },
    what: 'namespaces',
    logger: options.logger,
    ...(options.backoff !== undefined ? { backoff: options.backoff } : {}),
  });
  return {
    labelsOf: (name) => labels.get(name),
    synced: () => informer.synced(),
    waitFor: (name, timeoutMs) =>
      new Promise((resolve) => {
        if (labels.has(name)) {
          resolve(labels.get(name));
          return;
        }
        const wake = (): void => {
          clearTimeout(timer);
          const waiting = waiters.get(name);
          waiting?.delete(wake);
          if (waiting?.size === 0) waiters.delete(name);
          resolve(labels.get(name));
        };
        const timer = setTimeout(wake, timeoutMs);
        timer.unref();
        const waiting = waiters.get(name) ?? new Set();
        waiting.add(wake);
        waiters.set(name, waiting);
      }),
    stop: () => informer.stop(),
  };
}
