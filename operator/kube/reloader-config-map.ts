import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { readFileSync } from 'node:fs';

/** The data of the reloader's configuration ConfigMap (reloader.yaml and the templates). */
export async function readReloaderConfigMap(kubeConfig: KubeConfig, namespace: string, name: string): Promise<Record<string, string>> {
  const api = kubeConfig.makeApiClient(CoreV1Api);
  try {
    const configMap = await api.readNamespacedConfigMap({ namespace, name });
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
