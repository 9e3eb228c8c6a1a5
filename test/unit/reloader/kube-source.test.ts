// The reloader's Kubernetes sources and its ConfigMap configuration feed,
// on the project's reflector, against the fake API server.
import { afterEach, describe, expect, it } from '@jest/globals';
import type { KubeClient } from '../../../operator/kube/kube-client.ts';
import { createLogger } from '../../../operator/logging/logger.ts';
import { configMapFeed } from '../../../operator/reloader/config-map-feed.ts';
import { startKubeSource, type KubeSourceSpec } from '../../../operator/reloader/kube-source.ts';
import type { ConfigSnapshot } from '../../../operator/reloader/reloader-config-feed.ts';
import type { Source } from '../../../operator/reloader/source.ts';
import { startFakeApi } from '../support/fake-api-server.ts';
import { until } from '../../support/wait.ts';

const logger = createLogger({ level: 'silent' });
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const fakeApi = (): ReturnType<typeof startFakeApi> => startFakeApi(cleanups);

function source(client: KubeClient, spec: KubeSourceSpec, changes: string[] = []): Source {
  const started = startKubeSource('s', spec, { onChange: (name) => changes.push(name), onError: () => undefined }, {
    client,
    namespace: 'web',
    logger,
    backoff: { initialMs: 10, maxMs: 20 },
  });
  cleanups.push(() => started.stop());
  return started;
}

const list = (...items: unknown[]) => ({ status: 200, body: { metadata: { resourceVersion: '1' }, items } });

describe('the reloader Kubernetes sources', () => {
  it('a ConfigMap: unhealthy while it does not exist, then its data and binaryData, keys sorted', async () => {
    const { api, client } = await fakeApi();
    const path = '/api/v1/namespaces/web/configmaps';
    api.onList(path, () => list());
    const configMap = source(client, { kind: 'configMap', name: 'settings' });
    await until(() => api.watching(path) === 1, 'the watch');
    expect(configMap.status()).toEqual({ synced: false, healthy: false, error: 'ConfigMap web/settings does not exist' });
    api.push(path, 'ADDED', { metadata: { name: 'settings', namespace: 'web', resourceVersion: '2' }, data: { b: '2', a: '1' }, binaryData: { c: 'AQI=' } });
    await until(() => configMap.status().synced, 'the ConfigMap');
    expect(configMap.value()).toEqual({ a: '1', b: '2', c: 'AQI=' });
    expect(Object.keys(configMap.value() as object)).toEqual(['a', 'b', 'c']);
    expect(configMap.status().healthy).toBe(true);
    expect(api.requestsTo(path, 'list')[0]?.url.searchParams.get('fieldSelector')).toBe('metadata.name=settings');
  });

  it('a Secret in another namespace, decoded', async () => {
    const { api, client } = await fakeApi();
    const path = '/api/v1/namespaces/vault/secrets';
    api.onList(path, () => list({ metadata: { name: 'db', namespace: 'vault', resourceVersion: '1' }, data: { password: Buffer.from('hunter2').toString('base64') } }));
    const secret = source(client, { kind: 'secret', name: 'db', namespace: 'vault' });
    await until(() => secret.status().synced, 'the Secret');
    expect(secret.value()).toEqual({ password: 'hunter2' });
  });

  it('the EndpointSlices of a Service: ready endpoints of every slice, following changes', async () => {
    const { api, client } = await fakeApi();
    const path = '/apis/discovery.k8s.io/v1/namespaces/web/endpointslices';
    const slice = (name: string, ip: string, ready = true) => ({
      metadata: { name, namespace: 'web', resourceVersion: '1' },
      addressType: 'IPv4',
      endpoints: [{ addresses: [ip], conditions: { ready } }],
      ports: [{ name: 'http', port: 8080 }],
    });
    api.onList(path, () => list(slice('web-a', '10.0.0.2'), slice('web-b', '10.0.0.1')));
    const changes: string[] = [];
    const endpoints = source(client, { kind: 'endpointSlices', service: 'web', port: 'http' }, changes);
    await until(() => endpoints.status().synced && api.watching(path) === 1, 'the slices');
    expect(endpoints.value()).toMatchObject([{ address: '10.0.0.1:8080' }, { address: '10.0.0.2:8080' }]);
    expect(changes).toEqual(['s']);
    expect(api.requestsTo(path, 'list')[0]?.url.searchParams.get('labelSelector')).toBe('kubernetes.io/service-name=web');
    api.push(path, 'MODIFIED', slice('web-b', '10.0.0.1', false));
    await until(() => (endpoints.value() as unknown[]).length === 1, 'the unready endpoint to leave');
  });

  it('reports a failing watch and recovers, keeping the last value', async () => {
    const { api, client } = await fakeApi();
    const path = '/api/v1/namespaces/web/configmaps';
    api.onList(path, () => list({ metadata: { name: 'settings', namespace: 'web', resourceVersion: '1' }, data: { a: '1' } }));
    const configMap = source(client, { kind: 'configMap', name: 'settings' });
    await until(() => api.watching(path) === 1, 'the watch');
    api.refuseWatches = 1;
    api.breakWatches(path);
    await until(() => !configMap.status().healthy, 'the failure');
    expect(configMap.value()).toEqual({ a: '1' });
    await until(() => configMap.status().healthy && api.watching(path) === 1, 'the recovery');
  });
});

describe('configMapFeed', () => {
  it('reads the configuration once, then follows it; a missing ConfigMap is a snapshot without text', async () => {
    const { api, client } = await fakeApi();
    const path = '/api/v1/namespaces/web/configmaps';
    let data: Record<string, string> | undefined = { 'reloader.yaml': 'groups: []', 'a.liquid': 'x' };
    api.onList(path, () => (data === undefined ? list() : list({ metadata: { name: 'web-reloader', namespace: 'web', resourceVersion: '1' }, data })));
    const feed = configMapFeed({ client, namespace: 'web', name: 'web-reloader', logger });
    expect(feed.origin).toBe('ConfigMap web/web-reloader');
    await expect(feed.read()).resolves.toEqual({ text: 'groups: []', templates: { 'reloader.yaml': 'groups: []', 'a.liquid': 'x' } });
    const snapshots: ConfigSnapshot[] = [];
    const watch = feed.watch({ onSnapshot: (snapshot) => snapshots.push(snapshot), onError: () => undefined });
    cleanups.push(() => watch.stop());
    await until(() => api.watching(path) === 1, 'the watch');
    api.push(path, 'DELETED', { metadata: { name: 'web-reloader', namespace: 'web', resourceVersion: '2' } });
    await until(() => snapshots.length === 2, 'the deletion');
    expect(snapshots[1]).toEqual({ text: undefined, templates: {}, missing: '(document): ConfigMap web/web-reloader does not exist' });
    data = undefined;
    await expect(feed.read()).resolves.toMatchObject({ text: undefined });
    await api.stop();
    await expect(feed.read()).rejects.toThrow('cannot read the reloader configuration ConfigMap web/web-reloader');
  });
});
