import type { KubeConfig } from '@kubernetes/client-node';
import { readFileSync } from 'node:fs';
import type { KubeAccess } from './reloader-kube-access.ts';
import { getJson } from './reloader-list-watch.ts';

/** The data of the reloader's configuration ConfigMap (reloader.yaml and the templates). */
export async function readReloaderConfigMap(access: KubeAccess, namespace: string, name: string): Promise<Record<string, string>> {
  try {
    const configMap = (await getJson(access, `/api/v1/namespaces/${encodeURIComponent(namespace)}/configmaps/${encodeURIComponent(name)}`)) as {
      data?: Record<string, string>;
    };
    return { ...configMap.data };
  } catch (error) {
    throw new Error(`cannot read the reloader configuration ConfigMap ${namespace}/${name}: ${(error as Error).message}`, { cause: error });
  }
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
