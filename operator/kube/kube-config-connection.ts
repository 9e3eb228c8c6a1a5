import type { KubeConfig } from '@kubernetes/client-node';
import type { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent, type AgentOptions, type RequestOptions } from 'node:https';
import type { KubeConnection } from './kube-connection.ts';
import { nodeHttp } from './node-http.ts';

/** The TLS material of applyToHTTPSOptions that an agent is built from. */
const TLS_FIELDS = ['ca', 'cert', 'key', 'pfx', 'passphrase', 'rejectUnauthorized', 'servername'] as const;

/**
 * A connection from client-node's KubeConfig: its loading (kubeconfig files,
 * in-cluster), authentication (tokens, token files, exec plugins, auth
 * providers, basic auth, impersonation) and TLS material, through
 * applyToHTTPSOptions on every request, so refreshed credentials are used.
 *
 * What is not client-node's is the agent: client-node 2.0's own requests
 * (its generated API clients, Watch) build a new undici dispatcher per
 * request, and applyToHTTPSOptions's agent does not keep connections alive,
 * so every request paid a TLS handshake (docs/adr/0024-one-kubernetes-client.md).
 * Here one keep-alive agent per TLS material serves every request; it is
 * replaced when the material changes (an exec plugin's new client
 * certificate). A cluster with a proxy-url keeps client-node's proxy agent.
 */
export function kubeConfigConnection(kubeConfig: KubeConfig, origin: string): KubeConnection {
  const cluster = kubeConfig.getCurrentCluster();
  if (cluster === null) throw new Error(`no current cluster in the ${origin}`);
  const server = new URL(cluster.server);
  const context = kubeConfig.getContextObject(kubeConfig.getCurrentContext());
  let agent: { readonly material: readonly unknown[]; readonly agent: HttpAgent } | undefined;

  const agentFor = (options: RequestOptions): HttpAgent => {
    const material = TLS_FIELDS.map((field) => options[field]);
    if (agent !== undefined && sameMaterial(agent.material, material)) return agent.agent;
    agent?.agent.destroy();
    const tls: AgentOptions = Object.fromEntries(TLS_FIELDS.flatMap((field) => (options[field] === undefined ? [] : [[field, options[field]]])));
    const created = server.protocol === 'http:' ? new nodeHttp.Agent({ keepAlive: true, maxSockets: 32 }) : new HttpsAgent({ ...tls, keepAlive: true, maxSockets: 32 });
    agent = { material, agent: created };
    return created;
  };

  return {
    server,
    namespace: context?.namespace !== undefined && context.namespace !== '' ? context.namespace : undefined,
    origin,
    requestOptions: async () => {
      const options: RequestOptions = {};
      await kubeConfig.applyToHTTPSOptions(options);
      if (cluster.proxyUrl === undefined || cluster.proxyUrl === '') options.agent = agentFor(options);
      return options;
    },
    close: () => {
      agent?.agent.destroy();
      agent = undefined;
    },
  };
}

function sameMaterial(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.every((value, index) => {
    const other = b[index];
    if (Buffer.isBuffer(value) && Buffer.isBuffer(other)) return value.equals(other);
    return value === other;
  });
}
