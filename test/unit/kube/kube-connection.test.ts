// The two ways to a KubeConnection: client-node's KubeConfig (the operator)
// and the reloader's own loader, which must read every kubeconfig it
// handles as client-node does and hand the others to client-node.
import { afterEach, describe, expect, it } from '@jest/globals';
import { KubeConfig } from '@kubernetes/client-node';
import type { Agent } from 'node:https';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kubeConfigConnection } from '../../../operator/kube/kube-config-connection.ts';
import { podNamespace, type KubeConnection } from '../../../operator/kube/kube-connection.ts';
import { loadKubeConnection } from '../../../operator/kube/load-kube-connection.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function kubeconfigFile(cluster: string, user: string, extra = ''): string {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-kubeconfig-'));
  const path = join(dir, 'config');
  writeFileSync(join(dir, 'ca.crt'), 'ca-bytes');
  writeFileSync(join(dir, 'client.crt'), 'cert-bytes');
  writeFileSync(join(dir, 'client.key'), 'key-bytes');
  writeFileSync(join(dir, 'token'), 'file-token\n');
  writeFileSync(
    path,
    `apiVersion: v1
kind: Config
current-context: test
clusters: [{ name: c, cluster: ${cluster} }]
users: [{ name: u, user: ${user} }]
contexts: [{ name: test, context: { cluster: c, user: u, namespace: team-a } }]
${extra}`,
  );
  return path;
}

async function track(connection: Promise<KubeConnection> | KubeConnection): Promise<KubeConnection> {
  const loaded = await connection;
  cleanups.push(() => {
    loaded.close();
  });
  return loaded;
}

/** What a request gets from a connection: headers, basic auth, and the agent's TLS material. */
async function requestMaterial(connection: KubeConnection): Promise<Record<string, unknown>> {
  const options = await connection.requestOptions();
  const agent = options.agent as Agent & { options: Record<string, unknown> };
  const text = (value: unknown): unknown => (Buffer.isBuffer(value) ? value.toString('utf8') : value);
  return {
    server: connection.server.href,
    namespace: connection.namespace,
    authorization: (options.headers as Record<string, unknown> | undefined)?.Authorization ?? (options.headers as Record<string, unknown> | undefined)?.authorization,
    basic: options.auth,
    ca: text(agent.options.ca),
    cert: text(agent.options.cert),
    key: text(agent.options.key),
    servername: agent.options.servername,
    rejectUnauthorized: agent.options.rejectUnauthorized === false ? false : undefined,
    keepAlive: agent.options.keepAlive,
  };
}

