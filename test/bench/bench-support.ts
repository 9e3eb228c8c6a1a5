// What several benchmarks share: the review the apiserver sends for a pod
// CREATE, a certificate for a server on loopback, stopping a child process.
import { execFileSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** An AdmissionReview (admission.k8s.io/v1) of a pod CREATE, as the apiserver sends it. */
export function podCreateReview(pod: unknown, request: { readonly uid: string; readonly namespace: string; readonly name?: string }): Record<string, unknown> {
  return {
    kind: 'AdmissionReview',
    apiVersion: 'admission.k8s.io/v1',
    request: {
      uid: request.uid,
      kind: { group: '', version: 'v1', kind: 'Pod' },
      resource: { group: '', version: 'v1', resource: 'pods' },
      requestKind: { group: '', version: 'v1', kind: 'Pod' },
      requestResource: { group: '', version: 'v1', resource: 'pods' },
      ...(request.name === undefined ? {} : { name: request.name }),
      namespace: request.namespace,
      operation: 'CREATE',
      userInfo: { username: 'system:serviceaccount:kube-system:replicaset-controller', groups: ['system:serviceaccounts'] },
      object: pod,
      oldObject: null,
      dryRun: false,
      options: { kind: 'CreateOptions', apiVersion: 'meta.k8s.io/v1' },
    },
  };
}

/**
 * A self-signed ECDSA certificate for IP:127.0.0.1, valid one day, for a
 * server on loopback; it is its own CA. Returns the PEM files.
 */
export function writeLoopbackCertificate(dir: string): { certFile: string; keyFile: string } {
  const certFile = join(dir, 'tls.crt');
  const keyFile = join(dir, 'tls.key');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', '/CN=bench', '-addext', 'subjectAltName=IP:127.0.0.1'],
    { stdio: 'ignore' },
  );
  return { certFile, keyFile };
}

/** SIGTERM, SIGKILL after 15 s; resolves when the child has exited. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}
