// The one Kubernetes client, over HTTPS with TLS material from a kubeconfig
// read by client-node (the operator) or by the reloader's own loader.
import { afterEach, describe, expect, it } from '@jest/globals';
import { KubeConfig } from '@kubernetes/client-node';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { KubeApiError } from '../../../operator/kube/kube-api-error.ts';
import { createKubeClient } from '../../../operator/kube/kube-client.ts';
import { kubeConfigConnection } from '../../../operator/kube/kube-config-connection.ts';
import { loadKubeConnection } from '../../../operator/kube/load-kube-connection.ts';
import { createTestCertificate, temporaryDirectory } from '../../support/test-certificate.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface TlsApi {
  readonly port: number;
  readonly caFile: string;
  /** TLS connections accepted so far. */
  connections(): number;
  readonly authorization: (string | undefined)[];
}

/** An HTTPS API server whose certificate names only `san`; answers every request with a small JSON body, or a 403 on /forbidden. */
async function tlsApi(san = 'IP:127.0.0.1'): Promise<TlsApi> {
  const dir = temporaryDirectory('tandem-kube-client-');
  const certificate = createTestCertificate(dir, { subjectAltName: san });
  const authorization: (string | undefined)[] = [];
  let connections = 0;
  const server: Server = createServer({ cert: readFileSync(certificate.certFile), key: readFileSync(certificate.keyFile) }, (request, response) => {
    authorization.push(request.headers.authorization);
    const forbidden = request.url?.startsWith('/forbidden') === true;
    response.writeHead(forbidden ? 403 : 200, { 'content-type': 'application/json' });
    if (!forbidden && request.url?.includes('watch=true') === true) {
      response.write('{"type":"ADDED","object":{"n":1}}\n\n{"type":"ADDED",');
      setTimeout(() => response.end('"object":{"n":2}}'), 20);
      return;
    }
    response.end(JSON.stringify(forbidden ? { kind: 'Status', code: 403, reason: 'Forbidden', message: 'pods is forbidden' } : { path: request.url }));
  });
  server.on('secureConnection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => {
      resolve();
    });
  }));
  return { port: (server.address() as AddressInfo).port, caFile: certificate.certFile, connections: () => connections, authorization };
}

function clientNodeConfig(api: TlsApi, cluster: Record<string, unknown> = {}): KubeConfig {
  const config = new KubeConfig();
  config.loadFromOptions({
    clusters: [{ name: 'c', server: `https://127.0.0.1:${api.port}`, caFile: api.caFile, ...cluster }],
    users: [{ name: 'u', token: 'a-token' }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u', namespace: 'team-a' }],
    currentContext: 'x',
  });
  return config;
}

describe('createKubeClient', () => {
  it('keeps one TLS connection alive for sequential requests (client-node 2.0 opens one per request)', async () => {
    const api = await tlsApi();
    const client = createKubeClient(kubeConfigConnection(clientNodeConfig(api), 'test'));
    cleanups.push(() => {
      client.close();
    });
    for (let index = 0; index < 20; index++) await client.requestOk({ method: 'GET', path: `/api/v1/namespaces/n${index}` });
    expect(api.connections()).toBe(1);
    expect(api.authorization.every((header) => header === 'Bearer a-token')).toBe(true);
  });

  it('answers any status from request(), and a KubeApiError with the Status message from requestOk() and stream()', async () => {
    const api = await tlsApi();
    const client = createKubeClient(kubeConfigConnection(clientNodeConfig(api), 'test'));
    cleanups.push(() => {
      client.close();
    });
    await expect(client.request({ method: 'GET', path: '/forbidden' })).resolves.toMatchObject({ status: 403, body: { reason: 'Forbidden' } });
    const refused = await client.requestOk({ method: 'DELETE', path: '/forbidden/x' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(KubeApiError);
    expect(refused).toMatchObject({ status: 403, reason: 'Forbidden', message: 'DELETE /forbidden/x: HTTP 403: pods is forbidden' });
    await expect(client.stream({ method: 'GET', path: '/forbidden', query: { watch: true } }, () => undefined)).rejects.toThrow('watch /forbidden: HTTP 403: pods is forbidden');
  });

  it('streams lines split across chunks, skips blank ones, and ends the stream with what onLine throws', async () => {
    const api = await tlsApi();
    const client = createKubeClient(kubeConfigConnection(clientNodeConfig(api), 'test'));
    cleanups.push(() => {
      client.close();
    });
    const lines: string[] = [];
    let opened = 0;
    await client.stream({ method: 'GET', path: '/w', query: { watch: true } }, (line) => lines.push(line), () => (opened += 1));
    expect(lines.map((line) => (JSON.parse(line) as { object: { n: number } }).object.n)).toEqual([1, 2]);
    expect(opened).toBe(1);
    await expect(client.stream({ method: 'GET', path: '/w', query: { watch: true } }, () => {
      throw new Error('bad line');
    })).rejects.toThrow('bad line');
  });

  it('sends paths under the server URL\'s own path, as client-node does (a proxy serving clusters under a prefix)', async () => {
    const api = await tlsApi();
    const client = createKubeClient(kubeConfigConnection(clientNodeConfig(api, { server: `https://127.0.0.1:${api.port}/k8s/clusters/c-1/` }), 'test'));
    cleanups.push(() => {
      client.close();
    });
    await expect(client.requestOk({ method: 'GET', path: '/api/v1/pods', query: { limit: 1 } })).resolves.toEqual({ path: '/k8s/clusters/c-1/api/v1/pods?limit=1' });
  });

  it('honours tls-server-name, from client-node and from the reloader loader alike', async () => {
    const api = await tlsApi('DNS:api.internal');
    const withName = createKubeClient(kubeConfigConnection(clientNodeConfig(api, { tlsServerName: 'api.internal' }), 'test'));
    const without = createKubeClient(kubeConfigConnection(clientNodeConfig(api), 'test'));
    const dir = temporaryDirectory('tandem-kubeconfig-');
    const path = join(dir, 'config');
    writeFileSync(path, `apiVersion: v1
kind: Config
current-context: x
clusters: [{ name: c, cluster: { server: "https://127.0.0.1:${api.port}", certificate-authority: ${api.caFile}, tls-server-name: api.internal } }]
users: [{ name: u, user: { token: t } }]
contexts: [{ name: x, context: { cluster: c, user: u } }]
`);
    const light = createKubeClient(await loadKubeConnection({ path }));
    cleanups.push(() => {
      for (const client of [withName, without, light]) client.close();
    });
    await expect(withName.requestOk({ method: 'GET', path: '/version' })).resolves.toEqual({ path: '/version' });
    await expect(light.requestOk({ method: 'GET', path: '/version' })).resolves.toEqual({ path: '/version' });
    await expect(without.requestOk({ method: 'GET', path: '/version' })).rejects.toThrow(/altnames|IP: 127.0.0.1/);
  });
});
