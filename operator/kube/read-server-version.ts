import { VersionApi, type KubeConfig } from '@kubernetes/client-node';
import { parseKubeVersion, type KubeVersion } from '../injection/kube-version.ts';

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
