import { CustomObjectsApi, type KubeConfig, type KubernetesListObject, type KubernetesObject } from '@kubernetes/client-node';
import type { SidecarSet } from '../api/sidecar-set.ts';
import { formatValidationErrors } from '../api/field-error.ts';
import { parseStoredSidecarSet } from '../api/parse-stored-sidecar-set.ts';
import type { Logger } from '../logging/logger.ts';
import type { SidecarSetSource } from '../webhook/sources.ts';
import { runInformer, type Backoff } from './run-informer.ts';

const GROUP = 'tandem.dev';
const VERSION = 'v1alpha1';
const PLURAL = 'sidecarsets';

export interface ClusterSourceOptions {
  readonly kubeConfig: KubeConfig;
  readonly logger: Logger;
  readonly backoff?: Backoff;
}

export interface ClusterSidecarSetSource extends SidecarSetSource {
  stop(): Promise<void>;
}

/**
 * Every SidecarSet in the cluster, from an informer. Each one is checked
 * and defaulted as a file is (parseStoredSidecarSet: the same schema and
 * defaults; the CEL rules were enforced by the apiserver on write): an
 * invalid one is logged, once per resourceVersion, and left out, so a set the
 * webhook does not understand is never half-applied.
 */
export function startClusterSidecarSetSource(options: ClusterSourceOptions): ClusterSidecarSetSource {
  const api = options.kubeConfig.makeApiClient(CustomObjectsApi);
  const logger = options.logger;
  const valid = new Map<string, SidecarSet>();
  let snapshot: readonly SidecarSet[] | undefined;

  const upsert = (object: KubernetesObject): void => {
    const name = object.metadata?.name ?? '';
    const parsed = parseStoredSidecarSet(object);
    snapshot = undefined;
    if (parsed.ok) {
      valid.set(name, parsed.sidecarSet);
      return;
    }
    valid.delete(name);
    logger.error(
      { sidecarSet: name, resourceVersion: object.metadata?.resourceVersion, errors: formatValidationErrors(parsed.errors) },
      `SidecarSet "${name}" is invalid and is not injected until it is fixed`,
    );
  };

  const informer = runInformer<KubernetesObject>({
    kubeConfig: options.kubeConfig,
    path: `/apis/${GROUP}/${VERSION}/${PLURAL}`,
    list: async () =>
      (await api.listClusterCustomObject({ group: GROUP, version: VERSION, plural: PLURAL })) as KubernetesListObject<KubernetesObject>,
    onUpsert: upsert,
    onDelete: (object) => {
      snapshot = undefined;
      valid.delete(object.metadata?.name ?? '');
    },
    what: 'SidecarSets',
    logger,
    ...(options.backoff !== undefined ? { backoff: options.backoff } : {}),
  });

  return {
    // Rebuilt only after a change: list() is on the admission hot path.
    list: () => (snapshot ??= [...valid.values()]),
    synced: () => informer.synced(),
    stop: () => informer.stop(),
  };
}
