// The one reflector (watcher + store) against the fake API server: list in
// pages, watch with bookmarks, resume, relist on 410 and ERROR events,
// backoff on failures, silence, trimming, and the single-object variant.
import { afterEach, describe, expect, it } from '@jest/globals';
import type { KubeApiError } from '../../../operator/kube/kube-api-error.ts';
import type { KubeClient } from '../../../operator/kube/kube-client.ts';
import { startReflector, watchObject, type ReflectorOptions } from '../../../operator/kube/reflector.ts';
import type { KubeObject } from '../../../operator/kube/watcher.ts';
import { createLogger } from '../../../operator/logging/logger.ts';
import { json, startFakeApi, watchEvents } from '../support/fake-api-server.ts';
import { until } from '../../support/wait.ts';

const PATH = '/api/v1/namespaces/team-a/configmaps';
const quiet = createLogger({ level: 'silent' });
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const fakeApi = (): ReturnType<typeof startFakeApi> => startFakeApi(cleanups);

const cm = (name: string, resourceVersion: string, greeting: string): KubeObject & { data: { greeting: string } } => ({
  metadata: { name, namespace: 'team-a', resourceVersion },
  data: { greeting },
});
const list = (resourceVersion: string, ...items: unknown[]) => ({ kind: 'ConfigMapList', metadata: { resourceVersion }, items });
const greeting = (object: KubeObject): string => (object as ReturnType<typeof cm>).data.greeting;

function reflect(client: KubeClient, options: Partial<ReflectorOptions<string>> = {}) {
  const changes: string[] = [];
  const restarts: string[] = [];
  const errors: unknown[] = [];
  let stored = 0;
  const reflector = startReflector<string>({
    client,
    path: PATH,
    resource: 'configmaps',
    logger: quiet,
    trim: greeting,
    backoff: { initialMs: 10, maxMs: 40 },
    watchTimeoutSeconds: 30,
    onChange: (before, after) => changes.push(`${String(before)}->${String(after)}`),
    onStoreChanged: () => (stored += 1),
    onRestart: (reason) => restarts.push(reason),
    onError: (error) => errors.push(error),
    ...options,
  });
  cleanups.push(() => reflector.stop());
  return { reflector, changes, restarts, errors, stored: () => stored };
}

