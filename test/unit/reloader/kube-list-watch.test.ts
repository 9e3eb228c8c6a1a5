// The reloader's own list+watch client and kubeconfig loading, against a
// fake API server on 127.0.0.1 (plain HTTP; the TLS options are node:https's).
import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKubeAccess, type KubeAccess } from '../../../operator/kube/reloader-kube-access.ts';
import { getJson, KubeApiError, startListWatch, type KubeObject, type RunningListWatch } from '../../../operator/kube/reloader-list-watch.ts';

type Handler = (request: IncomingMessage, url: URL, response: ServerResponse) => void;

interface FakeApi {
  readonly url: string;
  readonly requests: URL[];
  readonly headers: IncomingMessage['headers'][];
  close(): Promise<void>;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function fakeApi(handler: Handler): Promise<FakeApi> {
  const requests: URL[] = [];
  const headers: IncomingMessage['headers'][] = [];
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://fake');
    requests.push(url);
    headers.push(request.headers);
    handler(request, url, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const api: FakeApi = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    headers,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
  cleanups.push(() => api.close());
  return api;
}

function kubeconfig(server: string, user: string, extra = ''): string {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-kubeconfig-'));
  const path = join(dir, 'config');
  writeFileSync(
    path,
    `apiVersion: v1
kind: Config
current-context: test
clusters: [{ name: c, cluster: { server: "${server}" } }]
users: [{ name: u, user: ${user} }]
contexts: [{ name: test, context: { cluster: c, user: u, namespace: team-a } }]
${extra}`,
  );
  return path;
}

async function access(api: FakeApi): Promise<KubeAccess> {
  const loaded = await loadKubeAccess({ path: kubeconfig(api.url, '{ token: secret-token }') });
  cleanups.push(() => {
    loaded.close();
  });
  return loaded;
}

const cm = (name: string, resourceVersion: string, greeting: string): KubeObject & { data: Record<string, string> } => ({
  metadata: { name, namespace: 'team-a', resourceVersion },
  data: { greeting },
});

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/** Writes watch events as lines; ends the response after them unless keepOpen. */
function events(response: ServerResponse, lines: readonly unknown[], keepOpen = false): void {
  response.writeHead(200, { 'content-type': 'application/json' });
  for (const line of lines) response.write(`${JSON.stringify(line)}\n`);
  if (!keepOpen) response.end();
}

async function eventually(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function run(api: KubeAccess, seen: string[][], errors: unknown[] = []): RunningListWatch {
  const running = startListWatch<ReturnType<typeof cm>>({
    access: api,
    path: '/api/v1/namespaces/team-a/configmaps',
    fieldSelector: 'metadata.name=web',
    backoff: { initialMs: 20, maxMs: 50 },
    watchTimeoutSeconds: 30,
    onObjects: (objects) => seen.push(objects.map((object) => object.data.greeting ?? '')),
    onError: (error) => errors.push(error),
  });
  cleanups.push(() => running.stop());
  return running;
}

describe('reloader list+watch', () => {
  it('lists, watches from the list resourceVersion, follows bookmarks, and resumes from the last one', async () => {
    let watches = 0;
    const api = await fakeApi((_request, url, response) => {
      if (url.searchParams.get('watch') !== 'true') {
        json(response, 200, { items: [cm('web', '10', 'hello-1')], metadata: { resourceVersion: '10' } });
        return;
      }
      watches += 1;
      if (watches === 1) events(response, [{ type: 'MODIFIED', object: cm('web', '11', 'hello-2') }, { type: 'BOOKMARK', object: { metadata: { resourceVersion: '15' } } }]);
      else events(response, [], true);
    });
    const seen: string[][] = [];
    run(await access(api), seen);
    await eventually(() => watches >= 2, 'the second watch');
    expect(seen).toEqual([['hello-1'], ['hello-2']]);
    const [list, first, second] = api.requests;
    expect(list?.searchParams.get('fieldSelector')).toBe('metadata.name=web');
    expect(first?.searchParams.get('resourceVersion')).toBe('10');
    expect(first?.searchParams.get('allowWatchBookmarks')).toBe('true');
    expect(first?.searchParams.get('timeoutSeconds')).toBe('30');
    expect(first?.searchParams.get('fieldSelector')).toBe('metadata.name=web');
    // Resumed from the bookmark without a new list.
    expect(second?.searchParams.get('resourceVersion')).toBe('15');
    expect(second?.searchParams.get('watch')).toBe('true');
    expect(api.headers[0]?.authorization).toBe('Bearer secret-token');
  });

  it('lists again when the resourceVersion has expired (410 as an ERROR event or as the status)', async () => {
    let lists = 0;
    let watches = 0;
    const api = await fakeApi((_request, url, response) => {
      if (url.searchParams.get('watch') !== 'true') {
        lists += 1;
        json(response, 200, { items: [cm('web', String(lists * 100), `hello-${lists}`)], metadata: { resourceVersion: String(lists * 100) } });
        return;
      }
      watches += 1;
      if (watches === 1) events(response, [{ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version' } }], true);
      else if (watches === 2) json(response, 410, { kind: 'Status', code: 410, reason: 'Gone' });
      else events(response, [], true);
    });
    const seen: string[][] = [];
    const errors: unknown[] = [];
    run(await access(api), seen, errors);
    await eventually(() => watches >= 3, 'the third watch');
    expect(lists).toBe(3);
    expect(seen).toEqual([['hello-1'], ['hello-2'], ['hello-3']]);
    expect(errors).toEqual([]);
    expect(api.requests.at(-1)?.searchParams.get('resourceVersion')).toBe('300');
  });

  it('reports failures, keeps the objects, and retries with backoff from the last resourceVersion', async () => {
    let watches = 0;
    const api = await fakeApi((_request, url, response) => {
      if (url.searchParams.get('watch') !== 'true') {
        json(response, 200, { items: [cm('web', '7', 'hello-1')], metadata: { resourceVersion: '7' } });
        return;
      }
      watches += 1;
      if (watches === 1) json(response, 500, { kind: 'Status', code: 500, message: 'etcd is sad' });
      else if (watches === 2) response.destroy();
      else events(response, [{ type: 'DELETED', object: cm('web', '9', 'hello-1') }], true);
    });
    const seen: string[][] = [];
    const errors: unknown[] = [];
    let healthy = 0;
    const running = startListWatch<ReturnType<typeof cm>>({
      access: await access(api),
      path: '/api/v1/namespaces/team-a/configmaps',
      backoff: { initialMs: 20, maxMs: 50 },
      onObjects: (objects) => seen.push(objects.map((object) => object.data.greeting ?? '')),
      onError: (error) => errors.push(error),
      onHealthy: () => (healthy += 1),
    });
    cleanups.push(() => running.stop());
    await eventually(() => seen.length === 2, 'the delete');
    expect(seen).toEqual([['hello-1'], []]);
    expect(errors).toHaveLength(2);
    expect((errors[0] as KubeApiError).status).toBe(500);
    expect((errors[0] as Error).message).toContain('etcd is sad');
    expect(healthy).toBe(1);
    // One list only: the retries resumed the watch.
    expect(api.requests.filter((url) => url.searchParams.get('watch') !== 'true')).toHaveLength(1);
    expect(api.requests.slice(1).map((url) => url.searchParams.get('resourceVersion'))).toEqual(['7', '7', '7']);
  });

  it('stops promptly while a watch is open', async () => {
    const api = await fakeApi((_request, url, response) => {
      if (url.searchParams.get('watch') !== 'true') json(response, 200, { items: [], metadata: { resourceVersion: '1' } });
      else events(response, [], true);
    });
    const seen: string[][] = [];
    const running = run(await access(api), seen);
    await eventually(() => api.requests.length === 2, 'the watch');
    const started = Date.now();
    await running.stop();
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('getJson rejects a refusal with the API server message', async () => {
    const api = await fakeApi((_request, _url, response) => {
      json(response, 403, { kind: 'Status', code: 403, reason: 'Forbidden', message: 'configmaps "x" is forbidden' });
    });
    await expect(getJson(await access(api), '/api/v1/namespaces/a/configmaps/x')).rejects.toThrow('GET /api/v1/namespaces/a/configmaps/x: HTTP 403: configmaps "x" is forbidden');
  });
});

describe('reloader kube access', () => {
  it('reads token files for every request, relative to the kubeconfig', async () => {
    const api = await fakeApi((_request, _url, response) => {
      json(response, 200, {});
    });
    const path = kubeconfig(api.url, '{ tokenFile: token }');
    writeFileSync(join(path, '..', 'token'), 'first\n');
    const loaded = await loadKubeAccess({ path });
    cleanups.push(() => {
      loaded.close();
    });
    expect(loaded.namespace).toBe('team-a');
    await getJson(loaded, '/version');
    writeFileSync(join(path, '..', 'token'), 'rotated\n');
    await getJson(loaded, '/version');
    expect(api.headers.map((headers) => headers.authorization)).toEqual(['Bearer first', 'Bearer rotated']);
  });

  it('merges $KUBECONFIG files; the first current-context wins', async () => {
    const first = kubeconfig('http://127.0.0.1:1', '{ token: a }');
    const second = kubeconfig('http://127.0.0.1:2', '{ token: b }');
    const loaded = await loadKubeAccess({ env: { KUBECONFIG: `${second}:${first}` } });
    loaded.close();
    expect(loaded.server.port).toBe('2');
    expect(loaded.origin).toBe(`kubeconfig ${second}:${first}`);
  });

  it('uses the in-cluster service account when there is no kubeconfig', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-sa-'));
    writeFileSync(join(dir, 'ca.crt'), 'not really a CA');
    writeFileSync(join(dir, 'token'), 'sa-token');
    writeFileSync(join(dir, 'namespace'), 'pod-ns\n');
    const loaded = await loadKubeAccess({ env: { KUBERNETES_SERVICE_HOST: 'fd00::1', KUBERNETES_SERVICE_PORT: '443' }, home: dir, serviceAccountDir: dir });
    loaded.close();
    expect(loaded.server.href).toBe('https://[fd00::1]/');
    expect(loaded.namespace).toBe('pod-ns');
    expect(loaded.origin).toBe('in-cluster');
    expect((await loaded.requestOptions()).headers).toEqual({ authorization: 'Bearer sa-token' });
  });

  it('names the problem when nothing is configured or the context is missing', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'tandem-home-'));
    await expect(loadKubeAccess({ env: {}, home: empty })).rejects.toThrow('no kubeconfig');
    const path = kubeconfig('http://127.0.0.1:1', '{ token: a }').replace(/config$/, 'other');
    writeFileSync(path, 'apiVersion: v1\nkind: Config\nclusters: []\n');
    await expect(loadKubeAccess({ path })).rejects.toThrow(`no current cluster in the kubeconfig ${path}`);
    await expect(loadKubeAccess({ path: join(empty, 'missing') })).rejects.toThrow(`cannot load the kubeconfig ${join(empty, 'missing')}`);
  });
});
