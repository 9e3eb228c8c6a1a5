import { startReflector } from '../kube/reflector.ts';
import type { Labels } from '../injection/label-selector.ts';
import type { ClusterSourceOptions } from './cluster-sidecar-set-source.ts';
import type { NamespaceSource } from './sources.ts';

export interface ClusterNamespaceSource extends NamespaceSource {
  waitFor(name: string, timeoutMs: number): Promise<Labels | undefined>;
  /** Told the name of every namespace whose labels changed (added and deleted ones included). Returns the unsubscribe. */
  subscribe(listener: (name: string) => void): () => void;
  stop(): Promise<void>;
}

interface CachedNamespace {
  readonly name: string;
  readonly labels: Labels;
}

/**
 * The labels of every namespace, from one reflector per process, shared by
 * the webhook and the controller; only the labels are kept. waitFor covers
 * the watch's lag behind a namespace created just before its first pod.
 */
export function startClusterNamespaceSource(options: ClusterSourceOptions): ClusterNamespaceSource {
  const waiters = new Map<string, Set<() => void>>();
  const listeners = new Set<(name: string) => void>();
  const reflector = startReflector<CachedNamespace>({
    client: options.client,
    path: '/api/v1/namespaces',
    resource: 'namespaces',
    logger: options.logger,
    trim: (object) => ({ name: object.metadata?.name ?? '', labels: { ...(object.metadata as { labels?: Labels } | undefined)?.labels } }),
    ...(options.backoff !== undefined ? { backoff: options.backoff } : {}),
    ...(options.silentWatchMs !== undefined ? { silentMs: options.silentWatchMs } : {}),
    onRestart: (reason) => options.onRestart?.('namespaces', reason),
    onChange: (before, after) => {
      const name = after?.name ?? before?.name ?? '';
      if (after !== undefined) {
        for (const wake of waiters.get(name) ?? []) wake();
        waiters.delete(name);
      }
      if (JSON.stringify(before?.labels) === JSON.stringify(after?.labels)) return;
      for (const listener of listeners) listener(name);
    },
  });
  const labelsOf = (name: string): Labels | undefined => reflector.get(name)?.labels;
  return {
    labelsOf,
    synced: () => reflector.synced(),
    waitFor: (name, timeoutMs) =>
      new Promise((resolve) => {
        if (labelsOf(name) !== undefined) {
          resolve(labelsOf(name));
          return;
        }
        const wake = (): void => {
          clearTimeout(timer);
          const waiting = waiters.get(name);
          waiting?.delete(wake);
          if (waiting?.size === 0) waiters.delete(name);
          resolve(labelsOf(name));
        };
        const timer = setTimeout(wake, timeoutMs);
        timer.unref();
        const waiting = waiters.get(name) ?? new Set();
        waiting.add(wake);
        waiters.set(name, waiting);
      }),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop: () => reflector.stop(),
  };
}
