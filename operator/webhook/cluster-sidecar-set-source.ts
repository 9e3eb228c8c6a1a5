import type { SidecarSet } from '../api/sidecar-set.ts';
import { formatValidationErrors } from '../api/field-error.ts';
import { parseStoredSidecarSet } from '../api/parse-stored-sidecar-set.ts';
import type { BackoffPolicy } from '../kube/backoff.ts';
import type { KubeClient } from '../kube/kube-client.ts';
import { startReflector } from '../kube/reflector.ts';
import type { KubeObject, WatchRestart } from '../kube/watcher.ts';
import type { Logger } from '../logging/logger.ts';
import type { SidecarSetSource } from './sources.ts';

/** What the cluster sources of a process share: its client, logger, and how their watches behave. */
export interface ClusterSourceOptions {
  readonly client: KubeClient;
  readonly logger: Logger;
  readonly backoff?: BackoffPolicy;
  /** A watch with no event and no bookmark for this long is replaced (--silent-watch-timeout). */
  readonly silentWatchMs?: number;
  /** Every watch restart, by reason (the tandem_controller_watch_restarts_total metric). */
  readonly onRestart?: (resource: string, reason: WatchRestart) => void;
}

export interface ClusterSidecarSetSource extends SidecarSetSource {
  /** The valid set of this name, or undefined (absent or invalid). */
  get(name: string): SidecarSet | undefined;
  /** Told the name of every set added, changed (valid or not) or deleted, after the change. Returns the unsubscribe. */
  subscribe(listener: (name: string) => void): () => void;
  stop(): Promise<void>;
}

/** A stored SidecarSet: the validated and defaulted one, or undefined when it is invalid (logged once per resourceVersion). */
interface CachedSet {
  readonly name: string;
  readonly valid: SidecarSet | undefined;
}

/**
 * Every SidecarSet in the cluster, from one reflector per process: the
 * webhook injects from it and the controller reconciles from it, so both see
 * the same version of each set. Each is checked and defaulted once, as a
 * file is (parseStoredSidecarSet: the same schema and defaults; the CEL rules
 * were enforced by the apiserver on write): an invalid one is logged and left
 * out, so a set Tandem does not understand is never half-applied.
 */
export function startClusterSidecarSetSource(options: ClusterSourceOptions): ClusterSidecarSetSource {
  const { logger } = options;
  const listeners = new Set<(name: string) => void>();
  let snapshot: readonly SidecarSet[] | undefined;

  const parse = (object: KubeObject): CachedSet => {
    const name = object.metadata?.name ?? '';
    const parsed = parseStoredSidecarSet(object);
    if (parsed.ok) return { name, valid: parsed.sidecarSet };
    logger.error(
      { sidecarSet: name, resourceVersion: object.metadata?.resourceVersion, errors: formatValidationErrors(parsed.errors) },
      `SidecarSet "${name}" is invalid; it is not injected or reconciled until it is fixed`,
    );
    return { name, valid: undefined };
  };

  const reflector = startReflector<CachedSet>({
    client: options.client,
    path: '/apis/tandem.dev/v1alpha1/sidecarsets',
    resource: 'sidecarsets',
    logger,
    trim: parse,
    ...(options.backoff !== undefined ? { backoff: options.backoff } : {}),
    ...(options.silentWatchMs !== undefined ? { silentMs: options.silentWatchMs } : {}),
    onRestart: (reason) => options.onRestart?.('sidecarsets', reason),
    onChange: (before, after) => {
      snapshot = undefined;
      const name = after?.name ?? before?.name ?? '';
      for (const listener of listeners) listener(name);
    },
  });

  return {
    // Rebuilt only after a change: list() is on the admission hot path.
    list: () => (snapshot ??= [...reflector.values()].flatMap((entry) => (entry.valid === undefined ? [] : [entry.valid]))),
    get: (name) => reflector.get(name)?.valid,
    synced: () => reflector.synced(),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop: () => reflector.stop(),
  };
}
