import { describe, expect, it } from '@jest/globals';
import { ApiError, type ApiRequest, type ApiRequester } from '../../../operator/kube/controller-api-request.ts';
import { startReflector } from '../../../operator/kube/controller-reflector.ts';
import { createLogger } from '../../../operator/logging/logger.ts';

interface Obj {
  metadata: { name: string; resourceVersion: string };
  value?: number;
}

type WatchScript = (request: ApiRequest, emit: (line: string) => void) => Promise<void>;

/** A fake API server: lists return `items()`; each watch runs the next script. */
function fakeRequester(items: () => Obj[], watches: WatchScript[]): ApiRequester & { lists: number; watchFrom: string[] } {
  const fake = {
    lists: 0,
    watchFrom: [] as string[],
    request: () => Promise.reject(new Error('unused')),
    requestOk: () => {
      fake.lists += 1;
      return Promise.resolve({ items: items(), metadata: { resourceVersion: String(10 * fake.lists) } });
    },
    stream: async (request: ApiRequest, onLine: (line: string) => void) => {
      fake.watchFrom.push(String(request.query?.resourceVersion));
      const script = watches.shift();
      if (script === undefined) {
        await new Promise<void>((resolve) => request.signal?.addEventListener('abort', () => {
          resolve();
        }));
        throw new Error('aborted');
      }
      await script(request, onLine);
    },
    close: () => undefined,
  };
  return fake;
}

const event = (type: string, name: string, resourceVersion: string, value?: number): string =>
  JSON.stringify({ type, object: { metadata: { name, resourceVersion }, value } });

async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(check()).toBe(true);
}

function start(requester: ApiRequester, changes: string[], restarts: string[], silentMs = 60_000) {
  return startReflector<number>({
    requester,
    path: '/x',
    resource: 'things',
    trim: (object) => (object as Obj).value ?? 0,
    keyOf: (object) => (object as Obj).metadata.name,
    onChange: (before, after) => {
      changes.push(`${String(before)}->${String(after)}`);
    },
    logger: createLogger({ level: 'silent' }),
    silentMs,
    backoff: { initialMs: 1, maxMs: 5 },
    onRestart: (reason) => restarts.push(reason),
  });
}

describe('startReflector', () => {
  it('lists, applies watch events, resumes from the last resourceVersion (bookmarks included) when the server ends the watch', async () => {
    const changes: string[] = [];
    const restarts: string[] = [];
    const requester = fakeRequester(
      () => [{ metadata: { name: 'a', resourceVersion: '1' }, value: 1 }],
      [
        (_request, emit) => {
          emit(event('MODIFIED', 'a', '11', 2));
          emit(event('ADDED', 'b', '12', 5));
          emit(JSON.stringify({ type: 'BOOKMARK', object: { metadata: { resourceVersion: '15' } } }));
          return Promise.resolve();
        },
        (_request, emit) => {
          emit(event('DELETED', 'b', '16', 5));
          return Promise.resolve();
        },
      ],
    );
    const reflector = start(requester, changes, restarts);
    await until(() => requester.watchFrom.length >= 3);
    expect(reflector.synced()).toBe(true);
    expect(changes).toEqual(['undefined->1', '1->2', 'undefined->5', '5->undefined']);
    expect(requester.watchFrom).toEqual(['10', '15', '16']);
    expect(requester.lists).toBe(1);
    expect([...reflector.values()]).toEqual([2]);
    await reflector.stop();
  });

  it('relists on 410 Gone and reports what disappeared meanwhile', async () => {
    const changes: string[] = [];
    const restarts: string[] = [];
    let listed = [{ metadata: { name: 'a', resourceVersion: '1' }, value: 1 }, { metadata: { name: 'b', resourceVersion: '1' }, value: 2 }];
    const requester = fakeRequester(() => listed, [
      () => {
        listed = [{ metadata: { name: 'a', resourceVersion: '3' }, value: 7 }];
        return Promise.reject(new ApiError(410, { message: 'too old' }, 'watch'));
      },
    ]);
    const reflector = start(requester, changes, restarts);
    await until(() => requester.lists === 2 && requester.watchFrom.length === 2);
    expect(restarts).toContain('gone');
    expect(changes).toEqual(['undefined->1', 'undefined->2', '2->undefined', '1->7']);
    await reflector.stop();
  });

  it('an ERROR event with code 410 relists too; other failures retry the watch with backoff and keep the cache', async () => {
    const changes: string[] = [];
    const restarts: string[] = [];
    const requester = fakeRequester(() => [{ metadata: { name: 'a', resourceVersion: '1' }, value: 1 }], [
      () => Promise.reject(new Error('connection refused')),
      (_request, emit) => {
        emit(JSON.stringify({ type: 'ERROR', object: { code: 410, message: 'gone' } }));
        return Promise.resolve();
      },
    ]);
    const reflector = start(requester, changes, restarts);
    await until(() => requester.lists === 2 && requester.watchFrom.length === 3);
    expect(restarts.slice(0, 2)).toEqual(['error', 'gone']);
    expect(reflector.get('a')).toBe(1);
    await reflector.stop();
  });

  it('restarts a watch that delivers nothing for silentMs, without relisting', async () => {
    const restarts: string[] = [];
    const requester = fakeRequester(() => [], [
      (request) =>
        new Promise((_resolve, reject) => {
          request.signal?.addEventListener('abort', () => {
            reject(new Error('aborted'));
          });
        }),
    ]);
    const reflector = start(requester, [], restarts, 50);
    await until(() => restarts.includes('silent') && requester.watchFrom.length >= 2);
    expect(requester.lists).toBe(1);
    await reflector.stop();
  });
});
