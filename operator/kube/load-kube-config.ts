// Only client-node's KubeConfig module: its index also loads Watch, informers,
// exec, attach and port-forward, which Tandem does not use.
import { KubeConfig } from '@kubernetes/client-node/dist/config.js';
import { kubeConfigConnection } from './kube-config-connection.ts';
import type { KubeConnection } from './kube-connection.ts';

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

/** The operator's connection: a kubeconfig read by client-node (loadKubeConfig), with one keep-alive agent. */
export function loadKubeConfigConnection(path?: string): KubeConnection {
  return kubeConfigConnection(loadKubeConfig(path), path === undefined ? 'default kubeconfig ($KUBECONFIG, ~/.kube/config or in-cluster)' : `kubeconfig ${path}`);
}