describe('startReflector', () => {
  it('lists, watches from the list resourceVersion, follows bookmarks, and resumes from the last one without listing again', async () => {
    const { api, client } = await fakeApi();
    api.onList(PATH, () => ({ status: 200, body: list('10', cm('web', '10', 'hello-1')) }));
    const { reflector, changes, restarts } = reflect(client, { fieldSelector: 'metadata.name=web' });
    await until(() => api.watching(PATH) === 1, 'the first watch');
    expect(reflector.synced()).toBe(true);
    api.push(PATH, 'MODIFIED', cm('web', '11', 'hello-2'));
    api.push(PATH, 'BOOKMARK', { metadata: { resourceVersion: '15' } });
    await until(() => changes.length === 2, 'the change');
    api.endWatches(PATH);
    await until(() => api.requestsTo(PATH, 'watch').length === 2, 'the second watch');

    expect(changes).toEqual(['undefined->hello-1', 'hello-1->hello-2']);
    expect(restarts).toEqual(['closed']);
    expect(api.requestsTo(PATH, 'list')).toHaveLength(1);
    const [listed] = api.requestsTo(PATH, 'list');
    const [first, second] = api.requestsTo(PATH, 'watch').map((request) => request.url.searchParams);
    expect(listed?.url.searchParams.get('fieldSelector')).toBe('metadata.name=web');
    expect(listed?.url.searchParams.get('limit')).toBe('500');
    expect(first?.get('resourceVersion')).toBe('10');
    expect(first?.get('allowWatchBookmarks')).toBe('true');
    expect(first?.get('fieldSelector')).toBe('metadata.name=web');
    expect(Number(first?.get('timeoutSeconds'))).toBeGreaterThanOrEqual(30);
    expect(Number(first?.get('timeoutSeconds'))).toBeLessThanOrEqual(38);
    expect(second?.get('resourceVersion')).toBe('15');
    expect(listed?.headers.authorization).toBe('Bearer not-a-secret');
    expect(reflector.get('team-a/web')).toBe('hello-2');
  });

  it('lists in pages and trims each object as its page arrives', async () => {
    const { api, client } = await fakeApi();
    const trimmedAt: number[] = [];
    api.handle((_request, url, response) => {
      if (url.searchParams.get('watch') === 'true') return false;
      const page = url.searchParams.get('continue') === 'p2' ? 2 : 1;
      // The second page is answered only after the first page's objects were trimmed.
      expect(trimmedAt.length).toBe(page === 1 ? 0 : 2);
      json(response, 200, page === 1
        ? { metadata: { resourceVersion: '5', continue: 'p2' }, items: [cm('a', '1', 'a'), cm('b', '2', 'b')] }
        : { metadata: { resourceVersion: '5' }, items: [cm('c', '3', 'c')] });
      return true;
    });
    const { reflector } = reflect(client, {
      pageSize: 2,
      trim: (object) => {
        trimmedAt.push(Date.now());
        return greeting(object);
      },
    });
    await until(() => reflector.synced(), 'the list');
    expect([...reflector.values()]).toEqual(['a', 'b', 'c']);
    expect(api.requestsTo(PATH, 'list').map((request) => request.url.searchParams.get('limit'))).toEqual(['2', '2']);
  });

  it('lists again at once on 410 (an ERROR event or the status) and reports what the relist no longer has as deleted', async () => {
    const { api, client } = await fakeApi();
    let lists = 0;
    api.onList(PATH, () => {
      lists += 1;
      return { status: 200, body: lists === 1 ? list('100', cm('a', '1', 'a'), cm('b', '2', 'b')) : list(String(lists * 100), cm('a', '3', 'a2')) };
    });
    let watches = 0;
    api.handle((_request, url, response) => {
      if (url.searchParams.get('watch') !== 'true') return false;
      watches += 1;
      if (watches === 1) watchEvents(response, [{ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version' } }], true);
      else if (watches === 2) json(response, 410, { kind: 'Status', code: 410, reason: 'Gone' });
      else return false;
      return true;
    });
    const { changes, restarts, errors, stored } = reflect(client);
    await until(() => api.watching(PATH) === 1, 'the third watch');
    expect(lists).toBe(3);
    expect(restarts).toEqual(['gone', 'gone']);
    expect(errors).toEqual([]);
    expect(changes).toEqual(['undefined->a', 'undefined->b', 'b->undefined', 'a->a2', 'a2->a2']);
    expect(stored()).toBe(3);
    expect(api.requestsTo(PATH, 'watch').at(-1)?.url.searchParams.get('resourceVersion')).toBe('300');
  });

  it('lists again after the backoff on any other ERROR event', async () => {
    const { api, client } = await fakeApi();
    api.onList(PATH, () => ({ status: 200, body: list('1', cm('a', '1', 'a')) }));
    const { errors } = reflect(client);
    await until(() => api.watching(PATH) === 1, 'the watch');
    api.push(PATH, 'ERROR', { kind: 'Status', code: 500, message: 'internal error' });
    await until(() => api.requestsTo(PATH, 'list').length === 2 && api.watching(PATH) === 1, 'the relist');
    expect((errors[0] as Error).message).toContain('internal error');
  });

  it('reports failures, keeps the store, and retries with backoff from the last resourceVersion', async () => {
    const { api, client } = await fakeApi();
    api.onList(PATH, () => ({ status: 200, body: list('7', cm('web', '7', 'hello-1')) }));
    let watches = 0;
    api.handle((_request, url, response) => {
      if (url.searchParams.get('watch') !== 'true') return false;
      watches += 1;
      if (watches === 1) json(response, 500, { kind: 'Status', code: 500, message: 'etcd is sad' });
      else if (watches === 2) response.destroy();
      else return false;
      return true;
    });
    let recovered = 0;
    const { reflector, errors, restarts } = reflect(client, { onRecovered: () => (recovered += 1) });
    // The server holds the third watch before the client has read its answer: wait for both.
    await until(() => api.watching(PATH) === 1 && recovered === 1, 'the third watch');
    expect(errors).toHaveLength(2);
    expect((errors[0] as KubeApiError).status).toBe(500);
    expect((errors[0] as Error).message).toContain('etcd is sad');
    expect(restarts).toEqual(['error', 'error']);
    expect(recovered).toBe(1);
    expect(reflector.get('team-a/web')).toBe('hello-1');
    expect(api.requestsTo(PATH, 'list')).toHaveLength(1);
    expect(api.requestsTo(PATH, 'watch').map((request) => request.url.searchParams.get('resourceVersion'))).toEqual(['7', '7', '7']);
    api.push(PATH, 'DELETED', cm('web', '9', 'hello-1'));
    await until(() => reflector.size === 0, 'the delete');
  });

  it('keeps retrying a failing list, and is not synced until one succeeds', async () => {
    const { api, client } = await fakeApi();
    let lists = 0;
    api.onList(PATH, () => (++lists < 3 ? { status: 403, body: { kind: 'Status', code: 403, message: 'configmaps is forbidden' } } : { status: 200, body: list('1') }));
    const { reflector, errors } = reflect(client);
    await until(() => reflector.synced(), 'the list');
    expect(errors.map((error) => (error as Error).message)).toEqual([
      `GET ${PATH}: HTTP 403: configmaps is forbidden`,
      `GET ${PATH}: HTTP 403: configmaps is forbidden`,
    ]);
  });

  it('replaces a watch that went silent', async () => {
    const { api, client } = await fakeApi();
    api.onList(PATH, () => ({ status: 200, body: list('1') }));
    const { restarts } = reflect(client, { silentMs: 50 });
    await until(() => api.requestsTo(PATH, 'watch').length >= 2, 'a second watch');
    expect(restarts[0]).toBe('silent');
    expect(api.requestsTo(PATH, 'list')).toHaveLength(1);
  });

  it('paces a watch the server ends at once without events', async () => {
    const { api, client } = await fakeApi();
    api.onList(PATH, () => ({ status: 200, body: list('1') }));
    api.handle((_request, url, response) => {
      if (url.searchParams.get('watch') !== 'true') return false;
      watchEvents(response, []);
      return true;
    });
    reflect(client, { backoff: { initialMs: 200, maxMs: 200 } });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(api.requestsTo(PATH, 'watch').length).toBeLessThanOrEqual(4);
  });

  it('stops while a watch is open', async () => {
    const { api, client } = await fakeApi();
    api.onList(PATH, () => ({ status: 200, body: list('1') }));
    const { reflector } = reflect(client);
    await until(() => api.watching(PATH) === 1, 'the watch');
    await reflector.stop();
    await until(() => api.watching(PATH) === 0, 'the watch to close');
  });
});

describe('watchObject', () => {
  it('follows one object by name: undefined while absent, then each version', async () => {
    const { api, client } = await fakeApi();
    api.onList(PATH, () => ({ status: 200, body: list('1') }));
    const seen: (string | undefined)[] = [];
    const watch = watchObject<string>({
      client,
      path: PATH,
      name: 'web',
      resource: 'ConfigMap team-a/web',
      logger: quiet,
      trim: greeting,
      onChange: (value) => seen.push(value),
    });
    cleanups.push(() => watch.stop());
    await until(() => api.watching(PATH) === 1, 'the watch');
    expect(watch.synced()).toBe(true);
    api.push(PATH, 'ADDED', cm('web', '2', 'hello'));
    api.push(PATH, 'DELETED', cm('web', '3', 'hello'));
    await until(() => seen.length === 3, `the delete (seen ${JSON.stringify(seen)})`);
    expect(seen).toEqual([undefined, 'hello', undefined]);
    expect(api.requestsTo(PATH, 'watch')[0]?.url.searchParams.get('fieldSelector')).toBe('metadata.name=web');
  });
});
