import { describe, expect, it } from '@jest/globals';
import { createCoalescer, type Clock } from '../../../operator/reloader/coalescer.ts';

/** A manual clock: advance() fires due timers in order. */
function fakeClock(): Clock & { advance(ms: number): Promise<void> } {
  let now = 0;
  let next = 0;
  const timers = new Map<number, { at: number; callback: () => void }>();
  return {
    now: () => now,
    setTimeout: (callback, ms) => {
      next += 1;
      timers.set(next, { at: now + ms, callback });
      return next;
    },
    clearTimeout: (handle) => {
      timers.delete(handle as number);
    },
    advance: async (ms) => {
      const end = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, timer]) => timer.at <= end).sort(([, a], [, b]) => a.at - b.at)[0];
        if (due === undefined) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].callback();
        // Let promise chains settle: they may set new timers.
        await new Promise((resolve) => setImmediate(resolve));
      }
      now = end;
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

function setup(minMs: number, maxMs: number, runMs = 0) {
  const clock = fakeClock();
  const runs: number[] = [];
  const coalescer = createCoalescer({
    minMs,
    maxMs,
    clock,
    run: () => {
      runs.push(clock.now());
      if (runMs === 0) return Promise.resolve();
      return new Promise<void>((resolve) => clock.setTimeout(resolve, runMs));
    },
  });
  return { clock, runs, coalescer };
}

describe('createCoalescer', () => {
  it('runs once, min after the last trigger of a burst', async () => {
    const { clock, runs, coalescer } = setup(100, 1000);
    coalescer.trigger();
    await clock.advance(50);
    coalescer.trigger();
    await clock.advance(50);
    coalescer.trigger();
    await clock.advance(99);
    expect(runs).toEqual([]);
    await clock.advance(1);
    expect(runs).toEqual([200]);
    await clock.advance(1000);
    expect(runs).toEqual([200]);
  });

  it('runs at most max after the first trigger, however long the burst', async () => {
    const { clock, runs, coalescer } = setup(100, 300);
    for (let i = 0; i < 10; i += 1) {
      coalescer.trigger();
      await clock.advance(50);
    }
    // Triggers at 0..450; max caps the first run at 300, the rest form a second burst.
    expect(runs[0]).toBe(300);
    await clock.advance(1000);
    expect(runs).toEqual([300, 550]);
  });

  it('never overlaps runs: a trigger during a run waits for it', async () => {
    const { clock, runs, coalescer } = setup(10, 100, 500);
    coalescer.trigger();
    await clock.advance(10);
    expect(runs).toEqual([10]);
    coalescer.trigger();
    await clock.advance(200);
    expect(runs).toEqual([10]);
    await clock.advance(400);
    // The run ended at 510; the new burst started at 20 so its max (120) has passed: it runs at once.
    expect(runs).toEqual([10, 510]);
  });

  it('flush runs a waiting burst now; stop cancels it', async () => {
    const { clock, runs, coalescer } = setup(100, 1000);
    coalescer.trigger();
    await coalescer.flush();
    expect(runs).toEqual([0]);
    coalescer.trigger();
    await coalescer.stop();
    await clock.advance(2000);
    expect(runs).toEqual([0]);
  });

  it('survives a run that rejects', async () => {
    const clock = fakeClock();
    let calls = 0;
    const coalescer = createCoalescer({ minMs: 1, maxMs: 1, clock, run: () => {
      calls += 1;
      return Promise.reject(new Error('boom'));
    } });
    coalescer.trigger();
    await clock.advance(5);
    coalescer.trigger();
    await clock.advance(5);
    expect(calls).toBe(2);
  });
});
