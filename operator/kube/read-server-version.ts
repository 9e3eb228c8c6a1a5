import { parseKubeVersion, type KubeVersion } from '../injection/kube-version.ts';
import type { Logger } from '../logging/logger.ts';
import type { KubeClient } from './kube-client.ts';

interface VersionInfo {
  readonly major?: string;
  readonly minor?: string;
  readonly gitVersion?: string;
}

/**
 * The cluster's Kubernetes version from GET /version. gitVersion is preferred
 * ("v1.30.2-eks-..."), then major/minor ("1", "30+"). Throws when the server
 * cannot be reached or reports something that is not a version.
 */
export async function readServerVersion(client: KubeClient): Promise<KubeVersion> {
  const info = (await client.requestOk({ method: 'GET', path: '/version' })) as VersionInfo;
  const version = parseKubeVersion(info.gitVersion ?? '') ?? parseKubeVersion(`${info.major ?? ''}.${info.minor ?? ''}`);
  if (version === undefined) {
    throw new Error(`the API server reported version ${JSON.stringify(info.gitVersion)}, which is not a Kubernetes version`);
  }
  return version;
}

/** readServerVersion for start-up: the error says which server failed and how to do without it. */
export async function readClusterVersion(client: KubeClient, logger: Logger): Promise<KubeVersion> {
  try {
    const version = await readServerVersion(client);
    logger.info({ kubeVersion: `${version.major}.${version.minor}` }, 'cluster version read');
    return version;
  } catch (error) {
    throw new Error(
      `cannot read the cluster version from ${client.connection.server.href.replace(/\/$/, '')}: ${(error as Error).message} (pass --kube-version X.Y to skip this)`,
      { cause: error },
    );
  }
}
