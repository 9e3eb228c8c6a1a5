import { readFileSync } from 'node:fs';
import type { RequestOptions } from 'node:https';
import { join } from 'node:path';

/**
 * Where the API server is and how to authenticate one request: what the
 * Kubernetes client needs from a kubeconfig. The operator builds it from
 * client-node's KubeConfig (kube-config-connection.ts); the reloader, which
 * cannot afford client-node's memory, reads the common kubeconfigs itself
 * and hands the rest to client-node (load-kube-connection.ts).
 */
export interface KubeConnection {
  readonly server: URL;
  /** The kubeconfig context's namespace, or the service account's; undefined when neither says. */
  readonly namespace: string | undefined;
  /** How it was configured, for messages: "in-cluster", "kubeconfig /path". */
  readonly origin: string;
  /** Agent, headers and credentials for one request; fresh each time, so rotated tokens and refreshed exec credentials are used. */
  requestOptions(): Promise<RequestOptions>;
  /** Closes idle keep-alive connections. */
  close(): void;
}

/** The service account every pod gets mounted (token, ca.crt, namespace). */
export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/**
 * The namespace this process runs in: the mounted service account's, else
 * the connection's (the kubeconfig context's), else "default".
 */
export function podNamespace(connection: Pick<KubeConnection, 'namespace'>, serviceAccountDir = SERVICE_ACCOUNT_DIR): string {
  try {
    return readFileSync(join(serviceAccountDir, 'namespace'), 'utf8').trim();
  } catch {
    return connection.namespace ?? 'default';
  }
}
