// The reloader's configuration ConfigMap (reloader.yaml and the templates),
// read and followed with list + watch and the field selector
// metadata.name=<name> (the reflector's watchObject), like the ConfigMap
// sources: RBAC needs list and watch only (a Role may name it in
// resourceNames), never get.
import type { BackoffPolicy } from '../kube/backoff.ts';
import type { KubeClient } from '../kube/kube-client.ts';
import { watchObject } from '../kube/reflector.ts';
import type { KubeObject } from '../kube/watcher.ts';
import type { Logger } from '../logging/logger.ts';
import { CONFIG_KEY } from './reloader-config.ts';
import type { ConfigFeed, ConfigSnapshot } from './reloader-config-feed.ts';

interface ConfigMapLike extends KubeObject {
  readonly data?: Record<string, string>;
}

export interface ConfigMapFeedOptions {
  readonly client: KubeClient;
  readonly namespace: string;
  readonly name: string;
  readonly logger: Logger;
  readonly backoff?: BackoffPolicy;
  readonly watchTimeoutSeconds?: number;
}

export function configMapFeed(options: ConfigMapFeedOptions): ConfigFeed {
  const { client, namespace, name } = options;
  const origin = `ConfigMap ${namespace}/${name}`;
  const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/configmaps`;
  return {
    origin,
    read: async () => {
      try {
        const list = (await client.requestOk({ method: 'GET', path, query: { fieldSelector: `metadata.name=${name}` } })) as { items?: ConfigMapLike[] };
        return snapshotOf(list.items?.[0], origin);
      } catch (error) {
        throw new Error(`cannot read the reloader configuration ${origin}: ${(error as Error).message}`, { cause: error });
      }
    },
    watch: (listener) =>
      watchObject<ConfigMapLike>({
        client,
        path,
        name,
        resource: origin,
        logger: options.logger,
        ...(options.backoff !== undefined ? { backoff: options.backoff } : {}),
        ...(options.watchTimeoutSeconds !== undefined ? { watchTimeoutSeconds: options.watchTimeoutSeconds } : {}),
        onChange: (configMap) => {
          listener.onSnapshot(snapshotOf(configMap, origin));
        },
        onError: (error) => {
          listener.onError(error);
        },
      }),
  };
}

function snapshotOf(configMap: ConfigMapLike | undefined, origin: string): ConfigSnapshot {
  if (configMap === undefined) return { text: undefined, templates: {}, missing: `(document): ${origin} does not exist` };
  const data = { ...configMap.data };
  return { text: data[CONFIG_KEY], templates: data };
}
