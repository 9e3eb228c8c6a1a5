import { describe, expect, it } from '@jest/globals';
import { WorkQueue } from '../../../operator/controller/work-queue.ts';

describe('WorkQueue', () => {
  it('deduplicates keys and hands them out in order', async () => {
    const queue = new WorkQueue();
    queue.add('a');
    queue.add('b');
    queue.add('a');
    expect(queue.length).toBe(2);
    expect(await queue.get()).toBe('a');
    expect(await queue.get()).toBe('b');
  });

  it('never hands a key to two workers: a key added while processing comes back after done()', async () => {
    const queue = new WorkQueue();
    queue.add('a');
    const key = await queue.get();
    queue.add('a');
    expect(queue.length).toBe(0);
    queue.done(key!);
    expect(queue.length).toBe(1);
    expect(await queue.get()).toBe('a');
  });

  it('wakes a waiting worker, and shutDown() releases waiters with undefined', async () => {
    const queue = new WorkQueue();
    const waiting = queue.get();
    queue.add('x');
    expect(await waiting).toBe('x');
    const idle = queue.get();
    queue.shutDown();
    expect(await idle).toBeUndefined();
  });

  it('backs off exponentially per key until forget()', () => {
    const queue = new WorkQueue({ baseDelayMs: 10, maxDelayMs: 35 });
    expect([1, 2, 3, 4].map(() => queue.addRateLimited('a'))).toEqual([10, 20, 35, 35]);
    queue.forget('a');
    expect(queue.addRateLimited('a')).toBe(10);
    queue.shutDown();
  });

  it('addAfter keeps the earliest pending delay', async () => {
    const queue = new WorkQueue();
    queue.addAfter('a', 5_000);
    queue.addAfter('a', 10);
    const started = Date.now();
    expect(await queue.get()).toBe('a');
    expect(Date.now() - started).toBeLessThan(2_000);
    queue.shutDown();
  });
});
