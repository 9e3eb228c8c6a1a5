import { VersionApi, type KubeConfig } from '@kubernetes/client-node';
import { parseKubeVersion, type KubeVersion } from '../injection/kube-version.ts';
import type { Logger } from '../logging/logger.ts';

/**
 * The cluster's Kubernetes version from GET /version. gitVersion is preferred
 * ("v1.30.2-eks-..."), then major/minor ("1", "30+"). Throws when the server
 * cannot be reached or reports something that is not a version.
 */
export async function readServerVersion(config: KubeConfig): Promise<KubeVersion> {
  const info = await config.makeApiClient(VersionApi).getCode();
  const version = parseKubeVersion(info.gitVersion) ?? parseKubeVersion(`${info.major}.${info.minor}`);
  if (version === undefined) {
    throw new Error(`the API server reported version ${JSON.stringify(info.gitVersion)}, which is not a Kubernetes version`);
  }
  return version;
}

/** readServerVersion for start-up: the error says which server failed and how to do without it. */
export async function readClusterVersion(config: KubeConfig, logger: Logger): Promise<KubeVersion> {
  try {
    const version = await readServerVersion(config);
    logger.info({ kubeVersion: `${version.major}.${version.minor}` }, 'cluster version read');
    return version;
  } catch (error) {
    throw new Error(
      `cannot read the cluster version from ${config.getCurrentCluster()?.server ?? 'the API server'}: ${(error as Error).message} (pass --kube-version X.Y to skip this)`,
      { cause: error },
    );
  }
}
