import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { Writable } from 'node:stream';
import type { KubeClient } from '../../../operator/kube/kube-client.ts';
import { readServerVersion } from '../../../operator/kube/read-server-version.ts';
import { createLogger } from '../../../operator/logging/logger.ts';
import { startClusterNamespaceSource } from '../../../operator/webhook/cluster-namespace-source.ts';
import { startClusterSidecarSetSource } from '../../../operator/webhook/cluster-sidecar-set-source.ts';
import { FakeApiServer } from '../support/fake-api-server.ts';
import { until } from '../../support/wait.ts';
import { proxySet } from './support/sidecar-sets.ts';

const SETS = '/apis/tandem.dev/v1alpha1/sidecarsets';
const NAMESPACES = '/api/v1/namespaces';
const backoff = { initialMs: 20, maxMs: 100 };

/** A SidecarSet as the API server returns it: server-set metadata and status included. */
function stored(name: string, resourceVersion: string, spec: object = proxySet.spec): object {
  return {
    apiVersion: 'tandem.dev/v1alpha1',
    kind: 'SidecarSet',
    metadata: {
      name,
      uid: `uid-${name}`,
      resourceVersion,
      generation: 1,
      creationTimestamp: '2026-11-20T10:00:00Z',
      managedFields: [{ manager: 'kubectl', operation: 'Apply', apiVersion: 'tandem.dev/v1alpha1', fieldsType: 'FieldsV1', fieldsV1: {} }],
    },
    spec,
    status: { observedGeneration: 1, matchedPods: 3 },
  };
}

// Refused by the OpenAPI schema (a selector must be an object). Sets read from the
// cluster are not re-checked against the CEL rules: the apiserver enforced them.
const invalidSpec = { selector: 'every pod', containers: [{ name: 'proxy', image: 'proxy:1' }] };
const celOnlyInvalidSpec = { selector: {}, containers: [] };

let api: FakeApiServer;
let client: KubeClient;
let logs: Record<string, unknown>[];
let logger: ReturnType<typeof createLogger>;
const stops: (() => Promise<void>)[] = [];

beforeEach(async () => {
  api = await new FakeApiServer().start();
  client = api.client();
  logs = [];
  logger = createLogger({
    level: 'debug',
    destination: new Writable({
      write(chunk: Buffer, _encoding, callback) {
        for (const line of chunk.toString().split('\n')) if (line !== '') logs.push(JSON.parse(line) as Record<string, unknown>);
        callback();
      },
    }),
  });
});

afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
  client.close();
  await api.stop();
});

describe('cluster SidecarSet source', () => {
  it('restarts after a failed list, then serves only the valid sets', async () => {
    let calls = 0;
    api.onList(SETS, () =>
      ++calls === 1
        ? { status: 500, body: { kind: 'Status', code: 500, message: 'etcd unavailable' } }
        : {
            status: 200,
            body: { kind: 'SidecarSetList', metadata: { resourceVersion: '7' }, items: [stored('proxy', '5'), stored('broken', '6', invalidSpec), stored('predates-a-rule', '7', celOnlyInvalidSpec)] },
          },
    );
    const source = startClusterSidecarSetSource({ client, logger, backoff });
    stops.push(() => source.stop());
    expect(source.synced()).toBe(false);
    await until(() => source.synced());

    expect(calls).toBe(2);
    expect(source.list().map((set) => set.metadata?.name)).toEqual(['proxy', 'predates-a-rule']);
    // Defaults from the CRD were applied, as the apiserver would have.
    expect(source.list()[0]?.spec.injectionPolicy).toBe('OptIn');
    expect(logs.some((log) => log.level === 'warn' && log.watch === 'sidecarsets' && String(log.msg).includes('watching sidecarsets failed'))).toBe(true);
    expect(logs.find((log) => log.sidecarSet === 'broken')).toMatchObject({ level: 'error', resourceVersion: '6' });
  });

  it('follows watch events: added, changed to invalid, deleted', async () => {
    api.onList(SETS, () => ({ status: 200, body: { kind: 'SidecarSetList', metadata: { resourceVersion: '1' }, items: [] } }));
    const source = startClusterSidecarSetSource({ client, logger, backoff });
    stops.push(() => source.stop());
    await until(() => source.synced() && api.watching(SETS) === 1);
    const names = () => source.list().map((set) => set.metadata?.name);

    api.push(SETS, 'ADDED', stored('proxy', '2'));
    api.push(SETS, 'ADDED', stored('other', '3'));
    await until(() => names().length === 2);
    const before = source.list();
    expect(source.list()).toBe(before); // cached between changes

    api.push(SETS, 'MODIFIED', stored('other', '4', invalidSpec));
    await until(() => names().length === 1);
    expect(names()).toEqual(['proxy']);

    api.push(SETS, 'DELETED', stored('proxy', '5'));
    await until(() => names().length === 0);
  });

  it('keeps serving its cache and comes back when the watch breaks and is refused', async () => {
    api.onList(SETS, () => ({ status: 200, body: { kind: 'SidecarSetList', metadata: { resourceVersion: '1' }, items: [stored('proxy', '1')] } }));
    const source = startClusterSidecarSetSource({ client, logger, backoff });
    stops.push(() => source.stop());
    await until(() => source.synced() && api.watching(SETS) === 1);

    api.refuseWatches = 2;
    api.breakWatches(SETS);
    await until(() => api.watching(SETS) === 1 && api.refuseWatches === 0);
    expect(source.synced()).toBe(true);
    expect(source.list().map((set) => set.metadata?.name)).toEqual(['proxy']);
    expect(logs.some((log) => log.level === 'warn' && String(log.msg).includes('keeping what was read and retrying'))).toBe(true);
    api.push(SETS, 'ADDED', stored('late', '2'));
    await until(() => source.list().length === 2);
  });
});

