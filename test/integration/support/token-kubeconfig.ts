// A kubeconfig that authenticates as a ServiceAccount, for tests that check
// what exactly that account may do (RBAC) rather than run as the admin.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { kubeconfigPath, kubectl } from '../cluster-env.ts';
import { mustSucceed } from './cluster-objects.ts';

/** A kubeconfig with the test cluster's address and CA and only this ServiceAccount's token. */
export function tokenKubeconfig(serviceAccount: string, namespace: string, dir: string): string {
  const token = kubectl(['create', 'token', serviceAccount, '-n', namespace, '--duration=1h']);
  mustSucceed(token, `kubectl create token ${serviceAccount}`);
  const admin = parse(readFileSync(kubeconfigPath(), 'utf8')) as { clusters: { cluster: Record<string, string> }[] };
  const cluster = admin.clusters[0]?.cluster ?? {};
  const path = join(dir, `${namespace}-${serviceAccount}.kubeconfig`);
  writeFileSync(path, stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'test', cluster: { server: cluster.server, 'certificate-authority-data': cluster['certificate-authority-data'] } }],
    users: [{ name: serviceAccount, user: { token: token.stdout.trim() } }],
    contexts: [{ name: 'test', context: { cluster: 'test', user: serviceAccount, namespace } }],
    'current-context': 'test',
  }));
  return path;
}