describe('the reloader loader reads kubeconfigs as client-node does', () => {
  it.each([
    ['a token and a CA file', '{ server: "https://10.0.0.1:6443", certificate-authority: ca.crt }', '{ token: secret-token }'],
    ['inline CA data', '{ server: "https://10.0.0.1:6443", certificate-authority-data: Y2EtZGF0YQ== }', '{ token: t }'],
    ['client certificates', '{ server: "https://api.example:443", certificate-authority: ca.crt }', '{ client-certificate: client.crt, client-key: client.key }'],
    ['inline client certificates', '{ server: "https://api.example" }', '{ client-certificate-data: Y2VydC1kYXRh, client-key-data: a2V5LWRhdGE= }'],
    ['basic auth', '{ server: "https://10.0.0.1" }', '{ username: admin, password: hunter2 }'],
    ['insecure-skip-tls-verify', '{ server: "https://10.0.0.1", insecure-skip-tls-verify: true }', '{ token: t }'],
    ['tls-server-name', '{ server: "https://10.0.0.1", certificate-authority: ca.crt, tls-server-name: api.internal }', '{ token: t }'],
  ])('%s', async (_name, cluster, user) => {
    const path = kubeconfigFile(cluster, user);
    const config = new KubeConfig();
    config.loadFromFile(path);
    const reference = await requestMaterial(await track(kubeConfigConnection(config, 'client-node')));
    const light = await track(loadKubeConnection({ path }));
    expect(light.origin).toBe(`kubeconfig ${path}`);
    const lightMaterial = await requestMaterial(light);
    // client-node sends basic auth as the request's auth option and no bearer header.
    expect({ ...lightMaterial, authorization: lightMaterial.authorization ?? undefined }).toEqual({ ...reference, authorization: reference.authorization ?? undefined });
  });

  it.each([
    ['an exec plugin', '{ server: "https://10.0.0.1" }', '{ exec: { apiVersion: client.authentication.k8s.io/v1, command: /bin/true } }'],
    ['impersonation', '{ server: "https://10.0.0.1" }', '{ token: t, as: someone }'],
    ['a proxy', '{ server: "https://10.0.0.1", proxy-url: "http://proxy.example:3128" }', '{ token: t }'],
  ])('hands %s to client-node', async (_name, cluster, user) => {
    const light = await track(loadKubeConnection({ path: kubeconfigFile(cluster, user) }));
    expect(light.origin).toContain('(through @kubernetes/client-node)');
  });

  // client-node 2.0 ignores kubectl's tokenFile (it reads a "token-file" once, relative to the working directory).
  it('reads tokenFile for every request, relative to the kubeconfig, where client-node sends no token', async () => {
    const path = kubeconfigFile('{ server: "https://10.0.0.1" }', '{ tokenFile: token }');
    const connection = await track(loadKubeConnection({ path }));
    expect(connection.namespace).toBe('team-a');
    expect((await connection.requestOptions()).headers).toEqual({ authorization: 'Bearer file-token' });
    writeFileSync(join(path, '..', 'token'), 'rotated\n');
    expect((await connection.requestOptions()).headers).toEqual({ authorization: 'Bearer rotated' });
    const config = new KubeConfig();
    config.loadFromFile(path);
    expect((await requestMaterial(await track(kubeConfigConnection(config, 'client-node')))).authorization).toBeUndefined();
  });

  it('merges $KUBECONFIG files; the first current-context wins', async () => {
    const first = kubeconfigFile('{ server: "http://127.0.0.1:1" }', '{ token: a }');
    const second = kubeconfigFile('{ server: "http://127.0.0.1:2" }', '{ token: b }');
    const loaded = await track(loadKubeConnection({ env: { KUBECONFIG: `${second}:${first}` } }));
    expect(loaded.server.port).toBe('2');
    expect(loaded.origin).toBe(`kubeconfig ${second}:${first}`);
  });

  it('uses the in-cluster service account when there is no kubeconfig', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-sa-'));
    writeFileSync(join(dir, 'ca.crt'), 'not really a CA');
    writeFileSync(join(dir, 'token'), 'sa-token');
    writeFileSync(join(dir, 'namespace'), 'pod-ns\n');
    const loaded = await track(loadKubeConnection({ env: { KUBERNETES_SERVICE_HOST: 'fd00::1', KUBERNETES_SERVICE_PORT: '443' }, home: dir, serviceAccountDir: dir }));
    expect(loaded.server.href).toBe('https://[fd00::1]/');
    expect(loaded.namespace).toBe('pod-ns');
    expect(loaded.origin).toBe('in-cluster');
    expect((await loaded.requestOptions()).headers).toEqual({ authorization: 'Bearer sa-token' });
    expect(podNamespace({ namespace: 'from-kubeconfig' }, dir)).toBe('pod-ns');
    expect(podNamespace({ namespace: 'from-kubeconfig' }, join(dir, 'missing'))).toBe('from-kubeconfig');
    expect(podNamespace({ namespace: undefined }, join(dir, 'missing'))).toBe('default');
  });

  it('names the problem when nothing is configured or the context is missing', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'tandem-home-'));
    await expect(loadKubeConnection({ env: {}, home: empty })).rejects.toThrow('no kubeconfig');
    const path = join(empty, 'other');
    writeFileSync(path, 'apiVersion: v1\nkind: Config\nclusters: []\n');
    await expect(loadKubeConnection({ path })).rejects.toThrow(`no current cluster in the kubeconfig ${path}`);
    await expect(loadKubeConnection({ path: join(empty, 'missing') })).rejects.toThrow(`cannot load the kubeconfig ${join(empty, 'missing')}`);
  });
});

describe('kubeConfigConnection', () => {
  it('builds a new keep-alive agent only when the TLS material changes', async () => {
    const config = new KubeConfig();
    config.loadFromOptions({
      clusters: [{ name: 'c', server: 'https://10.0.0.1', caData: Buffer.from('ca-1').toString('base64') }],
      users: [{ name: 'u', token: 't' }],
      contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
      currentContext: 'x',
    });
    const connection = await track(kubeConfigConnection(config, 'test'));
    const first = (await connection.requestOptions()).agent;
    expect((await connection.requestOptions()).agent).toBe(first);
    (config.getCurrentCluster() as { caData?: string }).caData = Buffer.from('ca-2').toString('base64');
    const second = (await connection.requestOptions()).agent as Agent & { options: { ca: Buffer } };
    expect(second).not.toBe(first);
    expect(second.options.ca.toString()).toBe('ca-2');
  });
});