describe('what the controller reads from the same source', () => {
  it('get() gives the valid set by name, and subscribers hear the name of every set that changed', async () => {
    api.onList(SETS, () => ({ status: 200, body: { kind: 'SidecarSetList', metadata: { resourceVersion: '1' }, items: [stored('proxy', '1')] } }));
    const source = startClusterSidecarSetSource({ client, logger, backoff });
    stops.push(() => source.stop());
    const heard: string[] = [];
    const unsubscribe = source.subscribe((name) => heard.push(name));
    await until(() => source.synced() && api.watching(SETS) === 1);
    expect(source.get('proxy')).toBe(source.list()[0]);
    api.push(SETS, 'MODIFIED', stored('proxy', '2', invalidSpec));
    await until(() => heard.length === 2);
    expect(source.get('proxy')).toBeUndefined();
    unsubscribe();
    api.push(SETS, 'DELETED', stored('proxy', '3'));
    api.push(SETS, 'ADDED', stored('other', '4'));
    await until(() => source.get('other') !== undefined);
    expect(heard).toEqual(['proxy', 'proxy']);
  });

  it('namespace subscribers hear only label changes', async () => {
    api.onList(NAMESPACES, () => ({ status: 200, body: { kind: 'NamespaceList', metadata: { resourceVersion: '1' }, items: [{ metadata: { name: 'shop', resourceVersion: '1', labels: { a: '1' } } }] } }));
    const source = startClusterNamespaceSource({ client, logger, backoff });
    stops.push(() => source.stop());
    const heard: string[] = [];
    source.subscribe((name) => heard.push(name));
    await until(() => source.synced() && api.watching(NAMESPACES) === 1);
    api.push(NAMESPACES, 'MODIFIED', { metadata: { name: 'shop', resourceVersion: '2', labels: { a: '1' }, annotations: { x: 'y' } } });
    api.push(NAMESPACES, 'MODIFIED', { metadata: { name: 'shop', resourceVersion: '3', labels: { a: '2' } } });
    await until(() => source.labelsOf('shop')?.a === '2');
    expect(heard).toEqual(['shop', 'shop']);
  });
});

describe('cluster namespace source', () => {
  it('keeps the labels of every namespace up to date', async () => {
    api.onList(NAMESPACES, () => ({
      status: 200,
      body: {
        kind: 'NamespaceList',
        apiVersion: 'v1',
        metadata: { resourceVersion: '10' },
        items: [{ metadata: { name: 'shop', resourceVersion: '9', labels: { 'tandem.dev/injection': 'enabled' } } }],
      },
    }));
    const source = startClusterNamespaceSource({ client, logger, backoff });
    stops.push(() => source.stop());
    await until(() => source.synced() && api.watching(NAMESPACES) === 1);
    expect(source.labelsOf('shop')).toEqual({ 'tandem.dev/injection': 'enabled' });
    expect(source.labelsOf('new')).toBeUndefined();

    api.push(NAMESPACES, 'ADDED', { metadata: { name: 'new', resourceVersion: '11' } });
    await until(() => source.labelsOf('new') !== undefined);
    expect(source.labelsOf('new')).toEqual({});
    api.push(NAMESPACES, 'DELETED', { metadata: { name: 'shop', resourceVersion: '12' } });
    await until(() => source.labelsOf('shop') === undefined);
  });

  it('lets a pod wait for a namespace newer than the cache', async () => {
    api.onList(NAMESPACES, () => ({ status: 200, body: { kind: 'NamespaceList', metadata: { resourceVersion: '1' }, items: [] } }));
    const source = startClusterNamespaceSource({ client, logger, backoff });
    stops.push(() => source.stop());
    await until(() => source.synced() && api.watching(NAMESPACES) === 1);

    const waiting = source.waitFor('fresh', 2000);
    setTimeout(() => {
      api.push(NAMESPACES, 'ADDED', { metadata: { name: 'fresh', resourceVersion: '2', labels: { 'tandem.dev/injection': 'enabled' } } });
    }, 30);
    await expect(waiting).resolves.toEqual({ 'tandem.dev/injection': 'enabled' });
    await expect(source.waitFor('fresh', 10)).resolves.toEqual({ 'tandem.dev/injection': 'enabled' });
    await expect(source.waitFor('never', 30)).resolves.toBeUndefined();
  });
});

describe('readServerVersion', () => {
  it.each([
    [{ major: '1', minor: '30+', gitVersion: 'v1.30.2-eks-1552ad0' }, { major: 1, minor: 30 }],
    [{ major: '1', minor: '28', gitVersion: 'weird' }, { major: 1, minor: 28 }],
  ])('reads %j', async (info, expected) => {
    api.onList('/version', () => ({ status: 200, body: info }));
    await expect(readServerVersion(client)).resolves.toEqual(expected);
  });

  it('throws when the server is unreachable', async () => {
    await api.stop();
    await expect(readServerVersion(client)).rejects.toThrow();
    api = await new FakeApiServer().start();
  });
});
