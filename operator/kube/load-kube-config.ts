import { KubeConfig } from '@kubernetes/client-node';

/**
 * The kubeconfig at `path` when given; otherwise the usual search: $KUBECONFIG,
 * ~/.kube/config, then the in-cluster service account. Throws an Error naming
 * the file when it cannot be read, and when no cluster is configured at all.
 */
export function loadKubeConfig(path?: string): KubeConfig {
  const config = new KubeConfig();
  try {
    if (path === undefined) config.loadFromDefault();
    else config.loadFromFile(path);
  } catch (error) {
    throw new Error(`cannot load the kubeconfig ${path ?? '(default)'}: ${(error as Error).message}`, { cause: error });
  }
  const cluster = config.getCurrentCluster();
  if (cluster === null) {
    throw new Error(
      `no current cluster in the kubeconfig ${path ?? '(default: $KUBECONFIG, ~/.kube/config or in-cluster)'}`,
    );
  }
  return config;
}
