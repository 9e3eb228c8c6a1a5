// The reloader's configuration ConfigMap (reloader.yaml and the templates),
// read and followed with list + watch and the field selector
// metadata.name=<name>, like the ConfigMap sources: RBAC needs list and
// watch only (a Role may name it in resourceNames), never get.
import type { KubeConfig } from '@kubernetes/client-node';
import { readFileSync } from 'node:fs';
import { CONFIG_KEY } from '../reloader/reloader-config.ts';
import type { ConfigFeed, ConfigSnapshot } from '../reloader/reloader-config-feed.ts';
import type { KubeAccess } from './reloader-kube-access.ts';
import { getJson, startListWatch, type KubeObject, type ReloaderBackoff } from './reloader-list-watch.ts';

interface ConfigMapLike extends KubeObject {
  readonly data?: Record<string, string>;
}

export interface ConfigMapFeedOptions {
  readonly backoff?: ReloaderBackoff;
  readonly watchTimeoutSeconds?: number;
}

export function configMapFeed(access: KubeAccess, namespace: string, name: string, options: ConfigMapFeedOptions = {}): ConfigFeed {
  const origin = `ConfigMap ${namespace}/${name}`;
  const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/configmaps`;
  const fieldSelector = `metadata.name=${name}`;
  return {
    origin,
    read: async () => {
      try {
        const list = (await getJson(access, path, { fieldSelector })) as { items?: ConfigMapLike[] };
        return snapshotOf(list.items ?? [], origin);
      } catch (error) {
        throw new Error(`cannot read the reloader configuration ${origin}: ${(error as Error).message}`, { cause: error });
      }
    },
    watch: (listener) =>
      startListWatch<ConfigMapLike>({
        access,
        path,
        fieldSelector,
        ...options,
        onObjects: (objects) => {
          listener.onSnapshot(snapshotOf(objects, origin));
        },
        onError: (error) => {
          listener.onError(error);
        },
      }),
  };
}

function snapshotOf(objects: readonly ConfigMapLike[], origin: string): ConfigSnapshot {
  const configMap = objects[0];
  if (configMap === undefined) return { text: undefined, templates: {}, missing: `(document): ${origin} does not exist` };
  const data = { ...configMap.data };
  return { text: data[CONFIG_KEY], templates: data };
}

const SERVICE_ACCOUNT_NAMESPACE = '/var/run/secrets/kubernetes.io/serviceaccount/namespace';

/** The pod's namespace: the in-cluster service account's, else the kubeconfig context's, else default. */
export function defaultNamespace(kubeConfig: KubeConfig): string {
  try {
    return readFileSync(SERVICE_ACCOUNT_NAMESPACE, 'utf8').trim();
  } catch {
    const context = kubeConfig.getContextObject(kubeConfig.getCurrentContext());
    return context?.namespace ?? 'default';
  }
}

/** The same for the reloader's own API access (no client-node). */
export function accessNamespace(access: KubeAccess): string {
  try {
    return readFileSync(SERVICE_ACCOUNT_NAMESPACE, 'utf8').trim();
  } catch {
    return access.namespace ?? 'default';
  }
}
